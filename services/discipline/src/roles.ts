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

// Offences, cases, sanctions and appeals (DIS-01 … DIS-10)
/** The catalogue of offences is public to all discipline staff (DIS-01). */
export const CATALOGUE_READERS = DISCIPLINE_STAFF;
/** Anyone on duty may report facts: custody, investigations, the directors (DIS-04). */
export const CASE_REPORTERS = ['guard_commander', 'investigator', 'director', 'deputy_director', 'legal'] as const;
/** Who instructs a case (DIS-03, Art. 135): the investigations officer a leve, the deputy director a grave. */
export const CASE_INSTRUCTORS = ['investigator', 'deputy_director'] as const;
/** Who decides (DIS-03): the Director a leve; the Council's group one a grave (its members, the Director presiding). */
export const CASE_DECIDERS = ['director', 'council_member'] as const;
export const CASE_READERS = [...CASE_REPORTERS, 'council_member', 'regional_director', 'dg', 'auditor'] as const;
/** Appeals are received by the legal area, the investigations office or the directors (DIS-07). */
export const APPEAL_RECEIVERS = ['legal', 'investigator', 'director', 'deputy_director'] as const;
/** The Director sets the establishment's appeal term and runs the firmness check (DIS-07, DIS-08). */
export const APPEAL_TERM_SETTERS = ['director'] as const;
/** The Director or the Council suspend a sanction conditionally (DIS-09, Art. 152). */
export const SANCTION_SUSPENDERS = ['director', 'council_member'] as const;
/** Only the DG revokes an offence's qualification or a sanction (DIS-10, Art. 149 §). */
export const SANCTION_REVOKERS = ['dg'] as const;
