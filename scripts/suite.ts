import { allMigrations, createDb, migrateToLatest } from '@eron/shared/platform';
import classificationApp, { definition as classification } from '../services/classification/src/app';
import disciplineApp, { definition as discipline } from '../services/discipline/src/app';
import folioApp, { definition as folio } from '../services/folio/src/app';
import visitsApp, { definition as visits } from '../services/visits/src/app';

/** The four services, in the order they are migrated and started. */
export const SERVICES = [classification, folio, discipline, visits] as const;

/** Each service's app plugin, by name. */
export const SERVICE_APPS = { classification: classificationApp, folio: folioApp, discipline: disciplineApp, visits: visitsApp } as const;

/** Migrates every service's schema in one database (PLT-07); returns what ran. */
export async function migrateAll(databaseUrl: string): Promise<Record<string, string[]>> {
  const done: Record<string, string[]> = {};
  for (const def of SERVICES) {
    const db = createDb(databaseUrl, def.name, 2);
    try {
      done[def.name] = await migrateToLatest(db, def.name, allMigrations(def.migrations));
    } finally {
      await db.destroy();
    }
  }
  return done;
}
