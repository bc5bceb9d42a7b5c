/** The release's migrations Job runs this (deploy/k8s): classification's migrations, then it exits. */
import { runMigrations } from '@eron/shared/platform';
import { definition } from './app';
import { loadClassificationConfig } from './config';

void runMigrations(definition, loadClassificationConfig());
