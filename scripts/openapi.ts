/**
 * `pnpm openapi:generate` writes each service's OpenAPI 3.1 document and the merged one under
 * openapi/; `pnpm openapi:check` fails when the committed files differ from the code (PLT-10).
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import Fastify from 'fastify';
import { loadConfig, mergeOpenApi, NoExtra, openApi } from '@eron/shared/platform';
import { SERVICES } from './suite';

const dir = resolve(__dirname, '../openapi');
const pretty = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;

/** A service's document from its route schemas alone: no database, no Redis. */
async function specOf(def: (typeof SERVICES)[number]): Promise<Record<string, any>> {
  const app = Fastify();
  await app.register(openApi, def);
  app.decorate('config', loadConfig(NoExtra, {}));
  await app.register(def.routes);
  await app.ready();
  const doc = app.swagger() as Record<string, any>;
  await app.close();
  return doc;
}

async function main(mode: string): Promise<void> {
  const specs: Record<string, Record<string, any>> = {};
  for (const def of SERVICES) specs[def.name] = await specOf(def);
  const files: Record<string, unknown> = {
    ...specs,
    eron: mergeOpenApi(specs),
  };
  const stale: string[] = [];
  await mkdir(dir, { recursive: true });
  for (const [name, doc] of Object.entries(files)) {
    const file = resolve(dir, `${name}.json`);
    if (mode === 'write') await writeFile(file, pretty(doc));
    else if ((await readFile(file, 'utf8').catch(() => '')) !== pretty(doc)) stale.push(`openapi/${name}.json`);
  }
  if (stale.length > 0) {
    console.error(`OpenAPI out of date with the code: ${stale.join(', ')}. Run pnpm openapi:generate and commit.`);
    process.exit(1);
  }
  console.log(mode === 'write' ? `Wrote ${Object.keys(files).length} documents to openapi/` : 'OpenAPI documents match the code');
}

main(process.argv[2] ?? 'check').catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
