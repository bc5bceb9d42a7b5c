/** Who may do what in classification (PLT-03): every route's roles come from here. */

/** Admission at the gate (CLS-03, Art. 25). */
export const ADMITTING_ROLES = ['director', 'deputy_director', 'legal', 'guard_commander', 'gate_officer'] as const;

/** Who keeps the notifier's directory of authorities (CLS-08, 17, 20, 21). */
export const RECIPIENT_ADMINS = ['director', 'info_systems', 'dg'] as const;

/** Who reads what was notified and how its delivery went. */
export const NOTIFICATION_READERS = ['director', 'deputy_director', 'legal', 'info_systems', 'regional_director', 'dg', 'auditor'] as const;
