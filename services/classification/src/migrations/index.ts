import type { Migrations } from '@eron/shared/platform';
import { migration as ppl } from './20261125T0900_ppl';
import { migration as structure } from './20261125T1000_structure';
import { migration as board } from './20261125T1100_board';
import { migration as boardSessions } from './20261125T1110_board_sessions';
import { migration as rollCalls } from './20261125T1120_roll_calls';
import { migration as movements } from './20261125T1200_movements';
import { migration as record } from './20261125T1210_record';
import { migration as mothers } from './20261125T1300_mothers';
import { migration as intakeCash } from './20261125T1310_intake_cash';
import { migration as notifications } from './20261130T0900_notifications';
import { migration as admissionIntegrity } from './20261201T0900_admission_integrity';
import { migration as cellCapacityChanges } from './20261201T0910_cell_capacity_changes';
import { migration as listIndexes } from './20261201T0920_list_indexes';
import { migration as legalStatus } from './20261201T1300_legal_status';
import { migration as visitorRecipient } from './20261202T0100_visitor_recipient';

/** In order; names are frozen once released. */
export const migrations: Migrations = {
  '20261125T0900_ppl': ppl,
  '20261125T1000_structure': structure,
  '20261125T1100_board': board,
  '20261125T1110_board_sessions': boardSessions,
  '20261125T1120_roll_calls': rollCalls,
  '20261125T1200_movements': movements,
  '20261125T1210_record': record,
  '20261125T1300_mothers': mothers,
  '20261125T1310_intake_cash': intakeCash,
  '20261130T0900_notifications': notifications,
  '20261201T0900_admission_integrity': admissionIntegrity,
  '20261201T0910_cell_capacity_changes': cellCapacityChanges,
  '20261201T0920_list_indexes': listIndexes,
  '20261201T1300_legal_status': legalStatus,
  '20261202T0100_visitor_recipient': visitorRecipient,
};
