import {
  addBusinessDays,
  assertActorActsFor,
  bogotaToday,
  notFound,
  ruleBroken,
  type AppealTerm,
  type CaseDecisionBody,
  type CaseHearingBody,
  type CaseNoticeBody,
  type CaseOpeningBody,
  type CaseReportBody,
  type DisciplinaryCase,
} from '@eron/shared';
import type { Outcome } from '@eron/shared/platform';
import { councilDecision } from '../council/council.lookup';
import { chargeable, offenceText } from '../offences/offence.use-cases';
import { heldPpl, pplOf } from '../ppl/ppl.lookup';
import { establishmentName } from '../ppl/ppl.repository';
import { decisionPdf, noticePdf } from './case.document';
import type { Ctx, Reader } from '../runtime';
import { insertSanction, sanctionOfCase } from '../sanctions/sanction.repository';
import { assertAllowed, assertNotForbidden } from '../sanctions/sanction.rules';
import { sanctionView } from '../sanctions/sanction.use-cases';
import type { Db, Trx } from '../db';
import {
  appealsOf,
  appealTermOf,
  findCase,
  insertReport,
  lockCase,
  recordStep,
  sanctionForSameFacts,
  setAppealTerm,
} from './case.repository';
import {
  alreadyDecided,
  assertAuthority,
  assertDecisionShape,
  assertInstructor,
  assertNotBefore,
  assertNotFuture,
  assertStep,
  firstInstance,
} from './case.rules';
import type { Authority, CaseRow, CouncilAct } from './case.tables';

/** DIS-07: the appeal term when the establishment set none — 3 business days after notice. */
export const DEFAULT_APPEAL_DAYS = 3;

export interface ReportedCase {
  id: string;
  eron: string;
  nui: string;
  status: string;
  offence: { version: string; code: string; severity: 'leve' | 'grave'; text: string };
  factDate: string;
}

/** DIS-04, DIS-01: the report of facts about a PPL held here, charged under the catalogue in force on the facts' date. */
export async function reportCase(ctx: Ctx, b: CaseReportBody): Promise<Outcome<ReportedCase>> {
  assertActorActsFor(ctx.actor, b.eron);
  await heldPpl(ctx.trx, b.nui, b.eron);
  assertNotFuture(b.factDate, bogotaToday(), '/factDate');
  const offence = await chargeable(ctx.trx, b.offenceCode, b.factDate);
  const row = await insertReport(ctx.trx, b, offence, ctx.actor.sub);
  await ctx.audit({ action: 'report-case', entity: 'case', entityId: row.id });
  return {
    status: 201,
    body: {
      id: row.id,
      eron: row.eron,
      nui: row.nui,
      status: row.status,
      offence: { version: offence.version, code: offence.code, severity: offence.severity, text: offence.text },
      factDate: row.fact_date,
    },
  };
}

const noCase = (id: string) => notFound({ es: `No existe la actuación disciplinaria ${id}`, en: `No disciplinary case ${id}` });

/** The case locked for a step, in the caller's establishment. */
async function caseForStep(ctx: Ctx, id: string): Promise<CaseRow> {
  const c = await lockCase(ctx.trx, id);
  if (!c) throw noCase(id);
  assertActorActsFor(ctx.actor, c.eron);
  return c;
}

/** DIS-03: the instructor by severity opens the case (a grave once the Director knows of the report). */
export async function openCase(ctx: Ctx, id: string, b: CaseOpeningBody): Promise<DisciplinaryCase> {
  const c = await caseForStep(ctx, id);
  assertStep(c.status, 'reported', { es: 'abrir la actuación', en: 'open the case' });
  const on = b.openedOn ?? bogotaToday();
  assertNotFuture(on, bogotaToday(), '/openedOn');
  assertNotBefore(on, c.fact_date, '/openedOn');
  if (b.directorInformedOn) {
    assertNotBefore(b.directorInformedOn, c.fact_date, '/directorInformedOn');
    assertNotBefore(on, b.directorInformedOn, '/openedOn');
  }
  const role = assertInstructor(c.severity, ctx.actor.roles, b.directorInformedOn);
  await recordStep(ctx.trx, c.id, {
    status: 'opened',
    opening: { by: ctx.actor.sub, role, on, directorInformedOn: b.directorInformedOn ?? null },
  });
  await ctx.audit({ action: 'open-case', entity: 'case', entityId: c.id });
  return caseView(ctx.trx, c.id);
}

