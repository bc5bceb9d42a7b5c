import { notFound, ruleBroken, type Bilingual, type ExitReason, type LegalStatus, type Principal, type TransferStatus } from '@eron/shared';

/** Who ordered a transfer, or why the caller may not (CLS-20, Art. 171). */
export type Orderer = { as: 'dg' | 'regional_director' } | { refused: Bilingual; status: 403 | 422 };

/**
 * CLS-20 (Art. 171): the DG orders transfers; a regional director only with the DG's delegation
 * (carried on the order) and only between establishments their token acts for.
 */
export function transferOrderer(p: Principal, fromEron: string, toEron: string, delegation: string | undefined): Orderer {
  if (p.roles.includes('dg') && p.national) return { as: 'dg' };
  if (!p.roles.includes('regional_director')) {
    return { status: 403, refused: { es: 'Solo el Director General ordena traslados', en: 'Only the Director General orders transfers' } };
  }
  if (!delegation) {
    return {
      status: 422,
      refused: {
        es: 'Un director regional solo ordena traslados con delegación del Director General: indique el acto de delegación',
        en: 'A regional director orders transfers only with the Director General’s delegation: state the delegation act',
      },
    };
  }
  const outside = [fromEron, toEron].find((e) => !p.national && !p.erons.includes(e));
  if (outside) {
    return {
      status: 403,
      refused: {
        es: `El establecimiento ${outside} no está en la regional del director`,
        en: `Establishment ${outside} is not in the director’s region`,
      },
    };
  }
  return { as: 'regional_director' };
}

/** CLS-20 (Art. 171): the judge supervising a sentence, else the authority at whose disposal the person is. */
export const transferRecipient = (status: LegalStatus): 'judge' | 'judicial_authority' =>
  status === 'condenado' ? 'judge' : 'judicial_authority';

/** CLS-20: ordered → in transit (dispatched at origin) → received at destination. */
export const nextTransferStep: Record<'dispatch' | 'reception' | 'delay', readonly TransferStatus[]> = {
  dispatch: ['ordered'],
  delay: ['ordered', 'in_transit'],
  reception: ['in_transit'],
};

/** The PPL's status once an exit is recorded; the NUI and the record stay (CLS-21). */
export const statusAfterExit: Record<ExitReason, string> = {
  release: 'released',
  house_arrest: 'house_arrest',
  death: 'deceased',
  escape: 'escaped',
  extradition: 'extradited',
};

/** Who is notified at once of an exit (CLS-21: Art. 156 §1 escapes, Art. 107 and Art. 63 §2 deaths). */
export const exitRecipients: Record<ExitReason, readonly string[]> = {
  release: [],
  house_arrest: [],
  death: ['regional_director', 'dg', 'local_authorities', 'relatives'],
  escape: ['police', 'dg'],
  extradition: [],
};

/**
 * CLS-21: why this exit cannot be recorded, if it cannot. A person held in the establishment may
 * exit for any reason; one in house arrest may still escape (Art. 156 §2); a person in transit
 * belongs to neither establishment and one who already left cannot leave again.
 */
export function exitRefusal(pplStatus: string, reason: ExitReason, hasDecision: boolean): Bilingual | null {
  if ((reason === 'release' || reason === 'house_arrest') && !hasDecision) {
    return {
      es: 'La libertad y la detención o prisión domiciliaria requieren la decisión judicial que las ordena',
      en: 'Release and house arrest require the judicial decision that orders them',
    };
  }
  if (pplStatus === 'admitted') return null;
  if (pplStatus === 'house_arrest' && reason === 'escape') return null;
  if (pplStatus === 'in_transit') {
    return { es: 'La PPL está en tránsito entre establecimientos', en: 'The PPL is in transit between establishments' };
  }
  return { es: `La PPL ya no está recluida (estado ${pplStatus})`, en: `The PPL is no longer held (status ${pplStatus})` };
}

