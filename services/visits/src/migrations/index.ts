import type { Migrations } from '@eron/shared/platform';
import { migration as pplDirectory } from './20261130T1800_ppl_directory';
import { migration as regime } from './20261130T1900_regime';
import { migration as visitors } from './20261130T1910_visitors';
import { migration as bookings } from './20261130T1920_bookings';
import { migration as intimateLawyersOfficials } from './20261202T0900_intimate_lawyers_officials';
import { migration as vivif } from './20261130T1950_vivif';
import { migration as gate } from './20261203T0900_gate';
import { migration as chosenVisitDays } from './20261201T0900_chosen_visit_days';
import { migration as visitorContacts } from './20261202T0100_visitor_contacts';
import { migration as pplLocationAsOf } from './20261204T0900_ppl_location_as_of';
import { migration as claimPlacesAtCommit } from './20261205T0900_claim_places_at_commit';

/** Kysely runs them in name order; names are frozen once released. */
export const migrations: Migrations = {
  '20261130T1800_ppl_directory': pplDirectory,
  '20261130T1900_regime': regime,
  '20261130T1910_visitors': visitors,
  '20261130T1920_bookings': bookings,
  '20261202T0900_intimate_lawyers_officials': intimateLawyersOfficials,
  '20261130T1950_vivif': vivif,
  '20261203T0900_gate': gate,
  '20261201T0900_chosen_visit_days': chosenVisitDays,
  '20261202T0100_visitor_contacts': visitorContacts,
  '20261204T0900_ppl_location_as_of': pplLocationAsOf,
  '20261205T0900_claim_places_at_commit': claimPlacesAtCommit,
};
