import { runServer } from '@eron/shared/platform';
import folio from './app';
import { loadFolioConfig } from './config';

void runServer('folio', folio, loadFolioConfig());
