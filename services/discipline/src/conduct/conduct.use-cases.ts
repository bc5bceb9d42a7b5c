import { randomUUID } from 'node:crypto';
import { bogotaToday, notFound, ruleBroken, type ConductDecisions, type ConductRatingView, type ConductRun } from '@eron/shared';
import type { Ctx, Reader } from '../runtime';
import {
  advanceRun,
  countRated,
  decideRating,
  earlierRatings,
  findRun,
  firmCounts,
  insertRun,
  lockRatings,
  quarterRatings,
  saveProposals,
} from './conduct.repository';
import { assertDecisions, previousQuarter, proposeRating, quarterBounds, type Rating } from './conduct.rules';
import type { ConductRatingRow, ConductRunRow } from './conduct.tables';

export const runView = (r: ConductRunRow): ConductRun => ({
  id: r.id,
  eron: r.eron,
  quarter: r.quarter,
  status: r.status,
  total: r.total,
  done: r.done,
  createdAt: r.created_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
});

export const ratingView = (r: ConductRatingRow): ConductRatingView => ({
  nui: r.nui,
  quarter: r.quarter,
  eron: r.eron,
  proposed: r.proposed,
  basis: r.basis,
  graves: r.graves,
  leves: r.leves,
  carriesMala: r.carries_mala,
  rating: r.rating,
  status: r.status,
  reasons: r.reasons,
  session: r.session_ref,
});

const quarterNotStarted = (quarter: string) =>
  ruleBroken('DIS-13', 'Art. 137', {
    es: `El trimestre ${quarter} aún no ha comenzado: no hay registro que calificar`,
    en: `Quarter ${quarter} has not started: there is no record to rate`,
  });

/** DIS-13: queues the proposal of the quarter's ratings of every PPL the establishment rates; the job does the work. */
export async function requestProposals(ctx: Ctx, input: { eron: string; quarter: string }): Promise<ConductRun> {
  if (quarterBounds(input.quarter).from > bogotaToday()) throw quarterNotStarted(input.quarter);
  const total = await countRated(ctx.trx, input.eron);
  const run = await insertRun(ctx.trx, { id: randomUUID(), eron: input.eron, quarter: input.quarter, total, by: ctx.actor.sub });
  await ctx.audit({
    action: 'request-conduct-proposals',
    entity: 'conduct_run',
    entityId: run.id,
    details: { eron: input.eron, quarter: input.quarter },
  });
  return runView(run);
}

const noRun = () => notFound({ es: 'No existe ese trabajo de calificación', en: 'No such rating job' });

export async function getRun(r: Reader, eron: string, id: string): Promise<ConductRun> {
  const run = await findRun(r.db, id);
  if (!run || run.eron !== eron) throw noRun();
  return runView(run);
}

export async function listRatings(r: Reader, eron: string, quarter: string): Promise<ConductRatingView[]> {
  return (await quarterRatings(r.db, eron, quarter)).map(ratingView);
}

/**
 * DIS-13: proposes the quarter's rating of a batch of PPL from the record — firm sanctions of the
 * quarter, the three quarters before and a carried *mala* — in the job's transaction.
 */
export async function proposeBatch(ctx: Ctx, input: { runId: string; eron: string; quarter: string; nuis: string[] }): Promise<void> {
  const { from, to } = quarterBounds(input.quarter);
  const q1 = previousQuarter(input.quarter);
  const q2 = previousQuarter(q1);
  const q3 = previousQuarter(q2);
  const counts = await firmCounts(ctx.trx, input.nuis, from, to);
  const earlier = await earlierRatings(ctx.trx, input.nuis, [q1, q2, q3]);
  const byNui = new Map<string, Map<string, { rating: Rating; carries: boolean }>>();
  for (const e of earlier) {
    const m = byNui.get(e.nui) ?? new Map<string, { rating: Rating; carries: boolean }>();
    byNui.set(e.nui, m.set(e.quarter, e));
  }
  const rows = input.nuis.map((nui) => {
    const mine = byNui.get(nui);
    // Only consecutive quarters ending with the one before count ("las tres anteriores consecutivas").
    const previous: Rating[] = [];
    for (const q of [q1, q2, q3]) {
      const r = mine?.get(q);
      if (!r) break;
      previous.unshift(r.rating);
    }
    const { graves, leves } = counts.get(nui) ?? { graves: 0, leves: 0 };
    const p = proposeRating({ graves, leves, previous, carriedMala: mine?.get(q1)?.carries ?? false });
    return {
      nui,
      quarter: input.quarter,
      eron: input.eron,
      proposed: p.rating,
      basis: p.basis,
      graves,
      leves,
      carries_mala: p.carriesMala,
      rating: null,
      status: 'proposed' as const,
      reasons: null,
      session_ref: null,
      decided_by: null,
      decided_at: null,
      run_id: input.runId,
    };
  });
  await saveProposals(ctx.trx, rows);
  await advanceRun(ctx.trx, input.runId, rows.length);
}

/** DIS-13: the Council approves or amends each proposal in session; an amendment needs its reasons (422 DIS-13). */
export async function decideRatings(ctx: Ctx, input: { eron: string; quarter: string } & ConductDecisions): Promise<ConductRatingView[]> {
  const nuis = [...new Set(input.decisions.map((d) => d.nui))];
  const rows = await lockRatings(ctx.trx, input.eron, input.quarter, nuis);
  assertDecisions(input.decisions, new Map(rows.map((r) => [r.nui, r.proposed])));
  const decided: ConductRatingRow[] = [];
  for (const d of input.decisions) {
    const proposed = rows.find((r) => r.nui === d.nui)!.proposed;
    const amended = d.rating !== proposed;
    decided.push(
      await decideRating(
        ctx.trx,
        { nui: d.nui, quarter: input.quarter },
        {
          rating: d.rating,
          status: amended ? 'amended' : 'approved',
          reasons: d.reasons?.trim() ?? null,
          session: input.session,
          by: ctx.actor.sub,
        },
      ),
    );
  }
  await ctx.audit({
    action: 'decide-conduct-ratings',
    entity: 'conduct_quarter',
    entityId: `${input.eron}/${input.quarter}`,
    details: { session: input.session, decided: decided.length, amended: decided.filter((r) => r.status === 'amended').length },
  });
  return decided.map(ratingView);
}
