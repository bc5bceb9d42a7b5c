import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';

/** A connection to one Redis or to a Redis Cluster: BullMQ, the rate limiter and the nonce stores take either. */
export type RedisClient = Redis | Cluster;

/** The settings every process connects to Redis with (BaseEnv). */
export interface RedisSettings {
  REDIS_URL: string;
  REDIS_CLUSTER: boolean;
  QUEUE_PREFIX: string;
}

const nodeUrls = (url: string): string[] =>
  url
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);

/**
 * The hash tag of a key or prefix as Redis Cluster reads it: what lies between the first `{` and
 * the first `}` after it, if that is not empty. Keys with the same tag share one slot.
 */
export function hashTagOf(key: string): string | undefined {
  const open = key.indexOf('{');
  const close = open < 0 ? -1 : key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : undefined;
}

/**
 * Why these Redis settings cannot work, if they cannot. On a Redis Cluster each BullMQ queue runs
 * Lua scripts over many keys, which must share one slot: BullMQ's documented rule is a prefix with
 * a hash tag (`{eron}`); without it every job would fail with CROSSSLOT, so the process refuses to
 * start instead. A list of nodes without REDIS_CLUSTER would silently use the first one alone.
 */
export function redisSettingsRefusal(settings: RedisSettings): string | undefined {
  const urls = nodeUrls(settings.REDIS_URL);
  if (!settings.REDIS_CLUSTER) {
    return urls.length > 1 ? `REDIS_URL names ${urls.length} nodes, which is a Redis Cluster: set REDIS_CLUSTER=true` : undefined;
  }
  if (urls.length === 0) return 'REDIS_CLUSTER=true needs REDIS_URL to name at least one node of the cluster';
  for (const url of urls) {
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    if (!parsed || !['redis:', 'rediss:'].includes(parsed.protocol) || !parsed.hostname)
      return 'REDIS_URL must list the cluster nodes as redis://[:password@]host:port (or rediss://), comma separated';
  }
  if (!hashTagOf(settings.QUEUE_PREFIX))
    return (
      `QUEUE_PREFIX=${settings.QUEUE_PREFIX} holds no {hash tag}, so a queue's keys would spread over the cluster's slots ` +
      "and BullMQ's scripts fail (CROSSSLOT): use e.g. QUEUE_PREFIX={eron}"
    );
  return undefined;
}

/** The options that belong to the cluster client; the rest apply to each node's connection. */
const CLUSTER_LEVEL = ['lazyConnect', 'enableOfflineQueue', 'enableAutoPipelining'] as const;

/**
 * A Redis connection with `options`: one node (REDIS_URL, unchanged), or, with REDIS_CLUSTER, an
 * ioredis `Cluster` seeded from the listed nodes — it finds the others itself — with the first
 * URL's user, password and TLS (`rediss:`) for every node. BullMQ takes a Cluster as `connection`.
 */
export function createRedis(settings: Pick<RedisSettings, 'REDIS_URL' | 'REDIS_CLUSTER'>, options: RedisOptions = {}): RedisClient {
  if (!settings.REDIS_CLUSTER) return new Redis(settings.REDIS_URL, options);
  const urls = nodeUrls(settings.REDIS_URL).map((u) => new URL(u));
  const first = urls[0]!;
  const clusterOptions: ClusterOptions = {};
  const perNode: RedisOptions = { ...options };
  for (const key of CLUSTER_LEVEL) {
    if (options[key] !== undefined) Object.assign(clusterOptions, { [key]: options[key] });
    delete perNode[key];
  }
  return new Cluster(
    urls.map((u) => ({ host: u.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(u.port || 6379) })),
    {
      ...clusterOptions,
      redisOptions: {
        ...perNode,
        ...(first.username ? { username: decodeURIComponent(first.username) } : {}),
        ...(first.password ? { password: decodeURIComponent(first.password) } : {}),
        ...(first.protocol === 'rediss:' ? { tls: {} } : {}),
      },
    },
  );
}
