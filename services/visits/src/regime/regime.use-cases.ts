import {
  addDays,
  notFound,
  type Area,
  type AreaRequest,
  type Regime,
  type RegimeDecision,
  type RegimeRequest,
  type UnitCalendar,
} from '@eron/shared';
import type { Db, Trx } from '../db';
import { findUnit } from '../establishments/establishment.repository';
import type { Ctx, Reader } from '../runtime';
import { approvedRegime, areasOf, decide, insertArea, insertProposal, lockRegime, lockRegimes } from './regime.repository';
import { assertRegimeValid, DEFAULT_REGIME, hoursOf, notDecidable, visitDates, type RegimeTerms } from './regime.rules';
import type { AreaRow, RegimeRow } from './regime.tables';

const regimeView = (r: RegimeRow): Regime => ({
  id: r.id,
  eron: r.eron,
  status: r.status,
  days: r.days,
  visitsPerWeek: r.visits_per_week,
  personsPerVisit: r.persons_per_visit,
  proposedAt: r.proposed_at.toISOString(),
  decidedAt: r.decided_at?.toISOString() ?? null,
});

export const areaView = (a: AreaRow): Area => ({ id: a.id, eron: a.eron, name: a.name, capacity: a.capacity, forChildren: a.for_children });

/** The terms in force: the DG-approved regime, else Art. 68.1's default (VIS-01). */
export async function termsInForce(db: Db | Trx, eron: string): Promise<RegimeTerms> {
  const r = await approvedRegime(db, eron);
  return r ? { days: r.days, visitsPerWeek: r.visits_per_week, personsPerVisit: r.persons_per_visit } : DEFAULT_REGIME;
}

/** The regime in force at the establishment (scope checked by the route). */
export async function regimeInForce(r: Reader, eron: string): Promise<Regime> {
  const row = await approvedRegime(r.db, eron);
  if (row) return regimeView(row);
  return { id: null, eron, status: 'default', ...DEFAULT_REGIME, proposedAt: null, decidedAt: null };
}

/** The establishment proposes a regime; nothing changes until the DG approves it (VIS-01, Art. 8). */
export async function proposeRegime(ctx: Ctx, eron: string, body: RegimeRequest): Promise<Regime> {
  assertRegimeValid(body);
  const row = await insertProposal(ctx.trx, eron, body, ctx.actor.sub);
  await ctx.audit({ action: 'propose-regime', entity: 'regime', entityId: row.id, details: { eron } });
  return regimeView(row);
}

/** The DG approves (the regime takes effect, the old one is superseded) or rejects a proposal (VIS-01, Art. 8). */
export async function decideRegime(ctx: Ctx, id: string, body: RegimeDecision): Promise<Regime> {
  const row = await lockRegime(ctx.trx, id);
  if (!row) throw notFound({ es: `No existe el régimen ${id}`, en: `No regime ${id}` });
  if (row.status !== 'proposed') throw notDecidable(row.status);
  // Two approvals at once then run one after the other: the later supersedes the earlier.
  await lockRegimes(ctx.trx, row.eron);
  const decided = await decide(ctx.trx, row, body.decision === 'approve', ctx.actor.sub);
  await ctx.audit({ action: `${body.decision}-regime`, entity: 'regime', entityId: id, details: { eron: row.eron, note: body.note } });
  return regimeView(decided);
}

export async function addArea(ctx: Ctx, eron: string, body: AreaRequest): Promise<Area> {
  const row = await insertArea(ctx.trx, eron, body);
  await ctx.audit({ action: 'add-area', entity: 'area', entityId: row.id, details: { eron, capacity: body.capacity } });
  return areaView(row);
}

export const listAreas = async (r: Reader, eron: string) => ({ areas: (await areasOf(r.db, eron)).map(areaView) });

/** A unit's visit days in a month, with its session's hours: public, no personal data (VIS-01, VIS-03, Art. 68). */
export async function unitCalendar(db: Db, unitId: string, month: string): Promise<UnitCalendar> {
  const unit = await findUnit(db, unitId);
  if (!unit) throw notFound({ es: `No existe la unidad ${unitId}`, en: `No unit ${unitId}` });
  const terms = await termsInForce(db, unit.eron);
  const first = `${month}-01`;
  const last = addDays(`${addDays(first, 31).slice(0, 7)}-01`, -1);
  const session = unit.session;
  const days = session
    ? visitDates(terms, first, last).map(({ date, day }) => ({ date, visitors: day.visitors, session, ...hoursOf(day, session) }))
    : [];
  return { eron: unit.eron, unitId: unit.id, month, session, days };
}
