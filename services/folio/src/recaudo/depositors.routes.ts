import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import {
  DepositorIdentity,
  DepositorList,
  DepositorListRequest,
  documentProblem,
  notFound,
  Nui,
  Problem,
  ProblemError,
  ruleBroken,
  Uuid,
  type DepositorInput,
} from '@eron/shared';
import { assertActsFor, audit } from '@eron/shared/platform';
import type { Db } from '../db';
import {
  activeDepositors,
  findDepositor,
  listChanges,
  lockFolio,
  otherPplCount,
  replaceList,
  upsertAndLockPeople,
  type ActiveDepositor,
} from './depositors.repository';
import { documentKey, MAX_DEPOSITORS_PER_PPL, MAX_PPL_PER_DEPOSITOR, mayChange, nextChangeFrom } from './depositors.rules';
import { maskDocument } from './deposit.rules';

/** Roles that manage the list and may see depositors' names; every such read is audited (PLT-06). */
const MANAGERS = ['paymaster', 'director'] as const;
const READERS = [...MANAGERS, 'deputy_director', 'auditor'] as const;
const ART = 'Art. 40 §2';

function checkDocuments(people: DepositorInput[]): void {
  const errors = people.flatMap((p, i) => {
    const problem = documentProblem(p.document);
    return problem ? [{ field: `/depositors/${i}/document/number`, message: { es: `Documento inválido: ${problem}`, en: problem } }] : [];
  });
  const keys = people.map((p) => documentKey(p.document));
  keys.forEach((k, i) => {
    if (keys.indexOf(k) !== i)
      errors.push({ field: `/depositors/${i}/document`, message: { es: 'Persona repetida en la lista', en: 'Person listed twice' } });
  });
  if (errors.length > 0) {
    throw new ProblemError({
      status: 400,
      code: 'invalid-request',
      title: 'Invalid request',
      detail: { es: 'Documentos inválidos', en: 'Invalid documents' },
      rule: 'PLT-04',
      errors,
    });
  }
}

type Changes = Awaited<ReturnType<typeof listChanges>>;
function toList(nui: string, rows: ActiveDepositor[], changes: Changes, withNames: boolean) {
  const next = nextChangeFrom(changes.map((c) => ({ first: c.first, changedAt: c.changed_at })));
  return {
    nui,
    depositors: rows.map((r) => ({
      id: r.id,
      document: maskDocument(r.doc_type, r.doc_number),
      ...(withNames ? { givenNames: r.given_names ?? '', surnames: r.surnames ?? '' } : {}),
    })),
    firstRegisteredAt: changes[0]?.changed_at.toISOString() ?? null,
    lastChangedAt: changes.at(-1)?.changed_at.toISOString() ?? null,
    nextChangeFrom: next?.toISOString() ?? null,
  };
}

const seesNames = (req: FastifyRequest) => req.principal.roles.some((r) => (MANAGERS as readonly string[]).includes(r));

const depositorsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db as Db;
  const params = Type.Object({ nui: Nui });

  app.post(
    '/api/v1/folio/accounts/:nui/depositors',
    {
      config: { auth: { roles: MANAGERS } },
      schema: {
        operationId: 'setDepositors',
        summary: 'Register or change the persons authorised to deposit for a PPL (FOL-05)',
        description:
          'FOL-05 (Art. 40 §2): at most 5 natural persons per PPL; one person authorised by at most 5 PPL nationwide; the first registration is free, then one change per 12 months. The body is the whole new list. Identities are confidential (PLT-06).',
        params,
        body: DepositorListRequest,
        response: { 201: DepositorList, 200: DepositorList, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const { nui } = req.params;
      const people = req.body.depositors;
      checkDocuments(people);
      if (people.length > MAX_DEPOSITORS_PER_PPL) {
        throw ruleBroken(
          'FOL-05',
          ART,
          {
            es: `Una PPL autoriza a lo sumo ${MAX_DEPOSITORS_PER_PPL} personas; la lista trae ${people.length}`,
            en: `A PPL authorises at most ${MAX_DEPOSITORS_PER_PPL} persons; the list has ${people.length}`,
          },
          { errors: [{ field: '/depositors', message: { es: 'Más de 5 personas', en: 'More than 5 persons' } }] },
        );
      }
      const out = await db.transaction().execute(async (trx) => {
        const folio = await lockFolio(trx, nui);
        if (!folio) throw notFound({ es: `No hay Folio para la PPL ${nui}`, en: `No Folio for PPL ${nui}` });
        assertActsFor(req, folio.eron);
        const changes = await listChanges(trx, nui);
        const current = (await activeDepositors(trx, nui)).map((d) => d.id);
        const ids = await upsertAndLockPeople(trx, people);
        const same = ids.length === current.length && ids.every((id) => current.includes(id));
        if (!same) {
          const history = changes.map((c) => ({ first: c.first, changedAt: c.changed_at }));
          if (changes.length > 0 && !mayChange(history, new Date())) {
            throw ruleBroken(
              'FOL-05',
              ART,
              {
                es: `La lista ya cambió en los últimos 12 meses; el próximo cambio es desde ${nextChangeFrom(history)!.toISOString()}`,
                en: `The list already changed in the last 12 months; the next change is from ${nextChangeFrom(history)!.toISOString()}`,
              },
              { code: 'fol-05-change-interval' },
            );
          }
          const counts = await otherPplCount(
            trx,
            nui,
            ids.filter((id) => !current.includes(id)),
          );
          const full = ids.flatMap((id, i) => ((counts.get(id) ?? 0) >= MAX_PPL_PER_DEPOSITOR ? [i] : []));
          if (full.length > 0) {
            throw ruleBroken(
              'FOL-05',
              ART,
              {
                es: `Una persona puede estar autorizada por a lo sumo ${MAX_PPL_PER_DEPOSITOR} PPL`,
                en: `A person may be authorised by at most ${MAX_PPL_PER_DEPOSITOR} PPL`,
              },
              {
                code: 'fol-05-person-limit',
                errors: full.map((i) => ({
                  field: `/depositors/${i}/document`,
                  message: { es: 'Ya autorizada por 5 PPL', en: 'Already authorised by 5 PPL' },
                })),
              },
            );
          }
          await replaceList(trx, {
            nui,
            eron: folio.eron,
            first: changes.length === 0,
            ids,
            current,
            by: req.principal.sub,
            requestId: req.id,
          });
          await audit(trx, req, {
            action: 'set-depositors',
            entity: 'folio',
            entityId: nui,
            details: { count: ids.length, first: changes.length === 0 },
          });
        }
        await audit(trx, req, { action: 'read-depositor-names', entity: 'folio', entityId: nui });
        return {
          same,
          body: toList(nui, await activeDepositors(trx, nui), await listChanges(trx, nui), true),
        };
      });
      return reply.code(out.same ? 200 : 201).send(out.body);
    },
  );

  app.get(
    '/api/v1/folio/accounts/:nui/depositors',
    {
      config: { auth: { roles: READERS } },
      schema: {
        operationId: 'listDepositors',
        summary: 'The persons authorised to deposit for a PPL, masked (FOL-05)',
        description: 'FOL-05, PLT-06: documents masked; names only to the paymaster and the director, and that read is audited.',
        params,
        response: { 200: DepositorList, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      const { nui } = req.params;
      const folio = await db.selectFrom('folios').select('eron').where('nui', '=', nui).executeTakeFirst();
      if (!folio) throw notFound({ es: `No hay Folio para la PPL ${nui}`, en: `No Folio for PPL ${nui}` });
      assertActsFor(req, folio.eron);
      const withNames = seesNames(req);
      if (withNames)
        await db.transaction().execute((trx) => audit(trx, req, { action: 'read-depositor-names', entity: 'folio', entityId: nui }));
      return toList(nui, await activeDepositors(db, nui), await listChanges(db, nui), withNames);
    },
  );

  app.get(
    '/api/v1/folio/accounts/:nui/depositors/:id',
    {
      config: { auth: { roles: MANAGERS } },
      schema: {
        operationId: 'getDepositor',
        summary: 'One authorised depositor’s full identity (FOL-05), audited',
        description:
          'FOL-05, PLT-06: the full document and names, only to the paymaster and the director; every read is written to the audit log.',
        params: Type.Object({ nui: Nui, id: Uuid }),
        response: { 200: DepositorIdentity, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      const { nui, id } = req.params;
      const folio = await db.selectFrom('folios').select('eron').where('nui', '=', nui).executeTakeFirst();
      if (folio) assertActsFor(req, folio.eron);
      const person = folio ? await findDepositor(db, nui, id) : undefined;
      if (!person) throw notFound({ es: 'No es una persona autorizada de esta PPL', en: 'Not an authorised depositor of this PPL' });
      await db
        .transaction()
        .execute((trx) => audit(trx, req, { action: 'read-depositor-identity', entity: 'depositor', entityId: id, details: { nui } }));
      return {
        id: person.id,
        document: { type: person.doc_type as 'CC', number: person.doc_number },
        givenNames: person.given_names,
        surnames: person.surnames,
      };
    },
  );
};

export default depositorsRoutes;
