import type { Db } from '../db';
import { STAY_SECTION_LIMIT } from './record.rules';

/** One more than a section shows, to know whether it left older entries out. */
const PAST = STAY_SECTION_LIMIT + 1;

/** The person's admissions: the order's offence and authority, never its identification records. */
export const admissionsOf = (db: Db, nui: string) =>
  db
    .selectFrom('admissions as a')
    .innerJoin('ppl', 'ppl.nui', 'a.nui')
    .select(['a.admitted_at', 'a.eron', 'a.entry_number', 'a.detention_order', 'ppl.legal_status'])
    .where('a.nui', '=', nui)
    .orderBy('a.admitted_at', 'desc')
    .limit(PAST)
    .execute();

/** Placements with their unit and cell; nothing of a special regime's basis or a protection-space consent (CLS-14). */
export const placementsOf = (db: Db, nui: string) =>
  db
    .selectFrom('placements as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .innerJoin('cells as c', 'c.id', 'p.cell_id')
    .select(['p.placed_at', 'p.ended_at', 'p.eron', 'u.name as unit', 'c.code as cell', 'p.acta', 'p.decided_by'])
    .where('p.nui', '=', nui)
    .orderBy('p.placed_at', 'desc')
    .limit(PAST)
    .execute();

export async function transfersOf(db: Db, nui: string) {
  const transfers = await db.selectFrom('transfers').selectAll().where('nui', '=', nui).orderBy('ordered_at', 'desc').limit(PAST).execute();
  const delays =
    transfers.length === 0
      ? []
      : await db
          .selectFrom('transfer_delays')
          .selectAll()
          .where(
            'transfer_id',
            'in',
            transfers.map((t) => t.id),
          )
          .orderBy('recorded_at')
          .execute();
  return transfers.map((t) => ({ ...t, delays: delays.filter((d) => d.transfer_id === t.id) }));
}

export const evaluationsOf = (db: Db, nui: string) =>
  db.selectFrom('treatment_history').selectAll().where('nui', '=', nui).orderBy('set_at', 'desc').orderBy('id').limit(PAST).execute();

/** Exits (an escape is one) and recaptures; their free-text details stay out of the record. */
export async function exitsOf(db: Db, nui: string) {
  const [exits, recaptures] = await Promise.all([
    db
      .selectFrom('exits')
      .select(['reason', 'occurred_at', 'eron', 'from_house_arrest', 'judicial_decision'])
      .where('nui', '=', nui)
      .orderBy('occurred_at', 'desc')
      .limit(PAST)
      .execute(),
    db
      .selectFrom('escape_register')
      .select(['occurred_at', 'eron', 'from_house_arrest'])
      .where('nui', '=', nui)
      .where('kind', '=', 'recapture')
      .orderBy('occurred_at', 'desc')
      .limit(PAST)
      .execute(),
  ]);
  return [
    ...exits.map((e) => ({ kind: 'exit' as const, ...e })),
    ...recaptures.map((r) => ({ kind: 'recapture' as const, reason: null, judicial_decision: null, ...r })),
  ].sort((a, b) => b.occurred_at.getTime() - a.occurred_at.getTime());
}
