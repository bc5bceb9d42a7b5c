import type { FastifyInstance } from 'fastify';
import type { AdmissionRequest } from '@eron/shared';
import { addDays, bogotaToday } from '@eron/shared';
import { bearer, type RouteCall } from '@eron/shared/testing';
import { admissionRequest } from '../admission.factory';
import { FULL_BOARD, startClassification, type ClassificationWorld } from './classification.world';

/** What one route is called with: real data of ERON 113, valid as far as the schema goes. */
export type Call = RouteCall;

export interface Fixtures {
  /** An admitted, inducted, sentenced PPL of 113. */
  nui: string;
  unitId: string;
  cellId: string;
  sessionId: string;
  cellChangeId: string;
  /** A transfer 113 → 200, ordered: 113 dispatches or delays it, 113 and 200 read it. */
  outgoingId: string;
  /** A transfer 200 → 113, dispatched: 113 receives it. */
  incomingId: string;
  /** An admitted mother of 113. */
  motherNui: string;
  /** A mother's pending request that her child under three stay with her (CLS-17). */
  childRequestId: string;
  /** A recipient in 113's directory of the notifier, and a notification of 113 (a transfer's). */
  recipientId: string;
  notificationId: string;
}

const dg = bearer(['dg']);

/** The classification service with establishments 113, 114 and 200 and the fixtures every route's call refers to. */
export async function startSweepWorld(): Promise<{ app: FastifyInstance; fixtures: Fixtures; stop: () => Promise<void> }> {
  // The notifier's sender stays off: its delivery attempts would change rows while the sweep and
  // the fuzz run check that refused requests change nothing (delivery has its own tests).
  const w = await startClassification({ config: { NOTIFY_POLL_MS: 0 } });
  try {
    return { app: w.app, fixtures: await seed(w), stop: w.close };
  } catch (err) {
    await w.close();
    throw err;
  }
}

async function ok(w: ClassificationWorld, ...args: Parameters<ClassificationWorld['call']>): Promise<Record<string, any>> {
  const res = await w.call(...args);
  if (res.statusCode >= 300) throw new Error(`sweep fixture ${args[0]} ${args[1]} → ${res.statusCode} ${res.body}`);
  return res.json();
}

