import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '@eron/shared/platform';

export type Mode = 'ok' | 'fail' | 'timeout';

/** What a late recharge did when its time came. */
export interface LateAnswer {
  loaded: boolean;
  /** Whether the caller was still connected to hear it. */
  heard: boolean;
}

/**
 * A real HTTP telephony provider speaking our protocol (FOL-10): HMAC-signed requests, recharges
 * deduplicated on our reference (a second request for one reference answers the first result again),
 * cancellations void a reference, GET /v1/recharges/{reference} tells what became of one. It can fail
 * (500) or answer late: in `timeout` mode the recharge is worked on for `delayMs` before it loads and
 * answers, as a slow provider does — unless the reference was cancelled meanwhile, which it then
 * refuses (409 cancelled) and never loads. `lateAnswer(reference)` resolves when that answer was sent.
 */
export class FakeTelephony {
  mode: Mode = 'ok';
  delayMs = 1_000;
  readonly loaded = new Map<string, { line: string; amount: number; tx: string }>();
  readonly cancelled = new Set<string>();
  calls = 0;
  badSignatures = 0;
  private server?: Server;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly late = new Map<string, { promise: Promise<LateAnswer>; resolve: (a: LateAnswer) => void }>();

  /** The answer a late recharge gave once its `delayMs` passed: whether it loaded, and whether our side still listened. */
  lateAnswer(reference: string): Promise<LateAnswer> {
    return this.lateSlot(reference).promise;
  }

  private lateSlot(reference: string) {
    let slot = this.late.get(reference);
    if (!slot) {
      let resolve!: (a: LateAnswer) => void;
      const promise = new Promise<LateAnswer>((ok) => (resolve = ok));
      slot = { promise, resolve };
      this.late.set(reference, slot);
    }
    return slot;
  }

  constructor(readonly key = { keyId: 'eron-folio', secret: 'telephony-test-secret' }) {}

  async start(): Promise<string> {
    const keys = new Map([[this.key.keyId, { ...this.key, role: 'telephony_provider' as const }]]);
    this.server = createServer((req, res) => {
      const status = (reference: string) => {
        const found = this.loaded.get(reference);
        if (found) return send(200, { status: 'confirmed', transactionId: found.tx });
        if (this.cancelled.has(reference)) return send(200, { status: 'cancelled' });
        return send(404, { status: 'unknown' });
      };
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        if (!verifySignature(keys, { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: raw }).ok) {
          this.badSignatures += 1;
          return send(401, { status: 'unauthorised' });
        }
        if (req.method === 'GET') return status(decodeURIComponent(req.url?.split('/').pop() ?? ''));
        const body = JSON.parse(raw.toString()) as { reference: string; line: string; amount: number };
        if (req.url?.endsWith('/cancel')) {
          this.cancelled.add(body.reference);
          this.loaded.delete(body.reference);
          return send(200, { status: 'cancelled' });
        }
        this.calls += 1;
        if (this.mode === 'fail') return send(500, { status: 'error' });
        const tx = `TEL-${this.calls}`;
        const load = () => {
          const first = this.loaded.get(body.reference) ?? { line: body.line, amount: body.amount, tx };
          this.loaded.set(body.reference, first);
          return send(201, { status: 'confirmed', transactionId: first.tx });
        };
        if (this.mode !== 'timeout') return load();
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          const cancelled = this.cancelled.has(body.reference);
          const heard = cancelled ? send(409, { status: 'cancelled' }) : load();
          this.lateSlot(body.reference).resolve({ loaded: !cancelled, heard });
        }, this.delayMs);
        this.timers.add(timer);
      });
      /** Writes the answer; false when the caller had already hung up. */
      function send(status: number, payload: object): boolean {
        if (res.writableEnded || res.destroyed) return false;
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
        return true;
      }
    });
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.server?.closeAllConnections();
    await new Promise((ok) => this.server?.close(ok));
  }
}
