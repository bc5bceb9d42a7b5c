import type { Kysely, Transaction } from 'kysely';
import type { PlatformTables } from '@eron/shared/platform';
import type { BookingTables } from './bookings/booking.tables';
import type { ChosenDayTables } from './chosen-day/chosen-day.tables';
import type { GateTables } from './gate/gate.tables';
import type { EstablishmentTables } from './establishments/establishment.tables';
import type { IntimateTables } from './intimate/intimate.tables';
import type { LawyerTables } from './lawyers/lawyer.tables';
import type { OfficialTables } from './officials/official.tables';
import type { PplTables } from './ppl/ppl.tables';
import type { RegimeTables } from './regime/regime.tables';
import type { VisitorTables } from './visitors/visitor.tables';
import type { VivifTables } from './vivif/vivif.tables';

/** Every table in visits' schema, one interface per capability. */
export interface VisitsTables
  extends
    PlatformTables,
    PplTables,
    EstablishmentTables,
    RegimeTables,
    VisitorTables,
    BookingTables,
    IntimateTables,
    LawyerTables,
    OfficialTables,
    VivifTables,
    GateTables,
    ChosenDayTables {}

export type Db = Kysely<VisitsTables>;
export type Trx = Transaction<VisitsTables>;
