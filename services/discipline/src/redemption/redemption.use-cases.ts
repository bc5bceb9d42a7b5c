import { randomBytes, randomUUID } from 'node:crypto';
import {
  assertActorActsFor,
  notFound,
  ruleBroken,
  type Certificate,
  type DecisionBody,
  type ProgrammeKind,
  type RedemptionAccount,
  type RedemptionMonth,
} from '@eron/shared';
import type { Db, Trx } from '../db';
import { hoursOfMonth, ratesOf } from '../hours/hours.repository';
import type { CertificateRow } from '../jetee/jetee.tables';
import { establishmentName } from '../ppl/ppl.repository';
import { heldPpl, pplOf, type HeldPpl } from '../ppl/ppl.lookup';
import type { Ctx, Reader } from '../runtime';
import { evaluationsOf } from './evaluation.repository';
import { certificatePdf } from './redemption.document';
import {
  certificatesOf,
  certifyMonths,
  evaluationActas,
  findCertificate,
  insertCertificate,
  jeteeDirector,
  lockRedemption,
  lostDays,
  recordDecision,
} from './redemption.repository';
import { computeMonth, noteOf, type Rate } from './redemption.rules';

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Every evaluated month of the PPL, computed under the dated rates (DIS-24); `judgeRequest` makes pre-trial hours computable (Art. 112). */
async function monthsOf(db: Db | Trx, ppl: HeldPpl, judgeRequest = false): Promise<RedemptionMonth[]> {
  const rates = new Map<ProgrammeKind, Rate[]>();
  const out: RedemptionMonth[] = [];
  for (const e of await evaluationsOf(db, ppl.nui)) {
    if (!rates.has(e.kind)) rates.set(e.kind, await ratesOf(db, e.kind));
    const computable = ppl.sentencedAt !== null || judgeRequest || e.certificate_id !== null;
    const hours = (await hoursOfMonth(db, ppl.nui, e.programme_id, e.month)).map((h) => ({ date: h.date, counted: h.counted }));
    const c = computeMonth({ kind: e.kind, hours, rates: rates.get(e.kind)!, rating: e.rating, computable });
    out.push({
      evaluationId: e.id,
      programmeId: e.programme_id,
      kind: e.kind,
      month: e.month,
      rating: e.rating,
      conductRating: e.conduct_rating,
      countedHours: e.counted_hours,
      computable,
      note: noteOf({ rating: e.rating, computable }),
      inForce: c.inForce,
      favourable: c.favourable,
      days: c.days,
      certificateId: e.certificate_id,
    });
  }
  return out;
}

/** DIS-24: days earned, certified, granted, lost and pending — earned = certified + pending; balance = granted − lost. */
async function accountOf(db: Db | Trx, ppl: HeldPpl): Promise<RedemptionAccount> {
  const months = await monthsOf(db, ppl);
  const certificates = await certificatesOf(db, ppl.nui);
  const earned = round2(months.reduce((s, m) => s + m.days, 0));
  const certified = round2(months.filter((m) => m.certificateId).reduce((s, m) => s + m.days, 0));
  const granted = round2(certificates.reduce((s, c) => s + (c.days_granted ?? 0), 0));
  const lost = await lostDays(db, ppl.nui);
  const uncomputedHours = months.filter((m) => !m.computable).reduce((s, m) => s + m.countedHours, 0);
  return {
    nui: ppl.nui,
    earned,
    certified,
    pending: round2(earned - certified),
    granted,
    lost,
    balance: round2(granted - lost),
    uncomputedHours,
    months,
  };
}

export async function redemptionAccount(r: Reader, nui: string): Promise<RedemptionAccount> {
  const ppl = await pplOf(r.db, nui);
  assertActorActsFor(r.actor, ppl.eron);
  return accountOf(r.db, ppl);
}

