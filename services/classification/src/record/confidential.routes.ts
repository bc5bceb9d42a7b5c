import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ConfidentialPatch, ConfidentialRecord, ConfidentialUpdate, Nui, Problem } from '@eron/shared';
import { CONFIDENTIAL_ROLES } from '../roles';
import { runtime } from '../runtime';
import { readConfidentialRecord, updateConfidentialRecord } from './record.use-cases';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem };
const NuiParams = Type.Object({ nui: Nui });

/**
 * The confidential part of the record (CLS-07, PLT-06): orientation, gender identity and
 * expression, nombre identitario, health, children's identity. Each section only for the roles
 * that need it; every read audited; never logged, listed or published.
 */
const confidentialRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/classification/ppl/:nui/record/confidential',
    {
      config: { auth: { roles: CONFIDENTIAL_ROLES } },
      schema: {
        operationId: 'getPplConfidentialRecord',
        'x-rules': ['CLS-07'],
        summary: 'The confidential part of the record: only the sections the caller’s role may read (CLS-07)',
        description:
          'Health data to the health area; orientation, gender and nombre identitario to social work and the Director; children’s identity to social work, legal and the Director. Every read is written to the audit log.',
        params: NuiParams,
        response: { 200: ConfidentialRecord, ...Errors },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => readConfidentialRecord(ctx, req.params.nui)),
  );

  app.patch(
    '/api/v1/classification/ppl/:nui/record/confidential',
    {
      config: { auth: { roles: CONFIDENTIAL_ROLES } },
      schema: {
        operationId: 'updatePplConfidentialRecord',
        'x-rules': ['CLS-07'],
        summary: 'Record sections of the confidential part (CLS-07)',
        description:
          'Each section sent replaces the one before, only by the roles that may read it. Orientation and gender identity/expression only with `volunteered: true` (Art. 26 §2), else 422. The history names the sections changed, never the values.',
        params: NuiParams,
        body: ConfidentialPatch,
        response: { 200: ConfidentialUpdate, ...Errors },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => updateConfidentialRecord(ctx, { nui: req.params.nui, patch: req.body })),
  );
};

export default confidentialRoutes;
