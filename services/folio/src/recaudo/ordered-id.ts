import { randomUUID } from 'node:crypto';

let lastMs = 0;
let counter = 0;

/**
 * A UUIDv7 (RFC 9562): milliseconds first, then a counter, then randomness. Ids made in order sort
 * in order, so a batch of thousands of deposits and ledger transactions appends to the right edge
 * of their primary-key indexes instead of touching a random page per row (PLT-14).
 */
export function orderedUuid(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else if (++counter > 0xfff) {
    // 4 096 ids in one millisecond: borrow the next one, keeping the order.
    lastMs += 1;
    counter = 0;
  }
  // The random tail (and its variant bits) of a v4 UUID, which Node draws from a pooled buffer.
  const ms = lastMs.toString(16).padStart(12, '0');
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${counter.toString(16).padStart(3, '0')}${randomUUID().slice(18)}`;
}
