import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { recreateDatabase } from '@eron/shared/testing';
import { migrateAll } from '../../scripts/suite';
import { startContainers } from './containers';

/**
 * Real Postgres and Redis for every test (PLT-12): containers where a Docker engine runs
 * (ERON_TESTCONTAINERS=1, set by scripts/test.sh), else the servers named by DATABASE_URL and
 * REDIS_URL (or the repo's .env written by the set-up). Migrates one template database that
 * each test file clones.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.ERON_TESTCONTAINERS === '1') {
    await startContainers();
  } else {
    const envFile = resolve(__dirname, '../../.env');
    if (existsSync(envFile)) process.loadEnvFile(envFile);
    process.env.DATABASE_URL ??= 'postgres://postgres:postgres@127.0.0.1:5432/eron';
    process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  }
  process.env.ERON_TEMPLATE_DB = `eron_test_template_${process.pid}`;
  const template = await recreateDatabase(process.env.DATABASE_URL!, process.env.ERON_TEMPLATE_DB);
  await migrateAll(template);
}
