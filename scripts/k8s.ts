/**
 * `pnpm k8s:check`: renders every overlay of deploy/k8s offline and checks each object against
 * its schema and against the code (scripts/k8s/check.ts); where kubectl is installed, also that
 * `kubectl kustomize` renders the same objects. Exits 1 naming every problem.
 * `pnpm k8s:render <overlay>`: the overlay's YAML, for `kubectl apply -f -`.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { checkManifests } from './k8s/check';
import { idOf, render, toYaml, type K8sObject } from './k8s/render';

const K8S = resolve(__dirname, '../deploy/k8s');

/** kubectl's own Kustomize, where it is installed: the same objects, or the differences. */
function crossCheck(overlays: string[], dir: string): string[] {
  let kubectl = true;
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
  } catch {
    kubectl = false;
  }
  if (!kubectl) {
    console.log('kubectl is not installed: the comparison with kubectl kustomize is skipped');
    return [];
  }
  const problems: string[] = [];
  for (const overlay of overlays) {
    const path = join(dir, 'overlays', overlay);
    const theirs = parseAllDocuments(execFileSync('kubectl', ['kustomize', path], { encoding: 'utf8' })).map((d) => d.toJS() as K8sObject);
    const ours = new Map(render(path).map((o) => [idOf(o), o]));
    for (const o of theirs)
      if (!isDeepStrictEqual(ours.get(idOf(o)), o)) problems.push(`overlays/${overlay}: ${idOf(o)} differs from kubectl kustomize`);
    if (theirs.length !== ours.size) problems.push(`overlays/${overlay}: ${ours.size} objects, kubectl kustomize ${theirs.length}`);
  }
  if (problems.length === 0) console.log(`kubectl kustomize renders the same objects for ${overlays.join(', ')}`);
  return problems;
}

async function main(): Promise<void> {
  const [command = 'check', arg] = process.argv.slice(2);
  if (command === 'render') {
    if (!arg) throw new Error('usage: pnpm k8s:render <overlay>   (deploy/k8s/overlays/<overlay>)');
    process.stdout.write(toYaml(render(join(K8S, 'overlays', arg))));
    return;
  }
  const dir = arg ? resolve(arg) : K8S;
  const started = Date.now();
  const result = await checkManifests(dir);
  const problems = [...result.problems, ...(result.problems.length === 0 ? crossCheck(result.overlays, dir) : [])];
  if (problems.length > 0) {
    console.error(`deploy/k8s does not match the code (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log(
    `k8s: ${result.overlays.join(', ')} rendered, ${result.objects} objects valid and matching the code (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  // The apps built to read their routes leave reconnect timers (Redis, Postgres pools) behind.
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
