import { runServer } from '@eron/shared/platform';
import discipline from './app';
import { loadDisciplineConfig } from './config';

void runServer('discipline', discipline, loadDisciplineConfig());
