import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApplianceTariff, ApplianceTariffRequest, LocalDate, Money, Problem, Text } from '@eron/shared';
import { LIMIT_READERS, LIMIT_SETTERS } from '../roles';
import { runtime } from '../runtime';
import { capsOnDate, setApplianceTariff, setCapOverride, tariffsOnDate } from './limits.use-cases';

const Caps = Type.Object(
  {
    date: LocalDate,
    depositMonth: Money,
    spendDay: Money,
    spendMonth: Money,
  },
  { description: 'Topes vigentes: consignaciones por mes (Art. 40 §1), gasto diario y mensual (Art. 41)' },
);

const OverrideRequest = Type.Object(
  {
    kind: Type.Union([Type.Literal('deposit_month'), Type.Literal('spend_day'), Type.Literal('spend_month')]),
    amount: Money,
    effectiveFrom: LocalDate,
    resolution: Text(120, 'Acto administrativo del Director General que fija la cifra'),
  },
  { additionalProperties: false },
);

const limitsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/folio/limits',
    {
      config: { auth: { roles: LIMIT_READERS } },
      schema: {
        operationId: 'getLimits',
        'x-rules': ['FOL-03'],
        summary: 'Caps in force on a date (FOL-03)',
        querystring: Type.Object({ date: Type.Optional(LocalDate) }, { additionalProperties: false }),
        response: { 200: Caps, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (req) => capsOnDate(runtime(app).reader(req), req.query.date),
  );

  app.post(
    '/api/v1/folio/limits/overrides',
    {
      config: { auth: { roles: LIMIT_SETTERS } },
      schema: {
        operationId: 'setLimitOverride',
        'x-rules': ['FOL-03'],
        summary: 'The DG sets a cap figure that takes precedence from a date (FOL-03, Arts. 40 §1, 41)',
        body: OverrideRequest,
        response: {
          201: Type.Object({ kind: Type.String(), amount: Money, effectiveFrom: LocalDate }),
          400: Problem,
          401: Problem,
          403: Problem,
        },
      },
    },
    async (req, reply) => reply.code(201).send(await runtime(app).transact(req, (ctx) => setCapOverride(ctx, req.body))),
  );

  app.get(
    '/api/v1/folio/limits/appliance-tariffs',
    {
      config: { auth: { roles: LIMIT_READERS } },
      schema: {
        operationId: 'getApplianceTariffs',
        'x-rules': ['FOL-08'],
        summary: 'The DG’s appliance tariffs in force on a date (FOL-08 (7))',
        description: 'FOL-08 (7), Art. 41.7: each allowed appliance’s fee per month of use, the latest the DG set effective by the date.',
        querystring: Type.Object({ date: Type.Optional(LocalDate) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ date: LocalDate, tariffs: Type.Array(ApplianceTariff) }),
          400: Problem,
          401: Problem,
          403: Problem,
        },
      },
    },
    async (req) => tariffsOnDate(runtime(app).reader(req), req.query.date),
  );

  app.post(
    '/api/v1/folio/limits/appliance-tariffs',
    {
      config: { auth: { roles: LIMIT_SETTERS } },
      schema: {
        operationId: 'setApplianceTariff',
        'x-rules': ['FOL-08'],
        summary: 'The DG sets an appliance’s monthly fee from a date (FOL-08 (7), Art. 41.7)',
        description:
          'FOL-08 (7): a national figure, set by a DG token of national scope (403 FOL-08 otherwise); dated, never rewritten — ' +
          'the same appliance and date again → 409. Appliance fees are charged at the tariff in force on the day.',
        body: ApplianceTariffRequest,
        response: { 201: ApplianceTariff, 400: Problem, 401: Problem, 403: Problem, 409: Problem },
      },
    },
    async (req, reply) => reply.code(201).send(await runtime(app).transact(req, (ctx) => setApplianceTariff(ctx, req.body))),
  );
};

export default limitsRoutes;
