import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '@eron/shared/platform';
import type { Trx } from '../db';
import { claimNotice } from './record.repository';
import { FOREIGN_RECIPIENTS } from './record.rules';

/**
 * CLS-08 (Art. 26 §3, Art. 74): a foreign PPL is reported to the consulate and the migration
 * authority, once per recipient however often it is called — at admission and when the record
 * states it. Publishes in the caller's transaction; the caller kicks the outbox after commit.
 */
export async function notifyForeignPpl(
  app: FastifyInstance,
  req: FastifyRequest,
  trx: Trx,
  ppl: { nui: string; eron: string; nationality: string },
): Promise<void> {
  for (const recipient of FOREIGN_RECIPIENTS) {
    const notificationId = randomUUID();
    if (!(await claimNotice(trx, { nui: ppl.nui, recipient, notificationId, nationality: ppl.nationality }))) continue;
    await app.publish(
      trx,
      'notification.requested',
      { notificationId, recipient, subject: 'foreign-ppl', eron: ppl.eron, nui: ppl.nui },
      req.id,
    );
    await audit(trx, req, { action: 'request-foreign-notice', entity: 'ppl', entityId: ppl.nui, details: { recipient, notificationId } });
  }
}
