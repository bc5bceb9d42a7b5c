import { runServer } from '@eron/shared/platform';
import gateway from './app';
import { loadGatewayConfig } from './config';

void runServer('gateway', gateway, loadGatewayConfig());
