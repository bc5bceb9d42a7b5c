import { Type } from '@sinclair/typebox';
import { forbidden, ruleBroken, type Bilingual } from './problem';

/** Staff roles (PLT-03). */
export const STAFF_ROLES = [
  'dg',
  'regional_director',
  'director',
  'deputy_director',
  'legal',
  'guard_commander',
  'health',
  'social_worker',
  'paymaster',
  'shop_clerk',
  'gate_officer',
  'visits_officer',
  'investigator',
  'council_member',
  'treatment_officer',
  'info_systems',
  'auditor',
] as const;

/**
 * Machine clients authenticate with HMAC-signed requests (PLT-03). `notifier` is our own notifier
 * (classification) asking visits for a visitor's contact at delivery time (VIS-10, PLT-06).
 */
export const MACHINE_ROLES = ['bank', 'telephony_provider', 'video_provider', 'notifier'] as const;

export const ROLES = [...STAFF_ROLES, ...MACHINE_ROLES] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type MachineRole = (typeof MACHINE_ROLES)[number];
export type Role = (typeof ROLES)[number];

/** Roles whose scope is national unless the token narrows it. */
export const NATIONAL_ROLES: readonly Role[] = ['dg', 'auditor'];

/** Roles that may open the operations dashboards (queues). */
export const ADMIN_ROLES: readonly Role[] = ['info_systems', 'dg'];

export const RoleSchema = Type.Union(
  ROLES.map((r) => Type.Literal(r)),
  { description: 'Rol del usuario o cliente' },
);

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Who is calling: the verified claims of a token (PLT-03). */
export interface Principal {
  sub: string;
  roles: Role[];
  /** Establishments the caller acts for; ignored when national. */
  erons: string[];
  national: boolean;
}

export const canActFor = (p: Principal, eron: string): boolean => p.national || p.erons.includes(eron);

/**
 * Refuses an actor who does not act for `eron` (PLT-03) — for use cases that learn the
 * establishment only from the data they load; routes use `assertActsFor(req, eron)`.
 */
export function assertActorActsFor(actor: Principal, eron: string): void {
  if (!canActFor(actor, eron)) {
    throw forbidden({ es: `No actúa por el establecimiento ${eron}`, en: `You do not act for establishment ${eron}` });
  }
}

/**
 * What only the Director General decides, with national scope (e.g. an establishment's category,
 * CLS-01; a national cap figure, FOL-03): a DG token narrowed to some establishments does not
 * carry that authority. 403 naming the rule; every service refuses such a token the same way.
 */
export function assertNationalDg(actor: Principal, act: { rule: string; article: string; what: Bilingual }): void {
  if (actor.roles.includes('dg') && actor.national) return;
  throw ruleBroken(
    act.rule,
    act.article,
    {
      es: `Solo el Director General, con alcance nacional, decide ${act.what.es}`,
      en: `Only the Director General, with national scope, decides ${act.what.en}`,
    },
    { status: 403, code: `${act.rule.toLowerCase()}-dg-only` },
  );
}
