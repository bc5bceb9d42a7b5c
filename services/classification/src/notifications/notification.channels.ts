import nodemailer, { type Transporter } from 'nodemailer';
import { signedHeaders } from '@eron/shared/platform';
import type { Letter } from './notification.letter';
import { letterPdf, letterText } from './notification.letter';
import { titleOf } from './notifications.rules';

const transports = new Map<string, Transporter>();

/** One SMTP transport per mail server, kept for the process (nodemailer pools its connections). */
function transportFor(url: string): Transporter {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport(url);
    transports.set(url, t);
  }
  return t;
}

/** By e-mail over SMTP, the letter attached as PDF. */
export async function sendEmail(smtp: { url: string; from: string }, to: string, letter: Letter): Promise<void> {
  await transportFor(smtp.url).sendMail({
    from: smtp.from,
    to,
    subject: `INPEC ${letter.eron} — ${titleOf(letter.subject)}${letter.nui ? ` — NUI ${letter.nui}` : ''}`,
    text: letterText(letter),
    attachments: [{ filename: `oficio-${letter.id}.pdf`, content: await letterPdf(letter), contentType: 'application/pdf' }],
  });
}

/** By webhook: the notice as JSON, signed with the recipient's secret as machine clients sign ours (PLT-03). */
export async function sendWebhook(url: string, secret: string, letter: Letter): Promise<void> {
  const body = JSON.stringify({
    notificationId: letter.id,
    kind: letter.kind,
    subject: letter.subject,
    title: titleOf(letter.subject),
    eron: letter.eron,
    nui: letter.nui,
    requestedAt: letter.requestedAt.toISOString(),
  });
  const target = new URL(url);
  const res = await fetch(target, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...signedHeaders({ keyId: 'eron-classification', secret }, { method: 'POST', path: `${target.pathname}${target.search}`, body }),
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`webhook answered ${res.status}`);
}
