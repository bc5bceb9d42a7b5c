import {
  COUNCIL_POSTS,
  notFound,
  ruleBroken,
  type Bilingual,
  type CouncilGroup,
  type CouncilMemberRequest,
  type CouncilPost,
  type CouncilSessionRequest,
  type ItemError,
} from '@eron/shared';

const item = (field: string, es: string, en: string): ItemError => ({ field, message: { es, en } });

/** Art. 135 §1: the functional groups each post sits in (the personero or delegate in the one named). */
const GROUP_ONE: readonly CouncilPost[] = [
  'guard_commander',
  'workshops_head',
  'education_head',
  'doctor',
  'psychologist',
  'social_worker',
  'ppl_representative',
  'ppl_alternate',
];
const GROUP_TWO: readonly CouncilPost[] = ['director', 'legal_head', 'ppl_representative', 'ppl_alternate'];
const VOICE_ONLY: readonly CouncilPost[] = ['ppl_representative', 'ppl_alternate'];

export function groupsOf(m: Pick<CouncilMemberRequest, 'post' | 'group'>): CouncilGroup[] {
  const groups: CouncilGroup[] = ['plenary'];
  if (GROUP_ONE.includes(m.post) || (m.post === 'personero' && (m.group ?? 'one') === 'one')) groups.push('one');
  if (GROUP_TWO.includes(m.post) || (m.post === 'personero' && m.group === 'two')) groups.push('two');
  return groups;
}

/** Art. 135: every member has voice and vote, except the PPL representative (and alternate), voice only. */
export const votesOf = (post: CouncilPost): boolean => !VOICE_ONLY.includes(post);

/** Every post but the personero's is held by one person (group two's delegate differs from group one's). */
const ONE_ONLY: readonly CouncilPost[] = COUNCIL_POSTS.filter((p) => p !== 'personero');

/**
 * DIS-11 (Art. 135): what is wrong with a composition. Where officers are missing the internal
 * regime sets the council, but the Director presides, the personero (or delegate) and an elected
 * PPL representative with an alternate are always members.
 */
export function compositionProblems(members: CouncilMemberRequest[]): ItemError[] {
  const errors: ItemError[] = [];
  const count = (post: CouncilPost) => members.filter((m) => m.post === post).length;
  if (count('director') === 0) errors.push(item('/members', 'falta el Director, quien preside', 'the presiding Director is missing'));
  if (!members.some((m) => m.post === 'personero' && (m.group ?? 'one') === 'one'))
    errors.push(item('/members', 'falta el personero municipal o su delegado', 'the municipal personero or delegate is missing'));
  if (count('ppl_representative') === 0)
    errors.push(item('/members', 'falta el representante elegido por la PPL', 'the elected PPL representative is missing'));
  if (count('ppl_alternate') === 0)
    errors.push(item('/members', 'falta el suplente del representante de la PPL', 'the PPL representative’s alternate is missing'));
  for (const post of ONE_ONLY)
    if (count(post) > 1) errors.push(item('/members', `el cargo ${post} figura más de una vez`, `post ${post} appears more than once`));
  members.forEach((m, i) => {
    if (m.group !== undefined && m.post !== 'personero')
      errors.push(item(`/members/${i}/group`, 'sólo el personero indica su grupo', 'only the personero names a group'));
    if (VOICE_ONLY.includes(m.post) && m.nui === undefined)
      errors.push(
        item(
          `/members/${i}/nui`,
          'el representante y su suplente son PPL: falta su NUI',
          'the representative and alternate are PPL: NUI missing',
        ),
      );
    if (!VOICE_ONLY.includes(m.post) && m.nui !== undefined)
      errors.push(
        item(
          `/members/${i}/nui`,
          'sólo el representante de la PPL y su suplente llevan NUI',
          'only the PPL representative and alternate carry a NUI',
        ),
      );
  });
  const rep = members.find((m) => m.post === 'ppl_representative')?.nui;
  if (rep !== undefined && members.find((m) => m.post === 'ppl_alternate')?.nui === rep)
    errors.push(item('/members', 'el suplente debe ser otra persona', 'the alternate must be another person'));
  return errors;
}

const dis11 = (detail: Bilingual, errors: ItemError[]) => ruleBroken('DIS-11', 'Art. 135', detail, { errors });

export function assertComposition(members: CouncilMemberRequest[], extra: ItemError[] = []): void {
  const errors = [...compositionProblems(members), ...extra];
  if (errors.length === 0) return;
  throw dis11({ es: 'El Consejo de Disciplina no está bien integrado', en: 'The Disciplinary Council is not properly composed' }, errors);
}

/** What convening a session depends on: who calls and, on a member's request, who asked and why. */
export interface Convening {
  kind: CouncilSessionRequest['kind'];
  convenedBy?: CouncilSessionRequest['convenedBy'];
  actorRoles: readonly string[];
  requesterIsMember: boolean;
  justification?: string;
}

