import type { Migrations } from '@eron/shared/platform';
import { migration as ledger } from './20261125T0900_ledger';
import { migration as limits } from './20261125T0910_limits';
import { migration as statementChecks } from './20261125T0920_ledger_statement_checks';
import { migration as intakeTransit } from './20261130T1800_accounts_intake_transit';
import { migration as names } from './20261130T1810_accounts_names';
import { incomeMigrations } from './income';
import { recaudoMigrations } from './recaudo';
import { spendingMigrations } from './spending';
import { migration as beneficiaries } from './20261130T1310_settlement_beneficiaries';
import { migration as applianceTariffs } from './20261130T1320_appliance_tariffs';

/** Kysely runs them in name order; names are frozen once released. */
export const migrations: Migrations = {
  '20261125T0900_ledger': ledger,
  '20261125T0910_limits': limits,
  '20261125T0920_ledger_statement_checks': statementChecks,
  ...recaudoMigrations,
  ...spendingMigrations,
  ...incomeMigrations,
  '20261130T1310_settlement_beneficiaries': beneficiaries,
  '20261130T1320_appliance_tariffs': applianceTariffs,
  '20261130T1800_accounts_intake_transit': intakeTransit,
  '20261130T1810_accounts_names': names,
};
