import { ruleBroken, type ItemError, type OwnFoodRequest } from '@eron/shared';
import type { CouncilDecisionFact } from '../council/council.lookup';

const item = (field: string, es: string, en: string): ItemError => ({ field, message: { es, en } });

/** DIS-18 (Art. 52 §1, Art. 136.5): the written renunciation, the security council's opinion, the doctor's for health reasons, the Council's decision. */
export function ownFoodProblems(eron: string, b: OwnFoodRequest, council: CouncilDecisionFact | undefined): ItemError[] {
  const errors: ItemError[] = [];
  if (!b.renunciationDocument)
    errors.push(
      item(
        '/renunciationDocument',
        'falta la renuncia escrita a la alimentación del establecimiento',
        'the written renunciation is missing',
      ),
    );
  if (!b.securityCouncilOpinion)
    errors.push(item('/securityCouncilOpinion', 'falta el concepto del Consejo de Seguridad', 'the security council’s opinion is missing'));
  if (b.healthReasons && !b.doctorOpinion)
    errors.push(item('/doctorOpinion', 'por razones de salud se requiere concepto médico', 'health reasons need the doctor’s opinion'));
  if (!council || council.eron !== eron || council.matter !== 'own_food' || council.nui !== b.nui)
    errors.push(item('/councilDecision', 'no es una decisión del Consejo sobre esta solicitud', 'not a council decision on this request'));
  return errors;
}

export function assertOwnFood(eron: string, b: OwnFoodRequest, council: CouncilDecisionFact | undefined): void {
  const errors = ownFoodProblems(eron, b, council);
  if (errors.length === 0) return;
  throw ruleBroken(
    'DIS-18',
    'Art. 52',
    { es: 'La solicitud de alimentación propia no está completa', en: 'The own-food request is incomplete' },
    { errors },
  );
}
