import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db';

/**
 * Writes a sanction straight into the `sanctions` table as already firm (DIS-08), on a chosen day.
 * The cases API makes a sanction firm at the moment it happens (test/sanctions.test.ts goes that
 * way, report to firmness); conduct's tests need sanctions that became firm in past quarters or
 * months apart (DIS-13, DIS-14), which only the passing of time would give: they stand in for it
 * here, with the columns and meaning the table documents.
 */
export async function insertFirmSanction(
  db: Db,
  s: { nui: string; eron?: string; severity: 'leve' | 'grave'; firmAt: Date },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('sanctions')
    .values({
      id,
      case_id: randomUUID(),
      nui: s.nui,
      eron: s.eron ?? '113',
      severity: s.severity,
      kind: s.severity === 'grave' ? 'visit_suppression' : 'reprimand',
      amount: s.severity === 'grave' ? 2 : null,
      status: 'firm',
      fact_date: s.firmAt.toISOString().slice(0, 10),
      firm_at: s.firmAt,
    })
    .execute();
  return id;
}
