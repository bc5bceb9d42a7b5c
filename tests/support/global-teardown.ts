import { stopContainers } from './containers';

export default async function globalTeardown(): Promise<void> {
  if (process.env.ERON_TESTCONTAINERS === '1') await stopContainers();
}
