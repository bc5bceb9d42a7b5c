import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { CaseReportBody } from '@eron/shared';
import type { Db, Trx } from '../db';
import type { OffenceRow } from '../offences/offence.tables';
import type { CaseRow } from './case.tables';

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
