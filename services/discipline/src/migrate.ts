/** The release's migrations Job runs this (deploy/k8s): discipline's migrations, then it exits. */
import { runMigrations } from '@eron/shared/platform';
import { definition } from './app';
import { loadDisciplineConfig } from './config';

void runMigrations(definition, loadDisciplineConfig());
