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

// Complaints (DIS-19)
/** Who receives a complaint and sends it on (Art. 142): the Director's office and the legal area. */
export const COMPLAINT_RECEIVERS = ['director', 'deputy_director', 'legal', 'guard_commander'] as const;
/** The judicial-police officers (investigators) record their written report to the prosecutor (Art. 142 §2–3). */
export const JUDICIAL_POLICE = ['investigator', 'legal'] as const;
/** Who reads the complainant and the account (PLT-06): the Director and the legal area, every read audited. */
export const COMPLAINT_CONFIDENTIAL_READERS = ['director', 'legal'] as const;
/** Who watches the deadlines. */
export const COMPLAINT_READERS = ['dg', 'regional_director', 'director', 'deputy_director', 'legal', 'investigator', 'auditor'] as const;
