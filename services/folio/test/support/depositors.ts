import type { FastifyInstance } from 'fastify';
import { bearer } from '@eron/shared/testing';

/** Registers a PPL's depositor list through the API, as the paymaster. */
export async function setDepositors(app: FastifyInstance, nui: string, people: { type: string; number: string }[], eron = '113') {
  return app.inject({
    method: 'POST',
    url: `/api/v1/folio/accounts/${nui}/depositors`,
    headers: bearer(['paymaster'], [eron]),
    payload: { depositors: people.map((d, i) => ({ document: d, givenNames: `Nombre${i}`, surnames: `Apellido${i}` })) },
  });
}

export const cc = (n: number): { type: 'CC'; number: string } => ({ type: 'CC', number: String(n) });
