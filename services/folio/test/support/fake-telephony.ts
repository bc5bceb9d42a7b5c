import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '@eron/shared/platform';

export type Mode = 'ok' | 'fail' | 'timeout';

/**
 * A real HTTP telephony provider speaking our protocol (FOL-10): HMAC-signed requests, recharges
 * deduplicated on our reference (a second request for one reference answers the first result again),
 * cancellations void a reference, GET /v1/recharges/{reference} tells what became of one. It can fail (500) or time out (answers after `delayMs`, but loads).
 */
export class FakeTelephony {
  mode: Mode = 'ok';
  delayMs = 1_000;
  readonly loaded = new Map<string, { line: string; amount: number; tx: string }>();
  readonly cancelled = new Set<string>();
  calls = 0;
  badSignatures = 0;
  private server?: Server;

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
        const first = this.loaded.get(body.reference) ?? { line: body.line, amount: body.amount, tx: `TEL-${this.calls}` };
        this.loaded.set(body.reference, first);
        const answer = () => send(201, { status: 'confirmed', transactionId: first.tx });
        if (this.mode === 'timeout') setTimeout(answer, this.delayMs);
        else answer();
      });
      function send(status: number, payload: object) {
        if (res.writableEnded || res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      }
    });
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((ok) => this.server?.close(ok));
  }
}