async function seed(w: ClassificationWorld): Promise<Fixtures> {
  for (const code of ['113', '114', '200']) {
    const body = { code, name: `ERON ${code}`, regional: 'central', order: 'nacional', type: 'penitenciaria' };
    await ok(w, 'POST', '/establishments', dg, { ...body, securityCategory: 'media', resolution: 'Resolución DG 1' });
  }
  const director = bearer(['director'], ['113']);
  const eligibility = { sexes: ['M', 'F'], legal: 'both', specialRegime: null };
  const unit = await ok(w, 'POST', '/establishments/113/units', dg, {
    kind: 'patio',
    name: 'Patio 1',
    eligibility,
    dgAuthorisation: 'Oficio DG 7',
  });
  const cell = await ok(w, 'POST', `/units/${unit.id}/cells`, director, { code: 'C1', capacity: 4 });
  const session = await ok(w, 'POST', '/establishments/113/board-sessions', director, { date: bogotaToday(), attendees: FULL_BOARD });
  const admit = async (eron: string, over: Partial<AdmissionRequest> = {}) =>
    (await ok(w, 'POST', '/admissions', bearer(['gate_officer'], [eron]), admissionRequest({ eron, legalStatus: 'condenado', ...over })))
      .nui as string;
  const nui = await admit('113');
  await ok(w, 'PUT', `/ppl/${nui}/induction`, bearer(['social_worker'], ['113']), {
    date: bogotaToday(),
    givenBy: 'Trabajadora social de turno',
    topics: ['rules', 'rights_and_duties', 'complaints', 'disciplinary_regime'],
  });
  const change = await ok(w, 'POST', `/ppl/${nui}/cell-change-requests`, bearer(['social_worker'], ['113']), {
    wanted: 'Patio con su hermano',
    reason: 'Cercanía familiar',
  });
  const mother = admissionRequest({ eron: '113', legalStatus: 'condenado' });
  const motherNui = (
    await ok(w, 'POST', '/admissions', bearer(['gate_officer'], ['113']), { ...mother, person: { ...mother.person, sex: 'F' } })
  ).nui as string;
  const child = await ok(w, 'POST', `/ppl/${motherNui}/child-requests`, bearer(['social_worker'], ['113']), {
    child: { names: 'Niña Sweep', birthDate: addDays(bogotaToday(), -400) },
    statement: 'Que mi hija se quede conmigo',
  });
  const order = { reasons: 'Acercamiento familiar', authority: 'Juzgado 3 de Ejecución de Penas de Bogotá' };
  const outgoing = await ok(w, 'POST', '/transfers', dg, { nui: await admit('113'), toEron: '200', ...order });
  const incoming = await ok(w, 'POST', '/transfers', dg, { nui: await admit('200'), toEron: '113', ...order });
  await ok(w, 'POST', `/transfers/${incoming.id}/dispatch`, bearer(['director'], ['200']));
  const recipient = await ok(w, 'POST', '/notification-recipients', director, {
    kind: 'judge',
    eron: '113',
    name: 'Juzgado 3 de Ejecución de Penas de Bogotá',
    email: 'j03ejp@rama.example',
  });
  // The outbox relay marks what it published, and the notifier records each notice it consumes:
  // let both settle before the database is snapshot.
  for (let i = 0; i < 200; i += 1) {
    const pending = await w.app.db.selectFrom('outbox').select('seq').where('published_at', 'is', null).execute();
    const notices = await w.app.db.selectFrom('outbox').select('seq').where('type', '=', 'notification.requested').execute();
    const recorded = await w.app.db.selectFrom('notifications').select('id').execute();
    if (pending.length === 0 && recorded.length === notices.length) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const notification = await w.app.db.selectFrom('notifications').select('id').where('eron', '=', '113').executeTakeFirstOrThrow();
  return {
    nui,
    unitId: unit.id,
    cellId: cell.id,
    sessionId: session.id,
    cellChangeId: change.id,
    outgoingId: outgoing.id,
    incomingId: incoming.id,
    motherNui,
    childRequestId: child.id,
    recipientId: recipient.id,
    notificationId: notification.id,
  };
}

/**
 * What only the national Director General decides: any other caller the route lets in (a
 * director, a regional director, a DG token narrowed to establishments) gets 403 naming the rule.
 */
export const DG_ONLY: Record<string, string> = {
  'POST /api/v1/classification/establishments': 'CLS-01',
  'PUT /api/v1/classification/establishments/{code}/category': 'CLS-01',
  'POST /api/v1/classification/establishments/{code}/units': 'CLS-02',
  'PATCH /api/v1/classification/units/{id}': 'CLS-02',
  'POST /api/v1/classification/transfers': 'CLS-20',
};

/** A valid call of every classification route, on the data of ERON 113; the sweep checks that it covers every documented route. */
export function calls(f: Fixtures): Record<string, Call> {
  const today = bogotaToday();
  const now = new Date().toISOString();
  const code = { code: '113' };
  const nui = { nui: f.nui };
  const P = '/api/v1/classification';
  return {
    [`POST ${P}/establishments`]: {
      body: {
        code: '300',
        name: 'ERON 300',
        regional: 'central',
        order: 'nacional',
        type: 'penitenciaria',
        securityCategory: 'media',
        resolution: 'Res. DG 2',
      },
    },
    [`GET ${P}/establishments`]: { unscoped: 'lists only the establishments the caller acts for' },
    [`GET ${P}/establishments/{code}`]: { params: code },
    [`PUT ${P}/establishments/{code}/category`]: { params: code, body: { securityCategory: 'alta', resolution: 'Res. DG 3' } },
    [`GET ${P}/establishments/{code}/categories`]: { params: code },
    [`POST ${P}/establishments/{code}/units`]: {
      params: code,
      body: {
        kind: 'patio',
        name: 'Patio 2',
        eligibility: { sexes: ['M'], legal: 'both', specialRegime: null },
        dgAuthorisation: 'Oficio DG 8',
      },
    },
    [`PATCH ${P}/units/{id}`]: { params: { id: f.unitId }, body: { name: 'Patio Uno', dgAuthorisation: 'Oficio DG 9' } },
    [`POST ${P}/units/{id}/cells`]: { params: { id: f.unitId }, body: { code: 'C2', capacity: 2 } },
    [`PATCH ${P}/cells/{id}`]: { params: { id: f.cellId }, body: { capacity: 6, reason: 'Ampliación' } },
    [`POST ${P}/admissions`]: { body: admissionRequest({ eron: '113' }) },
    [`GET ${P}/ppl/{nui}`]: { params: nui },
    [`POST ${P}/ppl/{nui}/intake-cash/receipt`]: {
      params: nui,
      body: {
        receivedOn: today,
        signatures: { guardCommander: 'Pedro Sosa', custodyOfficer: 'Dragoneante Ruiz', paymaster: 'Luz Pérez' },
        copyGivenToPpl: true,
      },
    },
    [`GET ${P}/establishments/{code}/intake-cash`]: { params: code, query: { from: addDays(today, -30), to: today } },
    [`GET ${P}/ppl/{nui}/record`]: { params: nui },
    [`PATCH ${P}/ppl/{nui}/record`]: { params: nui, body: { alias: 'El Mono', childrenCount: 2 } },
    [`GET ${P}/ppl/{nui}/record/history`]: { params: nui },
    [`GET ${P}/ppl/{nui}/record/stay`]: { params: nui },
    [`GET ${P}/ppl/{nui}/record/confidential`]: { params: nui },
    [`PATCH ${P}/ppl/{nui}/record/confidential`]: { params: nui, body: { children: [{ names: 'Hija', birthDate: '2020-02-02' }] } },
    [`POST ${P}/establishments/{code}/board-sessions`]: {
      params: code,
      body: { date: '2026-01-02', attendees: FULL_BOARD },
    },
    [`GET ${P}/board-sessions/{id}`]: { params: { id: f.sessionId } },
    [`GET ${P}/board-sessions/{id}/acta.pdf`]: { params: { id: f.sessionId } },
    [`PUT ${P}/ppl/{nui}/induction`]: {
      params: nui,
      body: { date: today, givenBy: 'Trabajadora social', topics: ['rules', 'rights_and_duties', 'complaints', 'disciplinary_regime'] },
    },
    [`POST ${P}/ppl/{nui}/placements`]: { params: nui, body: { cellId: f.cellId, sessionId: f.sessionId, reasons: 'Evaluación integral' } },
    [`GET ${P}/establishments/{code}/occupancy`]: { params: code },
    [`POST ${P}/ppl/{nui}/cell-change-requests`]: { params: nui, body: { wanted: 'Otro patio', reason: 'Seguridad' } },
    [`GET ${P}/ppl/{nui}/cell-change-requests`]: { params: nui },
    [`POST ${P}/cell-change-requests/{id}/decision`]: {
      params: { id: f.cellChangeId },
      body: { sessionId: f.sessionId, decision: 'denied', reasons: 'Sin cupo en el patio pedido' },
    },
    [`POST ${P}/units/{id}/roll-calls`]: { params: { id: f.unitId }, body: { takenAt: now, seen: [] } },
    [`GET ${P}/establishments/{code}/roll-calls`]: { params: code, query: { date: today } },
    [`POST ${P}/transfers`]: {
      body: { nui: f.nui, toEron: '114', reasons: 'Acercamiento familiar', authority: 'Juzgado 3', delegation: 'Resolución DG 44' },
    },
    [`POST ${P}/transfers/{id}/dispatch`]: { params: { id: f.outgoingId } },
    [`POST ${P}/transfers/{id}/delay`]: { params: { id: f.outgoingId }, body: { cause: 'Vía cerrada', expectedDate: '2026-12-01' } },
    [`POST ${P}/transfers/{id}/reception`]: { params: { id: f.incomingId } },
    [`GET ${P}/transfers/{id}`]: { params: { id: f.outgoingId } },
    [`POST ${P}/exits`]: { body: { nui: f.nui, reason: 'death', occurredAt: now } },
    [`POST ${P}/ppl/{nui}/recaptures`]: { params: nui, body: { occurredAt: now, details: 'Policía, Soacha' } },
    [`GET ${P}/establishments/{code}/escape-register`]: { params: code },
    [`POST ${P}/ppl/{nui}/treatment`]: {
      params: nui,
      body: { phase: 'observation', securityLevel: 2, cetActa: 'CET 113-2026-0010', reasons: 'Diagnóstico inicial' },
    },
    [`GET ${P}/ppl/{nui}/treatment`]: { params: nui },
    [`POST ${P}/ppl/{nui}/legal-status`]: {
      params: nui,
      body: { legalStatus: 'condenado', court: 'Juzgado 5 Penal del Circuito', decisionNumber: 'SENT-2026-0415', firmOn: today },
    },
    [`GET ${P}/ppl/{nui}/legal-status`]: { params: nui },
    [`POST ${P}/ppl/{nui}/child-requests`]: {
      params: { nui: f.motherNui },
      body: { child: { names: 'Niño', birthDate: addDays(today, -100) }, statement: 'Que mi hijo se quede conmigo' },
    },
    [`POST ${P}/child-requests/{id}/decision`]: {
      params: { id: f.childRequestId },
      body: { decision: 'denied', reasons: 'Concepto de riesgo del ICBF' },
    },
    [`GET ${P}/child-requests/{id}`]: { params: { id: f.childRequestId } },
    [`GET ${P}/establishments/{code}/children-turning-three`]: { params: code },
    [`POST ${P}/notification-recipients`]: { body: { kind: 'consulate', eron: '113', name: 'Consulado', email: 'c@consulado.example' } },
    [`GET ${P}/notification-recipients`]: { query: { eron: '113' } },
    [`DELETE ${P}/notification-recipients/{id}`]: { params: { id: f.recipientId } },
    [`GET ${P}/notifications`]: { query: { eron: '113' } },
    [`GET ${P}/notifications/{id}`]: { params: { id: f.notificationId } },
  };
}
