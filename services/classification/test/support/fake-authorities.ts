import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { verifySignature } from '@eron/shared/platform';

/** A real SMTP server in this process, keeping every message as received (what a mailbox would get). */
export async function fakeMailServer(): Promise<{ url: string; messages: { to: string[]; raw: string }[]; close(): Promise<void> }> {
  const messages: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * An authority's webhook: checks our HMAC signature with the secret it was given, and answers 500
 * to the first `failFirst` calls (a receiver that is down for a while).
 */
export async function fakeWebhook(
  secret: string,
  failFirst = 0,
): Promise<{ url: string; received: Record<string, unknown>[]; calls: () => number; close(): Promise<void> }> {
  const received: Record<string, unknown>[] = [];
  let calls = 0;
  const keys = new Map([['eron-classification', { keyId: 'eron-classification', role: 'bank' as const, secret }]]);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls += 1;
      const body = Buffer.concat(chunks);
      if (!verifySignature(keys, { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body }).ok)
        return res.writeHead(401).end();
      if (calls <= failFirst) return res.writeHead(500).end();
      received.push(JSON.parse(body.toString('utf8')) as Record<string, unknown>);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/notices`,
    received,
    calls: () => calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
