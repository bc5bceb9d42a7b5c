import type { Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { PlatformTables } from '@eron/shared/platform';

export type PplAccountKind = 'ppl_available' | 'ppl_savings' | 'ppl_seized';
export type EronAccountKind = 'caja_especial' | 'shop' | 'paymaster' | 'bank_clearing' | 'providers' | 'refunds_due';

export interface FolioTables extends PlatformTables {
  ledger_accounts: {
    id: Generated<string>;
    eron: string;
    kind: PplAccountKind | EronAccountKind;
    nui: string | null;
    balance: Generated<number>;
  };
  folios: { nui: string; eron: string; status: Generated<'open' | 'closed'>; opened_at: Generated<Date>; opened_by_event: string };
  ledger_transactions: {
    id: string;
    kind: string;
    eron: string;
    nui: string | null;
    reference: string;
    concept: string;
    reverses: string | null;
    created_by: string;
    request_id: string | null;
    created_at: Generated<Date>;
  };
  postings: { id: Generated<string>; transaction_id: string; account_id: string; amount: number; balance_after: Generated<number> };
}

export type Db = Kysely<FolioTables>;
export type Trx = Transaction<FolioTables>;
export type FolioRow = Selectable<FolioTables['folios']>;
