import {
  ETHNIC_COMMUNITIES,
  notFound,
  type ConfidentialPatch,
  type ConfidentialSection,
  type IdentitySection,
  type ItemError,
  type RecordParts,
  type RecordPatch,
  type Role,
} from '@eron/shared';

/**
 * Who reads and writes each confidential section (CLS-07, Art. 26 §1): health data only the
 * health area; orientation, gender and nombre identitario the social worker/psychologist and the
 * Director (protection space, Art. 36 §4); children's identity also the legal area (filiation,
 * ICBF, Art. 31).
 */
export const CONFIDENTIAL_ACCESS: Record<ConfidentialSection, readonly Role[]> = {
  identity: ['social_worker', 'director'],
  health: ['health'],
  children: ['social_worker', 'director', 'legal'],
};
export const CONFIDENTIAL_SECTIONS = Object.keys(CONFIDENTIAL_ACCESS) as ConfidentialSection[];
export const CONFIDENTIAL_ROLES = [...new Set(Object.values(CONFIDENTIAL_ACCESS).flat())];

/** The sections these roles may read or write. */
export const sectionsFor = (roles: readonly Role[]): ConfidentialSection[] =>
  CONFIDENTIAL_SECTIONS.filter((s) => CONFIDENTIAL_ACCESS[s].some((r) => roles.includes(r)));

/** A patch's sections the roles may not write (CLS-07). */
export const forbiddenSections = (patch: ConfidentialPatch, roles: readonly Role[]): ConfidentialSection[] => {
  const allowed = sectionsFor(roles);
  return (Object.keys(patch) as ConfidentialSection[]).filter((s) => !allowed.includes(s));
};

/** CLS-07 (Art. 26 §2): orientation and gender identity/expression are recorded only if the person volunteers them. */
export function unvolunteered(identity: IdentitySection | undefined): ItemError[] {
  if (!identity || identity.volunteered === true) return [];
  return (['sexualOrientation', 'genderIdentity', 'genderExpression'] as const)
    .filter((f) => identity[f] !== undefined)
    .map((f) => ({
      field: `/identity/${f}`,
      message: { es: 'solo se registra si la persona lo aporta voluntariamente', en: 'recorded only if the person volunteers it' },
    }));
}

/** The record after a patch: each part sent replaces the one before (CLS-06). */
export const applyPatch = (parts: RecordParts, patch: RecordPatch): RecordParts => ({ ...parts, ...patch });

/** The parts a patch really changes, with their values before and after. */
export function changedParts(
  before: RecordParts,
  after: RecordParts,
): { fields: string[]; was: Partial<RecordParts>; now: Partial<RecordParts> } {
  const fields = (Object.keys(after) as (keyof RecordParts)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  const pick = (p: RecordParts) => Object.fromEntries(fields.filter((k) => p[k] !== undefined).map((k) => [k, p[k]]));
  return { fields, was: pick(before), now: pick(after) };
}

/** CLS-09 (Art. 26 §4): a member of an ethnic community has community, resguardo and consejo comunitario stated. */
export function ethnicGaps(parts: RecordParts): ItemError[] {
  const e = parts.groups?.ethnicity;
  if (!e || !(ETHNIC_COMMUNITIES as readonly string[]).includes(e.group)) return [];
  const gaps: ItemError[] = [];
  const gap = (field: string, es: string, en: string) => gaps.push({ field: `/groups/ethnicity/${field}`, message: { es, en } });
  if (!e.community) gap('community', 'falta la comunidad a la que pertenece', 'the community is missing');
  if (e.resguardo === undefined)
    gap('resguardo', 'falta el resguardo (o null si no está censado en uno)', 'the resguardo is missing (or null if none)');
  if (e.consejoComunitario === undefined) {
    gap(
      'consejoComunitario',
      'falta el consejo comunitario (o null si no hace parte de uno)',
      'the consejo comunitario is missing (or null if none)',
    );
  }
  return gaps;
}

/** CLS-08: the nationality that makes a PPL foreign, from the record or the admission. */
export function foreignNationality(parts: RecordParts, admittedNationality: string): string | null {
  const stated = parts.groups?.foreigner?.nationality;
  if (stated && stated !== 'CO') return stated;
  return admittedNationality !== 'CO' ? admittedNationality : null;
}

/** CLS-08 (Art. 26 §3, Art. 74): a foreign PPL is reported to the consulate and to the migration authority. */
export const FOREIGN_RECIPIENTS = ['consulate', 'migration'] as const;

export const noPpl = (nui: string) => notFound({ es: `No existe la PPL ${nui}`, en: `No PPL ${nui}` });
