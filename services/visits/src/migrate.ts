/** The release's migrations Job runs this (deploy/k8s): visits's migrations, then it exits. */
import { runMigrations } from '@eron/shared/platform';
import { definition } from './app';
import { loadVisitsConfig } from './config';

void runMigrations(definition, loadVisitsConfig());
