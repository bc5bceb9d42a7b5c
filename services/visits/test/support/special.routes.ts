import { addDays, bogotaMonth, bogotaToday } from '@eron/shared';
import { bearer, type RouteCall } from '@eron/shared/testing';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { definition } from '../../src/app';
import type { VisitsWorld } from './visits.world';

export type Call = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  headers: object,
  payload?: object,
) => Promise<LightMyRequestResponse>;

/** A call under /api/v1/visits. */
export const callOn =
  (w: VisitsWorld): Call =>
  (method, url, headers, payload) =>
    w.app.inject({ method, url: `/api/v1/visits${url}`, headers: { ...headers }, ...(payload ? { payload } : {}) });

/** A firm sanction from discipline suppressing `visits` visits, once visits handles it (VIS-09); until then nothing is sent. */
export async function sanction(w: VisitsWorld, nui: string, eron: string, visits: number): Promise<boolean> {
  if (!('sanction.firm' in definition.handlers)) return false;
  await w.deliver('sanction.firm', { sanctionId: randomUUID(), nui, eron, kind: 'suspension', visitsSuppressed: visits });
  return true;
}

/** What the intimate, lawyer and official routes' calls refer to, all of ERON 113. */
export interface SpecialFixtures {
  /** A sentenced PPL held in 113. */
  specialNui: string;
  /** A pending intimate-visit request of that PPL. */
  intimateRequestId: string;
  lawyerId: string;
  lawyerVisitId: string;
  /** A control body's night inspection (Art. 75 §). */
  officialVisitId: string;
}

export const specialPlaceholder: SpecialFixtures = {
  specialNui: '',
  intimateRequestId: '',
  lawyerId: '',
  lawyerVisitId: '',
  officialVisitId: '',
};

async function ok(w: VisitsWorld, ...args: Parameters<Call>): Promise<Record<string, any>> {
  const res = await callOn(w)(...args);
  if (res.statusCode >= 300) throw new Error(`sweep fixture ${args[0]} ${args[1]} → ${res.statusCode} ${res.body}`);
  return res.json();
}

export async function seedSpecial(w: VisitsWorld): Promise<SpecialFixtures> {
  const officer = bearer(['visits_officer'], ['113']);
  const specialNui = await w.admit({ eron: '113', legalStatus: 'condenado' });
  const request = await ok(w, 'POST', `/ppl/${specialNui}/intimate-requests`, officer, {
    visitor: { names: 'Visitante Sweep', document: { type: 'CC', number: '52111222' }, address: 'Calle 1', idCopyRef: 'Copia 1' },
    writtenRequestRef: 'Radicado 1',
  });
  const lawyer = await ok(w, 'POST', '/lawyers', officer, {
    names: 'Abogada Sweep',
    document: { type: 'CC', number: '52333444' },
    credential: { kind: 'professional_card', number: 'TP-1' },
  });
  const visit = await ok(w, 'POST', '/lawyer-visits', officer, {
    nui: specialNui,
    lawyerId: lawyer.id,
    date: addDays(bogotaToday(), 1),
    startTime: '09:00',
  });
  const official = await ok(w, 'POST', '/official-visits', bearer(['gate_officer'], ['113']), {
    eron: '113',
    kind: 'control_body',
    controlBody: 'procuraduria',
    entity: 'Procuraduría',
    officials: [{ names: 'Procurador Sweep', document: { type: 'CC', number: '52555666' }, position: 'Procurador' }],
    arrivesAt: new Date(`${addDays(bogotaToday(), -1)}T23:00:00-05:00`).toISOString(),
    purpose: 'Inspección nocturna',
  });
  return {
    specialNui,
    intimateRequestId: request.id,
    lawyerId: lawyer.id,
    lawyerVisitId: visit.id,
    officialVisitId: official.id,
  };
}

/** A valid call of every intimate, lawyer and official route. */
export function specialCalls(f: SpecialFixtures): Record<string, RouteCall> {
  const P = '/api/v1/visits';
  const today = bogotaToday();
  return {
    [`POST ${P}/ppl/{nui}/intimate-requests`]: {
      params: { nui: f.specialNui },
      body: {
        visitor: { names: 'Otra Visitante', document: { type: 'CC', number: '52777888' }, address: 'Calle 2', idCopyRef: 'Copia 2' },
        writtenRequestRef: 'Radicado 2',
      },
    },
    [`POST ${P}/intimate-requests/{id}/answer`]: { params: { id: f.intimateRequestId }, body: { decision: 'granted' } },
    [`GET ${P}/intimate-requests/{id}`]: { params: { id: f.intimateRequestId } },
    [`GET ${P}/establishments/{eron}/intimate-requests`]: { params: { eron: '113' }, query: { status: 'pending' } },
    [`POST ${P}/intimate-requests/{id}/visits`]: { params: { id: f.intimateRequestId }, body: { date: today } },
    [`GET ${P}/establishments/{eron}/intimate-minimum`]: { params: { eron: '113' }, query: { month: bogotaMonth() } },
    [`POST ${P}/lawyers`]: {
      body: {
        names: 'Abogado Nuevo',
        document: { type: 'CC', number: '52999000' },
        credential: { kind: 'clinic_certificate', number: 'CJ-9' },
      },
      unscoped: 'a lawyer is registered once for every establishment',
    },
    [`POST ${P}/ppl/{nui}/lawyer-authorisations`]: {
      params: { nui: f.specialNui },
      body: { lawyerId: f.lawyerId, signedOn: today, documentRef: 'Poder 1', fingerprint: true },
    },
    [`POST ${P}/lawyer-visits`]: { body: { nui: f.specialNui, lawyerId: f.lawyerId, date: addDays(today, 2), startTime: '10:00' } },
    [`GET ${P}/lawyer-visits/{id}`]: { params: { id: f.lawyerVisitId } },
    [`POST ${P}/lawyer-visits/{id}/entry`]: {
      params: { id: f.lawyerVisitId },
      body: { documentShown: { type: 'CC', number: '52333444' } },
    },
    [`POST ${P}/lawyer-visits/{id}/monitoring`]: { params: { id: f.lawyerVisitId }, body: { kind: 'audio' } },
    [`POST ${P}/official-visits`]: {
      body: {
        eron: '113',
        kind: 'control_body',
        controlBody: 'defensoria',
        entity: 'Defensoría',
        officials: [{ names: 'Defensora', document: { type: 'CC', number: '52121212' }, position: 'Defensora' }],
        purpose: 'Visita',
      },
    },
    [`GET ${P}/official-visits/{id}`]: { params: { id: f.officialVisitId } },
    [`GET ${P}/establishments/{eron}/official-visits`]: { params: { eron: '113' }, query: { date: today } },
    [`POST ${P}/official-visits/{id}/blocked-places`]: { params: { id: f.officialVisitId }, body: { place: 'Patio 3', reason: 'Riña' } },
  };
}
