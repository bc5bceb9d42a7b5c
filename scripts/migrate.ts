/** `pnpm db:migrate`: brings every service's schema to the latest migration. */
import { loadConfig, NoExtra } from '@eron/shared/platform';
import { migrateAll } from './suite';

async function main(): Promise<void> {
  const { DATABASE_URL } = loadConfig(NoExtra);
  const done = await migrateAll(DATABASE_URL);
  for (const [service, ran] of Object.entries(done)) {
    console.log(`${service}: ${ran.length ? ran.join(', ') : 'up to date'}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
