import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  EronCode,
  Induction,
  InductionRequest,
  notFound,
  Nui,
  OccupancyReport,
  Placement,
  PlacementRequest,
  Problem,
  ruleBroken,
  STAFF_ROLES,
  type LegalStatus,
} from '@eron/shared';
import { assertActsFor, audit, idempotent } from '@eron/shared/platform';
import type { Db, Trx } from '../db';
import { findEstablishment } from '../structure/structure.repository';
import { noEstablishment } from '../structure/structure.rules';
import {
  findInduction,
  lockCellWithUnit,
  lockPpl,
  occupancy,
  occupantsOf,
  place,
  placementView,
  recordInduction,
} from './placement.repository';
import { eligibilityBreaches, reservedToDg } from './placement.rules';
import { findSession } from './session.repository';

/** The patio/cell board (JAPC, Art. 141): the Director presides; legal, health, the guard commander and social work sit on it. */
export const BOARD_MEMBERS = ['director', 'deputy_director', 'legal', 'health', 'guard_commander', 'social_worker'] as const;
export const INDUCTORS = ['director', 'deputy_director', 'legal', 'guard_commander', 'social_worker', 'treatment_officer'] as const;

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const NuiParams = Type.Object({ nui: Nui });
const noPpl = (nui: string) => notFound({ es: `No existe la PPL ${nui}`, en: `No PPL ${nui}` });

const placementRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db as Db;

  app.put(
    '/api/v1/classification/ppl/:nui/induction',
    {
      config: { auth: { roles: INDUCTORS } },
      schema: {
        operationId: 'recordInduction',
        summary: 'Record the induction given to a newly admitted PPL (CLS-12)',
        description: 'CLS-12, Art. 32: rules, rights and duties, complaints and the disciplinary regime, before any placement.',
        params: NuiParams,
        body: InductionRequest,
        response: { 200: Induction, ...Errors },
      },
    },
    async (req) =>
      db.transaction().execute(async (trx) => {
        const ppl = await lockPpl(trx, req.params.nui);
        if (!ppl) throw noPpl(req.params.nui);
        assertActsFor(req, ppl.eron);
        const row = await recordInduction(trx, ppl.nui, req.body, req.principal.sub);
        await audit(trx, req, { action: 'record-induction', entity: 'ppl', entityId: ppl.nui });
        return {
          nui: row.nui,
          date: row.date,
          givenBy: row.given_by,
          recordedBy: row.recorded_by,
          recordedAt: row.recorded_at.toISOString(),
        };
      }),
  );

  app.post(
    '/api/v1/classification/ppl/:nui/placements',
    {
      config: { auth: { roles: [...BOARD_MEMBERS, 'dg'] } },
      schema: {
        operationId: 'placeInCell',
        summary: 'The board (or the DG) assigns unit and cell, with its acta and reasons (CLS-12 … CLS-16)',
        description:
          'CLS-11: the board decides in a session (sessionId), the DG by its own act (acta). CLS-12: only after the induction. CLS-13: the unit’s eligibility (sex, pre-trial/sentenced, special regime) → 422 naming every breach. ' +
          'CLS-14: takes no orientation or gender identity; a protection space needs the person’s recorded consent. ' +
          'CLS-15: security level one, extradition and special-regime units are the DG’s (403). ' +
          'CLS-16: a full cell needs an over-capacity reason. Idempotency-Key (PLT-05).',
        params: NuiParams,
        body: PlacementRequest,
        response: { 201: Placement, ...Errors },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const sent = await idempotent(req, reply, db, async (trx) => {
        const row = await placeChecked(app, req, trx, req.params.nui, b);
        return { status: 201, body: placementView(row) };
      });
      app.outbox.kick();
      return sent;
    },
  );

  app.get(
    '/api/v1/classification/establishments/:code/occupancy',
    {
      config: { auth: { roles: STAFF_ROLES } },
      schema: {
        operationId: 'getOccupancy',
        summary: 'Places, occupants and overcrowding (hacinamiento) per unit and establishment (CLS-16)',
        params: Type.Object({ code: EronCode }),
        response: { 200: OccupancyReport, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.code);
      if (!(await findEstablishment(db, req.params.code))) throw noEstablishment(req.params.code);
      return occupancy(db, req.params.code);
    },
  );
};

/**
 * A placement with every check of CLS-11 … CLS-16, in the caller's transaction: the board's
 * placement route, its decisions on cell-change requests (CLS-18) and the Director's approval of a
 * mother's request (CLS-17) come here. Art. 31 gives the last to the Director: with `art31` a
 * mothers' unit is not reserved to the DG, and the Director's decision is the placement's act.
 */
export async function placeChecked(
  app: FastifyInstance,
  req: FastifyRequest,
  trx: Trx,
  nui: string,
  b: PlacementRequest,
  art31?: { decision: string },
) {
  const ppl = await lockPpl(trx, nui);
  if (!ppl) throw noPpl(nui);
  assertActsFor(req, ppl.eron);
  if (ppl.status !== 'admitted') {
    const transit = ppl.status === 'in_transit';
    throw ruleBroken(transit ? 'CLS-20' : 'CLS-21', transit ? 'Art. 178' : 'Art. 41 §', {
      es: transit
        ? 'La persona está en traslado: no pertenece a este establecimiento'
        : `La persona ya no está recluida aquí (${ppl.status})`,
      en: transit ? 'The person is in transit: they belong to no establishment' : `The person is no longer held here (${ppl.status})`,
    });
  }
  const cell = await lockCellWithUnit(trx, b.cellId);
  if (!cell) throw notFound({ es: 'No existe esa celda', en: 'No such cell' });
  if (cell.eron !== ppl.eron) {
    throw ruleBroken('CLS-13', 'Art. 36', {
      es: `La celda es del establecimiento ${cell.eron} y la PPL está en ${ppl.eron}`,
      en: `The cell is in establishment ${cell.eron}, the PPL in ${ppl.eron}`,
    });
  }
  if (!(await findInduction(trx, ppl.nui))) {
    throw ruleBroken('CLS-12', 'Art. 32', {
      es: 'No se ha registrado la inducción de la persona: no se le puede asignar patio ni celda',
      en: 'The person’s induction is not recorded: no unit or cell can be assigned yet',
    });
  }
  const person = { sex: ppl.sex, legalStatus: ppl.legal_status as LegalStatus, securityLevel: ppl.security_level };
  const dg = req.principal.roles.includes('dg') && req.principal.national;
  // Art. 31: the Director's own decision is the act of a mother's place in the mothers' unit.
  const directorsAct = !dg && cell.special_regime === 'mothers_with_children' ? art31?.decision : undefined;
  const director = directorsAct !== undefined;
  const reserved = reservedToDg(person, director ? { ...cell, special_regime: null } : cell);
  if (reserved && !dg) {
    throw ruleBroken(
      'CLS-15',
      'Art. 141 §',
      {
        es: `Solo el Director General asigna esta ubicación: ${reserved.es}`,
        en: `Only the Director General places here: ${reserved.en}`,
      },
      { status: 403 },
    );
  }
  const decision = director ? { acta: directorsAct, sessionId: null } : await decisionOf(trx, dg, ppl.eron, b);
  const breaches = eligibilityBreaches(person, cell, b.specialRegimeBasis);
  if (breaches.length > 0) {
    throw ruleBroken(
      'CLS-13',
      'Art. 36',
      { es: 'La ubicación no cumple la separación que la unidad declara', en: 'The placement breaks the unit’s declared separation' },
      { errors: breaches },
    );
  }
  if (cell.special_regime === 'protection_space' && !b.protectionConsent) {
    throw ruleBroken(
      'CLS-14',
      'Art. 36 §4',
      {
        es: 'El espacio de protección se acuerda con la persona: falta su consentimiento registrado',
        en: 'A protection space is agreed with the person: their recorded consent is missing',
      },
      { errors: [{ field: '/protectionConsent', message: { es: 'requerido', en: 'required' } }] },
    );
  }
  const full = (await occupantsOf(trx, cell.id)) >= cell.capacity;
  if (full && !b.overCapacityReason) {
    throw ruleBroken(
      'CLS-16',
      'Art. 30',
      {
        es: `La celda tiene sus ${cell.capacity} cupos ocupados: la decisión debe motivar la sobreocupación`,
        en: `The cell's ${cell.capacity} places are taken: the decision must give its over-capacity reasons`,
      },
      {
        errors: [{ field: '/overCapacityReason', message: { es: 'requerido con la celda llena', en: 'required when the cell is full' } }],
      },
    );
  }
  const row = await place(
    trx,
    {
      nui: ppl.nui,
      eron: ppl.eron,
      unitId: cell.unit_id,
      decidedBy: dg ? 'dg' : director ? 'director' : 'board',
      by: req.principal.sub,
      overCapacity: full,
      ...decision,
    },
    b,
  );
  await app.publish(trx, 'ppl.placed', { nui: ppl.nui, eron: ppl.eron, unitId: cell.unit_id, cellId: cell.id }, req.id);
  await audit(trx, req, {
    action: 'place-in-cell',
    entity: 'ppl',
    entityId: ppl.nui,
    details: { cellId: cell.id, acta: decision.acta },
  });
  return row;
}

/**
 * CLS-11: a board decision belongs to a session of this establishment and is numbered by its acta;
 * the DG decides by an act of their own.
 */
async function decisionOf(trx: Trx, dg: boolean, eron: string, b: PlacementRequest): Promise<{ acta: string; sessionId: string | null }> {
  if (dg && b.acta) return { acta: b.acta, sessionId: null };
  const session = b.sessionId && !dg ? await findSession(trx, b.sessionId) : undefined;
  if (session?.eron === eron) return { acta: session.acta, sessionId: session.id };
  const [field, es, en] = dg
    ? ['/acta', 'la decisión del Director General cita su acto', 'the Director General’s decision cites its act']
    : [
        '/sessionId',
        'la decisión de la Junta pertenece a una sesión de este establecimiento',
        'a board decision belongs to a session of this establishment',
      ];
  throw ruleBroken(
    'CLS-11',
    'Art. 141.5',
    { es: `Falta el acta: ${es}`, en: `No acta: ${en}` },
    { errors: [{ field, message: { es, en } }] },
  );
}

export default placementRoutes;
