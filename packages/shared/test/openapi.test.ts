import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { type FastifySchema } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Problem, RULE_IDS, type RuleId } from '../src';
import { badRules, mergeOpenApi, openApi } from '../src/platform';
import { documentedRoutes, ruleIdsIn, ruleIdsModule, specDir } from '../src/testing';

const Thing = Type.Object({ name: Type.String({ minLength: 1 }), owner: Problem });

/** A service's document as the platform generates it, from one route that answers problems. */
async function documentOf(): Promise<{ doc: Record<string, any>; routes: ReturnType<typeof documentedRoutes> }> {
  const app = Fastify();
  await app.register(openApi, { name: 'things', title: 'Things', description: 'Test' });
  app.post(
    '/api/v1/things/:id',
    {
      schema: {
        operationId: 'createThing',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ name: Type.String({ minLength: 1 }) }),
        response: { 201: Thing, 400: Problem, 404: Problem },
      },
    },
    async () => ({}),
  );
  await app.ready();
  const doc = app.swagger() as Record<string, any>;
  const routes = documentedRoutes(app, 'things');
  await app.close();
  return { doc, routes };
}

describe('PLT-02 shared schemas are defined once in the OpenAPI documents', () => {
  it('PLT-02 when a route answers a Problem then the document $refs components/schemas/Problem, also inside another schema', async () => {
    const { doc } = await documentOf();
    expect(doc.components.schemas.Problem).toMatchObject({ type: 'object', description: 'RFC 9457 application/problem+json' });
    expect(doc.components.schemas.Problem.$id).toBeUndefined();
    const responses = doc.paths['/api/v1/things/{id}'].post.responses;
    expect(responses['400']).toEqual({
      description: 'RFC 9457 application/problem+json',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
    expect(responses['404'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
    expect(responses['201'].content['application/json'].schema.properties.owner).toEqual({ $ref: '#/components/schemas/Problem' });
    // Problem's own fields appear nowhere in the paths: only its component holds them.
    expect(JSON.stringify(doc.paths)).not.toContain('"requestId"');
  });

  it('PLT-02 when the route sweep reads the document then body and parameters come whole, without $ref', async () => {
    const { routes } = await documentOf();
    expect(routes).toHaveLength(1);
    expect(routes[0]).toMatchObject({
      key: 'POST /api/v1/things/{id}',
      params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] },
      body: { type: 'object', properties: { name: { type: 'string', minLength: 1 } }, required: ['name'] },
    });
  });

  it("PLT-02 when services' documents are merged then each one's components are namespaced and its $refs follow them", async () => {
    const { doc } = await documentOf();
    const other = {
      paths: {
        '/api/v1/others': {
          get: {
            operationId: 'list',
            responses: { 200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Problem' } } } } },
          },
        },
      },
      components: { schemas: { Problem: { type: 'string' } } },
    };
    const merged = mergeOpenApi({ things: doc, others: other });
    expect(Object.keys(merged.components.schemas)).toEqual(['things_Problem', 'others_Problem']);
    expect(merged.components.schemas.things_Problem).toEqual(doc.components.schemas.Problem);
    expect(merged.components.schemas.others_Problem).toEqual({ type: 'string' });
    const thing = merged.paths['/api/v1/things/{id}'].post;
    expect(thing.operationId).toBe('things_createThing');
    expect(thing.responses['400'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/things_Problem' });
    expect(thing.responses['201'].content['application/json'].schema.properties.owner).toEqual({
      $ref: '#/components/schemas/things_Problem',
    });
    expect(merged.paths['/api/v1/others'].get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/others_Problem',
    });
    // Every $ref of the merged document points to a component it holds.
    for (const [, name] of JSON.stringify(merged).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) {
      expect(merged.components.schemas).toHaveProperty([name!]);
    }
  });
});

/** A document of one route with the given `x-rules`, as the platform generates it (or the error it refuses to start with). */
async function documentWithRules(rules: unknown): Promise<{ doc: Record<string, any>; routes: ReturnType<typeof documentedRoutes> }> {
  const app = Fastify();
  try {
    await app.register(openApi, { name: 'things', title: 'Things', description: 'Test' });
    app.get(
      '/api/v1/things/all',
      {
        config: { auth: { roles: ['paymaster'] } },
        schema: { operationId: 'listThings', 'x-rules': rules as RuleId[], description: 'Things.' },
      },
      async () => [],
    );
    await app.ready();
    return { doc: app.swagger() as Record<string, any>, routes: documentedRoutes(app, 'things') };
  } finally {
    await app.close();
  }
}

describe('PLT-02 rule IDs travel in the route schema as x-rules', () => {
  it('PLT-02 when a route names the rules it enforces then its operation carries x-rules, Swagger UI shows them and the sweep reads them', async () => {
    const { doc, routes } = await documentWithRules(['FOL-07', 'FOL-02']);
    const op = doc.paths['/api/v1/things/all'].get;
    expect(op['x-rules']).toEqual(['FOL-07', 'FOL-02']);
    expect(op['x-roles']).toEqual(['paymaster']);
    expect(op.description).toBe('Things.\n\nRules: FOL-07, FOL-02.\n\nRoles: paymaster.');
    expect(routes).toEqual([expect.objectContaining({ key: 'GET /api/v1/things/all', rules: ['FOL-07', 'FOL-02'], roles: ['paymaster'] })]);
  });

  it.each([
    ['a rule the spec does not define', ['FOL-99'], 'x-rules names rules the spec does not define: FOL-99'],
    ['an ID of another shape', ['FOL-7'], 'x-rules names rules the spec does not define: FOL-7'],
    ['a lower-case ID', ['fol-07'], 'x-rules names rules the spec does not define: fol-07'],
    ['no rule at all', [], 'x-rules must be a non-empty list of rule IDs'],
    ['one rule twice', ['FOL-07', 'FOL-07'], 'x-rules names a rule twice'],
    ['a string instead of a list', 'FOL-07', 'x-rules must be a non-empty list of rule IDs'],
  ])('PLT-02 when a route names %s then the service refuses to start, naming the route', async (_what, rules, message) => {
    await expect(documentWithRules(rules)).rejects.toThrow(`GET /api/v1/things/all: ${message}`);
  });

  it('PLT-02 when a route names an unknown rule then typecheck refuses it too (RuleId)', () => {
    // @ts-expect-error — 'XYZ-01' is no RuleId: the compiler stops the typo before any test runs.
    const schema: FastifySchema = { 'x-rules': ['XYZ-01'] };
    expect(badRules(schema['x-rules'])).toBe('x-rules names rules the spec does not define: XYZ-01');
  });

  // The list is generated from the spec folder (`pnpm rules:generate`); a clone without ../shared/spec keeps the committed one.
  const spec = specDir(resolve(__dirname, '../../..'));
  (spec ? it : it.skip)(`PLT-02 the known rule IDs are exactly those the spec folder defines (${spec ?? 'no spec folder here'})`, () => {
    const ids = ruleIdsIn(spec!);
    expect(ids).toEqual([...RULE_IDS]);
    expect(ids).toEqual(expect.arrayContaining(['CLS-03', 'FOL-07', 'PLT-18', 'ASO-01', 'VIS-20', 'DIS-24']));
    expect(ids).not.toContain('EAN-13');
    expect(readFileSync(resolve(__dirname, '../src/rule-ids.ts'), 'utf8')).toBe(ruleIdsModule(ids));
  });
});
