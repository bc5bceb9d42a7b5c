import type { RouteCall } from '@eron/shared/testing';
import type { DisciplineWorld } from './discipline.world';

/** The lists read what the other capabilities seeded at 113 (the council's session, the complaints): nothing of their own. */
export type ListsFixtures = Record<never, never>;

export async function seedLists(_w: DisciplineWorld): Promise<ListsFixtures> {
  return {};
}

export function listsCalls(_f: ListsFixtures): Record<string, RouteCall> {
  const params = { eron: '113' };
  return {
    'GET /api/v1/discipline/establishments/{eron}/council/sessions': { params, query: { limit: '10', kind: 'ordinary' } },
    'GET /api/v1/discipline/establishments/{eron}/incentives': { params, query: { from: '2026-01-01', to: '2026-12-31' } },
    'GET /api/v1/discipline/establishments/{eron}/own-food-requests': { params, query: { status: 'approved' } },
    'GET /api/v1/discipline/establishments/{eron}/complaints': { params, query: { overdue: 'true', limit: '20' } },
  };
}
