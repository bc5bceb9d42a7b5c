import { randomUUID } from 'node:crypto';
import type { Ctx } from '../runtime';

/** One `notification.requested` per recipient, in the change's transaction (IDs only, PLT-06). */
export async function notify(ctx: Ctx, recipients: readonly string[], subject: string, eron: string, nui: string): Promise<void> {
  for (const recipient of recipients) {
    await ctx.publish('notification.requested', { notificationId: randomUUID(), recipient, subject, eron, nui });
  }
}
