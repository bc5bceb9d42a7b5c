import { randomBytes } from 'node:crypto';
import { assertActorActsFor, notFound, type CertificateIssued, type CertificateRequest } from '@eron/shared';
import { establishmentName, findPpl } from '../ppl/ppl.repository';
import { unknownPpl } from '../ppl/ppl.rules';
import type { Ctx, Reader } from '../runtime';
import { verificationPath } from '../verification/verification.rules';
import { certificatePdf } from './certificate.document';
import { findCertificate, lastRatings, recentFirmSanctions, saveCertificate } from './certificate.repository';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** A verification code of 12 characters from an alphabet without look-alikes (0/O, 1/I): about 60 bits. */
function newCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

const noCertificate = () => notFound({ es: 'No existe un certificado con ese código', en: 'No certificate has that code' });

/**
 * DIS-17: issues a conduct certificate (Art. 136.6) or an opinion for the judge on a benefit
 * (Art. 136.8) from the PPL's record — the last four quarters' ratings and the firm sanctions of
 * the last twelve months — as a PDF kept with its verification code. Reading the record is audited.
 */
export async function issueCertificate(ctx: Ctx, input: { nui: string } & CertificateRequest): Promise<CertificateIssued> {
  const ppl = await findPpl(ctx.trx, input.nui);
  if (!ppl) throw unknownPpl(input.nui);
  assertActorActsFor(ctx.actor, ppl.eron);
  const ratings = (await lastRatings(ctx.trx, input.nui, 4)).map((r) => ({
    quarter: r.quarter,
    rating: r.rating ?? r.proposed,
    decided: r.status !== 'proposed',
    session: r.session_ref,
  }));
  const sanctions = await recentFirmSanctions(ctx.trx, input.nui, 12);
  const sixMonthsAgo = Date.now() - 183 * 86_400_000;
  const favourable =
    (ratings[0]?.rating === 'buena' || ratings[0]?.rating === 'ejemplar') &&
    sanctions.every((s) => (s.firm_at?.getTime() ?? 0) < sixMonthsAgo);
  const code = newCode();
  const issuedAt = new Date();
  const pdf = await certificatePdf({
    kind: input.kind,
    code,
    verifyAt: verificationPath(code),
    eron: ppl.eron,
    establishment: await establishmentName(ctx.trx, ppl.eron),
    ppl: { nui: ppl.nui, names: ppl.names, surnames: ppl.surnames, legalStatus: ppl.legal_status },
    purpose: input.purpose ?? null,
    ratings,
    sanctions: sanctions.map((s) => ({ severity: s.severity, kind: s.kind, amount: s.amount, factDate: String(s.fact_date).slice(0, 10) })),
    favourable,
    issuedAt,
    issuedBy: ctx.actor.sub,
  });
  await saveCertificate(ctx.trx, {
    code,
    kind: input.kind,
    nui: ppl.nui,
    eron: ppl.eron,
    purpose: input.purpose ?? null,
    issued_by: ctx.actor.sub,
    issued_at: issuedAt,
    pdf,
  });
  await ctx.audit({
    action: 'issue-conduct-certificate',
    entity: 'conduct_certificate',
    entityId: code,
    details: { nui: ppl.nui, kind: input.kind },
  });
  return { code, kind: input.kind, nui: ppl.nui, eron: ppl.eron, issuedAt: issuedAt.toISOString(), verifyAt: verificationPath(code) };
}

/** The issued PDF, for those who act for the issuing establishment. */
export async function certificateFile(r: Reader, nui: string, code: string): Promise<Buffer> {
  const c = await findCertificate(r.db, code);
  if (!c || c.nui !== nui) throw noCertificate();
  assertActorActsFor(r.actor, c.eron);
  return c.pdf;
}
