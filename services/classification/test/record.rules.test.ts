import { changedParts, ethnicGaps, forbiddenSections, foreignNationality, sectionsFor, unvolunteered } from '../src/record/record.rules';

describe('record rules', () => {
  it('CLS-07 orientation and gender identity or expression need a volunteered declaration', () => {
    expect(unvolunteered({ sexualOrientation: 'x' }).map((e) => e.field)).toEqual(['/identity/sexualOrientation']);
    expect(unvolunteered({ volunteered: false, genderIdentity: 'x', genderExpression: 'y' })).toHaveLength(2);
    expect(unvolunteered({ volunteered: true, genderIdentity: 'x' })).toEqual([]);
    expect(unvolunteered({ identityName: 'Valentina' })).toEqual([]);
    expect(unvolunteered(undefined)).toEqual([]);
  });

  it('CLS-07 each section is for the roles that need it', () => {
    expect(sectionsFor(['health'])).toEqual(['health']);
    expect(sectionsFor(['social_worker'])).toEqual(['identity', 'children']);
    expect(sectionsFor(['guard_commander'])).toEqual([]);
    expect(forbiddenSections({ health: {}, children: [] }, ['legal'])).toEqual(['health']);
  });

  it('CLS-09 a community member states community, resguardo and consejo comunitario (null is a statement)', () => {
    expect(ethnicGaps({ groups: { ethnicity: { group: 'palenquera' } } })).toHaveLength(3);
    expect(
      ethnicGaps({
        groups: { ethnicity: { group: 'negra', community: 'San Basilio', resguardo: null, consejoComunitario: 'Ma Kankamaná' } },
      }),
    ).toEqual([]);
    expect(ethnicGaps({ groups: { ethnicity: { group: 'rrom' } } })).toEqual([]);
    expect(ethnicGaps({})).toEqual([]);
  });

  it('CLS-08 a PPL is foreign by the record or by the admission', () => {
    expect(foreignNationality({}, 'VE')).toBe('VE');
    expect(foreignNationality({ groups: { foreigner: { nationality: 'EC' } } }, 'CO')).toBe('EC');
    expect(foreignNationality({ groups: { foreigner: null } }, 'CO')).toBeNull();
  });

  it('CLS-06 only the parts that really change go to the history', () => {
    const before = { alias: 'A', childrenCount: 1 };
    expect(changedParts(before, { ...before, childrenCount: 2, offenceType: 'Hurto' })).toEqual({
      fields: ['childrenCount', 'offenceType'],
      was: { childrenCount: 1 },
      now: { childrenCount: 2, offenceType: 'Hurto' },
    });
  });
});
