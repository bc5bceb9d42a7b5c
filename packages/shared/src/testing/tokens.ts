import { mintToken } from '../platform';
import { DEFAULT_JWT_AUDIENCE, DEV_JWT_SECRET } from '../platform/config';
import type { Role } from '../roles';

/** A token signed with the dev key for the test settings' issuer and audience, as `pnpm token` mints. */
export const tokenFor = (roles: Role[], erons: string[] = [], sub = `test-${roles.join('+')}`, national?: boolean): string =>
  mintToken(DEV_JWT_SECRET, 'eron-dev', { sub, roles, erons, national }, undefined, DEFAULT_JWT_AUDIENCE);

export const bearer = (roles: Role[], erons: string[] = []): { authorization: string } => ({
  authorization: `Bearer ${tokenFor(roles, erons)}`,
});
