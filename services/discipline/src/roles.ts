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
