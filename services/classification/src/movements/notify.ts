import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Trx } from '../db';

/** One `notification.requested` per recipient, in the change's transaction (IDs only, PLT-06). */
export async function notify(
  app: FastifyInstance,
  trx: Trx,
  req: FastifyRequest,
  recipients: readonly string[],
  subject: string,
  eron: string,
  nui: string,
): Promise<void> {
  for (const recipient of recipients) {
    await app.publish(trx, 'notification.requested', { notificationId: randomUUID(), recipient, subject, eron, nui }, req.id);
  }
}
