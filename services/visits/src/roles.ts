import type { Role } from '@eron/shared';

/** Who may do what in visits (PLT-03): every route's roles come from here. */

// Intimate visits (VIS-11 … VIS-13): confidential (Art. 72 §) — only the roles that handle them.
/** The visits office and social work receive the PPL's written request. */
export const INTIMATE_FILERS: Role[] = ['visits_officer', 'social_worker', 'legal'];
/** The Director answers (Art. 71). */
export const INTIMATE_DECIDERS: Role[] = ['director', 'deputy_director'];
/** Who reads a whole request, visitor and partner included (audited), and the monthly minimum. */
export const INTIMATE_READERS: Role[] = ['director', 'deputy_director', 'visits_officer', 'social_worker'];
/** Lists carry status and dates only: also the regional director and the auditor, who watch the deadline. */
export const INTIMATE_LISTERS: Role[] = [...INTIMATE_READERS, 'regional_director', 'auditor'];
export const INTIMATE_VISIT_GIVERS: Role[] = ['visits_officer', 'director', 'deputy_director'];

// Lawyers (VIS-14)
export const LAWYER_REGISTRARS: Role[] = ['visits_officer', 'gate_officer', 'legal'];
/** The PPL's written authorisation is received by the visits office or the legal area. */
export const LAWYER_AUTHORISERS: Role[] = ['visits_officer', 'legal'];
export const LAWYER_BOOKERS: Role[] = ['visits_officer', 'legal'];
export const LAWYER_GATE: Role[] = ['gate_officer', 'guard_commander'];
export const LAWYER_VISIT_READERS: Role[] = [
  'visits_officer',
  'legal',
  'gate_officer',
  'guard_commander',
  'director',
  'deputy_director',
  'auditor',
];
/** Whoever might try to attach monitoring — every attempt is refused (Art. 61). */
export const MONITORS: Role[] = ['info_systems', 'investigator', 'guard_commander', 'director', 'deputy_director'];

// Official visits (VIS-15)
export const OFFICIAL_RECORDERS: Role[] = ['gate_officer', 'visits_officer', 'guard_commander', 'director', 'deputy_director'];
/** Custody records the place a night inspection could not enter (Art. 75 §). */
export const NIGHT_INSPECTION_RECORDERS: Role[] = ['guard_commander', 'gate_officer', 'director', 'deputy_director'];
export const OFFICIAL_READERS: Role[] = [...OFFICIAL_RECORDERS, 'regional_director', 'dg', 'auditor'];
