import {
  ETHNIC_COMMUNITIES,
  ruleBroken,
  type ConfidentialPatch,
  type ConfidentialSection,
  type IdentitySection,
  type ItemError,
  type RecordParts,
  type RecordPatch,
  type Role,
} from '@eron/shared';
import { CONFIDENTIAL_ACCESS, STAY_ACCESS } from '../roles';

export const CONFIDENTIAL_SECTIONS = Object.keys(CONFIDENTIAL_ACCESS) as ConfidentialSection[];

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

const ARTICLE = 'Art. 26 §1–2';

/** CLS-07 (Art. 26 §1–2): a role records only the confidential sections it may read, and orientation and gender only if volunteered. */
export function assertMayRecordConfidential(patch: ConfidentialPatch, roles: readonly Role[]): void {
  const refused = forbiddenSections(patch, roles);
  if (refused.length > 0) {
    throw ruleBroken(
      'CLS-07',
      ARTICLE,
      { es: `Su rol no puede registrar: ${refused.join(', ')}`, en: `Your role may not record: ${refused.join(', ')}` },
      { status: 403, code: 'confidential-section-forbidden' },
    );
  }
  const errors = unvolunteered(patch.identity);
  if (errors.length > 0) {
    throw ruleBroken(
      'CLS-07',
      ARTICLE,
      {
        es: 'La orientación sexual y la identidad o expresión de género solo se registran si la persona las aporta voluntariamente',
        en: 'Sexual orientation and gender identity or expression are recorded only if the person volunteers them',
      },
      { errors, code: 'not-volunteered' },
    );
  }
}

/** CLS-09 (Art. 26 §4): refuses a record of an ethnic community member without community, resguardo and consejo. */
export function assertEthnicDetails(parts: RecordParts): void {
  const gaps = ethnicGaps(parts);
  if (gaps.length === 0) return;
  throw ruleBroken(
    'CLS-09',
    'Art. 26 §4',
    {
      es: 'Falta declarar la comunidad, el resguardo o el consejo comunitario',
      en: 'Community, resguardo or consejo comunitario not stated',
    },
    { errors: gaps },
  );
}

export type ReservedStaySection = keyof typeof STAY_ACCESS;

/** CLS-06: the reserved sections of the history of the stay these roles read; the others are withheld whole. */
export const staySectionsFor = (roles: readonly Role[]): ReservedStaySection[] =>
  (Object.keys(STAY_ACCESS) as ReservedStaySection[]).filter((s) => STAY_ACCESS[s].some((r: Role) => roles.includes(r)));

/** At most this many entries per section, newest first; the rest is in each capability's own list. */
export const STAY_SECTION_LIMIT = 100;

/** A section as the record shows it: its newest entries, and whether older ones were left out. */
export const recorded = <T>(rows: T[]) => ({
  status: 'recorded' as const,
  note: null,
  items: rows.slice(0, STAY_SECTION_LIMIT),
  truncated: rows.length > STAY_SECTION_LIMIT,
});

export const withheld = (section: ReservedStaySection) => ({
  status: 'withheld' as const,
  note: `Reservado a: ${STAY_ACCESS[section].join(', ')}`,
  items: [],
  truncated: false,
});

/** What services still to come will fill (Art. 25 §2): the place is kept, and says who fills it. */
export const PENDING = {
  discipline: {
    status: 'pending' as const,
    note:
      'Antecedentes disciplinarios, sanciones y calificaciones trimestrales de conducta (Art. 25 §2, Art. 136): los aportará el servicio ' +
      'de disciplina cuando publique sus decisiones; hoy ERON no los registra.',
    items: [],
    truncated: false,
  },
  workAndStudy: {
    status: 'pending' as const,
    note:
      'Tiempo de trabajo, estudio y enseñanza y sus evaluaciones (Art. 25 §2): ningún servicio de ERON los registra todavía; ' +
      'aparecerán aquí cuando exista el que los lleve.',
    items: [],
    truncated: false,
  },
};