const certificateView = (c: CertificateRow, months: number): Certificate => ({
  id: c.id,
  nui: c.nui,
  eron: c.eron,
  code: c.code,
  days: c.days,
  months,
  judgeRequest: c.judge_request,
  issuedAt: c.issued_at.toISOString(),
  decision:
    c.order_number && c.decided_on ? { daysGranted: c.days_granted ?? 0, orderNumber: c.order_number, decidedOn: c.decided_on } : null,
});

/**
 * DIS-24: the Director's certificate of computed time covers every evaluated month not yet
 * certified (a deficiente month is listed as earning nothing); pre-trial months only once the
 * conviction is firm or when the judge asks (Art. 112). It goes to the supervising judge through the notifier.
 */
export async function issueCertificate(ctx: Ctx, i: { nui: string; eron: string; judgeRequest?: string }): Promise<Certificate> {
  const ppl = await heldPpl(ctx.trx, i.nui, i.eron);
  // A certificate issued meanwhile has then certified its months: they are not left to certify (DIS-24's 422).
  await lockRedemption(ctx.trx, ppl.nui);
  const months = (await monthsOf(ctx.trx, ppl, i.judgeRequest !== undefined)).filter((m) => !m.certificateId && m.computable);
  if (months.length === 0)
    throw ruleBroken('DIS-24', 'Arts. 111–113', {
      es: 'No hay meses evaluados y computables sin certificar',
      en: 'No evaluated, computable month is left to certify',
    });
  const row = await insertCertificate(ctx.trx, {
    id: randomUUID(),
    nui: ppl.nui,
    eron: i.eron,
    code: `RC-${randomBytes(5).toString('hex').toUpperCase()}`,
    days: round2(months.reduce((s, m) => s + m.days, 0)),
    judge_request: i.judgeRequest ?? null,
    issued_by: ctx.actor.sub,
  });
  await certifyMonths(
    ctx.trx,
    row.id,
    months.map((m) => ({ evaluationId: m.evaluationId, days: m.days })),
  );
  await ctx.publish('notification.requested', {
    notificationId: randomUUID(),
    recipient: 'judge',
    subject: 'redemption-certificate',
    eron: i.eron,
    nui: ppl.nui,
  });
  await ctx.audit({ action: 'redemption-certificate', entity: 'redemption_certificate', entityId: row.id });
  return certificateView(row, months.length);
}

async function certificateHere(db: Db | Trx, actor: Reader['actor'], id: string): Promise<CertificateRow> {
  const c = await findCertificate(db, id);
  if (!c) throw notFound({ es: 'Certificado no encontrado', en: 'Certificate not found' });
  assertActorActsFor(actor, c.eron);
  return c;
}

/** DIS-24: the judge's decision on a certificate — days granted, order number, date. */
export async function recordJudgeDecision(ctx: Ctx, i: { id: string; body: DecisionBody }): Promise<Certificate> {
  const c = await certificateHere(ctx.trx, ctx.actor, i.id);
  if (i.body.daysGranted > c.days)
    throw ruleBroken('DIS-24', 'Art. 112', {
      es: 'El juez no puede reconocer más días de los certificados',
      en: 'More days granted than certified',
    });
  const row = await recordDecision(ctx.trx, c.id, i.body);
  await ctx.audit({ action: 'redemption-decision', entity: 'redemption_certificate', entityId: c.id });
  return certificateView(row, 0);
}

export async function certificateDocument(r: Reader, id: string): Promise<Buffer> {
  const c = await certificateHere(r.db, r.actor, id);
  const ppl = await pplOf(r.db, c.nui);
  const months = (await monthsOf(r.db, ppl)).filter((m) => m.certificateId === c.id);
  return certificatePdf({
    certificate: c,
    ppl,
    months,
    establishment: await establishmentName(r.db, c.eron),
    actas: await evaluationActas(
      r.db,
      months.map((m) => m.evaluationId),
    ),
    director: await jeteeDirector(r.db, c.eron),
  });
}
