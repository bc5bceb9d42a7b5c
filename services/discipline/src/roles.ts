/** Who may do what in discipline (PLT-03): every route's roles come from here. */

/** The staff who work with discipline and read its directory of PPL. */
export const DISCIPLINE_STAFF = [
  'dg',
  'regional_director',
  'director',
  'deputy_director',
  'legal',
  'investigator',
  'council_member',
  'treatment_officer',
  'guard_commander',
  'auditor',
] as const;

// The Disciplinary Council (DIS-11, DIS-12).
/** The Director sets the council's composition and names its secretary (Art. 135). */
export const COUNCIL_SETTERS = ['director'] as const;
/** Who reads the council, its sessions and actas. */
export const COUNCIL_READERS = ['director', 'deputy_director', 'legal', 'council_member', 'dg', 'auditor'] as const;
/** Who opens a session: the secretary (a council member), the Director or the legal head. */
export const COUNCIL_CONVENERS = ['director', 'legal', 'council_member'] as const;
/** Who records the council's decisions in session: its secretary or president. */
export const COUNCIL_RECORDERS = ['director', 'council_member'] as const;

// Incentives (DIS-16).
/** Only the Director grants an incentive (Art. 149). */
export const INCENTIVE_GRANTERS = ['director'] as const;
/** The treatment officer gives the opinion the grant needs. */
export const TREATMENT_OPINERS = ['treatment_officer'] as const;
