import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { ExitRequest, TransferOrderRequest, TreatmentRequest } from '@eron/shared';
import type { Db, Trx } from '../db';
import type { MovementTables } from './movements.tables';

export type TransferRow = Selectable<MovementTables['transfers']>;
type DelayRow = Selectable<MovementTables['transfer_delays']>;

export const transferView = (t: TransferRow, delays: DelayRow[]) => ({
  id: t.id,
  nui: t.nui,
  fromEron: t.from_eron,
  toEron: t.to_eron,
  status: t.status,
  reasons: t.reasons,
  authority: t.authority,
  orderedAs: t.ordered_as,
  delegation: t.delegation,
  orderedAt: t.ordered_at.toISOString(),
  dispatchedAt: t.dispatched_at?.toISOString() ?? null,
  receivedAt: t.received_at?.toISOString() ?? null,
  delays: delays.map((d) => ({ cause: d.cause, expectedDate: d.expected_date, recordedAt: d.recorded_at.toISOString() })),
});

/** The ends of the person's transfer under way, if any (CLS-20). */
export const openTransferOf = (db: Db | Trx, nui: string) =>
  db
    .selectFrom('transfers')
    .select(['id', 'from_eron', 'to_eron', 'status'])
    .where('nui', '=', nui)
    .where('status', '<>', 'received')
    .executeTakeFirst();

export const hasOpenTransfer = async (trx: Trx, nui: string): Promise<boolean> =>
  !!(await trx.selectFrom('transfers').select('id').where('nui', '=', nui).where('status', '<>', 'received').executeTakeFirst());

