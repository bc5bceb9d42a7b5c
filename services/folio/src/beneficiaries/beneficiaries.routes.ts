import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { BeneficiaryList, BeneficiaryListRequest, Nui, Problem } from '@eron/shared';
import { BENEFICIARY_MANAGERS, BENEFICIARY_READERS } from '../roles';
import { runtime } from '../runtime';
import { listBeneficiaries, setBeneficiaries } from './beneficiaries.use-cases';

const beneficiariesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const params = Type.Object({ nui: Nui });

  app.put(
    '/api/v1/folio/accounts/:nui/settlement-beneficiaries',
    {
      config: { auth: { roles: BENEFICIARY_MANAGERS } },
      schema: {
        operationId: 'setSettlementBeneficiaries',
        'x-rules': ['FOL-15', 'PLT-06'],
        summary: 'Record whom the PPL authorised to receive the balance on death, escape or extradition (FOL-15)',
        description:
          'FOL-15 (Arts. 41 §, 123): the PPL’s signed and fingerprinted written authorisation naming each person; it replaces the one ' +
          'in force (kept, revoked). Only while the Folio is open. Every missing item → 422 FOL-15 listing them. Settlements are paid ' +
          'only to these persons. Identities are confidential (PLT-06): masked in the answer.',
        params,
        body: BeneficiaryListRequest,
        response: { 200: BeneficiaryList, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => setBeneficiaries(ctx, { nui: req.params.nui, ...req.body })),
  );

  app.get(
    '/api/v1/folio/accounts/:nui/settlement-beneficiaries',
    {
      config: { auth: { roles: BENEFICIARY_READERS } },
      schema: {
        operationId: 'listSettlementBeneficiaries',
        'x-rules': ['FOL-15', 'PLT-06'],
        summary: 'The persons the PPL authorised to receive the settled balance, masked (FOL-15)',
        description: 'FOL-15, PLT-06: documents masked; every read is written to the audit log.',
        params,
        response: { 200: BeneficiaryList, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => runtime(app).transact(req, (ctx) => listBeneficiaries(ctx, req.params.nui)),
  );
};

export default beneficiariesRoutes;
