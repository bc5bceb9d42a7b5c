import { documentProblem, ProblemError, ruleBroken, type DepositorInput, type Principal } from '@eron/shared';
import { DEPOSITOR_MANAGERS } from '../roles';

/** FOL-05 (Art. 40 §2): who may deposit for a PPL, and how often the list may change. */
export const MAX_DEPOSITORS_PER_PPL = 5;
export const MAX_PPL_PER_DEPOSITOR = 5;
const CHANGE_INTERVAL_MONTHS = 12;

export interface ListChange {
  first: boolean;
  changedAt: Date;
}

export function addMonths(at: Date, months: number): Date {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/**
 * When the list may next change. The first registration is free; after it, one change per 12
 * months: a change is allowed when no change other than the first registration happened in the
 * 12 months before it. So a PPL may register, correct the list once, then wait 12 months.
 */
export function nextChangeFrom(changes: ListChange[]): Date | null {
  const later = changes.filter((c) => !c.first).sort((a, b) => b.changedAt.getTime() - a.changedAt.getTime());
  return later[0] ? addMonths(later[0].changedAt, CHANGE_INTERVAL_MONTHS) : null;
}

export const mayChange = (changes: ListChange[], now: Date): boolean => {
  const next = nextChangeFrom(changes);
  return next === null || now >= next;
};

export const documentKey = (d: { type: string; number: string }): string => `${d.type}:${d.number.replace(/\./g, '').toUpperCase()}`;

const ART = 'Art. 40 §2';

/** Every document valid, no person twice (PLT-04). */
export function assertDocuments(people: DepositorInput[]): void {
  const errors = people.flatMap((p, i) => {
    const problem = documentProblem(p.document);
    return problem ? [{ field: `/depositors/${i}/document/number`, message: { es: `Documento inválido: ${problem}`, en: problem } }] : [];
  });
  const keys = people.map((p) => documentKey(p.document));
  keys.forEach((k, i) => {
    if (keys.indexOf(k) !== i)
      errors.push({ field: `/depositors/${i}/document`, message: { es: 'Persona repetida en la lista', en: 'Person listed twice' } });
  });
  if (errors.length > 0) {
    throw new ProblemError({
      status: 400,
      code: 'invalid-request',
      title: 'Invalid request',
      detail: { es: 'Documentos inválidos', en: 'Invalid documents' },
      rule: 'PLT-04',
      errors,
    });
  }
}

/** FOL-05: a PPL authorises at most 5 persons. */
export function assertListSize(people: DepositorInput[]): void {
  if (people.length <= MAX_DEPOSITORS_PER_PPL) return;
  throw ruleBroken(
    'FOL-05',
    ART,
    {
      es: `Una PPL autoriza a lo sumo ${MAX_DEPOSITORS_PER_PPL} personas; la lista trae ${people.length}`,
      en: `A PPL authorises at most ${MAX_DEPOSITORS_PER_PPL} persons; the list has ${people.length}`,
    },
    { errors: [{ field: '/depositors', message: { es: 'Más de 5 personas', en: 'More than 5 persons' } }] },
  );
}

/** FOL-05: after the first registration, one change per 12 months. */
export function assertMayChange(history: ListChange[], now: Date): void {
  if (mayChange(history, now)) return;
  const next = nextChangeFrom(history)!.toISOString();
  throw ruleBroken(
    'FOL-05',
    ART,
    {
      es: `La lista ya cambió en los últimos 12 meses; el próximo cambio es desde ${next}`,
      en: `The list already changed in the last 12 months; the next change is from ${next}`,
    },
    { code: 'fol-05-change-interval' },
  );
}

/** FOL-05: a person may be authorised by at most 5 PPL nationwide; `counts` are the other PPL of each. */
export function assertPersonLimits(ids: string[], counts: Map<string, number>): void {
  const full = ids.flatMap((id, i) => ((counts.get(id) ?? 0) >= MAX_PPL_PER_DEPOSITOR ? [i] : []));
  if (full.length === 0) return;
  throw ruleBroken(
    'FOL-05',
    ART,
    {
      es: `Una persona puede estar autorizada por a lo sumo ${MAX_PPL_PER_DEPOSITOR} PPL`,
      en: `A person may be authorised by at most ${MAX_PPL_PER_DEPOSITOR} PPL`,
    },
    {
      code: 'fol-05-person-limit',
      errors: full.map((i) => ({
        field: `/depositors/${i}/document`,
        message: { es: 'Ya autorizada por 5 PPL', en: 'Already authorised by 5 PPL' },
      })),
    },
  );
}

/** The same people, in any order: nothing changes (and the interval is not spent). */
export const sameList = (ids: string[], current: string[]): boolean =>
  ids.length === current.length && ids.every((id) => current.includes(id));

/** Names only to those who manage the list; every such read is audited (PLT-06). */
export const seesNames = (actor: Principal): boolean => actor.roles.some((r) => (DEPOSITOR_MANAGERS as readonly string[]).includes(r));
