import { bearer } from '@eron/shared/testing';
import { cc, setDepositors } from './support/depositors';
import { startFolio, type FolioWorld } from './support/folio.world';

let w: FolioWorld;
beforeAll(async () => {
  w = await startFolio();
});
afterAll(async () => w.close());

const list = (nui: string, roles: Parameters<typeof bearer>[0] = ['paymaster'], erons = ['113']) =>
  w.app.inject({ method: 'GET', url: `/api/v1/folio/accounts/${nui}/depositors`, headers: bearer(roles, erons) });
const activeCount = async (nui: string) =>
  (await w.app.db.selectFrom('depositor_authorisations').select('id').where('nui', '=', nui).where('removed_by', 'is', null).execute())
    .length;

describe('FOL-05 authorised depositors', () => {
  it('FOL-05 when the paymaster registers depositors then the list shows masked documents, names only to managers, and full reads are audited', async () => {
    const nui = await w.admit();
    const res = await setDepositors(w.app, nui, [cc(10_205_678), cc(52_001_234)]);
    expect(res.statusCode).toBe(201);
    expect(res.json().depositors.map((d: { document: string }) => d.document)).toEqual(['CC ****5678', 'CC ****1234']);
    expect(res.body).not.toContain('10205678');
    expect(res.json().nextChangeFrom).toBeNull();

    const asAuditor = (await list(nui, ['auditor'])).json();
    expect(asAuditor.depositors[0]).toEqual({ id: expect.any(String), document: 'CC ****5678' });
    const asPaymaster = (await list(nui)).json();
    expect(asPaymaster.depositors[0]).toMatchObject({ givenNames: 'Nombre0', surnames: 'Apellido0' });

    const full = await w.app.inject({
      method: 'GET',
      url: `/api/v1/folio/accounts/${nui}/depositors/${asPaymaster.depositors[0].id}`,
      headers: bearer(['director'], ['113']),
    });
    expect(full.json()).toMatchObject({ document: { type: 'CC', number: '10205678' }, givenNames: 'Nombre0' });
    const reads = await w.app.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('entity_id', '=', asPaymaster.depositors[0].id)
      .execute();
    expect(reads).toEqual([{ action: 'read-depositor-identity', details: { nui } }]);
    const all = JSON.stringify(await w.app.db.selectFrom('audit_log').selectAll().execute());
    expect(all).not.toContain('10205678');
    const outbox = JSON.stringify(await w.app.db.selectFrom('outbox').selectAll().execute());
    expect(outbox).not.toContain('10205678');
  });

  it('FOL-05 when a 6th depositor is listed then 422 naming the rule and nothing changes', async () => {
    const nui = await w.admit();
    const res = await setDepositors(
      w.app,
      nui,
      [1, 2, 3, 4, 5, 6].map((i) => cc(30_000_000 + i)),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'FOL-05', article: 'Art. 40 §2' });
    expect(await activeCount(nui)).toBe(0);
  });

  it('FOL-05 when a person already authorised by 5 PPL is added for a 6th then 422 naming that person', async () => {
    const person = cc(41_555_777);
    for (let i = 0; i < 5; i += 1) {
      const nui = await w.admit();
      expect((await setDepositors(w.app, nui, [person])).statusCode).toBe(201);
    }
    const sixth = await w.admit();
    const res = await setDepositors(w.app, sixth, [cc(41_000_001), person]);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'FOL-05', errors: [{ field: '/depositors/1/document' }] });
    expect(await activeCount(sixth)).toBe(0);
  });

  it('FOL-05 when the list changes a second time within 12 months then 422 and the list stays as it was', async () => {
    const nui = await w.admit();
    expect((await setDepositors(w.app, nui, [cc(70_000_001)])).statusCode).toBe(201);
    const change = await setDepositors(w.app, nui, [cc(70_000_002), cc(70_000_003)]);
    expect(change.statusCode).toBe(201);
    expect(change.json().nextChangeFrom).toBeTruthy();
    const again = await setDepositors(w.app, nui, [cc(70_000_004)]);
    expect(again.statusCode).toBe(422);
    expect(again.json()).toMatchObject({ rule: 'FOL-05', type: expect.stringContaining('fol-05-change-interval') });
    expect((await list(nui)).json().depositors.map((d: { document: string }) => d.document)).toEqual(['CC ****0002', 'CC ****0003']);
    // Sending the list as it is is not a change.
    expect((await setDepositors(w.app, nui, [cc(70_000_002), cc(70_000_003)])).statusCode).toBe(200);
  });

  it('PLT-03 when the caller lacks the role, has no token or acts for another establishment then refused and nothing stored', async () => {
    const nui = await w.admit();
    const body = { depositors: [{ document: cc(80_000_001), givenNames: 'A', surnames: 'B' }] };
    const post = (headers: Record<string, string>) =>
      w.app.inject({ method: 'POST', url: `/api/v1/folio/accounts/${nui}/depositors`, headers, payload: body });
    expect((await post({})).statusCode).toBe(401);
    expect((await post(bearer(['shop_clerk'], ['113']))).statusCode).toBe(403);
    expect((await post(bearer(['paymaster'], ['114']))).statusCode).toBe(403);
    expect((await list(nui, ['shop_clerk'])).statusCode).toBe(403);
    expect((await list(nui, ['paymaster'], ['114'])).statusCode).toBe(403);
    expect(await activeCount(nui)).toBe(0);
  });

  it('PLT-04 when a document is invalid, a person repeats or a field is missing then 400 naming the field', async () => {
    const nui = await w.admit();
    const bad = await setDepositors(w.app, nui, [{ type: 'CC', number: '0123' }, cc(90_000_001), cc(90_000_001)]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['/depositors/0/document/number', '/depositors/2/document']);
    const missing = await w.app.inject({
      method: 'POST',
      url: `/api/v1/folio/accounts/${nui}/depositors`,
      headers: bearer(['paymaster'], ['113']),
      payload: { depositors: [{ document: cc(90_000_002), surnames: 'B', extra: 1 }] },
    });
    expect(missing.statusCode).toBe(400);
    expect(
      missing
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['/depositors/0/extra', '/depositors/0/givenNames']);
    expect((await list('12ab')).statusCode).toBe(400);
    expect((await setDepositors(w.app, '9999999999', [cc(90_000_003)])).statusCode).toBe(404);
    expect(await activeCount(nui)).toBe(0);
  });
});
