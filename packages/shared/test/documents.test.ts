import { documentProblem, isValidDocument, nitCheckDigit, type DocumentType } from '../src/documents';

const doc = (type: DocumentType, number: string) => ({ type, number });

describe('CLS-03 NIT check digit (DIAN, Orden Administrativa 4 de 1989)', () => {
  // Worked by hand: weights 3, 7, 13, 17, 19, 23, 29, 37, 41 from the rightmost digit,
  // r = sum mod 11, digit = r if r ∈ {0, 1} else 11 − r.
  it.each([
    ['800197268', 4], // DIAN: sum 733, r 7 → 4
    ['899999068', 1], // Ecopetrol: sum 1519, r 1 → 1
    ['890903938', 8], // Bancolombia: sum 1081, r 3 → 8
    ['800215546', 5], // INPEC: sum 589, r 6 → 5
    ['10001', 0], // 1·19 + 1·3 = 22, r 0 → 0
  ])('when the base is %s then the check digit is %i', (base, digit) => {
    expect(nitCheckDigit(base)).toBe(digit);
  });

  it('when a real NIT carries its check digit then it is valid, with or without dots', () => {
    expect(isValidDocument(doc('NIT', '800197268-4'))).toBe(true);
    expect(isValidDocument(doc('NIT', '800.197.268-4'))).toBe(true);
    expect(isValidDocument(doc('NIT', '899999068-1'))).toBe(true);
    expect(isValidDocument(doc('NIT', '890903938-8'))).toBe(true);
  });

  it('when the check digit is wrong then the NIT is refused', () => {
    expect(documentProblem(doc('NIT', '800197268-5'))).toBe('NIT check digit does not match');
    expect(documentProblem(doc('NIT', '899999068-0'))).toBe('NIT check digit does not match');
    expect(isValidDocument(doc('NIT', '890903938-9'))).toBe(false);
  });

  it('when the NIT has no check digit or the wrong shape then it is refused as malformed', () => {
    expect(documentProblem(doc('NIT', '8001972684'))).toBe('invalid NIT number');
    expect(documentProblem(doc('NIT', '1234-5'))).toBe('invalid NIT number');
    expect(documentProblem(doc('NIT', '800197268-45'))).toBe('invalid NIT number');
    expect(documentProblem(doc('NIT', 'ABC197268-4'))).toBe('invalid NIT number');
  });
});

describe('CLS-03 identity document shapes', () => {
  it.each([
    ['CC', '1020304050'],
    ['CC', '79.123.456'],
    ['CC', '123'],
    ['CE', '123'],
    ['CE', '1234567'],
    ['PA', 'AB123456'],
    ['PA', 'ab123456'],
    ['TI', '1001234567'],
    ['TI', '10012345678'],
  ] as [DocumentType, string][])('when a %s is %s then it is valid', (type, number) => {
    expect(documentProblem(doc(type, number))).toBeNull();
    expect(isValidDocument(doc(type, number))).toBe(true);
  });

  it.each([
    ['CC', '0123456'], // leading zero
    ['CC', '12'], // too short
    ['CC', '12345678901'], // 11 digits
    ['CC', '12A456'],
    ['CE', '12345678'], // 8 digits
    ['CE', 'E12345'],
    ['PA', 'A123'], // too short
    ['PA', 'AB-123456'],
    ['PA', 'A'.repeat(21)],
    ['TI', '123456789'], // 9 digits
    ['TI', '0123456789'], // leading zero
    ['TI', '123456789012'], // 12 digits
  ] as [DocumentType, string][])('when a %s is %s then it is refused', (type, number) => {
    expect(documentProblem(doc(type, number))).toBe(`invalid ${type} number`);
    expect(isValidDocument(doc(type, number))).toBe(false);
  });
});
