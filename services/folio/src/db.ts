import type { Kysely, Selectable, Transaction } from 'kysely';
import type { PlatformTables } from '@eron/shared/platform';
import type { AccountTables } from './accounts/account.tables';
import type { BeneficiaryTables } from './beneficiaries/beneficiaries.tables';
import type { IncomeTables } from './income/income.tables';
import type { LedgerTables } from './ledger/ledger.tables';
import type { LimitsTables } from './limits/limits.tables';
import type { RecaudoTables } from './recaudo/recaudo.tables';
import type { ReportsTables } from './reports/reports.tables';
import type { SpendingTables } from './spending/spending.tables';

export type { EronAccountKind, PplAccountKind } from './ledger/ledger.rules';

/** Every table in folio's schema, one interface per capability. */
export interface FolioTables
  extends
    PlatformTables,
    AccountTables,
    LedgerTables,
    LimitsTables,
    RecaudoTables,
    SpendingTables,
    IncomeTables,
    ReportsTables,
    BeneficiaryTables {}

export type Db = Kysely<FolioTables>;
export type Trx = Transaction<FolioTables>;
export type FolioRow = Selectable<FolioTables['folios']>;
