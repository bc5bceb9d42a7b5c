import { randomUUID } from 'node:crypto';
import type { JeteeBoard, JeteeMember, JeteeSession } from '@eron/shared';
import { bearer, type RouteCall } from '@eron/shared/testing';
import type { DisciplineWorld } from './discipline.world';

export const boardBody = (): { members: JeteeMember[] } => ({
  members: [
    { seat: 'director', name: 'Marta Ruiz', position: 'Directora' },
    { seat: 'deputy_director', name: 'Luis Peña', position: 'Subdirector' },
    { seat: 'treatment_head', name: 'Ana Gil', position: 'Responsable de atención y tratamiento' },
    { seat: 'guard_commander', name: 'Jorge Díaz', position: 'Comandante de vigilancia' },
  ],
});

/** Constitutes the JETEE of `eron` and holds a session on `heldOn` attended by every member. */
export async function jeteeOf(
  w: DisciplineWorld,
  eron = '113',
  heldOn = '2026-11-02',
): Promise<{ board: JeteeBoard; session: JeteeSession }> {
  const director = bearer(['director'], [eron]);
  const put = await w.app.inject({
    method: 'PUT',
    url: `/api/v1/discipline/establishments/${eron}/jetee`,
    headers: director,
    payload: boardBody(),
  });
  const board = put.json<JeteeBoard>();
  const res = await w.app.inject({
    method: 'POST',
    url: `/api/v1/discipline/establishments/${eron}/jetee/sessions`,
    headers: director,
    payload: { heldOn, attendees: board.members.map((m) => m.id) },
  });
  return { board, session: res.json<JeteeSession>() };
}

export interface JeteeFixtures {
  jeteeMemberId: string;
  jeteeSessionId: string;
  programmeId: string;
  orderId: string;
  computationId: string;
  computationCode: string;
}

export async function seedJetee(w: DisciplineWorld): Promise<JeteeFixtures> {
  const { board, session } = await jeteeOf(w);
  const director = bearer(['director'], ['113']);
  const url = '/api/v1/discipline/establishments/113/programmes';
  const p = (
    await w.app.inject({
      method: 'POST',
      url,
      headers: director,
      payload: { kind: 'study', name: 'Bachillerato', places: 50, officer: 'x' },
    })
  ).json<{ id: string }>();
  const payload = { nui: await w.admit(), sessionId: session.id, decision: 'admit' };
  const o = (await w.app.inject({ method: 'POST', url: `${url}/${p.id}/orders`, headers: director, payload })).json<{ id: string }>();
  // A certificate as issueCertificate records it (its own tests build one from hours and evaluations).
  const computationCode = 'RC-0A1B2C3D4E';
  const cert = await w.db
    .insertInto('redemption_certificates')
    .values({ id: randomUUID(), nui: payload.nui, eron: '113', code: computationCode, days: 1, judge_request: null, issued_by: 'sweep' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    jeteeMemberId: board.members[0]!.id,
    jeteeSessionId: session.id,
    programmeId: p.id,
    orderId: o.id,
    computationId: cert.id,
    computationCode,
  };
}

export function jeteeCalls(f: JeteeFixtures & { nui: string }): Record<string, RouteCall> {
  const eron = { eron: '113' };
  return {
    'PUT /api/v1/discipline/establishments/{eron}/jetee': { params: eron, body: boardBody() },
    'GET /api/v1/discipline/establishments/{eron}/jetee': { params: eron },
    'POST /api/v1/discipline/establishments/{eron}/jetee/sessions': {
      params: eron,
      body: { heldOn: '2026-11-03', attendees: [f.jeteeMemberId] },
    },
    'GET /api/v1/discipline/establishments/{eron}/jetee/sessions/{id}/acta': { params: { ...eron, id: f.jeteeSessionId } },
    'GET /api/v1/discipline/establishments/{eron}/jetee/missed-months': { params: eron, query: { from: '2026-01', to: '2026-10' } },
    'POST /api/v1/discipline/establishments/{eron}/programmes': {
      params: eron,
      body: { kind: 'work', name: 'Taller', places: 3, officer: 'x' },
    },
    'GET /api/v1/discipline/establishments/{eron}/programmes': { params: eron },
    'POST /api/v1/discipline/establishments/{eron}/programmes/{id}/candidates': {
      params: { ...eron, id: f.programmeId },
      body: { nui: f.nui },
    },
    'POST /api/v1/discipline/establishments/{eron}/programmes/{id}/orders': {
      params: { ...eron, id: f.programmeId },
      body: { nui: f.nui, sessionId: f.jeteeSessionId, decision: 'refuse', grounds: ['availability'], reasons: 'Horario' },
    },
    'POST /api/v1/discipline/establishments/{eron}/jetee/sessions/{id}/evaluations': {
      params: { ...eron, id: f.jeteeSessionId },
      body: { evaluations: [{ nui: f.nui, programmeId: f.programmeId, month: '2026-11', rating: 'buena', remarks: 'Cumplió' }] },
    },
    'GET /api/v1/discipline/ppl/{nui}/redemption': { params: { nui: f.nui } },
    'POST /api/v1/discipline/ppl/{nui}/redemption/certificates': { params: { nui: f.nui }, body: { eron: '113' } },
    'GET /api/v1/discipline/redemption/certificates/{id}/pdf': { params: { id: f.computationId } },
    'POST /api/v1/discipline/redemption/certificates/{id}/decision': {
      params: { id: f.computationId },
      body: { daysGranted: 1, orderNumber: 'Auto 1', decidedOn: '2026-11-20' },
    },
    'POST /api/v1/discipline/establishments/{eron}/programmes/{id}/hours': {
      params: { ...eron, id: f.programmeId },
      body: { nui: f.nui, date: '2026-11-02', hours: 4 },
    },
    'POST /api/v1/discipline/establishments/{eron}/programmes/{id}/orders/{orderId}/removal': {
      params: { ...eron, id: f.programmeId, orderId: f.orderId },
      body: { sessionId: f.jeteeSessionId, grounds: ['conduct_in_programme'], reasons: 'Abandono' },
    },
  };
}
