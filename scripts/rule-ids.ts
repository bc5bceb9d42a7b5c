/**
 * `pnpm rules:generate` writes packages/shared/src/rule-ids.ts, the rule IDs the spec defines;
 * `pnpm rules:check` fails when that list and the spec differ. Routes name the rules they enforce
 * from this list (`x-rules`, checked when a route is registered). A clone without the spec folder
 * keeps the committed list and says so.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ruleIdsIn, ruleIdsModule, specDir } from '@eron/shared/testing';

const target = resolve(__dirname, '../packages/shared/src/rule-ids.ts');

async function main(mode: string): Promise<void> {
  const dir = specDir(resolve(__dirname, '..'));
  if (!dir) {
    console.log('No spec folder (set ERON_SPEC_DIR, or keep it at ../shared/spec): packages/shared/src/rule-ids.ts stays as committed');
    return;
  }
  const text = ruleIdsModule(ruleIdsIn(dir));
  if (mode === 'write') {
    await writeFile(target, text);
    console.log(`Wrote the rule IDs of ${dir} to packages/shared/src/rule-ids.ts`);
  } else if ((await readFile(target, 'utf8').catch(() => '')) !== text) {
    console.error(`packages/shared/src/rule-ids.ts differs from the rules of ${dir}. Run pnpm rules:generate and commit.`);
    process.exit(1);
  } else console.log(`Rule IDs match ${dir}`);
}

main(process.argv[2] ?? 'check').catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
