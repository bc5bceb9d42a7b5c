import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { notFound, Nui, Problem, ruleBroken, TreatmentRecord, TreatmentRequest, type TreatmentPhase } from '@eron/shared';
import { assertActsFor, audit } from '@eron/shared/platform';
import type { Db, Trx } from '../db';
import { lockPpl, recordTreatment, treatmentHistory } from './movements.repository';
import { treatmentRefusal } from './movements.rules';

/** The CET (Art. 139) decides; the other staff read. */
const CET = ['treatment_officer'] as const;
const READERS = [
  'dg',
  'regional_director',
  'director',
  'deputy_director',
  'legal',
  'treatment_officer',
  'council_member',
  'auditor',
] as const;
const Params = Type.Object({ nui: Nui });
const noPpl = (nui: string) => notFound({ es: `No existe la PPL ${nui}`, en: `No PPL ${nui}` });

async function record(db: Db | Trx, p: { nui: string; eron: string; security_level: number | null }) {
  const history = await treatmentHistory(db, p.nui);
  const last = history.at(-1);
  return {
    nui: p.nui,
    eron: p.eron,
    securityLevel: p.security_level,
    phase: (last?.phase ?? null) as TreatmentPhase | null,
    history: history.map((h) => ({
      securityLevel: h.security_level,
      phase: h.phase as TreatmentPhase | null,
      cetActa: h.cet_acta,
      reasons: h.reasons,
      setBy: h.set_by,
      setAt: h.set_at.toISOString(),
    })),
  };
}

const treatmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db as Db;

  app.post(
    '/api/v1/classification/ppl/:nui/treatment',
    {
      config: { auth: { roles: CET } },
      schema: {
        operationId: 'setTreatment',
        summary: 'The CET sets a sentenced PPL’s security level and treatment phase (CLS-22, Art. 139)',
        description: 'Sentenced PPL only (422 CLS-22 otherwise). Kept as history; publishes `ppl.status-changed`.',
        params: Params,
        body: TreatmentRequest,
        response: { 200: TreatmentRecord, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (req) => {
      const b = req.body;
      const out = await db.transaction().execute(async (trx) => {
        const ppl = await lockPpl(trx, req.params.nui);
        if (!ppl) throw noPpl(req.params.nui);
        assertActsFor(req, ppl.eron);
        const refusal = treatmentRefusal(ppl.legal_status, ppl.status, b);
        if (refusal) throw ruleBroken('CLS-22', 'Art. 139', refusal);
        await recordTreatment(trx, { nui: ppl.nui, eron: ppl.eron, securityLevel: ppl.security_level, by: req.principal.sub }, b);
        await app.publish(
          trx,
          'ppl.status-changed',
          {
            nui: ppl.nui,
            eron: ppl.eron,
            ...(b.securityLevel !== undefined ? { securityLevel: b.securityLevel } : {}),
            ...(b.phase !== undefined ? { phase: b.phase } : {}),
          },
          req.id,
        );
        await audit(trx, req, { action: 'set-treatment', entity: 'ppl', entityId: ppl.nui, details: { cetActa: b.cetActa } });
        return record(trx, { ...ppl, security_level: b.securityLevel ?? ppl.security_level });
      });
      app.outbox.kick();
      return out;
    },
  );

  app.get(
    '/api/v1/classification/ppl/:nui/treatment',
    {
      config: { auth: { roles: READERS } },
      schema: {
        operationId: 'getTreatment',
        summary: 'A PPL’s security level and treatment phase, with history (CLS-22)',
        params: Params,
        response: { 200: TreatmentRecord, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      const ppl = await db.selectFrom('ppl').select(['nui', 'eron', 'security_level']).where('nui', '=', req.params.nui).executeTakeFirst();
      if (!ppl) throw noPpl(req.params.nui);
      assertActsFor(req, ppl.eron);
      return record(db, ppl);
    },
  );
};

export default treatmentRoutes;
