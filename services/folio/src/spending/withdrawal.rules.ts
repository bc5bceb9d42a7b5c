import { documentProblem, ruleBroken, type ItemError, type ProblemError, type WithdrawalRequest } from '@eron/shared';
import type { EronAccountKind } from '../ledger/ledger.rules';
import { wordsMatch } from './words.rules';

const missing = (field: string, es: string, en: string): ItemError => ({ field, message: { es, en } });
const need = (value: unknown, field: string, what: string, whatEn: string): ItemError[] =>
  value === undefined || value === null || value === '' ? [missing(field, `falta ${what}`, `${whatEn} is missing`)] : [];

function written(w: WithdrawalRequest['writtenRequest'], withFingerprint: boolean): ItemError[] {
  return [
    ...need(w, '/writtenRequest', 'la solicitud escrita', 'the written request'),
    ...(w && w.signed !== true ? [missing('/writtenRequest/signed', 'falta la firma', 'the signature is missing')] : []),
    ...(w && withFingerprint && w.fingerprint !== true
      ? [missing('/writtenRequest/fingerprint', 'falta la huella dactilar', 'the fingerprint is missing')]
      : []),
  ];
}

function beneficiaryItems(b: WithdrawalRequest['beneficiary'], amount: number, words?: string, bank?: WithdrawalRequest['bank']) {
  const items = [
    ...need(b?.givenNames, '/beneficiary/givenNames', 'los nombres', 'given names'),
    ...need(b?.surnames, '/beneficiary/surnames', 'los apellidos', 'surnames'),
    ...need(b?.relationship, '/beneficiary/relationship', 'el parentesco', 'relationship'),
    ...need(b?.document, '/beneficiary/document', 'el número de identificación', 'ID number'),
    ...need(b?.address, '/beneficiary/address', 'la dirección', 'address'),
    ...need(b?.phone, '/beneficiary/phone', 'el teléfono', 'phone'),
    ...need(words, '/amountInWords', 'el valor en letras', 'the amount in words'),
  ];
  const docProblem = b?.document ? documentProblem(b.document) : null;
  if (docProblem) items.push(missing('/beneficiary/document', `documento inválido: ${docProblem}`, `invalid document: ${docProblem}`));
  if (words && !wordsMatch(words, amount)) {
    items.push(missing('/amountInWords', 'el valor en letras no coincide con la cifra', 'the amount in words does not match the figure'));
  }
  if (bank) {
    items.push(
      ...need(bank.bank, '/bank/bank', 'el banco', 'bank'),
      ...need(bank.accountNumber, '/bank/accountNumber', 'el número de cuenta', 'account number'),
      ...need(bank.accountType, '/bank/accountType', 'la clase de cuenta', 'account type'),
    );
  }
  return items;
}

/** Every item the written authorisation of a use lacks (FOL-08, Art. 41.2–7); empty when complete. */
export function withdrawalItems(r: WithdrawalRequest, dayCap: number): ItemError[] {
  switch (r.use) {
    case 'productive_project':
      return [
        ...need(r.receiptNumber, '/receiptNumber', 'el comprobante de venta', 'the sale receipt'),
        ...need(r.project, '/project', 'el proyecto', 'the project'),
      ];
    case 'permission': {
      const items = [
        ...written(r.writtenRequest, true),
        ...need(r.permission?.hours, '/permission/hours', 'la duración del permiso', 'the permission’s length'),
        ...need(
          r.permission?.authorisation,
          '/permission/authorisation',
          'el acto que concede el permiso',
          'the act granting the permission',
        ),
      ];
      if ((r.permission?.hours ?? 0) > 72)
        items.push(missing('/permission/hours', 'el permiso es de hasta 72 horas', 'permissions are of up to 72 hours'));
      if (r.amount > dayCap) items.push(missing('/amount', `máximo el tope diario ($${dayCap})`, `at most the daily cap ($${dayCap})`));
      return items;
    }
    case 'transfer':
      return [...written(r.writtenRequest, true), ...beneficiaryItems(r.beneficiary, r.amount, r.amountInWords, r.bank)];
    case 'bail_or_debt':
      return [
        ...written(r.writtenRequest, false),
        ...need(r.debt?.kind, '/debt/kind', 'si es fianza o acreencia', 'bail or debt'),
        ...need(r.debt?.creditor, '/debt/creditor', 'el acreedor', 'the creditor'),
        ...need(r.debt?.legalBasis, '/debt/legalBasis', 'la providencia o título', 'the legal basis'),
      ];
    case 'appliance_fee':
      return [
        ...written(r.writtenRequest, false),
        ...need(
          r.appliance?.code,
          '/appliance/code',
          'el electrodoméstico de la tabla de tarifas del DG',
          'the appliance of the DG tariff table',
        ),
      ];
  }
}

export const incompleteRequest = (items: ItemError[]): ProblemError =>
  ruleBroken(
    'FOL-08',
    'Art. 41',
    { es: 'A la solicitud le faltan datos que exige el uso del Folio', en: 'The request lacks items this use of the Folio requires' },
    { errors: items },
  );

/** Where the money goes for each use. */
export const COUNTER: Record<WithdrawalRequest['use'], EronAccountKind> = {
  productive_project: 'providers',
  permission: 'paymaster',
  transfer: 'paymaster',
  bail_or_debt: 'paymaster',
  appliance_fee: 'caja_especial',
};

export const CONCEPT: Record<WithdrawalRequest['use'], string> = {
  productive_project: 'Bienes o servicios de proyecto productivo (Art. 41.2)',
  permission: 'Gastos de permiso de hasta 72 horas (Art. 41.4)',
  transfer: 'Traslado a familiar o allegado (Art. 41.5)',
  bail_or_debt: 'Pago de fianza o acreencia (Art. 41.6)',
  appliance_fee: 'Uso de electrodomésticos, tarifa del DG (Art. 41.7)',
};
