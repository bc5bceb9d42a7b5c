import { randomUUID } from 'node:crypto';
import type { Db, Trx } from '../db';
import type { OfficialVisitBody, PressAuthority } from '@eron/shared';

export const insertVisit = (
  trx: Trx,
  v: { body: OfficialVisitBody; arrivesAt: Date; attendedAt: Date | null; pressAuthority: PressAuthority | null; by: string },
) =>
  trx
    .insertInto('official_visits')
    .values({
      id: randomUUID(),
      eron: v.body.eron,
      kind: v.body.kind,
      entity: v.body.entity,
      control_body: v.body.controlBody ?? null,
      nui: v.body.press?.nui ?? null,
      officials: JSON.stringify(v.body.officials),
      purpose: v.body.purpose,
      arrives_at: v.arrivesAt,
      status: v.attendedAt ? 'attended' : 'scheduled',
      attended_at: v.attendedAt,
      press: v.body.press ? JSON.stringify(v.body.press) : null,
      press_authority: v.pressAuthority,
      created_by: v.by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

export const findVisit = (db: Db | Trx, id: string) => db.selectFrom('official_visits').selectAll().where('id', '=', id).executeTakeFirst();

export const lockVisit = (trx: Trx, id: string) =>
  trx.selectFrom('official_visits').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const blockedPlacesOf = (db: Db | Trx, visitIds: string[]) =>
  visitIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('official_blocked_places').selectAll().where('visit_id', 'in', visitIds).orderBy('recorded_at').execute();

export const insertBlockedPlace = (trx: Trx, b: { visitId: string; place: string; reason: string; notified: string[]; by: string }) =>
  trx
    .insertInto('official_blocked_places')
    .values({ id: randomUUID(), visit_id: b.visitId, place: b.place, reason: b.reason, notified: b.notified, recorded_by: b.by })
    .returningAll()
    .executeTakeFirstOrThrow();

/** The establishment's official visits arriving on a Bogotá calendar day (UTC−5 all year). */
export const visitsOn = (db: Db, eron: string, date: string) =>
  db
    .selectFrom('official_visits')
    .selectAll()
    .where('eron', '=', eron)
    .where('arrives_at', '>=', new Date(`${date}T05:00:00Z`))
    .where('arrives_at', '<', new Date(Date.parse(`${date}T05:00:00Z`) + 86_400_000))
    .orderBy('arrives_at')
    .orderBy('id')
    .limit(500)
    .execute();
