import type { Generated } from 'kysely';

/** A PPL's Folio (FOL-01, Art. 40): opened on admission, moved on transfer, closed on exit. */
export interface AccountTables {
  folios: { nui: string; eron: string; status: Generated<'open' | 'closed'>; opened_at: Generated<Date>; opened_by_event: string };
}
