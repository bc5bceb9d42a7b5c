import type { BeneficiaryList, BeneficiaryListRequest, IdentityDocument } from '@eron/shared';
import { folioInScope, openFolioInScope } from '../accounts/account.use-cases';
import type { Ctx } from '../runtime';
import { maskDocument } from '../recaudo/deposit.rules';
import { currentBeneficiaries, findBeneficiary, replaceBeneficiaries } from './beneficiaries.repository';
import { assertAuthorisation, assertAuthorisedPayee } from './beneficiaries.rules';

type Row = Awaited<ReturnType<typeof currentBeneficiaries>>[number];
const view = (nui: string, rows: Row[]): BeneficiaryList => ({
  nui,
  authorisation: rows[0] ? { documentRef: rows[0].authorisation, date: rows[0].authorised_on } : null,
  persons: rows.map((b) => ({ id: b.id, document: maskDocument(b.doc_type, b.doc_number), names: b.names, relationship: b.relationship })),
});

/**
 * FOL-15 (Art. 123): while the PPL is in custody (the Folio open), their signed authorisation names
 * who receives the balance settled on death, escape or extradition. A new one replaces the last.
 * Identities are confidential: masked in answers, never in the audit line.
 */
export async function setBeneficiaries(ctx: Ctx, input: { nui: string } & BeneficiaryListRequest): Promise<BeneficiaryList> {
  assertAuthorisation(input);
  await openFolioInScope(ctx, input.nui, 'FOL-15', 'Art. 123');
  await replaceBeneficiaries(ctx.trx, {
    nui: input.nui,
    by: ctx.actor.sub,
    authorisation: input.writtenRequest.documentRef!,
    authorisedOn: input.writtenRequest.date!,
    persons: input.persons,
  });
  await ctx.audit({
    action: 'set-settlement-beneficiaries',
    entity: 'folio',
    entityId: input.nui,
    details: { count: input.persons.length, authorisation: input.writtenRequest.documentRef },
  });
  return view(input.nui, await currentBeneficiaries(ctx.trx, input.nui));
}

/** FOL-15, PLT-06: the persons in force, documents masked; the read is audited. */
export async function listBeneficiaries(ctx: Ctx, nui: string): Promise<BeneficiaryList> {
  await folioInScope({ db: ctx.trx, actor: ctx.actor, requestId: ctx.requestId }, nui);
  await ctx.audit({ action: 'read-settlement-beneficiaries', entity: 'folio', entityId: nui });
  return view(nui, await currentBeneficiaries(ctx.trx, nui));
}

/** FOL-15: the person a settlement payment names must be one the PPL authorised; their recorded identity is the payee. */
export async function authorisedPayee(ctx: Ctx, nui: string, document: IdentityDocument) {
  const payee = await findBeneficiary(ctx.trx, nui, document);
  assertAuthorisedPayee(payee);
  return payee;
}
