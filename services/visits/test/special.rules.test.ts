import { ProblemError } from '@eron/shared';
import { assertLawfulGrounds, assertMovable, assertMovePermission, dueOn, isOverdue, moveAuthority } from '../src/intimate/intimate.rules';
import { assertEntry, assertFingerprint } from '../src/lawyers/lawyer.rules';
import { isNight, pressAuthority, pressGaps, visitGaps } from '../src/officials/official.rules';

const problemOf = (fn: () => void): ProblemError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProblemError) return err;
    throw err;
  }
  throw new Error('expected a problem');
};

describe('VIS-11 … VIS-15 rules', () => {
  it('VIS-11 when a request is filed then the answer is due 15 Colombian business days later, skipping holidays', () => {
    // 8 December (Inmaculada Concepción) is a holiday; weekends never count.
    expect(dueOn('2026-12-01')).toBe('2026-12-23');
    expect(isOverdue('pending', '2026-12-23', '2026-12-23')).toBe(false);
    expect(isOverdue('pending', '2026-12-23', '2026-12-24')).toBe(true);
    expect(isOverdue('granted', '2026-12-23', '2027-01-30')).toBe(false);
  });

  it('VIS-12 when a denial rests on a sanction, orientation, gender identity or disease then it names every forbidden ground', () => {
    const p = problemOf(() => assertLawfulGrounds(['security_risk', 'disciplinary_sanction', 'gender_identity', 'infectious_disease']));
    expect(p.rule).toBe('VIS-12');
    expect(p.status).toBe(422);
    expect(p.errors?.map((e) => e.field)).toEqual(['/grounds/1', '/grounds/2', '/grounds/3']);
    expect(p.article).toBe('Art. 71, Art. 71 §1, Art. 86');
    expect(() => assertLawfulGrounds(['security_risk', 'visitor_banned'])).not.toThrow();
  });

  it('VIS-13 when the couple are in different establishments then pre-trial needs the judge, sentenced the regional director', () => {
    expect(moveAuthority('sindicado')).toBe('judge');
    expect(moveAuthority('imputado')).toBe('judge');
    expect(moveAuthority('acusado')).toBe('judge');
    expect(moveAuthority('condenado')).toBe('regional_director');
    const judge = { authority: 'judge' as const, reference: 'Auto 1', issuedOn: '2026-11-01' };
    expect(() => assertMovePermission({ nui: '1000001', legalStatus: 'acusado', securityLevel: 3 }, judge)).not.toThrow();
    expect(problemOf(() => assertMovePermission({ nui: '1000001', legalStatus: 'condenado', securityLevel: 3 }, judge)).rule).toBe(
      'VIS-13',
    );
    expect(problemOf(() => assertMovable({ nui: '1000001', legalStatus: 'condenado', securityLevel: 1 })).article).toBe('Art. 72.6');
    expect(problemOf(() => assertMovable({ nui: '1000001', legalStatus: 'extradicion', securityLevel: null })).rule).toBe('VIS-13');
  });

  it('VIS-14 when the authorisation has no fingerprint or the ID shown is another then entry is refused', () => {
    expect(problemOf(() => assertFingerprint(false)).rule).toBe('VIS-14');
    const lawyerDocument = { type: 'CC' as const, number: '79.123.456' };
    expect(() => assertEntry({ lawyerDocument, shown: { type: 'CC', number: '79123456' }, authorised: true })).not.toThrow();
    const p = problemOf(() => assertEntry({ lawyerDocument, shown: { type: 'CC', number: '1234567' }, authorised: false }));
    expect(p.errors?.map((e) => e.field)).toEqual(['/documentShown', '/authorisation']);
  });

  it('VIS-15 when a press visit is asked then Art. 81 names whose permission by status and regime', () => {
    expect(pressAuthority('sindicado', undefined)).toBe('judge');
    expect(pressAuthority('extradicion', undefined)).toBe('fiscalia_international_affairs');
    expect(pressAuthority('condenado', 'justicia_y_paz')).toBe('justicia_y_paz_tribunal');
    expect(pressAuthority('condenado', 'peace_process')).toBe('peace_commissioner');
    expect(pressAuthority('condenado', 'military')).toBe('military_director');
    expect(pressAuthority('condenado', 'high_security')).toBe('high_security_committee');
    expect(pressAuthority('condenado', undefined)).toBeNull();
    const gaps = pressGaps({ nui: '1000001', application: { filedOn: '2026-11-01', reference: 'Rad. 1' } }, 'imputado');
    expect(gaps.map((g) => g.field)).toEqual([
      '/press/permission',
      '/press/consent',
      '/press/application/mediumProof',
      '/press/application/journalistProof',
    ]);
  });

  it('VIS-15 when a control body comes at night then it is let in at once, others need daytime and lead time', () => {
    expect(isNight(new Date('2026-12-01T04:00:00Z'))).toBe(true); // 23:00 in Bogotá
    expect(isNight(new Date('2026-12-01T15:00:00Z'))).toBe(false); // 10:00
    const now = new Date('2026-12-01T04:00:00Z');
    const base = { eron: '113', entity: 'Procuraduría Regional', officials: [], purpose: 'Inspección' };
    expect(visitGaps({ ...base, kind: 'control_body', controlBody: 'procuraduria' }, now)).toEqual([]);
    const ngo = visitGaps({ ...base, kind: 'human_rights_ngo', arrivesAt: '2026-12-01T05:00:00Z' }, now);
    expect(ngo).toHaveLength(2);
  });
});
