import DataLoader from 'dataloader';

/**
 * A DataLoader whose batches go out one at a time: the next is sent once the one out has answered
 * and the event loop has read its I/O, so every request that arrived meanwhile joins it. Under a
 * burst the service then sends one statement or one transaction for many requests instead of one
 * each — each statement is a socket write and a wake-up of a Postgres backend, the largest part of
 * a request's cost (PLT-15). A request that comes alone waits for nothing. Never cached.
 */
export function oneBatchAtATime<K, V>(batch: (keys: readonly K[]) => Promise<(V | Error)[]>, maxBatchSize = 500): DataLoader<K, V> {
  let out: Promise<unknown> = Promise.resolve();
  const next = (send: () => void) => setImmediate(send);
  return new DataLoader((keys: readonly K[]) => (out = batch(keys)), {
    cache: false,
    maxBatchSize,
    batchScheduleFn: (send) =>
      void out.then(
        () => next(send),
        () => next(send),
      ),
  });
}
