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
