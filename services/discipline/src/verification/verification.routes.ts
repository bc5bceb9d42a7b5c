import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DocumentCheck, DocumentCode, Problem } from '@eron/shared';
import { runtime } from '../runtime';
import { checkDocument } from './verification.use-cases';

/** DIS-17, DIS-24: one public route checks any discipline document by the code printed on it. */
const verificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/discipline/public/certificates/:code',
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'checkDisciplineDocument',
        'x-rules': ['DIS-17', 'DIS-24'],
        summary: 'Check a discipline document’s verification code: validity, kind, date and issuing establishment only (DIS-17, DIS-24)',
        description:
          'Public: anyone holding a conduct certificate, an opinion for the judge (DIS-17) or a certificado de cómputos (DIS-24) checks ' +
          'the code printed on it. The answer names no person; an unknown code is a 404.',
        params: Type.Object({ code: DocumentCode }),
        response: { 200: DocumentCheck, 400: Problem, 404: Problem },
      },
    },
    async (req) => checkDocument(runtime(app).db, req.params.code),
  );
};

export default verificationRoutes;
