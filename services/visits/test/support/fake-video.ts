import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '@eron/shared/platform';

/**
 * A real HTTP video provider speaking the generic protocol (VIS-17): HMAC-signed POST /v1/sessions
 * answered with a session id, a room and a link per participant; a session is created once per
 * reference (our booking ID). Requests with a bad signature are 401 and counted.
 */
export class FakeVideoProvider {
  readonly sessions = new Map<string, { sessionId: string; room: string; body: Record<string, unknown> }>();
  badSignatures = 0;
  failing = false;
  private server?: Server;

  constructor(readonly key = { keyId: 'eron-vivif', secret: 'video-provider-test-secret' }) {}

  async start(): Promise<string> {
    const keys = new Map([[this.key.keyId, { ...this.key, role: 'video_provider' as const }]]);
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const send = (status: number, body: object) =>
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        const raw = Buffer.concat(chunks);
        if (!verifySignature(keys, { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: raw }).ok) {
          this.badSignatures += 1;
          return send(401, { error: 'unauthorised' });
        }
        if (this.failing) return send(503, { error: 'unavailable' });
        const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
        if (req.method === 'POST' && req.url?.endsWith('/v1/sessions')) {
          const reference = String(body.reference);
          const s = this.sessions.get(reference) ?? { sessionId: `sess-${this.sessions.size + 1}`, room: `room-${reference}`, body };
          this.sessions.set(reference, s);
          return send(201, {
            sessionId: s.sessionId,
            room: s.room,
            links: [
              { participant: 'family', url: `https://video.example/${s.room}?p=family` },
              { participant: 'establishment', url: `https://video.example/${s.room}?p=eron` },
            ],
          });
        }
        const monitor = req.url?.match(/\/v1\/sessions\/([^/]+)\/monitors$/);
        if (req.method === 'POST' && monitor) return send(201, { url: `https://video.example/room-${monitor[1]}?p=monitor` });
        return send(404, { error: 'not found' });
      });
    });
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/vivif`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }
}