/** DIS-04: the PPL is told of the charges before being heard. */
export async function notifyCharges(ctx: Ctx, id: string, b: CaseNoticeBody): Promise<DisciplinaryCase> {
  const c = await caseForStep(ctx, id);
  assertStep(c.status, 'opened', { es: 'notificar los cargos', en: 'give notice of the charges' });
  const on = b.notifiedOn ?? bogotaToday();
  assertNotFuture(on, bogotaToday(), '/notifiedOn');
  assertNotBefore(on, c.opening!.on, '/notifiedOn');
  await recordStep(ctx.trx, c.id, { status: 'notified', notice: { by: ctx.actor.sub, on, how: b.how, charges: b.charges } });
  await ctx.audit({ action: 'notify-charges', entity: 'case', entityId: c.id });
  return caseView(ctx.trx, c.id);
}

/** DIS-04: the PPL's descargos and evidence, after the notice. */
export async function hearPpl(ctx: Ctx, id: string, b: CaseHearingBody): Promise<DisciplinaryCase> {
  const c = await caseForStep(ctx, id);
  assertStep(c.status, 'notified', { es: 'recibir los descargos', en: 'hear the PPL' });
  const on = b.heardOn ?? bogotaToday();
  assertNotFuture(on, bogotaToday(), '/heardOn');
  assertNotBefore(on, c.notice!.on, '/heardOn');
  await recordStep(ctx.trx, c.id, { status: 'heard', hearing: { by: ctx.actor.sub, on, statement: b.statement, evidence: b.evidence } });
  await ctx.audit({ action: 'hear-ppl', entity: 'case', entityId: c.id });
  return caseView(ctx.trx, c.id);
}

/** DIS-03, DIS-07: the Council decision a group's act cites, checked against the case. */
export async function citedCouncil(
  trx: Trx,
  c: CaseRow,
  council: CaseDecisionBody['council'],
  matter: 'case' | 'appeal',
  authority: Authority,
  roles: Ctx['actor']['roles'],
  rule: 'DIS-03' | 'DIS-07',
): Promise<CouncilAct | null> {
  const fact = council ? await councilDecision(trx, council.sessionId, council.decisionId) : undefined;
  assertAuthority(authority, roles, { given: council !== undefined, decision: fact }, { eron: c.eron, nui: c.nui, matter }, rule);
  if (!council || !fact) return null;
  return {
    group: fact.group as CouncilAct['group'],
    sessionId: fact.sessionId,
    decisionId: fact.id,
    acta: fact.acta,
    ministerioPublicoDelegate: council.ministerioPublicoDelegate,
  };
}

/**
 * DIS-04: after the descargos, the competent authority (DIS-03) decides with reasons and the
 * circumstances weighed (Art. 150); a sanction within the bounds of its severity (DIS-05), never a
 * forbidden measure (DIS-06), once for one fact (DIS-02). The appeal term runs from the notice (DIS-07).
 */
export async function decideCase(ctx: Ctx, id: string, b: CaseDecisionBody): Promise<Outcome<DisciplinaryCase>> {
  const c = await caseForStep(ctx, id);
  if (c.status === 'decided') throw alreadyDecided();
  assertStep(c.status, 'heard', { es: 'decidir', en: 'decide' });
  assertDecisionShape(b);
  const authority = firstInstance(c.severity);
  const council = await citedCouncil(ctx.trx, c, b.council, 'case', authority, ctx.actor.roles, 'DIS-03');
  let kind: ReturnType<typeof assertAllowed> | undefined;
  if (b.sanction) {
    assertNotForbidden(b.sanction);
    kind = assertAllowed(c.severity, b.sanction);
    if (await sanctionForSameFacts(ctx.trx, c)) throw alreadyDecided();
  }
  const today = bogotaToday();
  const notifiedOn = b.notifiedOn ?? today;
  assertNotFuture(notifiedOn, today, '/notifiedOn');
  assertNotBefore(notifiedOn, c.hearing!.on, '/notifiedOn');
  const days = (await appealTermOf(ctx.trx, c.eron)) ?? DEFAULT_APPEAL_DAYS;
  await recordStep(ctx.trx, c.id, {
    status: 'decided',
    decision: {
      by: ctx.actor.sub,
      authority,
      outcome: b.outcome,
      reasons: b.reasons,
      circumstances: b.circumstances,
      sanction: b.sanction ? { kind: kind!, amount: b.sanction.amount ?? null } : null,
      council,
    },
    notifiedOn,
    appealDueOn: addBusinessDays(notifiedOn, days),
  });
  if (kind)
    await insertSanction(ctx.trx, {
      caseId: c.id,
      nui: c.nui,
      eron: c.eron,
      severity: c.severity,
      kind,
      amount: b.sanction!.amount ?? null,
      factDate: c.fact_date,
    });
  await ctx.audit({ action: 'decide-case', entity: 'case', entityId: c.id, details: { outcome: b.outcome } });
  return { status: 201, body: await caseView(ctx.trx, c.id) };
}

