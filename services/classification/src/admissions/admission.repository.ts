import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AdmissionRequest } from '@eron/shared';
import type { Trx } from '../db';

/** The next NUI: national and never reused (CLS-05, Art. 62). */
export async function nextNui(trx: Trx): Promise<string> {
  const { rows } = await sql<{ nui: string }>`SELECT nextval('nui_seq')::text AS nui`.execute(trx);
  return rows[0]!.nui;
}

/** The next number in the establishment's intake book; the row lock serialises admissions per ERON. */
export async function nextEntryNumber(trx: Trx, eron: string): Promise<number> {
  const row = await trx
    .insertInto('intake_books')
    .values({ eron, last_entry: 1 })
    .onConflict((oc) => oc.column('eron').doUpdateSet({ last_entry: sql`intake_books.last_entry + 1` }))
    .returning('last_entry')
    .executeTakeFirstOrThrow();
  return row.last_entry;
}

/** Whether the establishment already recorded this intake-cash act (CLS-10), as the unique index compares them. */
export async function actaTaken(trx: Trx, eron: string, acta: string): Promise<boolean> {
  const row = await trx
    .selectFrom('admissions')
    .select('nui')
    .where('eron', '=', eron)
    .where(sql<string>`upper(btrim(cash_acta))`, '=', sql<string>`upper(btrim(${acta}))`)
    .executeTakeFirst();
  return row !== undefined;
}

const isActaClash = (err: unknown): boolean =>
  (err as { code?: string; constraint?: string }).code === '23505' &&
  (err as { constraint?: string }).constraint === 'admissions_cash_acta';

/**
 * The person and the admission; `'acta-taken'` when the establishment's unique act index refused the
 * intake-cash act because an admission with the same act committed first (CLS-10). The transaction
 * is then unusable: the caller refuses, which rolls it back.
 */
export async function insertAdmission(
  trx: Trx,
  a: { nui: string; entryNumber: number; securityLevel: number | null; by: string; request: AdmissionRequest },
): Promise<{ admittedAt: Date } | 'acta-taken'> {
  try {
    return await insertRows(trx, a);
  } catch (err) {
    if (isActaClash(err)) return 'acta-taken';
    throw err;
  }
}

async function insertRows(
  trx: Trx,
  a: { nui: string; entryNumber: number; securityLevel: number | null; by: string; request: AdmissionRequest },
): Promise<{ admittedAt: Date }> {
  const { request: r } = a;
  const ppl = await trx
    .insertInto('ppl')
    .values({
      nui: a.nui,
      eron: r.eron,
      names: r.person.names,
      surnames: r.person.surnames,
      document_type: r.person.document.type,
      document_number: r.person.document.number,
      sex: r.person.sex,
      birth_date: r.person.birthDate,
      nationality: r.person.nationality,
      legal_status: r.legalStatus,
      security_level: a.securityLevel,
    })
    .returning('admitted_at')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('admissions')
    .values({
      id: randomUUID(),
      nui: a.nui,
      eron: r.eron,
      entry_number: a.entryNumber,
      detention_order: JSON.stringify(r.order),
      identification: JSON.stringify(r.identification),
      cash_amount: r.cashAtIntake?.amount ?? null,
      cash_acta: r.cashAtIntake?.actaNumber ?? null,
      cash_search_date: r.cashAtIntake?.searchDate ?? null,
      admitted_by: a.by,
      admitted_at: ppl.admitted_at,
    })
    .execute();
  return { admittedAt: ppl.admitted_at };
}
