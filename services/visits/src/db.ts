import type { Kysely, Transaction } from 'kysely';
import type { PlatformTables } from '@eron/shared/platform';
import type { BookingTables } from './bookings/booking.tables';
import type { EstablishmentTables } from './establishments/establishment.tables';
import type { PplTables } from './ppl/ppl.tables';
import type { RegimeTables } from './regime/regime.tables';
import type { VisitorTables } from './visitors/visitor.tables';
import type { VivifTables } from './vivif/vivif.tables';

/** Every table in visits' schema, one interface per capability. */
export interface VisitsTables
  extends PlatformTables, PplTables, EstablishmentTables, RegimeTables, VisitorTables, BookingTables, VivifTables {}

export type Db = Kysely<VisitsTables>;
export type Trx = Transaction<VisitsTables>;
