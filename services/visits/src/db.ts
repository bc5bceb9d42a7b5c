import type { Kysely, Transaction } from 'kysely';
import type { PlatformTables } from '@eron/shared/platform';
import type { EstablishmentTables } from './establishments/establishment.tables';
import type { PplTables } from './ppl/ppl.tables';

/** Every table in visits' schema, one interface per capability. */
export interface VisitsTables extends PlatformTables, PplTables, EstablishmentTables {}

export type Db = Kysely<VisitsTables>;
export type Trx = Transaction<VisitsTables>;
