import { STAFF_ROLES, type ConfidentialSection, type Role } from '@eron/shared';

/** Who may do what in classification (PLT-03): every route's roles come from here. */

/** Everyone on staff may read the structure, the board's actas, occupancy and roll calls. */
export const STAFF_READERS = STAFF_ROLES;

// Structure (CLS-01, CLS-02)
/** Everyone on staff may read the structure; only the DG shapes it (CLS-01, CLS-02). */
export const STRUCTURE_READERS = STAFF_ROLES;
/**
 * Who may ask to shape the structure: the DG decides (CLS-01, CLS-02); directors asking get the
 * rule that says so rather than a bare "forbidden".
 */
export const SHAPERS = ['dg', 'regional_director', 'director', 'deputy_director'] as const;
/** Cells and their places are the establishment's own (the Director), or the DG's. */
export const CELL_KEEPERS = ['director', 'deputy_director', 'dg'] as const;

// Admission and the register (CLS-03 … CLS-05, CLS-10)
/** Admission at the gate (CLS-03, Art. 25). */
export const ADMITTING_ROLES = ['director', 'deputy_director', 'legal', 'guard_commander', 'gate_officer'] as const;
/** The paymaster receives the cash found at intake (CLS-10, Art. 28). */
export const INTAKE_CASH_RECEIVERS = ['paymaster'] as const;
export const PPL_READERS = [
  'dg',
  'regional_director',
  'director',
  'deputy_director',
  'legal',
  'guard_commander',
  'gate_officer',
  'visits_officer',
  'social_worker',
  'treatment_officer',
  'council_member',
  'paymaster',
  'auditor',
  'info_systems',
] as const;

// The record (CLS-06 … CLS-09)
/** The general part is read by the staff who read the register, and by health (reasonable adjustments). */
export const RECORD_READERS = [...PPL_READERS, 'health'] as const;
/** Art. 26 data is gathered at intake by the legal area and social work, under the Director. */
export const RECORD_WRITERS = ['director', 'deputy_director', 'legal', 'social_worker'] as const;
/**
 * Who reads and writes each confidential section (CLS-07, Art. 26 §1): health data only the
 * health area; orientation, gender and nombre identitario the social worker/psychologist and the
 * Director (protection space, Art. 36 §4); children's identity also the legal area (filiation,
 * ICBF, Art. 31).
 */
export const CONFIDENTIAL_ACCESS: Record<ConfidentialSection, readonly Role[]> = {
  identity: ['social_worker', 'director'],
  health: ['health'],
  children: ['social_worker', 'director', 'legal'],
};
export const CONFIDENTIAL_ROLES = [...new Set(Object.values(CONFIDENTIAL_ACCESS).flat())];

// The patio/cell board (CLS-11 … CLS-18)
/** The patio/cell board (JAPC, Art. 141): the Director presides; legal, health, the guard commander and social work sit on it. */
export const BOARD_MEMBERS = ['director', 'deputy_director', 'legal', 'health', 'guard_commander', 'social_worker'] as const;
/** The board's members, and the DG who places by an act of their own (CLS-15). */
export const PLACERS = [...BOARD_MEMBERS, 'dg'] as const;
export const INDUCTORS = ['director', 'deputy_director', 'legal', 'guard_commander', 'social_worker', 'treatment_officer'] as const;
/** The Director (or the deputy) presides and opens the session (Art. 141). */
export const PRESIDING = ['director', 'deputy_director'] as const;

// Mothers with children under three (CLS-17)
export const CHILD_REQUESTERS: Role[] = ['social_worker', 'legal'];
export const CHILD_DECIDERS: Role[] = ['director', 'dg'];
export const CHILD_READERS: Role[] = ['director', 'deputy_director', 'legal', 'social_worker', 'health', 'dg'];
export const CHILD_ALERTED: Role[] = [...CHILD_READERS, 'regional_director', 'guard_commander'];

// Roll calls (CLS-19)
/** Custody staff take the roll calls (Art. 16). */
export const COUNTERS = ['guard_commander', 'director', 'deputy_director'] as const;

// Transfers (CLS-20)
export const TRANSFER_ORDERERS = ['dg', 'regional_director'] as const;
/** Custody at origin dispatches; at destination the gate receives (CLS-20). */
export const ESCORTS = ['director', 'deputy_director', 'guard_commander'] as const;
export const RECEIVERS = ['director', 'deputy_director', 'guard_commander', 'gate_officer'] as const;
export const TRANSFER_READERS = ['dg', 'regional_director', ...RECEIVERS, 'legal', 'auditor'] as const;

// Exits (CLS-21)
/** The Director (or deputy), the legal office and the guard commander record exits (CLS-21). */
export const EXIT_RECORDERS = ['director', 'deputy_director', 'legal', 'guard_commander'] as const;
export const EXIT_READERS = ['dg', 'regional_director', ...EXIT_RECORDERS, 'auditor', 'investigator'] as const;

// Treatment (CLS-22)
/** The CET (Art. 139) decides; the other staff read. */
export const CET = ['treatment_officer'] as const;
export const TREATMENT_READERS = [
  'dg',
  'regional_director',
  'director',
  'deputy_director',
  'legal',
  'treatment_officer',
  'council_member',
  'auditor',
] as const;

// Legal situation (CLS-06)
/** The legal office records a conviction becoming firm, under the Director. */
export const LEGAL_STATUS_RECORDERS = ['director', 'deputy_director', 'legal'] as const;
export const LEGAL_STATUS_READERS = PPL_READERS;

/** Who keeps the notifier's directory of authorities (CLS-08, 17, 20, 21). */
export const RECIPIENT_ADMINS = ['director', 'info_systems', 'dg'] as const;

/** Who reads what was notified and how its delivery went. */
export const NOTIFICATION_READERS = ['director', 'deputy_director', 'legal', 'info_systems', 'regional_director', 'dg', 'auditor'] as const;

/**
 * Who reads each reserved section of the history of the stay (CLS-06, Art. 25 §2): the readers of
 * the capability it comes from; the admission and the placements go to every reader of the record.
 */
export const STAY_ACCESS = {
  transfers: TRANSFER_READERS,
  evaluations: TREATMENT_READERS,
  exits: EXIT_READERS,
  notices: NOTIFICATION_READERS,
} as const satisfies Record<string, readonly Role[]>;
