import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  bogotaToday,
  ChildDecisionRequest,
  ChildRequest,
  ChildRequestBody,
  ChildrenTurningThree,
  conflict,
  EronCode,
  notFound,
  Nui,
  Problem,
  ruleBroken,
  Uuid,
  type ItemError,
  type Role,
} from '@eron/shared';
import { assertActsFor, audit, idempotent } from '@eron/shared/platform';
import type { Db } from '../db';
import { lockCellWithUnit, lockPpl } from '../board/placement.repository';
import { placeChecked } from '../board/placement.routes';
import { CONFIDENTIAL_ACCESS } from '../record/record.rules';
import { findEstablishment } from '../structure/structure.repository';
import { noEstablishment } from '../structure/structure.rules';
import {
  childrenWithMothers,
  currentMothersPlacement,
  findRequest,
  lockRequest,
  readIdentity,
  recordRequest,
  saveDecision,
} from './mothers.repository';
import {
  ALERT_DAYS,
  approvalGaps,
  ARTICLE,
  daysUntilThree,
  denialGaps,
  inAlertWindow,
  isUnderThree,
  RULE,
  turnsThreeOn,
} from './mothers.rules';
import type { ChildRequestRow } from './mothers.tables';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const REQUESTERS: Role[] = ['social_worker', 'legal'];
const DECIDERS: Role[] = ['director', 'dg'];
const READERS: Role[] = ['director', 'deputy_director', 'legal', 'social_worker', 'health', 'dg'];
const ALERTED: Role[] = [...READERS, 'regional_director', 'guard_commander'];

/** A request as any reader sees it: never the child's names (PLT-06). */
const view = (r: ChildRequestRow): ChildRequest => ({
  id: r.id,
  nui: r.nui,
  eron: r.eron,
  status: r.status,
  requestedAt: r.requested_at.toISOString(),
  turnsThreeOn: turnsThreeOn(r.child_birth_date),
  reasons: r.reasons,
  placementId: r.placement_id,
  notificationId: r.notification_id,
  decidedAt: r.decided_at?.toISOString() ?? null,
});
const broken = (es: string, en: string, errors?: ItemError[]) => ruleBroken(RULE, ARTICLE, { es, en }, { errors });
const noRequest = () => notFound({ es: 'No existe esa solicitud', en: 'No such request' });

