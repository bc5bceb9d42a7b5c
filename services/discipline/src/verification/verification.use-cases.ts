import { bogotaToday, notFound, type DocumentCheck, type DocumentKind } from '@eron/shared';
import { findCertificate } from '../certificates/certificate.repository';
import type { Db } from '../db';
import { establishmentName } from '../ppl/ppl.repository';
import { certificateByCode } from '../redemption/redemption.repository';

/** The document a verification code names, wherever discipline keeps it. */
async function documentOf(db: Db, code: string): Promise<{ kind: DocumentKind; eron: string; issuedAt: Date } | undefined> {
  if (code.startsWith('RC-')) {
    const c = await certificateByCode(db, code);
    return c && { kind: 'certificado-de-computos', eron: c.eron, issuedAt: c.issued_at };
  }
  const c = await findCertificate(db, code);
  return c && { kind: c.kind, eron: c.eron, issuedAt: c.issued_at };
}

/**
 * DIS-17, DIS-24: what anyone with a discipline document's code may learn — validity, kind, the
 * Bogotá date of issue and the issuing establishment; nothing of the person.
 */
export async function checkDocument(db: Db, code: string): Promise<DocumentCheck> {
  const d = await documentOf(db, code);
  if (!d) throw notFound({ es: 'Ningún documento de disciplina tiene ese código', en: 'No discipline document has that code' });
  return {
    valid: true,
    kind: d.kind,
    issuedOn: bogotaToday(d.issuedAt),
    establishment: { code: d.eron, name: await establishmentName(db, d.eron) },
  };
}
