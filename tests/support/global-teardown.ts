import { dropDatabase } from '@eron/shared/testing';
import { stopContainers } from './containers';

export default async function globalTeardown(): Promise<void> {
  if (process.env.ERON_TESTCONTAINERS === '1') return stopContainers();
  if (process.env.DATABASE_URL && process.env.ERON_TEMPLATE_DB) await dropDatabase(process.env.DATABASE_URL, process.env.ERON_TEMPLATE_DB);
}
