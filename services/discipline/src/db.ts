import type { Kysely, Transaction } from 'kysely';
import type { PlatformTables } from '@eron/shared/platform';
import type { CaseTables } from './cases/case.tables';
import type { PplTables } from './ppl/ppl.tables';
import type { SanctionTables } from './sanctions/sanction.tables';

/** Every table in discipline's schema, one interface per capability. */
export interface DisciplineTables extends PlatformTables, PplTables, SanctionTables, CaseTables {}

export type Db = Kysely<DisciplineTables>;
export type Trx = Transaction<DisciplineTables>;
