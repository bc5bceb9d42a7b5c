import { ruleBroken, type ProblemError } from '@eron/shared';

/** DIS-01 (Art. 149): only a conduct in the catalogue in force on the date of the facts can be charged. */
export const notAnOffenceThen = (code: string, date: string, version: string | null): ProblemError =>
  ruleBroken(
    'DIS-01',
    'Art. 149',
    {
      es: version
        ? `La conducta ${code} no es falta en el catálogo vigente el ${date} (${version})`
        : `No había catálogo de faltas vigente el ${date}`,
      en: version
        ? `Conduct ${code} is not an offence in the catalogue in force on ${date} (${version})`
        : `No catalogue of offences was in force on ${date}`,
    },
    {
      code: 'offence-not-in-catalogue',
      errors: [{ field: '/offenceCode', message: { es: 'no está en el catálogo', en: 'not in the catalogue' } }],
    },
  );
