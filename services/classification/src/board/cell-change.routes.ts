import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  CellChange,
  CellChangeDecisionRequest,
  CellChangeRequestBody,
  conflict,
  notFound,
  Nui,
  Problem,
  ruleBroken,
  STAFF_ROLES,
  Uuid,
} from '@eron/shared';
import { assertActsFor, audit, idempotent } from '@eron/shared/platform';
import type { BoardTables, Db } from '../db';
import type { Selectable } from 'kysely';
import { BOARD_MEMBERS, INDUCTORS, placeChecked } from './placement.routes';
import { lockPpl } from './placement.repository';
import { findSession } from './session.repository';

type Row = Selectable<BoardTables['cell_change_requests']>;
const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };

const view = (r: Row, acta: string | null) => ({
  id: r.id,
  nui: r.nui,
  wanted: r.wanted,
  reason: r.reason,
  requestedAt: r.requested_at.toISOString(),
  status: r.status,
  answer: r.answer,
  acta,
  placementId: r.placement_id,
  decidedAt: r.decided_at?.toISOString() ?? null,
});

/** CLS-18 (Art. 141.6): requests for another patio, unit or cell, answered by the board with reasons. */
const cellChangeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db as Db;

  app.post(
    '/api/v1/classification/ppl/:nui/cell-change-requests',
    {
      config: { auth: { roles: INDUCTORS } },
      schema: {
        operationId: 'requestCellChange',
        summary: 'Record a PPL’s request for another patio, unit or cell (CLS-18)',
        params: Type.Object({ nui: Nui }),
        body: CellChangeRequestBody,
        response: { 201: CellChange, ...Errors },
      },
    },
    async (req, reply) => {
      const row = await db.transaction().execute(async (trx) => {
        const ppl = await lockPpl(trx, req.params.nui);
        if (!ppl) throw notFound({ es: `No existe la PPL ${req.params.nui}`, en: `No PPL ${req.params.nui}` });
        assertActsFor(req, ppl.eron);
        const created = await trx
          .insertInto('cell_change_requests')
          .values({
            id: randomUUID(),
            nui: ppl.nui,
            eron: ppl.eron,
            wanted: req.body.wanted,
            reason: req.body.reason,
            requested_by: req.principal.sub,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(trx, req, { action: 'request-cell-change', entity: 'cell_change_request', entityId: created.id });
        return created;
      });
      return reply.code(201).send(view(row, null));
    },
  );

  app.get(
    '/api/v1/classification/ppl/:nui/cell-change-requests',
    {
      config: { auth: { roles: STAFF_ROLES } },
      schema: {
        operationId: 'listCellChangeRequests',
        summary: 'A PPL’s cell-change requests and the board’s answers (CLS-18)',
        params: Type.Object({ nui: Nui }),
        response: { 200: Type.Array(CellChange), 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      const ppl = await db.selectFrom('ppl').select(['nui', 'eron']).where('nui', '=', req.params.nui).executeTakeFirst();
      if (!ppl) throw notFound({ es: `No existe la PPL ${req.params.nui}`, en: `No PPL ${req.params.nui}` });
      assertActsFor(req, ppl.eron);
      const rows = await db
        .selectFrom('cell_change_requests as r')
        .leftJoin('board_sessions as s', 's.id', 'r.session_id')
        .selectAll('r')
        .select('s.acta')
        .where('r.nui', '=', ppl.nui)
        .orderBy('r.requested_at')
        .execute();
      return rows.map((r) => view(r, r.acta));
    },
  );

  app.post(
    '/api/v1/classification/cell-change-requests/:id/decision',
    {
      config: { auth: { roles: BOARD_MEMBERS } },
      schema: {
        operationId: 'decideCellChange',
        summary: 'The board approves (and places) or denies a cell-change request, with reasons (CLS-18)',
        description:
          'CLS-18, Art. 141.6: decided in a board session; an approval places the person with every placement check (CLS-12 … CLS-16). ' +
          'Idempotency-Key (PLT-05).',
        params: Type.Object({ id: Uuid }),
        body: CellChangeDecisionRequest,
        response: { 200: CellChange, ...Errors },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const sent = await idempotent(req, reply, db, async (trx) => {
        const request = await trx
          .selectFrom('cell_change_requests')
          .selectAll()
          .where('id', '=', req.params.id)
          .forUpdate()
          .executeTakeFirst();
        if (!request) throw notFound({ es: 'No existe esa solicitud', en: 'No such request' });
        assertActsFor(req, request.eron);
        if (request.status !== 'pending') {
          throw conflict('cell-change-decided', { es: 'La solicitud ya fue resuelta', en: 'The request was already decided' }, 'CLS-18');
        }
        const session = await findSession(trx, b.sessionId);
        if (session?.eron !== request.eron) {
          throw ruleBroken('CLS-18', 'Art. 141.6', {
            es: 'La Junta decide en una sesión de este establecimiento',
            en: 'The board decides in a session of this establishment',
          });
        }
        if (b.decision === 'approved' && !b.cellId) {
          throw ruleBroken(
            'CLS-18',
            'Art. 141.6',
            { es: 'Aprobar el cambio es asignar una celda', en: 'Approving the change means assigning a cell' },
            { errors: [{ field: '/cellId', message: { es: 'requerido al aprobar', en: 'required to approve' } }] },
          );
        }
        const placement =
          b.decision === 'approved'
            ? await placeChecked(app, req, trx, request.nui, {
                cellId: b.cellId!,
                sessionId: b.sessionId,
                reasons: b.reasons,
                specialRegimeBasis: b.specialRegimeBasis,
                protectionConsent: b.protectionConsent,
                overCapacityReason: b.overCapacityReason,
              })
            : null;
        const row = await trx
          .updateTable('cell_change_requests')
          .set({
            status: b.decision,
            session_id: session.id,
            answer: b.reasons,
            placement_id: placement?.id ?? null,
            decided_by: req.principal.sub,
            decided_at: new Date(),
          })
          .where('id', '=', request.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(trx, req, {
          action: 'decide-cell-change',
          entity: 'cell_change_request',
          entityId: row.id,
          details: { decision: b.decision },
        });
        return { status: 200, body: view(row, session.acta) };
      });
      app.outbox.kick();
      return sent;
    },
  );
};

export default cellChangeRoutes;
