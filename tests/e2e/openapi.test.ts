import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startSuite, type RunningSuite } from '../support/suite';

const committed = (name: string) =>
  JSON.parse(readFileSync(resolve(__dirname, `../../openapi/${name}.json`), 'utf8')) as Record<string, any>;

describe('PLT-02 the merged OpenAPI document', () => {
  let suite: RunningSuite;
  beforeAll(async () => {
    suite = await startSuite();
  });
  afterAll(async () => suite.close());

  it('PLT-02 when the gateway serves /openapi.json then it is valid OpenAPI 3.1 and equals the committed merged document', async () => {
    const live = (await (await fetch(`${suite.url}/openapi.json`)).json()) as Record<string, any>;
    const result = await new Validator().validate(live);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(live.openapi).toBe('3.1.0');
    expect(live).toEqual(committed('eron'));
  });

  it('PLT-10 when each service document is generated then it is valid OpenAPI 3.1 and matches what the service serves', async () => {
    for (const [name, { url }] of Object.entries(suite.services)) {
      const live = (await (await fetch(`${url}/openapi.json`)).json()) as Record<string, any>;
      const result = await new Validator().validate(live);
      expect({ name, errors: result.errors ?? [] }).toEqual({ name, errors: [] });
      expect(live).toEqual(committed(name));
    }
  });
});
