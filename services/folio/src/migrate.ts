/** The release's migrations Job runs this (deploy/k8s): folio's migrations, then it exits. */
import { runMigrations } from '@eron/shared/platform';
import { definition } from './app';
import { loadFolioConfig } from './config';

void runMigrations(definition, loadFolioConfig());