/** The whole case as the record keeps it: steps, decision, sanction and appeals. */
export async function caseView(db: Db | Trx, id: string): Promise<DisciplinaryCase> {
  const c = await findCase(db, id);
  if (!c) throw noCase(id);
  // One after the other: on a transaction's one connection, queries queue anyway (and pg warns).
  const sanction = await sanctionOfCase(db, id);
  const appeals = await appealsOf(db, id);
  const text = await offenceText(db, c.offence_version, c.offence_code);
  return {
    id: c.id,
    eron: c.eron,
    nui: c.nui,
    offence: { version: c.offence_version, code: c.offence_code, severity: c.severity, text },
    status: c.status,
    factDate: c.fact_date,
    place: c.place,
    facts: c.facts,
    reporter: c.reporter,
    evidence: c.evidence,
    instructedBy: c.opening?.role ?? null,
    notifiedOn: c.notice?.on ?? null,
    heardOn: c.hearing?.on ?? null,
    decision: c.decision
      ? {
          authority: c.decision.authority,
          outcome: c.decision.outcome,
          reasons: c.decision.reasons,
          decidedAt: c.decided_at!.toISOString(),
          notifiedOn: c.notified_decision_on!,
          appealDueOn: c.appeal_due_on!,
        }
      : null,
    sanction: sanction ? sanctionView(sanction) : null,
    appeals: appeals.map((a) => ({
      id: a.id,
      caseId: a.case_id,
      kind: a.kind,
      authority: a.authority,
      filedOn: a.filed_on,
      subsidiary: a.subsidiary,
      status: a.status,
      decidedAt: a.decided_at?.toISOString() ?? null,
    })),
  };
}

export async function readCase(r: Reader, id: string): Promise<DisciplinaryCase> {
  const c = await findCase(r.db, id);
  if (!c) throw noCase(id);
  assertActorActsFor(r.actor, c.eron);
  return caseView(r.db, id);
}

/** DIS-07: the establishment's term to appeal, in business days after the decision's notice. */
export async function appealTerm(r: Reader, eron: string): Promise<AppealTerm> {
  return { eron, businessDays: (await appealTermOf(r.db, eron)) ?? DEFAULT_APPEAL_DAYS };
}

export async function changeAppealTerm(ctx: Ctx, eron: string, businessDays: number): Promise<AppealTerm> {
  await setAppealTerm(ctx.trx, eron, businessDays, ctx.actor.sub);
  await ctx.audit({ action: 'set-appeal-term', entity: 'appeal_term', entityId: eron, details: { businessDays } });
  return { eron, businessDays };
}

const STATUS_ORDER = ['reported', 'opened', 'notified', 'heard', 'decided'] as const;

/** DIS-04: the notice of charges (once notified) or the decision (once decided), as the PDF the people involved sign. */
export async function caseDocument(r: Reader, id: string, which: 'notice' | 'decision'): Promise<{ file: Buffer; name: string }> {
  const c = await findCase(r.db, id);
  if (!c) throw noCase(id);
  assertActorActsFor(r.actor, c.eron);
  if (STATUS_ORDER.indexOf(c.status) < STATUS_ORDER.indexOf(which === 'notice' ? 'notified' : 'decided'))
    throw ruleBroken(
      'DIS-04',
      'Art. 149',
      which === 'notice'
        ? { es: 'La PPL aún no ha sido notificada de los cargos', en: 'The PPL has not been notified of the charges yet' }
        : { es: 'La actuación aún no tiene decisión', en: 'The case has no decision yet' },
      { code: 'document-not-yet', status: 409 },
    );
  const ppl = await pplOf(r.db, c.nui);
  const o = {
    establishmentName: await establishmentName(r.db, c.eron),
    ppl: { names: ppl.names, surnames: ppl.surnames },
    offenceText: await offenceText(r.db, c.offence_version, c.offence_code),
    issuedBy: r.actor.sub,
    issuedAt: new Date(),
    appealDays: (await appealTermOf(r.db, c.eron)) ?? DEFAULT_APPEAL_DAYS,
  };
  const file = which === 'notice' ? await noticePdf(c, o) : await decisionPdf(c, o);
  return { file, name: `${which === 'notice' ? 'notificacion-cargos' : 'decision'}-${c.id}.pdf` };
}