/** DIS-11 (Art. 135): an extraordinary session is convened by the Director, the legal head, or on a member's justified request. */
export function conveningProblems(c: Convening): ItemError[] {
  if (c.kind === 'ordinary') return [];
  switch (c.convenedBy) {
    case undefined:
      return [item('/convenedBy', 'falta quién convoca la sesión extraordinaria', 'who convenes the extraordinary session is missing')];
    case 'director':
      return c.actorRoles.includes('director')
        ? []
        : [item('/convenedBy', 'sólo el Director la convoca en su nombre', 'only the Director convenes in the Director’s name')];
    case 'legal_head':
      return c.actorRoles.includes('legal')
        ? []
        : [item('/convenedBy', 'sólo el responsable jurídico la convoca en su nombre', 'only the legal head convenes in that name')];
    case 'member_request': {
      const errors: ItemError[] = [];
      if (!c.requesterIsMember)
        errors.push(item('/requestedBy', 'quien la pide no es integrante del Consejo', 'the requester is not a council member'));
      if (!c.justification) errors.push(item('/justification', 'la petición debe estar justificada', 'the request must be justified'));
      return errors;
    }
  }
}

export function assertConvening(c: Convening): void {
  const errors = conveningProblems(c);
  if (errors.length === 0) return;
  throw dis11(
    {
      es: 'La sesión extraordinaria sólo la convoca el Director, el responsable jurídico o un integrante con petición justificada',
      en: 'An extraordinary session is convened only by the Director, the legal head, or on a member’s justified request',
    },
    errors,
  );
}

/** DIS-12: attendance is of the council's own members. */
export function assertAttendance(present: string[], members: Map<string, { eron: string; active: boolean }>, eron: string): void {
  const errors = present
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => members.get(id)?.eron !== eron || !members.get(id)?.active)
    .map(({ i }) => item(`/present/${i}`, 'no es integrante del Consejo', 'not a council member'));
  if (errors.length === 0) return;
  throw ruleBroken('DIS-12', 'Art. 135', { es: 'Asistencia de quien no integra el Consejo', en: 'Attendance of non-members' }, { errors });
}

/** What deciding depends on: the group that decides, who is present, who votes, and the members known. */
export interface Deciding {
  group: CouncilGroup;
  eron: string;
  present: readonly string[];
  votes: { memberId: string; vote: string }[];
  members: Map<string, { eron: string; votes: boolean; groups: CouncilGroup[] }>;
}

/** DIS-12 (Art. 135): quorum of three members with a vote present in the deciding group; only they vote. */
export function decisionProblems(d: Deciding): ItemError[] {
  const errors: ItemError[] = [];
  const of = (id: string) => {
    const m = d.members.get(id);
    return m && m.eron === d.eron ? m : undefined;
  };
  const quorum = d.present.filter((id) => of(id)?.votes && of(id)!.groups.includes(d.group)).length;
  if (quorum < 3)
    errors.push(
      item(
        '/votes',
        `sin quórum: ${quorum} integrantes con voto presentes (se requieren 3)`,
        `no quorum: ${quorum} voting members present (3 needed)`,
      ),
    );
  const seen = new Set<string>();
  d.votes.forEach((v, i) => {
    const m = of(v.memberId);
    const at = `/votes/${i}/memberId`;
    if (seen.has(v.memberId)) errors.push(item(at, 'vota dos veces', 'votes twice'));
    seen.add(v.memberId);
    if (!m) errors.push(item(at, 'no es integrante del Consejo', 'not a council member'));
    else if (!d.present.includes(v.memberId)) errors.push(item(at, 'no asistió a la sesión', 'absent from the session'));
    else if (!m.votes)
      errors.push(item(at, 'el representante de la PPL tiene voz pero no voto', 'the PPL representative speaks but never votes'));
    else if (!m.groups.includes(d.group)) errors.push(item(at, 'no integra el grupo que decide', 'not in the deciding group'));
  });
  return errors;
}

export function assertDecision(d: Deciding): void {
  const errors = decisionProblems(d);
  if (errors.length === 0) return;
  throw ruleBroken(
    'DIS-12',
    'Art. 135',
    { es: 'La decisión no tiene quórum o vota quien no puede', en: 'The decision lacks quorum or has an ineligible voter' },
    { errors },
  );
}

/** By majority of the votes cast for and against; a tie is not an approval. */
export const outcomeOf = (votes: { vote: string }[]): 'approved' | 'rejected' =>
  votes.filter((v) => v.vote === 'for').length > votes.filter((v) => v.vote === 'against').length ? 'approved' : 'rejected';

/** Each session's acta is numbered per establishment and year (Art. 135). */
export const actaNumber = (eron: string, year: number, n: number): string => `CD-${eron}-${year}-${String(n).padStart(4, '0')}`;

export const noCouncil = (eron: string) =>
  notFound({ es: `El ERON ${eron} no tiene Consejo de Disciplina integrado`, en: `ERON ${eron} has no Disciplinary Council set` });
export const noSession = () => notFound({ es: 'No existe esa sesión del Consejo', en: 'No such council session' });
