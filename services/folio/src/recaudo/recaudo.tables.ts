import type { ColumnType, Generated } from 'kysely';
import type { Issue } from './asobancaria.parser';
import type { DepositStatus, FileOutcome } from './deposit.rules';

export type { DepositStatus, FileOutcome } from './deposit.rules';
export type RecaudoFileStatus = 'queued' | 'processing' | 'done' | 'held_for_review';

/** Bank deposits (FOL-04 … FOL-06). `depositors` is the confidential store of identities (PLT-06). */
export interface RecaudoTables {
  depositors: {
    id: Generated<string>;
    doc_type: string;
    doc_number: string;
    given_names: string | null;
    surnames: string | null;
    created_at: Generated<Date>;
  };
  depositor_list_changes: {
    id: string;
    nui: string;
    eron: string;
    first: boolean;
    changed_by: string;
    request_id: string | null;
    changed_at: Generated<Date>;
  };
  depositor_authorisations: {
    id: Generated<string>;
    nui: string;
    depositor_id: string;
    added_by: string;
    removed_by: string | null;
    /** The names as the PPL's establishment wrote them (FOL-05); the store's are not shared between lists. */
    given_names: string | null;
    surnames: string | null;
  };
  recaudo_files: {
    id: string;
    identity_key: string;
    sha256: string;
    collection_date: string;
    bank_code: string;
    modifier: string;
    status: RecaudoFileStatus;
    total_records: number;
    total_cents: number;
    processed: Generated<number>;
    warnings: string;
    content: string;
    uploaded_by: string;
    uploaded_at: Generated<Date>;
    finished_at: Date | null;
    /** `bank`: the bank's machine client (HMAC); `staff`: an officer's upload (FOL-06 b). */
    source: Generated<'bank' | 'staff'>;
    /** The establishments the uploading officer acted for, as JSON; null for national scope or the bank. */
    uploader_erons: ColumnType<string[] | null, string | null, string | null>;
  };
  /** Issue 8: a large file's bytes, kept by the request and checked by the file job. */
  recaudo_uploads: {
    id: string;
    raw: Buffer;
    bytes: number;
    source: 'bank' | 'staff';
    uploaded_by: string;
    uploader_erons: ColumnType<string[] | null, string | null, string | null>;
    status: 'received' | 'refused' | 'accepted';
    errors: ColumnType<Issue[] | null, string | null, string | null>;
    file_id: string | null;
    received_at: Generated<Date>;
    checked_at: Date | null;
  };
  recaudo_deposits: {
    id: string;
    key: string;
    channel: 'notice' | 'file';
    nui: string;
    eron: string;
    amount_cents: number;
    collection_date: string;
    month: string;
    status: DepositStatus;
    reason: string | null;
    depositor_id: string | null;
    bank_code: string;
    file_id: string | null;
    line: number | null;
    transaction_id: string | null;
    created_at: Generated<Date>;
  };
  /** A file's detail lines, staged with COPY when it is registered, booked in batches from here (PLT-14). */
  recaudo_file_lines: {
    file_id: string;
    lane: number;
    /** The line's place in its lane, from 0, in the file's order. */
    seq: number;
    line: number;
    key: string;
    nui: string;
    amount_cents: number;
    return_reason: string;
    depositor: string | null;
  };
  recaudo_file_records: {
    file_id: string;
    line: number;
    outcome: FileOutcome;
    reason: string | null;
    nui: string;
    amount_cents: number;
    deposit_id: string;
  };
  /** The paymaster's one decision on a held deposit (FOL-06); the deposit row itself never changes. */
  recaudo_deposit_reviews: {
    deposit_id: string;
    decision: 'credit' | 'refund';
    status: 'credited' | 'rejected';
    reason: string | null;
    note: string;
    depositor_id: string | null;
    transaction_id: string;
    decided_by: string;
    request_id: string | null;
    decided_at: Generated<Date>;
  };
}
