/** Who may do what in visits (PLT-03): every route's roles come from here. */

/** The staff who work with visits and read the visits side's directory of PPL and units. */
export const VISITS_STAFF = [
  'dg',
  'regional_director',
  'director',
  'deputy_director',
  'visits_officer',
  'gate_officer',
  'guard_commander',
  'social_worker',
  'legal',
  'auditor',
] as const;

/** The establishment sets its regime and each unit's session (VIS-01, VIS-03, Art. 65). */
export const REGIME_SETTERS = ['director', 'deputy_director'] as const;
/** A change of regime takes effect once the DG approves it (VIS-01, Art. 8). */
export const REGIME_APPROVERS = ['dg'] as const;

/** The visits office registers visitors and keeps each PPL's authorised list (VIS-05, VIS-06). */
export const VISITOR_KEEPERS = ['visits_officer', 'director', 'deputy_director', 'social_worker'] as const;
/** Who may see a visitor's identity (PLT-06): the visits office and the gate that checks it (VIS-19); every read audited. */
export const IDENTITY_READERS = ['visits_officer', 'gate_officer', 'director', 'deputy_director'] as const;
/** Bans with reason and term (VIS-05). */
export const BANNERS = ['director', 'deputy_director', 'guard_commander'] as const;
/** The Fiscalía's authorisation for visits to a PPL held for extradition (VIS-07). */
export const EXTRADITION_RECORDERS = ['legal', 'director', 'visits_officer'] as const;
/** The visits office takes and cancels bookings (VIS-08 … VIS-10). */
export const BOOKERS = ['visits_officer', 'director', 'deputy_director'] as const;
