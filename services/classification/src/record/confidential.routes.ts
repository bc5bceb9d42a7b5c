import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  ConfidentialPatch,
  ConfidentialRecord,
  ConfidentialUpdate,
  Nui,
  Problem,
  ruleBroken,
  type ConfidentialSection,
} from '@eron/shared';
import { assertActsFor, audit } from '@eron/shared/platform';
import type { Db } from '../db';
import { appendHistory, findPpl, lockPpl, readConfidential, saveConfidential } from './record.repository';
import { CONFIDENTIAL_ROLES, forbiddenSections, noPpl, sectionsFor, unvolunteered } from './record.rules';

const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem };
const NuiParams = Type.Object({ nui: Nui });
const ARTICLE = 'Art. 26 §1–2';

/**
 * The confidential part of the record (CLS-07, PLT-06): orientation, gender identity and
 * expression, nombre identitario, health, children's identity. Each section only for the roles
 * that need it; every read audited; never logged, listed or published.
 */
const confidentialRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db as Db;

  app.get(
    '/api/v1/classification/ppl/:nui/record/confidential',
    {
      config: { auth: { roles: CONFIDENTIAL_ROLES } },
      schema: {
        operationId: 'getPplConfidentialRecord',
        summary: 'The confidential part of the record: only the sections the caller’s role may read (CLS-07)',
        description:
          'Health data to the health area; orientation, gender and nombre identitario to social work and the Director; children’s identity to social work, legal and the Director. Every read is written to the audit log.',
        params: NuiParams,
        response: { 200: ConfidentialRecord, ...Errors },
      },
    },
    async (req) => {
      const ppl = await findPpl(db, req.params.nui);
      if (!ppl) throw noPpl(req.params.nui);
      assertActsFor(req, ppl.eron);
      const sections = sectionsFor(req.principal.roles);
      const row = await db.transaction().execute(async (trx) => {
        await audit(trx, req, { action: 'read-confidential-record', entity: 'ppl', entityId: ppl.nui, details: { sections } });
        return readConfidential(trx, ppl.nui, sections);
      });
      const out: ConfidentialRecord = { nui: ppl.nui };
      for (const s of sections) if (row?.[s]) Object.assign(out, { [s]: row[s] });
      return out;
    },
  );

  app.patch(
    '/api/v1/classification/ppl/:nui/record/confidential',
    {
      config: { auth: { roles: CONFIDENTIAL_ROLES } },
      schema: {
        operationId: 'updatePplConfidentialRecord',
        summary: 'Record sections of the confidential part (CLS-07)',
        description:
          'Each section sent replaces the one before, only by the roles that may read it. Orientation and gender identity/expression only with `volunteered: true` (Art. 26 §2), else 422. The history names the sections changed, never the values.',
        params: NuiParams,
        body: ConfidentialPatch,
        response: { 200: ConfidentialUpdate, ...Errors },
      },
    },
    async (req) => {
      const refused = forbiddenSections(req.body, req.principal.roles);
      if (refused.length > 0) {
        throw ruleBroken(
          'CLS-07',
          ARTICLE,
          { es: `Su rol no puede registrar: ${refused.join(', ')}`, en: `Your role may not record: ${refused.join(', ')}` },
          { status: 403, code: 'confidential-section-forbidden' },
        );
      }
      const errors = unvolunteered(req.body.identity);
      if (errors.length > 0) {
        throw ruleBroken(
          'CLS-07',
          ARTICLE,
          {
            es: 'La orientación sexual y la identidad o expresión de género solo se registran si la persona las aporta voluntariamente',
            en: 'Sexual orientation and gender identity or expression are recorded only if the person volunteers them',
          },
          { errors, code: 'not-volunteered' },
        );
      }
      const sections = Object.keys(req.body) as ConfidentialSection[];
      return db.transaction().execute(async (trx) => {
        const ppl = await lockPpl(trx, req.params.nui);
        if (!ppl) throw noPpl(req.params.nui);
        assertActsFor(req, ppl.eron);
        await saveConfidential(trx, ppl.nui, req.body, req.principal.sub);
        const by = { by: req.principal.sub, roles: req.principal.roles, requestId: req.id };
        await appendHistory(trx, { nui: ppl.nui, part: 'confidential', fields: sections, ...by });
        await audit(trx, req, { action: 'update-confidential-record', entity: 'ppl', entityId: ppl.nui, details: { sections } });
        return { nui: ppl.nui, sections, updatedAt: new Date().toISOString() };
      });
    },
  );
};

export default confidentialRoutes;
