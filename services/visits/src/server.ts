import { runServer } from '@eron/shared/platform';
import visits from './app';
import { loadVisitsConfig } from './config';

void runServer('visits', visits, loadVisitsConfig());
