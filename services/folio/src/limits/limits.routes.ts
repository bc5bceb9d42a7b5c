import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { bogotaToday, LocalDate, Money, Problem, Text } from '@eron/shared';
import { audit } from '@eron/shared/platform';
import type { Db } from '../db';
import { capsInForce } from './limits.repository';

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
      config: { auth: { roles: ['dg', 'regional_director', 'director', 'paymaster', 'auditor', 'shop_clerk'] } },
      schema: {
        operationId: 'getLimits',
        summary: 'Caps in force on a date (FOL-03)',
        querystring: Type.Object({ date: Type.Optional(LocalDate) }, { additionalProperties: false }),
        response: { 200: Caps, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (req) => {
      const date = req.query.date ?? bogotaToday();
      const caps = await capsInForce(app.db as Db, date);
      return { date, depositMonth: caps.deposit_month, spendDay: caps.spend_day, spendMonth: caps.spend_month };
    },
  );

  app.post(
    '/api/v1/folio/limits/overrides',
    {
      config: { auth: { roles: ['dg'] } },
      schema: {
        operationId: 'setLimitOverride',
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
    async (req, reply) => {
      const b = req.body;
      await (app.db as Db).transaction().execute(async (trx) => {
        await trx
          .insertInto('dg_overrides')
          .values({ kind: b.kind, amount: b.amount, effective_from: b.effectiveFrom, resolution: b.resolution, set_by: req.principal.sub })
          .onConflict((oc) =>
            oc.columns(['kind', 'effective_from']).doUpdateSet({ amount: b.amount, resolution: b.resolution, set_by: req.principal.sub }),
          )
          .execute();
        await audit(trx, req, {
          action: 'set-cap-override',
          entity: 'dg_override',
          entityId: `${b.kind}@${b.effectiveFrom}`,
          details: { amount: b.amount },
        });
      });
      return reply.code(201).send({ kind: b.kind, amount: b.amount, effectiveFrom: b.effectiveFrom });
    },
  );
};

export default limitsRoutes;