/** CLS-22 (Art. 139): the CET sets security level and phase of sentenced PPL only. */
export function treatmentRefusal(
  legalStatus: string,
  pplStatus: string,
  change: { securityLevel?: number; phase?: string },
): Bilingual | null {
  if (change.securityLevel === undefined && change.phase === undefined) {
    return { es: 'Indique el nivel de seguridad o la fase', en: 'State the security level or the phase' };
  }
  if (legalStatus !== 'condenado') {
    return {
      es: 'El nivel de seguridad y la fase del tratamiento solo se fijan a personas condenadas',
      en: 'Security level and treatment phase are set for sentenced persons only',
    };
  }
  if (pplStatus !== 'admitted') {
    return {
      es: `La PPL no está recluida en el establecimiento (estado ${pplStatus})`,
      en: `The PPL is not held in the establishment (status ${pplStatus})`,
    };
  }
  return null;
}

export const noTransfer = (id: string) => notFound({ es: `No existe el traslado ${id}`, en: `No transfer ${id}` });

/** CLS-20 (Art. 171): who orders the transfer, or the refusal naming the rule. */
export function assertOrderer(p: Principal, fromEron: string, toEron: string, delegation: string | undefined): 'dg' | 'regional_director' {
  const who = transferOrderer(p, fromEron, toEron, delegation);
  if ('refused' in who) throw ruleBroken('CLS-20', 'Art. 171', who.refused, { status: who.status });
  return who.as;
}

/** CLS-20 (Art. 171): a person held here, with no transfer under way, to another existing establishment. */
export function assertTransferable(t: {
  status: string;
  openTransfer: boolean;
  fromEron: string;
  toEron: string;
  destinationExists: boolean;
}): void {
  if (t.status !== 'admitted' || t.openTransfer) {
    throw ruleBroken('CLS-20', 'Art. 171', {
      es: `La PPL no puede trasladarse: estado ${t.status} o con un traslado en curso`,
      en: `The PPL cannot be transferred: status ${t.status} or a transfer already under way`,
    });
  }
  if (t.fromEron === t.toEron || !t.destinationExists) {
    throw ruleBroken('CLS-20', 'Art. 171', {
      es: `El destino ${t.toEron} no es otro establecimiento existente`,
      en: `Destination ${t.toEron} is not another existing establishment`,
    });
  }
}

/** CLS-20 (Arts. 171, 178): the step fits the transfer's status. */
export function assertTransferStep(step: keyof typeof nextTransferStep, status: TransferStatus): void {
  if (nextTransferStep[step].includes(status)) return;
  throw ruleBroken('CLS-20', 'Arts. 171, 178', {
    es: `El traslado está en estado ${status}: no admite ${step === 'dispatch' ? 'la remisión' : step === 'delay' ? 'una demora' : 'el recibo'}`,
    en: `The transfer is ${status}: it does not allow ${step}`,
  });
}

/** CLS-21: refuses an exit the person's status or the missing judicial decision does not allow. */
export function assertExitAllowed(pplStatus: string, reason: ExitReason, hasDecision: boolean): void {
  const refusal = exitRefusal(pplStatus, reason, hasDecision);
  if (refusal) throw ruleBroken('CLS-21', reason === 'escape' ? 'Art. 156' : 'Art. 41 §', refusal);
}

/** CLS-21 (Art. 156 §2): only a person recorded as escaped is recaptured. */
export function assertEscaped<E>(escape: E | undefined): E {
  if (escape !== undefined) return escape;
  throw ruleBroken('CLS-21', 'Art. 156 §2', { es: 'La PPL no figura fugada', en: 'The PPL is not recorded as escaped' });
}

/** CLS-22 (Art. 139): refuses a CET decision on a person it does not apply to. */
export function assertTreatmentAllowed(legalStatus: string, pplStatus: string, change: { securityLevel?: number; phase?: string }): void {
  const refusal = treatmentRefusal(legalStatus, pplStatus, change);
  if (refusal) throw ruleBroken('CLS-22', 'Art. 139', refusal);
}
