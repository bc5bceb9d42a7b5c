/**
 * Each object against its schema, offline. Kubernetes' own kinds: the OpenAPI schemas of the
 * Kubernetes API compiled into `kubernetes-models` (its validate()); like the API server's, they
 * check types, required fields and enums, not unknown fields (`checkCode` requires the fields we
 * rely on). CloudNativePG's kinds have no npm package of schemas: they are checked against the
 * subset of the CNPG v1 API written below (the fields deploy/k8s uses, closed to others).
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { K8sObject } from './render';

type ModelClass = new (data: unknown) => { validate(): void };

const models = new Map<string, ModelClass | undefined>();

/**
 * The model class of apiVersion/kind (kubernetes-models/<apiVersion>/<Kind>), imported alone:
 * the package's index would load every schema of every API group.
 */
async function builtInModel(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  const key = `${apiVersion}/${kind}`;
  if (!models.has(key)) {
    // kubernetes-models is ESM-only: imported, not required.
    const mod = (await import(`kubernetes-models/${key}`).catch(() => ({}))) as Record<string, ModelClass | undefined>;
    models.set(key, mod[kind]);
  }
  return models.get(key);
}

const Str = Type.String({ minLength: 1 });
const SecretKey = Type.Object({ name: Str, key: Str }, { additionalProperties: false });
const BarmanObjectStore = Type.Object(
  {
    destinationPath: Type.String({ pattern: '^(s3|gs|https?)://' }),
    serverName: Type.Optional(Str),
    s3Credentials: Type.Object({ accessKeyId: SecretKey, secretAccessKey: SecretKey }, { additionalProperties: false }),
    wal: Type.Optional(
      Type.Object(
        {
          compression: Type.Optional(Type.Union([Type.Literal('gzip'), Type.Literal('bzip2'), Type.Literal('snappy')])),
          maxParallel: Type.Optional(Type.Integer({ minimum: 1 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
const Quantity = Type.String({ pattern: '^[0-9.]+(m|Ki|Mi|Gi|Ti)?$' });
const Resources = Type.Object(
  {
    requests: Type.Optional(Type.Record(Type.String(), Quantity)),
    limits: Type.Optional(Type.Record(Type.String(), Quantity)),
  },
  { additionalProperties: false },
);
const Metadata = Type.Object({
  name: Str,
  namespace: Type.Optional(Str),
  labels: Type.Optional(Type.Record(Type.String(), Type.String())),
});

const CnpgCluster = Type.Object(
  {
    apiVersion: Type.Literal('postgresql.cnpg.io/v1'),
    kind: Type.Literal('Cluster'),
    metadata: Metadata,
    spec: Type.Object(
      {
        instances: Type.Integer({ minimum: 1 }),
        imageName: Type.Optional(Str),
        primaryUpdateStrategy: Type.Optional(Type.Union([Type.Literal('unsupervised'), Type.Literal('supervised')])),
        postgresql: Type.Optional(Type.Object({ parameters: Type.Record(Type.String(), Type.String()) }, { additionalProperties: false })),
        bootstrap: Type.Union([
          Type.Object(
            { initdb: Type.Object({ database: Str, owner: Str }, { additionalProperties: false }) },
            { additionalProperties: false },
          ),
          Type.Object(
            {
              recovery: Type.Object(
                {
                  source: Str,
                  database: Type.Optional(Str),
                  owner: Type.Optional(Str),
                  recoveryTarget: Type.Optional(
                    Type.Object(
                      { targetTime: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})$' }) },
                      { additionalProperties: false },
                    ),
                  ),
                },
                { additionalProperties: false },
              ),
            },
            { additionalProperties: false },
          ),
        ]),
        externalClusters: Type.Optional(
          Type.Array(Type.Object({ name: Str, barmanObjectStore: BarmanObjectStore }, { additionalProperties: false })),
        ),
        storage: Type.Object({ size: Quantity, storageClass: Type.Optional(Str) }, { additionalProperties: false }),
        resources: Type.Optional(Resources),
        backup: Type.Optional(
          Type.Object(
            { retentionPolicy: Type.Optional(Type.String({ pattern: '^[1-9][0-9]*[dwm]$' })), barmanObjectStore: BarmanObjectStore },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const CnpgScheduledBackup = Type.Object(
  {
    apiVersion: Type.Literal('postgresql.cnpg.io/v1'),
    kind: Type.Literal('ScheduledBackup'),
    metadata: Metadata,
    spec: Type.Object(
      {
        // Six fields, seconds first (CNPG's cron).
        schedule: Type.String({ pattern: '^\\S+( \\S+){5}$' }),
        backupOwnerReference: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('self'), Type.Literal('cluster')])),
        cluster: Type.Object({ name: Str }, { additionalProperties: false }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const CUSTOM: Record<string, TSchema> = {
  'postgresql.cnpg.io/v1/Cluster': CnpgCluster,
  'postgresql.cnpg.io/v1/ScheduledBackup': CnpgScheduledBackup,
};

/** What is wrong with the object by its schema; empty when nothing. */
export async function schemaProblems(o: K8sObject): Promise<string[]> {
  const key = `${o.apiVersion}/${o.kind}`;
  const custom = CUSTOM[key];
  if (custom) return [...Value.Errors(custom, o)].map((e) => `${e.path || '/'} ${e.message}`);
  const Model = /^[a-z0-9.]*\/?v[0-9a-z]+$/.test(o.apiVersion) ? await builtInModel(o.apiVersion, o.kind) : undefined;
  if (!Model) return [`no schema for ${key}: add it to scripts/k8s/schemas.ts or use a kind kubernetes-models knows`];
  try {
    new Model(o).validate();
    return [];
  } catch (err) {
    return [(err as Error).message];
  }
}
