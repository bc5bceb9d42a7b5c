import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { NATIONAL_ROLES, type Role } from '../roles';
import type { DocumentedRoute } from './routes.schema';

/** Asserts a problem+json answer of the status (or any 4xx), naming the call in the failure. */
export function expectProblem(res: LightMyRequestResponse, status: number | 'client', what: string): Record<string, unknown> {
  const context = `${what} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  if (status === 'client') expect([context, res.statusCode >= 400 && res.statusCode < 500]).toEqual([context, true]);
  else expect([context, res.statusCode]).toEqual([context, status]);
  expect([context, res.headers['content-type']]).toEqual([context, expect.stringMatching(/^application\/problem\+json/)]);
  const problem = res.json();
  expect(problem).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status: res.statusCode,
    detail: expect.any(String),
  });
  return problem;
}

/** fc.assert, with the huge fuzzed strings folded in its report ("Ñ×70000"). */
export async function assertTrimmed(property: fc.IAsyncProperty<[unknown]>, numRuns: number): Promise<void> {
  try {
    await fc.assert(property, { numRuns });
  } catch (err) {
    const e = err as Error & { cause?: Error };
    throw new Error(`${e.message}\n${e.cause?.message ?? ''}`.replace(/(.)\1{40,}/gsu, (run: string, ch: string) => `${ch}×${run.length}`));
  }
}

/** A route's own role that is scoped to establishments (not national), else its first role. */
export const localRole = (r: DocumentedRoute): Role => (r.roles.find((x) => !NATIONAL_ROLES.includes(x as Role)) ?? r.roles[0]) as Role;
