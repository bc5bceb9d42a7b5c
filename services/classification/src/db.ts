import type { Kysely, Transaction } from 'kysely';
import type { PlatformTables } from '@eron/shared/platform';
import type { AdmissionTables } from './admissions/admission.tables';
import type { BoardTables } from './board/board.tables';
import type { CheckTables } from './checks/checks.tables';
import type { MotherTables } from './mothers/mothers.tables';
import type { MovementTables } from './movements/movements.tables';
import type { NotificationTables } from './notifications/notifications.tables';
import type { PplTables } from './ppl/ppl.tables';
import type { RecordTables } from './record/record.tables';
import type { StructureTables } from './structure/structure.tables';

export type { NewPpl, PplRow } from './ppl/ppl.tables';

/** Every table in classification's schema, one interface per capability. */
export interface ClassificationTables
  extends
    PlatformTables,
    StructureTables,
    PplTables,
    AdmissionTables,
    BoardTables,
    CheckTables,
    RecordTables,
    MovementTables,
    MotherTables,
    NotificationTables {}

export type Db = Kysely<ClassificationTables>;
export type Trx = Transaction<ClassificationTables>;
