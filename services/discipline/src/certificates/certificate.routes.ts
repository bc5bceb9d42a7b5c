import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CertificateCode, CertificateIssued, CertificateRequest, Nui, Problem } from '@eron/shared';
import { CERTIFICATE_ISSUERS, DISCIPLINE_STAFF } from '../roles';
import { runtime } from '../runtime';
import { certificateFile, issueCertificate } from './certificate.use-cases';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem };
const base = '/api/v1/discipline/ppl/:nui/conduct-certificates';

/** DIS-17: conduct certificates and opinions for the judge, with a code anyone can check (verification/). */
const certificateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    base,
    {
      config: { auth: { roles: CERTIFICATE_ISSUERS } },
      schema: {
        operationId: 'issueConductCertificate',
        'x-rules': ['DIS-17', 'DIS-13'],
        summary: 'Issue a conduct certificate or an opinion for the judge on a benefit, as a PDF with a verification code (DIS-17)',
        description:
          'Arts. 136.6, 136.8: from the record — the last four quarters’ ratings (DIS-13) and firm sanctions of the last twelve months. ' +
          '201 with the code and the public route that checks it; the PDF at the Location.',
        params: Type.Object({ nui: Nui }),
        body: CertificateRequest,
        response: { 201: CertificateIssued, ...Errors },
      },
    },
    async (req, reply) => {
      const issued = await runtime(app).transact(req, (ctx) => issueCertificate(ctx, { nui: req.params.nui, ...req.body }));
      return reply.code(201).header('location', `/api/v1/discipline/ppl/${issued.nui}/conduct-certificates/${issued.code}`).send(issued);
    },
  );

  app.get(
    `${base}/:code`,
    {
      config: { auth: { roles: DISCIPLINE_STAFF } },
      schema: {
        operationId: 'getConductCertificatePdf',
        'x-rules': ['DIS-17'],
        summary: 'An issued conduct certificate or opinion (PDF) (DIS-17)',
        params: Type.Object({ nui: Nui, code: CertificateCode }),
        produces: ['application/pdf'],
        response: {
          200: { description: 'The certificate (PDF)', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
          ...Errors,
        },
      },
    },
    async (req, reply) => {
      const file = await certificateFile(runtime(app).reader(req), req.params.nui, req.params.code);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="conducta-${req.params.code}.pdf"`).send(file);
    },
  );
};

export default certificateRoutes;
