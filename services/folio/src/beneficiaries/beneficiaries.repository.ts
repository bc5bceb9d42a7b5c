import type { IdentityDocument } from '@eron/shared';
import type { Db, Trx } from '../db';
import { normalisedNumber } from './beneficiaries.rules';

/** The persons in force for a PPL, oldest first. */
export const currentBeneficiaries = (db: Db | Trx, nui: string) =>
  db
    .selectFrom('settlement_beneficiaries')
    .selectAll()
    .where('nui', '=', nui)
    .where('revoked_at', 'is', null)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();

/** A new authorisation replaces the one in force: the old rows are kept, marked revoked. */
export async function replaceBeneficiaries(
  trx: Trx,
  r: {
    nui: string;
    by: string;
    authorisation: string;
    authorisedOn: string;
    persons: { document: IdentityDocument; names: string; relationship: string }[];
  },
): Promise<void> {
  await trx
    .updateTable('settlement_beneficiaries')
    .set({ revoked_at: new Date(), revoked_by: r.by })
    .where('nui', '=', r.nui)
    .where('revoked_at', 'is', null)
    .execute();
  await trx
    .insertInto('settlement_beneficiaries')
    .values(
      r.persons.map((p) => ({
        nui: r.nui,
        doc_type: p.document.type,
        doc_number: normalisedNumber(p.document),
        names: p.names,
        relationship: p.relationship,
        authorisation: r.authorisation,
        authorised_on: r.authorisedOn,
        recorded_by: r.by,
        revoked_at: null,
        revoked_by: null,
      })),
    )
    .execute();
}

/** The authorised person with this document, if the PPL authorised one. */
export const findBeneficiary = (trx: Trx, nui: string, document: IdentityDocument) =>
  trx
    .selectFrom('settlement_beneficiaries')
    .selectAll()
    .where('nui', '=', nui)
    .where('doc_type', '=', document.type)
    .where('doc_number', '=', normalisedNumber(document))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
