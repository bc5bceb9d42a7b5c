/**
 * `pnpm events:replay --to <service> --type <event type> [--after <outbox seq>] [--wait]`
 *
 * Sends a subscriber again every event of one type that its producer's outbox retains (PLT-08):
 * after a Redis that lost its queues, a subscriber's database restored from a backup, or failed
 * jobs to run again. The producer's running relay does the sending, in outbox order, with job IDs
 * of their own; the subscriber's inbox applies each event once, so a replay is always safe.
 * It also subscribes the service if it was not (as its consumer does when it gains a handler).
 *
 * With OTEL_TRACES_EXPORTER set, the replay is a span (`replay <type> to <service>`) whose trace
 * the producer's relay sends the events again in; each event keeps the trace it was published in.
 */
import { parseArgs } from 'node:util';
import { isEventType, PRODUCERS, SERVICES, SUBSCRIBERS, type ServiceName } from '@eron/shared';
import { createDb, loadConfig, NoExtra, requestReplay, startTracing, stopTracing, type PlatformTables } from '@eron/shared/platform';

const USAGE = 'usage: pnpm events:replay --to <service> --type <event type> [--after <outbox seq>] [--wait]';

async function main(): Promise<void> {
  try {
    await replay();
  } finally {
    await stopTracing(); // exports the replay's span
  }
}

async function replay(): Promise<void> {
  const { values } = parseArgs({
    options: { to: { type: 'string' }, type: { type: 'string' }, after: { type: 'string', default: '0' }, wait: { type: 'boolean' } },
  });
  const to = values.to as ServiceName;
  const type = values.type;
  const after = Number(values.after);
  if (!SERVICES.includes(to) || !isEventType(type) || !Number.isInteger(after) || after < 0) throw new Error(USAGE);
  if (!SUBSCRIBERS[type].includes(to)) throw new Error(`${to} does not consume ${type} (SUBSCRIBERS in packages/shared/src/events.ts)`);

  const { DATABASE_URL } = loadConfig(NoExtra);
  startTracing('events-replay');
  for (const producer of PRODUCERS[type]) {
    const db = createDb<PlatformTables>(DATABASE_URL, producer, 2);
    try {
      const generation = await requestReplay(db, { producer, subscriber: to, type, afterSeq: after });
      console.log(
        `${producer} will send ${to} every retained ${type} after #${after} (replay ${generation}); its relay does it while it runs`,
      );
      if (!values.wait) continue;
      const done = async () =>
        db
          .selectFrom('event_subscriptions')
          .select(['replayed_to', 'replayed_at', 'replay_generation'])
          .where('subscriber', '=', to)
          .where('type', '=', type)
          .executeTakeFirstOrThrow();
      const deadline = Date.now() + 600_000;
      for (let row = await done(); ; row = await done()) {
        if (Date.now() > deadline) throw new Error(`${producer} sent up to #${row.replayed_to} in 10 minutes: is it running?`);
        if (row.replay_generation !== generation) throw new Error('a newer replay of the same events started; see it instead');
        if (row.replayed_at) {
          console.log(`${producer}: sent up to #${row.replayed_to}`);
          break;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      await db.destroy();
    }
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
