import type { Kysely, Transaction } from 'kysely';
import type { PlatformTables } from '@eron/shared/platform';
import type { ConductTables } from './conduct/conduct.tables';
import type { JeteeTables } from './jetee/jetee.tables';
import type { ComplaintTables } from './complaints/complaints.tables';
import type { CaseTables } from './cases/case.tables';
import type { PplTables } from './ppl/ppl.tables';
import type { SanctionTables } from './sanctions/sanction.tables';
import type { CouncilTables } from './council/council.tables';
import type { IncentiveTables } from './incentives/incentive.tables';
import type { OwnFoodTables } from './own-food/own-food.tables';

/** Every table in discipline's schema, one interface per capability. */
export interface DisciplineTables
  extends
    PlatformTables,
    PplTables,
    SanctionTables,
    CaseTables,
    CouncilTables,
    IncentiveTables,
    OwnFoodTables,
    ConductTables,
    JeteeTables,
    ComplaintTables {}

export type Db = Kysely<DisciplineTables>;
export type Trx = Transaction<DisciplineTables>;
