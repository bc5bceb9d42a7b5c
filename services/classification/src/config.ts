import { loadConfig, NoExtra } from '@eron/shared/platform';

export const loadClassificationConfig = (env?: Record<string, unknown>) => loadConfig(NoExtra, env);
export type ClassificationConfig = ReturnType<typeof loadClassificationConfig>;
