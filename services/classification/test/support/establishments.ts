import { bearer } from '@eron/shared/testing';

/** What the DG registers for a test establishment (CLS-01): a plain penitentiary of medium security. */
export const establishmentBody = (code: string, over: object = {}) => ({
  code,
  name: `ERON ${code}`,
  regional: 'central',
  order: 'nacional',
  type: 'penitenciaria',
  securityCategory: 'media',
  resolution: 'Resolución DG 1',
  ...over,
});

type Post = (url: string, headers: Record<string, string>, body: object) => Promise<{ status: number; body: string }>;

/**
 * The national DG registers each establishment a test acts in (CLS-01), as an operator would before
 * the first admission: admissions into an establishment that was never registered are refused
 * (CLS-05). Already registered is fine; anything else stops the test's set-up.
 */
export async function registerEstablishments(post: Post, codes: readonly string[]): Promise<void> {
  for (const code of codes) {
    const res = await post('/api/v1/classification/establishments', bearer(['dg']), establishmentBody(code));
    if (res.status !== 201 && res.status !== 409) throw new Error(`registering establishment ${code} → ${res.status} ${res.body}`);
  }
}
