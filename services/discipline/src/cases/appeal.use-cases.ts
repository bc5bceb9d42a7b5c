import {
  assertActorActsFor,
  bogotaToday,
  notFound,
  ruleBroken,
  type AppealBody,
  type AppealDecisionBody,
  type DisciplinaryCase,
} from '@eron/shared';
import type { Outcome } from '@eron/shared/platform';
import type { Ctx } from '../runtime';
import { lockSanction, sanctionOfCase } from '../sanctions/sanction.repository';
import { liftSanction, makeFirm } from '../sanctions/sanction.use-cases';
import { alreadyAppealed, appealAuthority, appealDecided, assertAppealable, assertInTerm, assertOtherDelegate } from './appeal.rules';
import { appealsOf, decideAppeal, findAppeal, insertAppeal, lockAppeal, lockCase } from './case.repository';
import { assertNotFuture } from './case.rules';
import { caseView, citedCouncil } from './case.use-cases';

/**
 * DIS-07 (Arts. 135 §1, 149): a reposición before the same authority and, in subsidy, the
 * apelación before the next — filed within the establishment's term after the decision's notice.
 */
export async function fileAppeal(ctx: Ctx, caseId: string, b: AppealBody): Promise<Outcome<DisciplinaryCase>> {
  const c = await lockCase(ctx.trx, caseId);
  if (!c) throw notFound({ es: `No existe la actuación disciplinaria ${caseId}`, en: `No disciplinary case ${caseId}` });
  assertActorActsFor(ctx.actor, c.eron);
  const sanction = await sanctionOfCase(ctx.trx, c.id);
  assertAppealable(c.decision?.outcome ?? 'none', sanction?.status);
  if ((await appealsOf(ctx.trx, c.id)).length > 0) throw alreadyAppealed();
  const filedOn = b.filedOn ?? bogotaToday();
  assertNotFuture(filedOn, bogotaToday(), '/filedOn');
  assertInTerm(filedOn, c.notified_decision_on!, c.appeal_due_on!);
  const base = { case_id: c.id, filed_on: filedOn, grounds: b.grounds, filed_by: ctx.actor.sub };
  await insertAppeal(ctx.trx, { ...base, kind: 'reposicion', authority: appealAuthority(c.severity, 'reposicion'), subsidiary: false });
  if (b.subsidiaryAppeal)
    await insertAppeal(ctx.trx, { ...base, kind: 'apelacion', authority: appealAuthority(c.severity, 'apelacion'), subsidiary: true });
  await ctx.audit({ action: 'file-appeal', entity: 'case', entityId: c.id, details: { subsidiaryAppeal: b.subsidiaryAppeal } });
  return { status: 201, body: await caseView(ctx.trx, c.id) };
}

const apelacionFirst = () =>
  ruleBroken(
    'DIS-07',
    'Art. 135 §1',
    {
      es: 'La apelación en subsidio se resuelve solo después de que la reposición confirme la sanción',
      en: 'The subsidiary apelación is decided only after the reposición confirms the sanction',
    },
    { code: 'appeal-out-of-order' },
  );

/**
 * DIS-07: the authority of each instance decides the appeal; a reversal lifts the sanction (DIS-08,
 * `sanction.lifted`); a confirmation with no apelación to follow makes it firm (`sanction.firm`).
 */
export async function decideAppealOf(ctx: Ctx, appealId: string, b: AppealDecisionBody): Promise<DisciplinaryCase> {
  const found = await findAppeal(ctx.trx, appealId);
  if (!found) throw notFound({ es: `No existe el recurso ${appealId}`, en: `No appeal ${appealId}` });
  // The case first, then its appeals: every writer of a case's appeals locks in this order.
  const c = (await lockCase(ctx.trx, found.case_id))!;
  const a = (await lockAppeal(ctx.trx, appealId))!;
  assertActorActsFor(ctx.actor, c.eron);
  if (a.status !== 'pending') throw appealDecided();
  const appeals = await appealsOf(ctx.trx, c.id);
  const reposicion = appeals.find((x) => x.kind === 'reposicion');
  if (a.kind === 'apelacion' && reposicion?.status === 'pending') throw apelacionFirst();
  const council = await citedCouncil(ctx.trx, c, b.council, 'appeal', a.authority, ctx.actor.roles, 'DIS-07');
  if (a.authority === 'council_group_two')
    assertOtherDelegate(c.decision?.council?.ministerioPublicoDelegate, council?.ministerioPublicoDelegate);
  await decideAppeal(ctx.trx, a.id, b.outcome, { by: ctx.actor.sub, reasons: b.reasons, council });
  const sanction = (await lockSanction(ctx.trx, (await sanctionOfCase(ctx.trx, c.id))!.id))!;
  const following = appeals.find((x) => x.kind === 'apelacion' && x.id !== a.id && x.status === 'pending');
  if (b.outcome === 'reversed') {
    await liftSanction(ctx, sanction, 'lifted');
    // The sanction is gone: the apelación asked for in subsidy has nothing left to decide.
    if (following)
      await decideAppeal(ctx.trx, following.id, 'reversed', {
        by: ctx.actor.sub,
        reasons: 'La reposición revocó la sanción: la apelación en subsidio queda sin objeto',
        council: null,
      });
  } else if (!following && sanction.status === 'imposed') {
    await makeFirm(ctx, sanction);
  }
  await ctx.audit({ action: 'decide-appeal', entity: 'appeal', entityId: a.id, details: { outcome: b.outcome } });
  return caseView(ctx.trx, c.id);
}
