import { discrepancies, repeatedSightings } from '../src/checks/roll-call.rules';
import { eligibilityBreaches, legalGroupOf, overcrowding, reservedToDg } from '../src/board/placement.rules';

const man = { sex: 'M', legalStatus: 'sindicado' as const, securityLevel: null };
const unit = (over: object = {}) => ({ sexes: ['M'], legal: 'pre_trial', special_regime: null, ...over });

describe('placement rules (pure)', () => {
  it('CLS-04 CLS-13 extradition counts as pre-trial; only the sentenced are sentenced', () => {
    expect(['sindicado', 'imputado', 'acusado', 'extradicion'].map((s) => legalGroupOf(s as never))).toEqual(Array(4).fill('pre_trial'));
    expect(legalGroupOf('condenado')).toBe('sentenced');
  });

  it('CLS-13 every breach is named: sex, legal group, special regime and its missing basis', () => {
    expect(eligibilityBreaches(man, unit(), undefined)).toEqual([]);
    expect(eligibilityBreaches(man, unit({ sexes: ['F'], legal: 'sentenced' }), undefined)).toHaveLength(2);
    expect(eligibilityBreaches(man, unit({ special_regime: 'extradition' }), undefined)).toHaveLength(1);
    expect(eligibilityBreaches(man, unit({ sexes: ['M', 'F'], special_regime: 'mothers_with_children' }), undefined)).toHaveLength(2);
    expect(eligibilityBreaches(man, unit({ special_regime: 'justicia_y_paz' }), 'Certificado de postulación')).toEqual([]);
  });

  it('CLS-15 security level one, extradition and special-regime units are the DG’s; a protection space is not', () => {
    expect(reservedToDg(man, unit())).toBeNull();
    expect(reservedToDg({ ...man, securityLevel: 1 }, unit())).not.toBeNull();
    expect(reservedToDg({ ...man, legalStatus: 'extradicion' }, unit())).not.toBeNull();
    expect(reservedToDg(man, unit({ special_regime: 'high_security' }))).not.toBeNull();
    expect(reservedToDg(man, unit({ special_regime: 'protection_space' }))).toBeNull();
  });

  it('CLS-16 overcrowding is occupants ÷ places − 1, none without places', () => {
    expect(overcrowding(150, 100)).toBe(0.5);
    expect(overcrowding(80, 100)).toBe(-0.2);
    expect(overcrowding(3, 0)).toBeNull();
  });
});

describe('roll-call rules (pure)', () => {
  it('CLS-19 absent, wrong cell and unknown against the cell book', () => {
    const book = [
      { nui: 'a', cellId: '1' },
      { nui: 'b', cellId: '1' },
      { nui: 'c', cellId: '2' },
    ];
    expect(discrepancies(book, book)).toEqual([]);
    const found = discrepancies(book, [
      { nui: 'a', cellId: '1' },
      { nui: 'b', cellId: '2' },
      { nui: 'z', cellId: '2' },
    ]);
    expect(found.map((d) => `${d.kind}:${d.nui}`).sort()).toEqual(['absent:c', 'unknown:z', 'wrong_cell:b']);
  });
});

describe('roll-call rules (pure)', () => {
  it('CLS-19 a NUI listed twice is named at each repetition, in one pass over 5 000 names', () => {
    const seen = Array.from({ length: 5_000 }, (_, i) => ({ nui: String(8_000_000 + i), cellId: 'c1' }));
    expect(repeatedSightings(seen)).toEqual([]);
    seen[10] = { nui: seen[3]!.nui, cellId: 'c2' };
    seen[20] = { nui: seen[3]!.nui, cellId: 'c1' };
    expect(repeatedSightings(seen).map((e) => e.field)).toEqual(['/seen/10/nui', '/seen/20/nui']);
  });
});
