import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Db, Trx } from '../db';
import { confirmCredit, releaseCredit } from './phone.repository';
import type { FolioConfig } from '../config';
import { runtime } from '../runtime';
import { cancel, creditStatus } from './telephony.client';

const SWEEPER = 'system:phone-sweeper';
/** Enough for any backlog a crash leaves; the next tick takes the rest. */
const MAX_PER_SWEEP = 200;

export type SweepOutcome = 'confirmed' | 'released' | 'undecided';
export type SweepResult = Record<SweepOutcome, number>;

/**
 * Settles phone credits left `held` by a request that died between the hold and the provider's
 * answer (FOL-10): the provider is asked what became of our reference; confirmed → charged once to
 * the providers' account, otherwise the reference is voided and the hold goes back to the PPL with
 * its caps. One credit per transaction, claimed with SKIP LOCKED, so instances side by side never
 * settle the same credit twice. A provider that does not answer leaves the credit for the next sweep.
 */
export async function sweepHeldCredits(db: Db, s: FolioConfig, log?: FastifyBaseLogger): Promise<SweepResult> {
  const result: SweepResult = { confirmed: 0, released: 0, undecided: 0 };
  const requestId = `phone-sweep-${randomUUID()}`;
  const seen: string[] = [];
  for (let i = 0; i < MAX_PER_SWEEP; i += 1) {
    const outcome = await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('phone_credits')
        .select('id')
        .where('status', '=', 'held')
        .where('created_at', '<', sql<Date>`now() - ${s.PHONE_HOLD_TIMEOUT_MS} * interval '1 millisecond'`)
        .$if(seen.length > 0, (q) => q.where('id', 'not in', seen))
        .orderBy('created_at')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!row) return null;
      seen.push(row.id);
      return settle(trx, s, row.id, requestId, log);
    });
    if (!outcome) break;
    result[outcome] += 1;
  }
  return result;
}

async function settle(trx: Trx, s: FolioConfig, id: string, requestId: string, log?: FastifyBaseLogger): Promise<SweepOutcome> {
  const answer = await creditStatus(s, id);
  if (!answer.known) return 'undecided';
  if (answer.status === 'confirmed') {
    await confirmCredit(trx, id, answer.providerTransactionId, SWEEPER, requestId);
    return 'confirmed';
  }
  // Voided first, so credit the provider might still load never outlives the release.
  await cancel(s, id);
  const released = await releaseCredit(trx, id, 'the provider has no record of it after the request died', SWEEPER, requestId);
  if (released.owedTo)
    log?.info({ creditId: id, nui: released.nui, owedTo: released.owedTo }, 'FOL-10 phone credit released after the exit, owed with it');
  return 'released';
}

/** Runs the sweep every PHONE_SWEEP_INTERVAL_MS (0 = never) inside the service; one sweep at a time per instance. */
export async function phoneSweeper(app: FastifyInstance): Promise<void> {
  if (!app.hasDecorator('runtime')) return;
  const { db, config: s } = runtime(app);
  if (!(s.PHONE_SWEEP_INTERVAL_MS > 0)) return;
  let running: Promise<void> | null = null;
  const tick = () => {
    running ??= sweepHeldCredits(db, s, app.log)
      .then((r) => {
        if (r.confirmed + r.released + r.undecided > 0) app.log.info({ phoneSweep: r }, 'FOL-10 held phone credits swept');
      })
      .catch((err: unknown) => app.log.error({ err }, 'FOL-10 phone credit sweep failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, s.PHONE_SWEEP_INTERVAL_MS);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}
