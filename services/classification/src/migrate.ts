/**
 * The release's migrations Job runs this (deploy/k8s): classification's migrations, then it exits. It reads
 * only the settings every service shares (the database): the service's own, such as its providers'
 * secrets, are the Deployment's business.
 */
import { loadConfig, NoExtra, runMigrations } from '@eron/shared/platform';
import { definition } from './app';

void runMigrations(definition, loadConfig(NoExtra));
