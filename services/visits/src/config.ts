import { loadConfig, NoExtra } from '@eron/shared/platform';

export const loadVisitsConfig = (env?: Record<string, unknown>) => loadConfig(NoExtra, env);
export type VisitsConfig = ReturnType<typeof loadVisitsConfig>;
