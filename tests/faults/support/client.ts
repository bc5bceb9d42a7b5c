import { randomUUID } from 'node:crypto';
import type { ServiceName } from '@eron/shared';
import { signedHeaders } from '@eron/shared/platform';

export type Headers = Record<string, string>;
export interface Answer {
  status: number;
  body: any;
}

/** A call answered in a way that says nothing about whether it took effect: the caller must try again. */
const unknown = (a: Answer) => a.status >= 500 || a.status === 0;

/**
 * The drill's HTTP client, straight to the services (no gateway: the drill is about them). Each
 * service may run as several instances; calls go round-robin and a call that dies with its
 * instance (connection refused or reset, a 5xx while Postgres restarts) is sent again, to the next
 * instance, until `patienceMs` ran out — with the same Idempotency-Key, so a retry of a call that
 * did take effect returns the first answer (PLT-05).
 */
export class DrillClient {
  private next = 0;
  /** Retries sent after an answer that said nothing (what the faults cost the callers). */
  retries = 0;

  constructor(
    private readonly urls: (service: ServiceName) => string[],
    /** How long a call or an awaited effect may take through a fault (a restart included). */
    readonly patienceMs: number,
  ) {}

  async once(service: ServiceName, method: string, path: string, headers: Headers, body?: unknown): Promise<Answer> {
    const all = this.urls(service);
    const base = all[this.next++ % all.length]!;
    const raw = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    try {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: raw === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body: raw,
        signal: AbortSignal.timeout(20_000),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    } catch (err) {
      return { status: 0, body: { error: (err as Error).message } };
    }
  }

  /**
   * Sends until the answer is definite. `idempotent` calls carry one key for all attempts; a 409
   * "still in flight" is also retried. `settled` decides, after an attempt whose outcome was
   * unknown, whether a 4xx means the earlier attempt took effect (e.g. "already received").
   */
  async send(
    service: ServiceName,
    method: string,
    path: string,
    headers: Headers,
    body?: unknown,
    opts: { idempotent?: boolean; settled?: (a: Answer) => boolean; hmac?: { keyId: string; secret: string } } = {},
  ): Promise<Answer> {
    const key: Headers = opts.idempotent ? { 'idempotency-key': randomUUID() } : {};
    const end = Date.now() + this.patienceMs;
    let doubtful = false;
    for (;;) {
      const raw = body === undefined ? undefined : JSON.stringify(body);
      const signed = opts.hmac ? signedHeaders(opts.hmac, { method, path, body: raw }) : {};
      const a = await this.once(service, method, path, { ...headers, ...key, ...signed }, raw);
      const inFlight = a.status === 409 && opts.idempotent && doubtful;
      if (!unknown(a) && !inFlight) {
        if (doubtful && a.status >= 400 && opts.settled?.(a)) return { status: 200, body: { settledAfterRetry: a.body } };
        return a;
      }
      if (Date.now() > end) throw new Error(`${method} ${path} still unanswered after ${this.patienceMs} ms: ${JSON.stringify(a)}`);
      doubtful = true;
      this.retries += 1;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** A call that must answer `status`, with its body; anything else stops the step with what came back. */
  async expect(
    status: number | number[],
    service: ServiceName,
    method: string,
    path: string,
    headers: Headers,
    body?: unknown,
    opts?: Parameters<DrillClient['send']>[5],
  ): Promise<any> {
    const a = await this.send(service, method, path, headers, body, opts);
    const ok = Array.isArray(status) ? status : [status];
    if (!ok.includes(a.status) && !(a.body as { settledAfterRetry?: unknown })?.settledAfterRetry)
      throw new Error(`${method} ${path} → ${a.status} (expected ${ok.join('/')}): ${JSON.stringify(a.body)}`);
    return a.body;
  }

  /** Polls a GET until `ok` holds of its answer (an event's effect arriving), through faults. */
  async until<T>(
    service: ServiceName,
    path: string,
    headers: Headers,
    ok: (a: Answer) => T | undefined,
    ms: number,
    what: string,
  ): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const a = await this.once(service, 'GET', path, headers);
      const got = a.status === 200 ? ok(a) : undefined;
      if (got !== undefined && got !== false) return got;
      if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what} (last: ${a.status} ${JSON.stringify(a.body)})`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}
