import { randomUUID } from 'node:crypto';
import { assertActorActsFor, type JudgeReport } from '@eron/shared';
import { findPpl } from '../ppl/ppl.repository';
import { unknownPpl } from '../ppl/ppl.rules';
import type { Ctx, Reader } from '../runtime';
import { firmWithinSixMonths, recordReport, reportsOf } from './judge.repository';

const SUBJECTS = { sanction: 'sanction-firm', incentive: 'incentive-granted', repeat_offender: 'repeat-offender' } as const;

/** The supervising authority (DIS-14): the judge, or for Justicia y Paz the tribunal. */
async function recipientOf(ctx: Ctx, nui: string): Promise<string> {
  const ppl = await findPpl(ctx.trx, nui);
  return ppl?.supervision === 'justicia_y_paz' ? 'justicia_y_paz_tribunal' : 'judge';
}

/** Reports to the supervising authority once (DIS-15): the record and the `notification.requested` the notifier delivers, with retries. */
async function report(ctx: Ctx, r: { subject: keyof typeof SUBJECTS; referenceId: string; nui: string; eron: string }): Promise<void> {
  const recipient = await recipientOf(ctx, r.nui);
  const notificationId = randomUUID();
  if (!(await recordReport(ctx.trx, { id: randomUUID(), ...r, recipient, notificationId }))) return;
  await ctx.publish('notification.requested', { notificationId, recipient, subject: SUBJECTS[r.subject], eron: r.eron, nui: r.nui });
}

/**
 * Called by the cases capability in the transaction where a sanction becomes firm (DIS-08).
 * DIS-15: every firm sanction is reported to the supervising judge and kept in the record.
 * DIS-14 (Art. 137.5): if another sanction of the PPL, of either kind, became firm within six
 * months of it, the PPL is a repeat offender and the judge (for Justicia y Paz, the tribunal) is
 * told at once. Calling it twice reports nothing twice.
 */
export async function onSanctionFirm(ctx: Ctx, sanctionId: string): Promise<void> {
  const s = await ctx.trx.selectFrom('sanctions').selectAll().where('id', '=', sanctionId).executeTakeFirst();
  if (!s || s.status !== 'firm' || !s.firm_at) return;
  await report(ctx, { subject: 'sanction', referenceId: s.id, nui: s.nui, eron: s.eron });
  const others = await firmWithinSixMonths(ctx.trx, s.nui, s.id, s.firm_at);
  if (others.length > 0) await report(ctx, { subject: 'repeat_offender', referenceId: s.id, nui: s.nui, eron: s.eron });
}

/** DIS-15: an incentive granted (DIS-16), reported like a sanction; the incentives capability calls it when the Director grants one. */
export async function onIncentiveGranted(ctx: Ctx, incentive: { id: string; nui: string; eron: string }): Promise<void> {
  await report(ctx, { subject: 'incentive', referenceId: incentive.id, nui: incentive.nui, eron: incentive.eron });
}

/** DIS-15: what the PPL's record says was reported to the judge, and whether it left for the notifier. */
export async function judgeReports(r: Reader, nui: string): Promise<JudgeReport[]> {
  const ppl = await findPpl(r.db, nui);
  if (!ppl) throw unknownPpl(nui);
  assertActorActsFor(r.actor, ppl.eron);
  return (await reportsOf(r.db, nui)).map((x) => ({
    id: x.id,
    subject: x.subject,
    referenceId: x.reference_id,
    recipient: x.recipient,
    delivery: x.published_at ? 'sent' : 'pending',
    createdAt: x.created_at.toISOString(),
    sentAt: x.published_at?.toISOString() ?? null,
  }));
}
