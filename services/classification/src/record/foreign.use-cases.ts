import { randomUUID } from 'node:crypto';
import type { Ctx } from '../runtime';
import { claimNotice } from './record.repository';
import { FOREIGN_RECIPIENTS } from './record.rules';

/**
 * CLS-08 (Art. 26 §3, Art. 74): a foreign PPL is reported to the consulate and the migration
 * authority, once per recipient however often it is called — at admission and when the record
 * states it. Publishes in the caller's transaction.
 */
export async function notifyForeignPpl(ctx: Ctx, ppl: { nui: string; eron: string; nationality: string }): Promise<void> {
  for (const recipient of FOREIGN_RECIPIENTS) {
    const notificationId = randomUUID();
    if (!(await claimNotice(ctx.trx, { nui: ppl.nui, recipient, notificationId, nationality: ppl.nationality }))) continue;
    await ctx.publish('notification.requested', { notificationId, recipient, subject: 'foreign-ppl', eron: ppl.eron, nui: ppl.nui });
    await ctx.audit({ action: 'request-foreign-notice', entity: 'ppl', entityId: ppl.nui, details: { recipient, notificationId } });
  }
}
