import { loadConfig, NoExtra } from '@eron/shared/platform';

export const loadFolioConfig = (env?: Record<string, unknown>) => loadConfig(NoExtra, env);
export type FolioConfig = ReturnType<typeof loadFolioConfig>;
