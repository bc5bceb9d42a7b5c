import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fireWithWrk, hasWrk } from '../../bench/wrk';

/** A server answering a body `{k}` with 201 when k is a multiple of 3, else a 422 problem naming a rule; every POST body kept. */
function server(seen: string[]): Promise<Server> {
  const s = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      if (req.method !== 'POST') return void res.end('{"status":"ok"}');
      seen.push(body);
      const { k } = JSON.parse(body) as { k: number };
      if (k % 3 === 0) res.writeHead(201).end(JSON.stringify({ id: k }));
      else res.writeHead(422, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ status: 422, rule: `R-${k % 3}` }));
    });
  });
  return new Promise((done) => s.listen(0, '127.0.0.1', () => done(s)));
}

const maybe = hasWrk() ? describe : describe.skip;

maybe('the booking benchmark’s load generator, wrk (PLT-15)', () => {
  it.each([1, 7, 10, 2000])('PLT-15 when %i bodies are fired over 10 sockets then each is sent once and answered once', async (count) => {
    const seen: string[] = [];
    const s = await server(seen);
    try {
      const bodies = Array.from({ length: count }, (_, k) => JSON.stringify({ k }));
      const r = await fireWithWrk({
        url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/book`,
        headers: { 'content-type': 'application/json' },
        bodies,
        connections: 10,
        timeoutMs: 30_000,
      });
      // One answer per body, in the order they came.
      const tally = (answers: { status: number; rule?: string }[]) => answers.map((a) => `${a.status} ${a.rule ?? ''}`).sort();
      expect(tally(r.answers)).toEqual(tally(bodies.map((_, k) => (k % 3 === 0 ? { status: 201 } : { status: 422, rule: `R-${k % 3}` }))));
      expect([...seen].sort()).toEqual([...bodies].sort());
      expect(r.seconds).toBeGreaterThan(0);
    } finally {
      s.close();
    }
  });
});
