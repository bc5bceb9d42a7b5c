/**
 * `pnpm openapi:generate` writes each service's OpenAPI 3.1 document and the merged one under
 * openapi/, and the typed client's types (packages/client/src/eron.ts, openapi-typescript) from
 * the merged one; `pnpm openapi:check` fails when any committed file differs from the code (PLT-10).
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import Fastify from 'fastify';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { loadConfig, mergeOpenApi, NoExtra, openApi } from '@eron/shared/platform';
import { SERVICES } from './suite';

const dir = resolve(__dirname, '../openapi');
const pretty = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;
const clientTypes = resolve(__dirname, '../packages/client/src/eron.ts');

/** The front-end client's types: every path, operation and schema of the merged document. */
async function clientTypesOf(doc: unknown): Promise<string> {
  const ast = await openapiTS(doc as Parameters<typeof openapiTS>[0], { silent: true });
  return COMMENT_HEADER + astToString(ast);
}

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
  const outputs: [string, string][] = Object.entries(files).map(([name, doc]) => [resolve(dir, `${name}.json`), pretty(doc)]);
  outputs.push([clientTypes, await clientTypesOf(files.eron)]);
  for (const [file, text] of outputs) {
    if (mode === 'write') await writeFile(file, text);
    else if ((await readFile(file, 'utf8').catch(() => '')) !== text) stale.push(file.slice(resolve(__dirname, '..').length + 1));
  }
  if (stale.length > 0) {
    console.error(`OpenAPI out of date with the code: ${stale.join(', ')}. Run pnpm openapi:generate and commit.`);
    process.exit(1);
  }
  console.log(
    mode === 'write'
      ? `Wrote ${Object.keys(files).length} documents to openapi/ and the client's types`
      : 'OpenAPI documents and the client types match the code',
  );
}

main(process.argv[2] ?? 'check').catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
