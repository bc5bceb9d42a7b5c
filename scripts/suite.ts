import { allMigrations, createDb, migrateToLatest } from '@eron/shared/platform';
import classificationApp, { definition as classification } from '../services/classification/src/app';
import disciplineApp, { definition as discipline } from '../services/discipline/src/app';
import folioApp, { definition as folio } from '../services/folio/src/app';
import visitsApp, { definition as visits } from '../services/visits/src/app';
import { loadClassificationConfig } from '../services/classification/src/config';
import { loadDisciplineConfig } from '../services/discipline/src/config';
import { loadFolioConfig } from '../services/folio/src/config';
import { loadVisitsConfig } from '../services/visits/src/config';

/** The four services, in the order they are migrated and started. */
export const SERVICES = [classification, folio, discipline, visits] as const;

/** Each service's app plugin, by name. */
export const SERVICE_APPS = { classification: classificationApp, folio: folioApp, discipline: disciplineApp, visits: visitsApp } as const;

/** Each service's own config loader: its settings typed and defaulted as at boot. */
export const SERVICE_CONFIGS = {
  classification: loadClassificationConfig,
  folio: loadFolioConfig,
  discipline: loadDisciplineConfig,
  visits: loadVisitsConfig,
} as const;

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
