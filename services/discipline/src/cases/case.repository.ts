import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { CaseReportBody } from '@eron/shared';
import type { Db, Trx } from '../db';
import type { OffenceRow } from '../offences/offence.tables';
import type { AppealRow, CaseRow, Decision, Hearing, Notice, Opening } from './case.tables';

/** DIS-04: a case starts from a report, charged under the catalogue version in force on the facts' date (DIS-01). */
export async function insertReport(trx: Trx, b: CaseReportBody, offence: OffenceRow, by: string): Promise<CaseRow> {
  return trx
    .insertInto('cases')
    .values({
      id: randomUUID(),
      eron: b.eron,
      nui: b.nui,
      offence_version: offence.version,
      offence_code: offence.code,
      severity: offence.severity,
      status: 'reported',
      fact_date: b.factDate,
      place: b.place,
      facts: b.facts,
      reporter: b.reporter,
      evidence: sql<string[]>`${JSON.stringify(b.evidence)}::jsonb`,
      reported_by: by,
      opening: null,
      notice: null,
      hearing: null,
      decision: null,
      decided_at: null,
      notified_decision_on: null,
      appeal_due_on: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findCase(db: Db | Trx, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The case row locked for a step: two officers recording the same step at once see each other (DIS-04). */
export async function lockCase(trx: Trx, id: string): Promise<CaseRow | undefined> {
  return trx.selectFrom('cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

const json = <T>(v: T) => sql<T>`${JSON.stringify(v)}::jsonb`;

type Step =
  | { status: 'opened'; opening: Opening }
  | { status: 'notified'; notice: Notice }
  | { status: 'heard'; hearing: Hearing }
  | { status: 'decided'; decision: Decision; notifiedOn: string; appealDueOn: string };

/** Records one step of the case (the use case checked its order). */
export async function recordStep(trx: Trx, id: string, step: Step): Promise<CaseRow> {
  const q = trx.updateTable('cases').set({ status: step.status });
  const set =
    step.status === 'opened'
      ? q.set({ opening: json(step.opening) })
      : step.status === 'notified'
        ? q.set({ notice: json(step.notice) })
        : step.status === 'heard'
          ? q.set({ hearing: json(step.hearing) })
          : q.set({
              decision: json(step.decision),
              decided_at: sql<Date>`now()`,
              notified_decision_on: step.notifiedOn,
              appeal_due_on: step.appealDueOn,
            });
  return set.where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** DIS-02: another case of the same PPL for the same facts (offence and date) that ended in a sanction still standing. */
export async function sanctionForSameFacts(trx: Trx, c: CaseRow): Promise<string | undefined> {
  const row = await trx
    .selectFrom('cases as c')
    .innerJoin('sanctions as s', 's.case_id', 'c.id')
    .select('s.id')
    .where('c.nui', '=', c.nui)
    .where('c.id', '<>', c.id)
    .where('c.fact_date', '=', c.fact_date)
    .where('c.offence_code', '=', c.offence_code)
    .where('s.status', 'not in', ['lifted', 'revoked'])
    .executeTakeFirst();
  return row?.id;
}

/** DIS-07: the establishment's term to appeal, in business days (null: the default applies). */
export async function appealTermOf(db: Db | Trx, eron: string): Promise<number | null> {
  const row = await db.selectFrom('appeal_terms').select('business_days').where('eron', '=', eron).executeTakeFirst();
  return row?.business_days ?? null;
}

export async function setAppealTerm(trx: Trx, eron: string, businessDays: number, by: string): Promise<void> {
  await trx
    .insertInto('appeal_terms')
    .values({ eron, business_days: businessDays, set_by: by })
    .onConflict((oc) => oc.column('eron').doUpdateSet({ business_days: businessDays, set_by: by, set_at: sql`now()` }))
    .execute();
}

export async function appealsOf(db: Db | Trx, caseId: string): Promise<AppealRow[]> {
  return db.selectFrom('appeals').selectAll().where('case_id', '=', caseId).orderBy('kind', 'desc').execute();
}

export async function insertAppeal(
  trx: Trx,
  a: Pick<AppealRow, 'case_id' | 'kind' | 'authority' | 'filed_on' | 'grounds' | 'subsidiary' | 'filed_by'>,
): Promise<AppealRow> {
  return trx
    .insertInto('appeals')
    .values({ id: randomUUID(), ...a, decision: null, decided_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findAppeal(db: Db | Trx, id: string): Promise<AppealRow | undefined> {
  return db.selectFrom('appeals').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockAppeal(trx: Trx, id: string): Promise<AppealRow | undefined> {
  return trx.selectFrom('appeals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function decideAppeal(
  trx: Trx,
  id: string,
  status: 'confirmed' | 'reversed',
  decision: NonNullable<AppealRow['decision']>,
): Promise<AppealRow> {
  return trx
    .updateTable('appeals')
    .set({ status, decision: json(decision), decided_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
