/**
 * `pnpm token --role director --eron 113 [--role paymaster] [--sub ana] [--national]`: mints a
 * local bearer token with the configured symmetric key (the dev key in a local run) for the
 * configured issuer and audience, to paste into Swagger UI's "Authorize" or curl. Each run is a
 * new subject unless `--sub` names one, so two tokens never share an Idempotency-Key scope.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
// The three modules it needs, not the packages' indexes: those load every service's platform
// (Fastify, BullMQ, Kysely, …), which took seconds a token — the README's walk-throughs mint 27.
import { loadConfig, NoExtra } from '../packages/shared/src/platform/config';
import { mintToken } from '../packages/shared/src/platform/tokens';
import { isRole } from '../packages/shared/src/roles';

const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true, default: [] },
    eron: { type: 'string', multiple: true, default: [] },
    sub: { type: 'string' },
    national: { type: 'boolean' },
    hours: { type: 'string', default: '12' },
  },
});

const roles = values.role.filter(isRole);
const unknown = values.role.filter((r) => !isRole(r));
if (roles.length === 0 || unknown.length > 0) {
  console.error(`Usage: pnpm token --role <role> [--eron <code>]…  (unknown role: ${unknown.join(', ') || 'none given'})`);
  process.exit(2);
}
const config = loadConfig(NoExtra);
if (!config.JWT_SECRET || config.JWT_JWKS_URL) {
  console.error('This environment verifies tokens through JWKS (JWT_JWKS_URL); get a token from the identity provider.');
  process.exit(2);
}
const token = mintToken(
  config.JWT_SECRET,
  config.JWT_ISSUER,
  { sub: values.sub ?? `dev-${roles.join('-')}-${randomUUID().slice(0, 8)}`, roles: roles, erons: values.eron, national: values.national },
  Number(values.hours) * 3_600_000,
  config.JWT_AUDIENCE,
);
console.log(token);
