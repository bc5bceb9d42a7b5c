import { runServer } from '@eron/shared/platform';
import classification from './app';
import { loadClassificationConfig } from './config';

void runServer('classification', classification, loadClassificationConfig());
