import { addDays, bogotaToday } from '@eron/shared';
import { signedHeaders } from '@eron/shared/platform';
import { describeFuzz } from '@eron/shared/testing';
import { asobancariaFile } from '../../services/folio/test/support/asobancaria';
import { BANK, calls, PHONE, startSweepWorld } from '../../services/folio/test/support/routes.world';
import { mutatedFiles } from '../../services/folio/test/support/asobancaria.fuzz';
import { gatewayFor } from './support/edge';

const FILE_ROUTES = ['POST /api/v1/folio/recaudo/files', 'POST /api/v1/folio/recaudo/bank-files'];

/**
 * PLT-18 for folio through the gateway, from openapi/folio.json: broken bodies, parameters, query
 * strings, headers and files are refused with a 4xx problem and change nothing; schema-valid
 * generated input and Asobancaria files mutated field by field never get a 5xx.
 */
describeFuzz({
  service: 'folio',
  start: startSweepWorld,
  edge: (w) => gatewayFor('folio', w.app, `${BANK.keyId}:bank:${BANK.secret},${PHONE.keyId}:telephony_provider:${PHONE.secret}`),
  calls,
  sign: (body, to) => signedHeaders(BANK, { ...to, body }),
  valid: (key, f) =>
    FILE_ROUTES.includes(key)
      ? mutatedFiles(
          asobancariaFile({
            collectionDate: addDays(bogotaToday(), -1),
            lots: [
              [
                { nui: f.nui, pesos: 20_000 },
                { nui: f.nui, pesos: 5_000 },
              ],
            ],
          }),
        )
      : [],
});
