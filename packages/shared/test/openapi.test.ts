import Fastify from 'fastify';
import { Type } from '@sinclair/typebox';
import { Problem } from '../src';
import { mergeOpenApi, openApi } from '../src/platform';
import { documentedRoutes } from '../src/testing';

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
