/** Who may do what in classification (PLT-03): every route's roles come from here. */

/** Admission at the gate (CLS-03, Art. 25). */
export const ADMITTING_ROLES = ['director', 'deputy_director', 'legal', 'guard_commander', 'gate_officer'] as const;
