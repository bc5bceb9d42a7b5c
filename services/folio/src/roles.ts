/** Who may do what in folio (PLT-03): every route's roles come from here. */
import { STAFF_ROLES } from '@eron/shared';

/** A PPL's Folio: balances, caps, statement, what the exit left owed (FOL-01, FOL-07, FOL-14, FOL-16). */
export const ACCOUNT_READERS = [
  'paymaster',
  'director',
  'deputy_director',
  'shop_clerk',
  'auditor',
  'dg',
  'regional_director',
  'info_systems',
] as const;

/** The caps in force (FOL-03): national figures, read by whoever applies them. */
export const LIMIT_READERS = ['dg', 'regional_director', 'director', 'paymaster', 'auditor', 'shop_clerk'] as const;
/** Only the DG sets another cap figure (FOL-03, Arts. 40 §1, 41). */
export const LIMIT_SETTERS = ['dg'] as const;

/** Manage a PPL's depositors and see their names; every such read is audited (FOL-05, PLT-06). */
export const DEPOSITOR_MANAGERS = ['paymaster', 'director'] as const;
export const DEPOSITOR_READERS = [...DEPOSITOR_MANAGERS, 'deputy_director', 'auditor'] as const;
/** The bank's signed notices (FOL-06 a): a machine client. */
export const DEPOSIT_NOTIFIERS = ['bank'] as const;
/** The bank's Asobancaria files (FOL-06 b). */
export const FILE_UPLOADERS = ['paymaster', 'info_systems'] as const;
export const FILE_READERS = ['paymaster', 'info_systems', 'director', 'deputy_director', 'auditor', 'dg'] as const;
/** A second officer releases a staff-uploaded file's lines (FOL-06 b); the DG for those held for the national office. */
export const FILE_APPROVERS = ['paymaster', 'director', 'dg'] as const;
/** Deposits held for review, resolved once (FOL-06). */
export const DEPOSIT_REVIEWERS = ['paymaster', 'director'] as const;
/** The bank reconciliation by day (FOL-17, deposits part). */
export const RECONCILIATION_READERS = ['paymaster', 'director', 'deputy_director', 'auditor', 'dg', 'regional_director'] as const;

/** The shop (FOL-09, Arts. 124–130). */
export const SHOP_SETTERS = ['director'] as const;
export const PRODUCT_READERS = STAFF_ROLES;
export const PRODUCT_EDITORS = ['director', 'deputy_director', 'shop_clerk'] as const;
export const SHOP_MONTH_READERS = ['director', 'deputy_director', 'paymaster', 'shop_clerk', 'auditor', 'dg', 'regional_director'] as const;
export const SHOP_MONTH_CLOSERS = ['director', 'paymaster'] as const;
/** Uses of the Folio (FOL-07 … FOL-10). */
export const SELLERS = ['shop_clerk'] as const;
export const WITHDRAWERS = ['paymaster'] as const;
export const REVERSERS = ['paymaster', 'director'] as const;
export const PHONE_SELLERS = ['shop_clerk', 'paymaster'] as const;

/** Income (FOL-11, FOL-12) and what an exit leaves owed (FOL-14, FOL-15). */
export const SAVINGS_RECORDERS = ['paymaster', 'director', 'deputy_director'] as const;
export const WORK_PAYERS = ['paymaster'] as const;
export const SEIZURE_RECORDERS = ['paymaster', 'director'] as const;
export const PAYOUT_PAYERS = ['paymaster'] as const;
export const SMALL_REMAINDER_APPROVERS = ['director'] as const;
export const SETTLEMENT_PAYERS = ['paymaster'] as const;
/** Record whom the PPL authorised to receive the settled balance (FOL-15); every read is audited. */
export const BENEFICIARY_MANAGERS = ['paymaster', 'director'] as const;
export const BENEFICIARY_READERS = [...BENEFICIARY_MANAGERS, 'deputy_director', 'auditor'] as const;

/** The establishment's money reports and the shop's accounts (FOL-17). */
export const REPORT_READERS = ['director', 'deputy_director', 'paymaster', 'auditor', 'dg', 'regional_director'] as const;
export const SHOP_ACCOUNT_SUBMITTERS = ['director'] as const;
