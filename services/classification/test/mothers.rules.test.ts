import { approvalGaps, daysUntilThree, inAlertWindow, isUnderThree, turnsThreeOn } from '../src/mothers/mothers.rules';

describe('CLS-17 rules (Art. 31)', () => {
  it('CLS-17 when a child is born then they turn three three years later, a 29 February on 1 March', () => {
    expect(turnsThreeOn('2024-05-10')).toBe('2027-05-10');
    expect(turnsThreeOn('2024-02-29')).toBe('2027-03-01');
  });

  it('CLS-17 when the child is under three then permanence is possible, not on the third birthday nor before birth', () => {
    expect(isUnderThree('2024-05-10', '2027-05-09')).toBe(true);
    expect(isUnderThree('2024-05-10', '2027-05-10')).toBe(false);
    expect(isUnderThree('2024-05-10', '2024-05-09')).toBe(false);
  });

  it('CLS-17 when the third birthday is 0 to 30 days off then the alert is raised', () => {
    expect(inAlertWindow('2024-05-10', '2027-05-10')).toBe(true);
    expect(inAlertWindow('2024-05-10', '2027-04-10')).toBe(true);
    expect(inAlertWindow('2024-05-10', '2027-04-09')).toBe(false);
    expect(inAlertWindow('2024-05-10', '2027-05-11')).toBe(false);
    expect(daysUntilThree('2024-05-10', '2027-04-10')).toBe(30);
  });

  it('CLS-17 when an approval lacks accreditations then every gap is listed', () => {
    const gaps = approvalGaps({ decision: 'approved', medicalExamDate: '2030-01-01' }, '2026-01-01', '2026-11-25');
    expect(gaps.map((g) => g.field)).toEqual(['/filiationDocument', '/noRiskConcept', '/medicalExamDate', '/doctor']);
    const full = { decision: 'approved' as const, filiationDocument: 'a', noRiskConcept: 'b', medicalExamDate: '2026-11-20', doctor: 'c' };
    expect(approvalGaps(full, '2026-01-01', '2026-11-25')).toEqual([]);
    expect(approvalGaps(full, '2023-01-01', '2026-11-25').map((g) => g.field)).toEqual(['/child/birthDate']);
  });
});
