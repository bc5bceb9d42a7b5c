import { signedHeaders } from '@eron/shared/platform';

/**
 * A small fake bank: a real HTTP client that sends its real-time deposit notices (FOL-06 a) to
 * the running service, signed with HMAC over the raw body and a timestamp as the bank does.
 */
export interface BankKey {
  keyId: string;
  secret: string;
}

export interface Notice {
  operationNumber: string;
  nui: string;
  depositor: { type: string; number: string };
  amount: number;
  paidAt: string;
  bankCode: string;
  branch?: string;
}

export class FakeBank {
  constructor(
    private readonly baseUrl: string,
    private readonly key: BankKey,
  ) {}

  /** Sends a notice; `tamper` lets a test break the signature or age the timestamp. */
  async notify(
    notice: Notice | Record<string, unknown>,
    opts: { now?: number; secret?: string; tamperBody?: (raw: string) => string; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: any }> {
    const raw = JSON.stringify(notice);
    const path = '/api/v1/folio/recaudo/deposits';
    const headers = signedHeaders(
      { keyId: this.key.keyId, secret: opts.secret ?? this.key.secret },
      { method: 'POST', path, body: raw },
      opts.now,
    );
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers, ...opts.headers },
      body: opts.tamperBody ? opts.tamperBody(raw) : raw,
    });
    return { status: res.status, body: await res.json() };
  }

  /** Delivers a collection file as the bank's machine client does (FOL-06 b): the raw text, signed like a notice. */
  async sendFile(text: string, opts: { secret?: string } = {}): Promise<{ status: number; body: any; location: string | null }> {
    const path = '/api/v1/folio/recaudo/bank-files';
    const body = Buffer.from(text, 'latin1');
    const headers = signedHeaders({ keyId: this.key.keyId, secret: opts.secret ?? this.key.secret }, { method: 'POST', path, body });
    const res = await fetch(`${this.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'text/plain', ...headers }, body });
    return { status: res.status, body: await res.json(), location: res.headers.get('location') };
  }
}
