import { notFound } from '@eron/shared';

export const noPpl = (nui: string) => notFound({ es: `No existe la PPL ${nui}`, en: `No PPL ${nui}` });
