import { loadConfig, NoExtra } from '@eron/shared/platform';

export const loadDisciplineConfig = (env?: Record<string, unknown>) => loadConfig(NoExtra, env);
export type DisciplineConfig = ReturnType<typeof loadDisciplineConfig>;