/** CLS-17 (Art. 31): mothers with children under three — request, Director's decision, ICBF notice, alert. */
const motherRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db as Db;

  app.post(
    '/api/v1/classification/ppl/:nui/child-requests',
    {
      config: { auth: { roles: REQUESTERS } },
      schema: {
        operationId: 'requestChildPermanence',
        summary: 'Record a mother’s request that her child under three stay with her (CLS-17)',
        description:
          'Art. 31: only a woman held in the establishment, for a child under three. The child’s identity is kept apart (PLT-06).',
        params: Type.Object({ nui: Nui }),
        body: ChildRequestBody,
        response: { 201: ChildRequest, ...Errors },
      },
    },
    async (req, reply) => {
      const row = await db.transaction().execute(async (trx) => {
        const ppl = await lockPpl(trx, req.params.nui);
        if (!ppl) throw notFound({ es: `No existe la PPL ${req.params.nui}`, en: `No PPL ${req.params.nui}` });
        assertActsFor(req, ppl.eron);
        if (ppl.sex !== 'F' || ppl.status !== 'admitted') {
          throw broken(
            'La solicitud es de una madre recluida en el establecimiento',
            'The request is a mother’s, held in the establishment',
          );
        }
        if (!isUnderThree(req.body.child.birthDate, bogotaToday())) {
          throw broken('La permanencia es para hijas e hijos menores de tres años', 'Permanence is for children under three', [
            { field: '/child/birthDate', message: { es: 'no es menor de tres años', en: 'not under three' } },
          ]);
        }
        const created = await recordRequest(trx, ppl, req.body, req.principal.sub);
        await audit(trx, req, {
          action: 'request-child-permanence',
          entity: 'child_request',
          entityId: created.id,
          details: { nui: ppl.nui },
        });
        return created;
      });
      return reply.code(201).send(view(row));
    },
  );

  app.post(
    '/api/v1/classification/child-requests/:id/decision',
    {
      config: { auth: { roles: DECIDERS } },
      schema: {
        operationId: 'decideChildPermanence',
        summary: 'The Director approves or denies a mother’s request for her child under three (CLS-17)',
        description:
          'Art. 31: approval needs filiation and the absence of risk accredited and the establishment’s doctor’s examination (422 naming CLS-17 with every gap); ' +
          'the mother goes to a mothers’ unit — `cellId` places her with every placement check (CLS-12 … CLS-16; the Director decides this unit, Art. 31), ' +
          'or she is already placed in one. A denial needs written reasons. ICBF is notified either way. ' +
          'Disability, orientation or gender identity are not taken: never a reason to separate them. Idempotency-Key (PLT-05).',
        params: Type.Object({ id: Uuid }),
        body: ChildDecisionRequest,
        response: { 200: ChildRequest, ...Errors },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const sent = await idempotent(req, reply, db, async (trx) => {
        const request = await lockRequest(trx, req.params.id);
        if (!request) throw noRequest();
        assertActsFor(req, request.eron);
        if (request.status !== 'pending') {
          throw conflict('child-request-decided', { es: 'La solicitud ya fue resuelta', en: 'The request was already decided' }, RULE);
        }
        let placementId: string | null = null;
        if (b.decision === 'denied') {
          const gaps = denialGaps(b);
          if (gaps.length > 0) throw broken('La negativa debe motivarse por escrito', 'A denial must state its reasons', gaps);
        } else {
          placementId = await approvedPlacement(request);
        }
        const notificationId = randomUUID();
        const row = await saveDecision(trx, request.id, {
          status: b.decision,
          reasons: b.reasons ?? null,
          filiation_document: b.filiationDocument ?? null,
          no_risk_concept: b.noRiskConcept ?? null,
          medical_exam_date: b.medicalExamDate ?? null,
          doctor: b.doctor ?? null,
          placement_id: placementId,
          notification_id: notificationId,
          decided_by: req.principal.sub,
        });
        await app.publish(
          trx,
          'notification.requested',
          { notificationId, recipient: 'icbf', subject: `child-permanence-${b.decision}`, eron: request.eron, nui: request.nui },
          req.id,
        );
        await audit(trx, req, {
          action: 'decide-child-permanence',
          entity: 'child_request',
          entityId: row.id,
          details: { decision: b.decision, notificationId, placementId },
        });
        return { status: 200, body: view(row) };

        /** Every gap of Art. 31 at once; then the mother in a mothers' unit, placed or already there. */
        async function approvedPlacement(r: ChildRequestRow): Promise<string> {
          const gaps = approvalGaps(b, r.child_birth_date, bogotaToday());
          const mother = await lockPpl(trx, r.nui);
          const current = await currentMothersPlacement(trx, r.nui, r.eron);
          const cell = b.cellId ? await lockCellWithUnit(trx, b.cellId) : undefined;
          if (mother?.status !== 'admitted')
            gaps.push(item('/nui', 'la madre ya no está recluida aquí', 'the mother is no longer held here'));
          if (b.cellId && cell?.special_regime !== 'mothers_with_children') {
            gaps.push(item('/cellId', 'la celda no es de una unidad de madres', 'the cell is not in a mothers’ unit'));
          } else if (!b.cellId && !current) {
            gaps.push(
              item(
                '/cellId',
                'la madre no está en una unidad de madres: indique la celda',
                'the mother is not in a mothers’ unit: give the cell',
              ),
            );
          }
          if (gaps.length > 0) throw broken('Faltan requisitos del artículo 31 para aprobar', 'Article 31 requirements are missing', gaps);
          if (!b.cellId) return current!.id;
          const placed = await placeChecked(
            app,
            req,
            trx,
            r.nui,
            {
              cellId: b.cellId,
              sessionId: b.sessionId,
              acta: b.acta,
              reasons: b.reasons ?? 'Permanencia con su hija o hijo menor de tres años en la unidad de madres (Art. 31)',
              specialRegimeBasis: b.specialRegimeBasis,
              overCapacityReason: b.overCapacityReason,
            },
            { decision: `Decisión del Director, solicitud ${r.id} (Art. 31)` },
          );
          return placed.id;
        }
      });
      app.outbox.kick();
      return sent;
    },
  );

  app.get(
    '/api/v1/classification/child-requests/:id',
    {
      config: { auth: { roles: READERS } },
      schema: {
        operationId: 'getChildRequest',
        summary: 'A mother’s request and its decision (CLS-17); the child’s identity only to the roles that need it',
        description: 'The child’s names and document go to social work, legal and the Director (CLS-07); that read is audited (PLT-06).',
        params: Type.Object({ id: Uuid }),
        response: { 200: ChildRequest, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      const row = await findRequest(db, req.params.id);
      if (!row) throw noRequest();
      assertActsFor(req, row.eron);
      const out = view(row);
      if (!CONFIDENTIAL_ACCESS.children.some((r) => req.principal.roles.includes(r))) return out;
      const identity = await db.transaction().execute(async (trx) => {
        await audit(trx, req, { action: 'read-child-identity', entity: 'child_request', entityId: row.id });
        return readIdentity(trx, row.id);
      });
      return identity ? { ...out, child: { names: identity.names, birthDate: row.child_birth_date, document: identity.document } } : out;
    },
  );

  app.get(
    '/api/v1/classification/establishments/:code/children-turning-three',
    {
      config: { auth: { roles: ALERTED } },
      schema: {
        operationId: 'listChildrenTurningThree',
        summary: `Alert: children with their mothers who turn three within ${ALERT_DAYS} days (CLS-17)`,
        description: 'Art. 31: to be acted on before the child turns three. Mother’s NUI and the date only, never the child’s names.',
        params: Type.Object({ code: EronCode }),
        response: { 200: ChildrenTurningThree, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.code);
      if (!(await findEstablishment(db, req.params.code))) throw noEstablishment(req.params.code);
      const today = bogotaToday();
      const rows = await childrenWithMothers(db, req.params.code);
      const children = rows
        .filter((r) => inAlertWindow(r.child_birth_date, today))
        .map((r) => ({
          requestId: r.id,
          nui: r.nui,
          turnsThreeOn: turnsThreeOn(r.child_birth_date),
          daysLeft: daysUntilThree(r.child_birth_date, today),
        }));
      return { eron: req.params.code, asOf: today, children };
    },
  );
};

const item = (field: string, es: string, en: string): ItemError => ({ field, message: { es, en } });

export default motherRoutes;
