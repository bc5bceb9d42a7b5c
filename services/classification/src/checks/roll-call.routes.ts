import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  bogotaToday,
  EronCode,
  LocalDate,
  notFound,
  Problem,
  RollCall,
  RollCallDay,
  RollCallRequest,
  STAFF_ROLES,
  Uuid,
} from '@eron/shared';
import { assertActsFor, audit } from '@eron/shared/platform';
import type { Db } from '../db';
import { findEstablishment } from '../structure/structure.repository';
import { noEstablishment } from '../structure/structure.rules';
import { discrepancies, ROLL_CALLS_PER_DAY } from './roll-call.rules';

/** Custody staff take the roll calls (Art. 16). */
const COUNTERS = ['guard_commander', 'director', 'deputy_director'] as const;

const rollCallRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db as Db;

  app.post(
    '/api/v1/classification/units/:id/roll-calls',
    {
      config: { auth: { roles: COUNTERS } },
      schema: {
        operationId: 'recordRollCall',
        summary: 'Record a roll call of a unit, checked against the cell book (CLS-19)',
        description:
          'CLS-19, Arts. 16 and 141.7: every name against the cell book; absent, wrong cell and unknown persons are recorded as discrepancies.',
        params: Type.Object({ id: Uuid }),
        body: RollCallRequest,
        response: { 201: RollCall, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req, reply) => {
      const out = await db.transaction().execute(async (trx) => {
        const unit = await trx.selectFrom('units').select(['id', 'eron']).where('id', '=', req.params.id).executeTakeFirst();
        if (!unit) throw notFound({ es: 'No existe esa unidad', en: 'No such unit' });
        assertActsFor(req, unit.eron);
        const book = await trx
          .selectFrom('placements')
          .select(['nui', 'cell_id as cellId'])
          .where('unit_id', '=', unit.id)
          .where('ended_at', 'is', null)
          .execute();
        const found = discrepancies(book, req.body.seen);
        const takenAt = new Date(req.body.takenAt);
        const row = await trx
          .insertInto('roll_calls')
          .values({
            id: randomUUID(),
            eron: unit.eron,
            unit_id: unit.id,
            taken_at: takenAt,
            day: bogotaToday(takenAt),
            expected: book.length,
            present: book.length - found.filter((d) => d.kind !== 'unknown').length,
            taken_by: req.principal.sub,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        if (found.length > 0) {
          await trx
            .insertInto('roll_call_discrepancies')
            .values(
              found.map((d) => ({
                roll_call_id: row.id,
                kind: d.kind,
                nui: d.nui,
                booked_cell_id: d.bookedCellId,
                seen_cell_id: d.seenCellId,
              })),
            )
            .execute();
        }
        await audit(trx, req, { action: 'roll-call', entity: 'unit', entityId: unit.id, details: { discrepancies: found.length } });
        return { row, found };
      });
      const { row, found } = out;
      return reply.code(201).send({
        id: row.id,
        unitId: row.unit_id,
        takenAt: row.taken_at.toISOString(),
        day: row.day,
        expected: row.expected,
        present: row.present,
        discrepancies: found,
      });
    },
  );

  app.get(
    '/api/v1/classification/establishments/:code/roll-calls',
    {
      config: { auth: { roles: STAFF_ROLES } },
      schema: {
        operationId: 'rollCallDay',
        summary: 'A day’s roll calls per unit, units below two, and every discrepancy (CLS-19)',
        params: Type.Object({ code: EronCode }),
        querystring: Type.Object({ date: LocalDate }, { additionalProperties: false }),
        response: { 200: RollCallDay, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      const { code } = req.params;
      assertActsFor(req, code);
      if (!(await findEstablishment(db, code))) throw noEstablishment(code);
      const units = await db
        .selectFrom('units as u')
        .leftJoin('roll_calls as r', (j) => j.onRef('r.unit_id', '=', 'u.id').on('r.day', '=', req.query.date))
        .leftJoin('roll_call_discrepancies as d', 'd.roll_call_id', 'r.id')
        .select(['u.id', 'u.name'])
        .select((eb) => [eb.fn.count<string>('r.id').distinct().as('calls'), eb.fn.count<string>('d.id').as('found')])
        .where('u.eron', '=', code)
        .groupBy(['u.id', 'u.name'])
        .orderBy('u.name')
        .execute();
      const found = await db
        .selectFrom('roll_call_discrepancies as d')
        .innerJoin('roll_calls as r', 'r.id', 'd.roll_call_id')
        .select(['d.kind', 'd.nui', 'd.booked_cell_id', 'd.seen_cell_id', 'r.id as roll_call_id', 'r.unit_id', 'r.taken_at'])
        .where('r.eron', '=', code)
        .where('r.day', '=', req.query.date)
        .orderBy('r.taken_at')
        .orderBy('d.id')
        .execute();
      return {
        eron: code,
        date: req.query.date,
        units: units.map((u) => ({
          unitId: u.id,
          name: u.name,
          rollCalls: Number(u.calls),
          belowMinimum: Number(u.calls) < ROLL_CALLS_PER_DAY,
          discrepancies: Number(u.found),
        })),
        discrepancies: found.map((d) => ({
          kind: d.kind,
          nui: d.nui!,
          bookedCellId: d.booked_cell_id,
          seenCellId: d.seen_cell_id,
          rollCallId: d.roll_call_id,
          unitId: d.unit_id,
          takenAt: d.taken_at.toISOString(),
        })),
      };
    },
  );
};

export default rollCallRoutes;
