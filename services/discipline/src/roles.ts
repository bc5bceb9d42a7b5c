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

// Conduct (DIS-13 … DIS-15, DIS-17)
/** Who asks the service to propose a quarter's ratings (the Council's secretary and officers, the treatment office). */
export const CONDUCT_PROPOSERS = ['director', 'deputy_director', 'legal', 'council_member', 'treatment_officer'] as const;
/** Who records the Council's decision on the ratings in session. */
export const CONDUCT_COUNCIL = ['director', 'council_member'] as const;
/** Who issues conduct certificates and opinions for the judge (Art. 136.6, 136.8). */
export const CERTIFICATE_ISSUERS = ['director', 'legal'] as const;
// The JETEE and sentence redemption (DIS-20 … DIS-24).
/** Constitute the board and record its sessions, orders and evaluations: the Director and the board's members. */
export const JETEE_SECRETARIES = ['director', 'deputy_director', 'treatment_officer'] as const;
/** Read the JETEE's board, sessions, programmes, hours and redemption accounts. */
export const JETEE_READERS = [
  'dg',
  'regional_director',
  'director',
  'deputy_director',
  'treatment_officer',
  'guard_commander',
  'legal',
  'auditor',
] as const;
/** The programme's officer records each PPL's hours (DIS-22). */
export const HOURS_OFFICERS = ['treatment_officer', 'guard_commander'] as const;
/** The Director issues certificates of computed time and records the judge's decision (DIS-24). */
export const CERTIFIERS = ['director', 'legal'] as const;
// Complaints (DIS-19)
/** Who receives a complaint and sends it on (Art. 142): the Director's office and the legal area. */
export const COMPLAINT_RECEIVERS = ['director', 'deputy_director', 'legal', 'guard_commander'] as const;
/** The judicial-police officers (investigators) record their written report to the prosecutor (Art. 142 §2–3). */
export const JUDICIAL_POLICE = ['investigator', 'legal'] as const;
/** Who reads the complainant and the account (PLT-06): the Director and the legal area, every read audited. */
export const COMPLAINT_CONFIDENTIAL_READERS = ['director', 'legal'] as const;
/** Who watches the deadlines. */
export const COMPLAINT_READERS = ['dg', 'regional_director', 'director', 'deputy_director', 'legal', 'investigator', 'auditor'] as const;
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
// Lists: council sessions, incentives, own-food requests, complaints (DIS-12, DIS-16, DIS-18, DIS-19).
/** Who reads the incentives granted: the council's readers and the treatment office that gave its opinion. */
export const INCENTIVE_READERS = [...COUNCIL_READERS, 'treatment_officer'] as const;
