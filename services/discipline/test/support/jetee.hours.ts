import type { JeteeSession, Programme, ProgrammeKind } from '@eron/shared';
import { bearer } from '@eron/shared/testing';
import type { DisciplineWorld } from './discipline.world';

export const director = bearer(['director'], ['113']);
/** The programmes' officer in these tests (its token's subject is `test-treatment_officer`). */
export const officer = bearer(['treatment_officer'], ['113']);
export const OFFICER_SUB = 'test-treatment_officer';
const url = '/api/v1/discipline/establishments/113/programmes';

export async function programmeOf(w: DisciplineWorld, kind: ProgrammeKind, places = 50): Promise<Programme> {
  const res = await w.app.inject({
    method: 'POST',
    url,
    headers: director,
    payload: { kind, name: `Programa ${kind}`, places, officer: OFFICER_SUB },
  });
  return res.json<Programme>();
}

export async function orderOf(w: DisciplineWorld, p: Programme, nui: string, session: JeteeSession): Promise<void> {
  const qualification = p.kind === 'teaching' ? { title: 'Licenciatura', issuer: 'UPN', accreditation: 'MEN-1' } : undefined;
  const res = await w.app.inject({
    method: 'POST',
    url: `${url}/${p.id}/orders`,
    headers: director,
    payload: { nui, sessionId: session.id, decision: 'admit', ...(qualification ? { qualification } : {}) },
  });
  if (res.statusCode !== 201) throw new Error(`order: ${res.body}`);
}

export const hours = (w: DisciplineWorld, p: Programme, body: object, headers = officer) =>
  w.app.inject({ method: 'POST', url: `${url}/${p.id}/hours`, headers, payload: body });