export const insertTransfer = (
  trx: Trx,
  t: { nui: string; fromEron: string; as: 'dg' | 'regional_director'; by: string },
  b: TransferOrderRequest,
) =>
  trx
    .insertInto('transfers')
    .values({
      id: randomUUID(),
      nui: t.nui,
      from_eron: t.fromEron,
      to_eron: b.toEron,
      status: 'ordered',
      reasons: b.reasons,
      authority: b.authority,
      ordered_as: t.as,
      delegation: b.delegation ?? null,
      ordered_by: t.by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

export const findTransfer = (db: Db | Trx, id: string) => db.selectFrom('transfers').selectAll().where('id', '=', id).executeTakeFirst();
export const lockTransfer = (trx: Trx, id: string) =>
  trx.selectFrom('transfers').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
export const delaysOf = (db: Db | Trx, id: string) =>
  db.selectFrom('transfer_delays').selectAll().where('transfer_id', '=', id).orderBy('recorded_at').execute();

/** Dispatch at origin: the current cell placement ends and the person is in transit (CLS-20). */
export async function dispatch(trx: Trx, t: TransferRow, by: string): Promise<TransferRow> {
  const now = new Date();
  await trx.updateTable('placements').set({ ended_at: now }).where('nui', '=', t.nui).where('ended_at', 'is', null).execute();
  await trx.updateTable('ppl').set({ status: 'in_transit' }).where('nui', '=', t.nui).execute();
  return trx
    .updateTable('transfers')
    .set({ status: 'in_transit', dispatched_by: by, dispatched_at: now })
    .where('id', '=', t.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Reception at destination: the person now belongs to the destination establishment (CLS-20). */
export async function receive(trx: Trx, t: TransferRow, by: string): Promise<TransferRow> {
  await trx.updateTable('ppl').set({ status: 'admitted', eron: t.to_eron }).where('nui', '=', t.nui).execute();
  return trx
    .updateTable('transfers')
    .set({ status: 'received', received_by: by, received_at: new Date() })
    .where('id', '=', t.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const insertDelay = (trx: Trx, transferId: string, d: { cause: string; expectedDate?: string }, by: string) =>
  trx
    .insertInto('transfer_delays')
    .values({ id: randomUUID(), transfer_id: transferId, cause: d.cause, expected_date: d.expectedDate ?? null, recorded_by: by })
    .execute();

/** Records the exit, ends any placement and sets the person's status; the NUI and history stay (CLS-21). */
export async function recordExit(
  trx: Trx,
  e: { nui: string; eron: string; status: string; fromHouseArrest: boolean; notified: readonly string[]; by: string },
  b: ExitRequest,
) {
  await trx.updateTable('placements').set({ ended_at: new Date() }).where('nui', '=', e.nui).where('ended_at', 'is', null).execute();
  await trx.updateTable('ppl').set({ status: e.status }).where('nui', '=', e.nui).execute();
  return trx
    .insertInto('exits')
    .values({
      id: randomUUID(),
      nui: e.nui,
      eron: e.eron,
      reason: b.reason,
      occurred_at: new Date(b.occurredAt),
      from_house_arrest: e.fromHouseArrest,
      judicial_decision: b.judicialDecision ? JSON.stringify(b.judicialDecision) : null,
      details: b.details ?? null,
      notified: [...e.notified],
      recorded_by: e.by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const registerEscapeEntry = (
  trx: Trx,
  r: {
    nui: string;
    eron: string;
    kind: 'escape' | 'recapture';
    fromHouseArrest: boolean;
    occurredAt: string;
    details?: string;
    by: string;
  },
) =>
  trx
    .insertInto('escape_register')
    .values({
      id: randomUUID(),
      nui: r.nui,
      eron: r.eron,
      kind: r.kind,
      from_house_arrest: r.fromHouseArrest,
      occurred_at: new Date(r.occurredAt),
      details: r.details ?? null,
      recorded_by: r.by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

/** The latest escape of a person, to know whether they escaped from house arrest. */
export const lastEscape = (trx: Trx, nui: string) =>
  trx
    .selectFrom('escape_register')
    .selectAll()
    .where('nui', '=', nui)
    .where('kind', '=', 'escape')
    .orderBy('occurred_at', 'desc')
    .limit(1)
    .executeTakeFirst();

/** A page of the establishment's escapes register, newest first, in a period and before the cursor's entry. */
export const escapeRegister = (
  db: Db | Trx,
  q: { eron: string; since?: Date; until?: Date; before?: { occurredAt: string; id: string }; rows: number },
) =>
  db
    .selectFrom('escape_register')
    .selectAll()
    .where('eron', '=', q.eron)
    .$if(q.since !== undefined, (w) => w.where('occurred_at', '>=', q.since!))
    .$if(q.until !== undefined, (w) => w.where('occurred_at', '<', q.until!))
    .$if(q.before !== undefined, (w) =>
      w.where(sql<boolean>`(occurred_at, id) < (${q.before!.occurredAt}::timestamptz, ${q.before!.id}::uuid)`),
    )
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.rows)
    .execute();

export async function recordTreatment(
  trx: Trx,
  p: { nui: string; eron: string; securityLevel: number | null; by: string },
  b: TreatmentRequest,
) {
  if (b.securityLevel !== undefined) {
    await trx.updateTable('ppl').set({ security_level: b.securityLevel }).where('nui', '=', p.nui).execute();
  }
  const current = await currentPhase(trx, p.nui);
  await trx
    .insertInto('treatment_history')
    .values({
      id: randomUUID(),
      nui: p.nui,
      eron: p.eron,
      security_level: b.securityLevel ?? p.securityLevel,
      phase: b.phase ?? current,
      cet_acta: b.cetActa,
      reasons: b.reasons,
      set_by: p.by,
    })
    .execute();
}

export const treatmentHistory = (db: Db | Trx, nui: string) =>
  db.selectFrom('treatment_history').selectAll().where('nui', '=', nui).orderBy('set_at').orderBy('id').execute();

/** The phase in force: the latest CET decision's. */
export async function currentPhase(db: Db | Trx, nui: string): Promise<string | null> {
  const row = await db
    .selectFrom('treatment_history')
    .select('phase')
    .where('nui', '=', nui)
    .orderBy('set_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.phase ?? null;
}

/** CLS-21 (Art. 156 §2): a recaptured person re-enters only through a new admission. */
export const setRecaptured = (trx: Trx, nui: string) =>
  trx.updateTable('ppl').set({ status: 'recaptured' }).where('nui', '=', nui).execute();
