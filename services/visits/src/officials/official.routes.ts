import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  BlockedPlace,
  BlockedPlaceBody,
  EronCode,
  LocalDate,
  OfficialVisit,
  OfficialVisitBody,
  OfficialVisitList,
  Problem,
  Uuid,
} from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { NIGHT_INSPECTION_RECORDERS, OFFICIAL_READERS, OFFICIAL_RECORDERS } from '../roles';
import { runtime } from '../runtime';
import { getOfficialVisit, listOfficialVisits, recordBlockedPlace, recordOfficialVisit } from './official.use-cases';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };

/** Official visits (VIS-15, Arts. 74–83). */
const officialRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/visits/official-visits',
    {
      config: { auth: { roles: OFFICIAL_RECORDERS } },
      schema: {
        operationId: 'recordOfficialVisit',
        'x-rules': ['VIS-15', 'PLT-05'],
        summary: 'Book or record an official visit by kind (VIS-15)',
        description:
          'Control bodies (Procuraduría, Defensoría, Personería, Fiscalía) come at any hour, night included, and are attended at once — no booking (Art. 75 §). ' +
          'Every other kind is booked at least 24 h ahead, in daytime. Press (Art. 81) needs the permission its PPL’s situation calls for, the PPL’s written consent and the written application with proof of the medium and of the journalist. ' +
          'Every gap: 422 naming VIS-15. Accepts `Idempotency-Key` (PLT-05).',
        body: OfficialVisitBody,
        response: { 201: OfficialVisit, ...Errors },
      },
    },
    async (req, reply) => {
      assertActsFor(req, req.body.eron);
      return runtime(app).idempotent(req, reply, (ctx) => recordOfficialVisit(ctx, req.body));
    },
  );

  app.get(
    '/api/v1/visits/official-visits/:id',
    {
      config: { auth: { roles: OFFICIAL_READERS } },
      schema: {
        operationId: 'getOfficialVisit',
        'x-rules': ['VIS-15'],
        summary: 'An official visit and any place its night inspection could not enter',
        params: Type.Object({ id: Uuid }),
        response: { 200: OfficialVisit, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => getOfficialVisit(runtime(app).reader(req), req.params.id),
  );

  app.get(
    '/api/v1/visits/establishments/:eron/official-visits',
    {
      config: { auth: { roles: OFFICIAL_READERS } },
      schema: {
        operationId: 'listOfficialVisits',
        'x-rules': ['VIS-15'],
        summary: 'The official visits of a day (Bogotá) at an establishment',
        params: Type.Object({ eron: EronCode }),
        querystring: Type.Object({ date: LocalDate }, { additionalProperties: false }),
        response: { 200: OfficialVisitList, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.eron);
      return listOfficialVisits(runtime(app).reader(req), req.params.eron, req.query.date);
    },
  );

  app.post(
    '/api/v1/visits/official-visits/:id/blocked-places',
    {
      config: { auth: { roles: NIGHT_INSPECTION_RECORDERS } },
      schema: {
        operationId: 'recordBlockedPlace',
        'x-rules': ['VIS-15'],
        summary:
          'Record a place a night inspection could not enter for security reasons; reported to the regional director and the DG (VIS-15)',
        description:
          'Art. 75 §: only for a control body’s visit at night (422 naming VIS-15 otherwise). Publishes `notification.requested` to each.',
        params: Type.Object({ id: Uuid }),
        body: BlockedPlaceBody,
        response: { 201: BlockedPlace, ...Errors },
      },
    },
    async (req, reply) => runtime(app).idempotent(req, reply, (ctx) => recordBlockedPlace(ctx, { id: req.params.id, body: req.body })),
  );
};

export default officialRoutes;
