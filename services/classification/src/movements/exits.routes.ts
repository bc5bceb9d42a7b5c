import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { EronCode, EscapeRegister, Exit, ExitRequest, notFound, Nui, Problem, RecaptureRequest, ruleBroken } from '@eron/shared';
import { assertActsFor, audit, idempotent } from '@eron/shared/platform';
import type { Db } from '../db';
import { escapeRegister, lastEscape, lockPpl, recordExit, registerEscapeEntry } from './movements.repository';
import { exitRecipients, exitRefusal, statusAfterExit } from './movements.rules';
import { notify } from './notify';

/** The Director (or deputy), the legal office and the guard commander record exits (CLS-21). */
const RECORDERS = ['director', 'deputy_director', 'legal', 'guard_commander'] as const;
const READERS = ['dg', 'regional_director', ...RECORDERS, 'auditor', 'investigator'] as const;
const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const noPpl = (nui: string) => notFound({ es: `No existe la PPL ${nui}`, en: `No PPL ${nui}` });

const exitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db as Db;

  app.post(
    '/api/v1/classification/exits',
    {
      config: { auth: { roles: RECORDERS } },
      schema: {
        operationId: 'recordExit',
        summary: 'Record an exit: release, house arrest, death, escape, extradition (CLS-21)',
        description:
          'Release and house arrest need the judicial decision (Art. 41 §). An escape notifies the police and the DG and enters the escapes register, ' +
          'also for PPL in house arrest (Art. 156 §1–2); a death notifies the regional director, the DG, the local authorities and the relatives (Art. 107, Art. 63 §2). ' +
          'The NUI and the record stay; `ppl.exited` is published (not again for an escape from house arrest: the person had already exited). ' +
          'House arrest does not end the quarterly conduct rating (DIS-13, discipline). Idempotency-Key (PLT-05).',
        body: ExitRequest,
        response: { 201: Exit, ...Errors },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const sent = await idempotent(req, reply, db, async (trx) => {
        const ppl = await lockPpl(trx, b.nui);
        if (!ppl) throw noPpl(b.nui);
        assertActsFor(req, ppl.eron);
        const refusal = exitRefusal(ppl.status, b.reason, b.judicialDecision !== undefined);
        if (refusal) throw ruleBroken('CLS-21', b.reason === 'escape' ? 'Art. 156' : 'Art. 41 §', refusal);
        const fromHouseArrest = ppl.status === 'house_arrest';
        const notified = exitRecipients[b.reason];
        const exit = await recordExit(
          trx,
          { nui: ppl.nui, eron: ppl.eron, status: statusAfterExit[b.reason], fromHouseArrest, notified, by: req.principal.sub },
          b,
        );
        if (b.reason === 'escape') {
          await registerEscapeEntry(trx, {
            nui: ppl.nui,
            eron: ppl.eron,
            kind: 'escape',
            fromHouseArrest,
            occurredAt: b.occurredAt,
            details: b.details,
            by: req.principal.sub,
          });
        }
        await notify(app, trx, req, notified, b.reason, ppl.eron, ppl.nui);
        if (!fromHouseArrest)
          await app.publish(trx, 'ppl.exited', { nui: ppl.nui, eron: ppl.eron, exitId: exit.id, reason: b.reason }, req.id);
        await audit(trx, req, { action: 'record-exit', entity: 'ppl', entityId: ppl.nui, details: { exitId: exit.id, reason: b.reason } });
        const body = {
          id: exit.id,
          nui: exit.nui,
          eron: exit.eron,
          reason: b.reason,
          occurredAt: exit.occurred_at.toISOString(),
          fromHouseArrest,
          notified: exit.notified,
          recordedAt: exit.recorded_at.toISOString(),
        };
        return { status: 201, body };
      });
      app.outbox.kick();
      return sent;
    },
  );

  app.post(
    '/api/v1/classification/ppl/:nui/recaptures',
    {
      config: { auth: { roles: RECORDERS } },
      schema: {
        operationId: 'recordRecapture',
        summary: 'Record the recapture of an escaped PPL in the escapes register (CLS-21, Art. 156 §2)',
        description:
          'The person’s status becomes `recaptured`; re-entry into an establishment goes through a new admission on a judicial order (CLS-03).',
        params: Type.Object({ nui: Nui }),
        body: RecaptureRequest,
        response: { 201: Type.Object({ id: Type.String(), nui: Nui, eron: EronCode, fromHouseArrest: Type.Boolean() }), ...Errors },
      },
    },
    async (req, reply) => {
      const out = await db.transaction().execute(async (trx) => {
        const ppl = await lockPpl(trx, req.params.nui);
        if (!ppl) throw noPpl(req.params.nui);
        assertActsFor(req, ppl.eron);
        const escape = ppl.status === 'escaped' ? await lastEscape(trx, ppl.nui) : undefined;
        if (!escape) {
          throw ruleBroken('CLS-21', 'Art. 156 §2', { es: 'La PPL no figura fugada', en: 'The PPL is not recorded as escaped' });
        }
        const entry = await registerEscapeEntry(trx, {
          nui: ppl.nui,
          eron: ppl.eron,
          kind: 'recapture',
          fromHouseArrest: escape.from_house_arrest,
          occurredAt: req.body.occurredAt,
          details: req.body.details,
          by: req.principal.sub,
        });
        await trx.updateTable('ppl').set({ status: 'recaptured' }).where('nui', '=', ppl.nui).execute();
        await audit(trx, req, { action: 'record-recapture', entity: 'ppl', entityId: ppl.nui, details: { entryId: entry.id } });
        return { id: entry.id, nui: ppl.nui, eron: ppl.eron, fromHouseArrest: escape.from_house_arrest };
      });
      return reply.code(201).send(out);
    },
  );

  app.get(
    '/api/v1/classification/establishments/:code/escape-register',
    {
      config: { auth: { roles: READERS } },
      schema: {
        operationId: 'getEscapeRegister',
        summary: 'The establishment’s register of escapes and recaptures (CLS-21, Art. 156 §2)',
        params: Type.Object({ code: EronCode }),
        response: { 200: EscapeRegister, 401: Problem, 403: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.params.code);
      const rows = await escapeRegister(db, req.params.code);
      return {
        eron: req.params.code,
        entries: rows.map((r) => ({
          id: r.id,
          nui: r.nui,
          eron: r.eron,
          kind: r.kind,
          fromHouseArrest: r.from_house_arrest,
          occurredAt: r.occurred_at.toISOString(),
          recordedAt: r.recorded_at.toISOString(),
        })),
      };
    },
  );
};

export default exitRoutes;
