import type { Council, CouncilRequest, CouncilSession } from '@eron/shared';
import { bearer } from '@eron/shared/testing';
import type { DisciplineWorld } from './discipline.world';

export const councilBase = (eron = '113') => `/api/v1/discipline/establishments/${eron}/council`;

/** A full plenary of Art. 135 with the PPL's representative and alternate. */
export const councilBody = (rep: string, alt: string): CouncilRequest => ({
  members: [
    { post: 'director', name: 'Ana María Rojas' },
    { post: 'deputy_director', name: 'Luis Fernando Díaz' },
    { post: 'legal_head', name: 'Carolina Méndez' },
    { post: 'guard_commander', name: 'Jorge Castaño' },
    { post: 'workshops_head', name: 'Pedro Salazar' },
    { post: 'education_head', name: 'Marta Ospina' },
    { post: 'psychologist', name: 'Diana Vélez' },
    { post: 'social_worker', name: 'Sandra Quintero' },
    { post: 'doctor', name: 'Felipe Arango' },
    { post: 'personero', name: 'Julián Restrepo' },
    { post: 'personero', name: 'Beatriz Gallego', group: 'two' },
    { post: 'ppl_representative', name: 'Juan Carlos Pérez', nui: rep },
    { post: 'ppl_alternate', name: 'Óscar Londoño', nui: alt },
  ],
  secretary: { name: 'Liliana Cárdenas', position: 'Profesional jurídica' },
});

/** Sets the council of 113 through the API and opens an ordinary session with everyone present. */
export async function setCouncil(w: DisciplineWorld, eron = '113') {
  const rep = await w.admit({ eron });
  const alt = await w.admit({ eron });
  const res = await w.app.inject({
    method: 'PUT',
    url: councilBase(eron),
    headers: bearer(['director'], [eron]),
    payload: councilBody(rep, alt),
  });
  if (res.statusCode !== 200) throw new Error(`council not set: ${res.statusCode} ${res.body}`);
  const council = res.json<Council>();
  const id = (post: string) => council.members.find((m) => m.post === post)!.id;
  const s = await w.app.inject({
    method: 'POST',
    url: `${councilBase(eron)}/sessions`,
    headers: bearer(['council_member'], [eron]),
    payload: { kind: 'ordinary', date: '2026-11-30', agenda: ['Orden del día'], present: council.members.map((m) => m.id) },
  });
  if (s.statusCode !== 201) throw new Error(`session not opened: ${s.statusCode} ${s.body}`);
  const voters = council.members.filter((m) => m.votes).map((m) => m.id);
  return { council, rep, alt, id, sessionId: s.json<CouncilSession>().id, voters };
}
