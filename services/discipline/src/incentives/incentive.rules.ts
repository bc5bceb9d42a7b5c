import { ruleBroken, type ItemError } from '@eron/shared';
import type { CouncilDecisionFact } from '../council/council.lookup';

const item = (field: string, es: string, en: string): ItemError => ({ field, message: { es, en } });

/** DIS-16 (Arts. 136.3, 149): what the grant lacks — the Council's favourable opinion and the treatment officer's, both on this PPL here. */
export function grantProblems(i: {
  eron: string;
  nui: string;
  council: CouncilDecisionFact | undefined;
  treatment: { eron: string; nui: string; favourable: boolean } | undefined;
}): ItemError[] {
  const errors: ItemError[] = [];
  const c = i.council;
  if (!c) errors.push(item('/councilOpinion', 'no existe esa decisión del Consejo', 'no such council decision'));
  else if (c.eron !== i.eron || c.matter !== 'incentive' || c.nui !== i.nui)
    errors.push(
      item(
        '/councilOpinion',
        'la decisión no es un concepto sobre un estímulo de esta PPL',
        'the decision is not an incentive opinion on this PPL',
      ),
    );
  else if (c.outcome !== 'approved')
    errors.push(item('/councilOpinion', 'el concepto del Consejo no es favorable', 'the Council’s opinion is not favourable'));
  const t = i.treatment;
  if (!t || t.eron !== i.eron || t.nui !== i.nui)
    errors.push(
      item(
        '/treatmentOpinionId',
        'no hay concepto del oficial de tratamiento sobre esta PPL',
        'no treatment officer’s opinion on this PPL',
      ),
    );
  else if (!t.favourable)
    errors.push(item('/treatmentOpinionId', 'el concepto de tratamiento no es favorable', 'the treatment opinion is not favourable'));
  return errors;
}

export function assertGrant(i: Parameters<typeof grantProblems>[0]): void {
  const errors = grantProblems(i);
  if (errors.length === 0) return;
  throw ruleBroken(
    'DIS-16',
    'Art. 136.3',
    {
      es: 'El estímulo requiere concepto favorable del Consejo de Disciplina y del oficial de tratamiento',
      en: 'An incentive needs the favourable opinion of the Disciplinary Council and of the treatment officer',
    },
    { errors },
  );
}
