import { Writable } from 'node:stream';
import pino from 'pino';
import { serverOptions } from '../src/platform';

/** Captures what a service's logger writes, as parsed JSON lines. */
function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('PLT-06 confidential data never reaches the logs', () => {
  it('PLT-06 when a log line carries orientation, gender identity, health, children or a depositor then those values are censored', () => {
    const out = capture();
    const log = pino(serverOptions({ logLevel: 'info', service: 'test' }).logger as pino.LoggerOptions, out.stream);
    log.info(
      {
        nui: '1000001',
        sexualOrientation: 'bisexual',
        person: { genderIdentity: 'mujer trans', identityName: 'Valentina', health: { hivStatus: 'positive' } },
        children: [{ name: 'Ana', birthDate: '2024-01-01' }],
        deposit: { depositor: { document: 'CC 52123456', name: 'María' }, amount: 50_000 },
      },
      'Something happened',
    );
    const [line] = out.lines();
    const text = JSON.stringify(line);
    for (const secret of ['bisexual', 'mujer trans', 'Valentina', 'positive', 'Ana', '52123456', 'María'])
      expect(text).not.toContain(secret);
    expect(line).toMatchObject({ nui: '1000001', deposit: { amount: 50_000 } });
  });

  it('PLT-06 when a request carries a bearer token then the authorization header is censored in the request log', () => {
    const out = capture();
    const log = pino(serverOptions({ logLevel: 'info', service: 'test' }).logger as pino.LoggerOptions, out.stream);
    log.info({ req: { headers: { authorization: 'Bearer secret-token' } } }, 'incoming request');
    expect(JSON.stringify(out.lines()[0])).not.toContain('secret-token');
  });
});
