import { asobancariaFile } from '../../services/folio/test/support/asobancaria';
import { chosen, pick, type PersonPlan } from './country';
import { quietUntil } from './progress';
import type { Seed } from './seed.types';

/** The reference layout the seed's bank files use: the depositor's ID, then the NUI (FOL-05 checked from the file). */
export const SEED_REFERENCE_LAYOUT = 'depositorId:1:20,nui:21:28';

/** A person's authorised depositors (FOL-05): six in ten have one to three. */
export const depositorsOf = (p: PersonPlan): string[] =>
  chosen(p.index, 2, 0.6) ? Array.from({ length: 1 + pick(p.index, 2, 3) }, (_, k) => String(30_000_000 + p.index * 3 + k)) : [];

const PRODUCTS = [
  { sku: 'JABON-01', name: 'Jabón de baño', unitCost: 2000, price: 2200 },
  { sku: 'CREMA-01', name: 'Crema dental', unitCost: 3500, price: 3800 },
  { sku: 'PAPEL-04', name: 'Papel higiénico x4', unitCost: 5000, price: 5500 },
  { sku: 'GASEO-01', name: 'Gaseosa 400 ml', unitCost: 1800, price: 1980 },
];

/**
 * Folio opens each account on `ppl.admitted` and makes intake cash available on
 * `intake-cash.received`: the money phases wait until every one of those events is applied (who
 * has money to spend decides who buys, so a second run must find the same).
 */
export async function foliosOpen(seed: Seed): Promise<void> {
  const want = seed.nui.size;
  const receipts = await seed.world
    .db('classification')
    .selectFrom('intake_cash_receipts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  await quietUntil(seed, `${want} Folios opened by ppl.admitted, ${receipts.n} intake cash by intake-cash.received`, async () => {
    const db = seed.world.db('folio');
    const folios = await db
      .selectFrom('folios')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const cash = await db
      .selectFrom('inbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('type', '=', 'intake-cash.received')
      .executeTakeFirstOrThrow();
    return Number(folios.n) >= want && Number(cash.n) >= Number(receipts.n);
  });
}

/** FOL-05: the PPL's list of who may deposit, set once (a second list would be the year's one change). */
export async function seedDepositors(seed: Seed): Promise<void> {
  const listed = new Set(
    (await seed.world.db('folio').selectFrom('depositor_list_changes').select('nui').execute()).map((r: { nui: string }) => r.nui),
  );
  const todo = seed.persons.filter((p) => depositorsOf(p).length > 0 && !listed.has(seed.nui.get(p.index)!));
  await seed.each('authorised depositors', todo, async (p) => {
    await seed.world.call('folio', 'POST', `/api/v1/folio/accounts/${seed.nui.get(p.index)}/depositors`, {
      roles: ['paymaster'],
      erons: [p.eron],
      body: {
        depositors: depositorsOf(p).map((number, k) => ({
          document: { type: 'CC', number },
          givenNames: ['Marta', 'Pedro', 'Luz'][k]!,
          surnames: p.surnames,
        })),
      },
    });
  });
}

/**
 * FOL-06 (b): the bank's daily collection file for the whole country — one deposit from the first
 * depositor of each listed PPL who has had none — delivered by the bank's machine client (signed
 * with HMAC, as the bank does every day) and booked by folio's file job: each line credited,
 * owed back or held as the rules decide. A day takes one file (ASO-20: another file of the same
 * day is held for review), so a later run uses the latest day without one. (A file uploaded by
 * staff waits instead for a second officer's approval, which credits its lines one at a time: the
 * tests cover that path.)
 */
export async function seedDeposits(seed: Seed): Promise<void> {
  const db = seed.world.db('folio');
  const funded = new Set((await db.selectFrom('recaudo_deposits').select('nui').execute()).map((r: { nui: string }) => r.nui));
  const payments = seed.persons
    .filter((p) => depositorsOf(p).length > 0 && !funded.has(seed.nui.get(p.index)!))
    .map((p) => ({ nui: seed.nui.get(p.index)!, depositor: depositorsOf(p)[0], pesos: 20_000 * (1 + pick(p.index, 3, 10)) }));
  if (payments.length === 0) return;
  const used = new Set(
    (await db.selectFrom('recaudo_files').select('collection_date').execute()).map((r: { collection_date: unknown }) =>
      String(r.collection_date).slice(0, 10),
    ),
  );
  let day = seed.today;
  while (used.has(day)) day = new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const text = asobancariaFile({ collectionDate: day, lots: [payments], layout: 'depositor' });
  const office = { roles: ['info_systems' as const], national: true };
  const up = await seed.world.call('folio', 'POST', '/api/v1/folio/recaudo/bank-files', {
    roles: [],
    asBank: true,
    raw: { contentType: 'text/plain', payload: text },
  });
  // A file over RECAUDO_INLINE_CHECK_BYTES (a country of 100 000 is some 10 MB) is kept and checked
  // by the file job: 202 with the upload's id, which names the file once it is accepted.
  const id: string = up.status === 202 ? await acceptedFile(seed, up.body.id, office) : up.body.id;
  let last = -1;
  await quietUntil(seed, `the bank file of ${day} (${payments.length} deposits) processed`, async () => {
    const s = await seed.world.call('folio', 'GET', `/api/v1/folio/recaudo/files/${id}`, office);
    if (s.body.processed !== last && !seed.quiet) process.stderr.write(`  bank file: ${s.body.processed}/${s.body.total}\n`);
    last = s.body.processed;
    return s.body.status === 'done';
  });
}

/** The file an upload became once the file job checked it; a refused upload stops the seed with its errors. */
async function acceptedFile(seed: Seed, upload: string, office: { roles: 'info_systems'[]; national: boolean }): Promise<string> {
  const found = { fileId: '' };
  await quietUntil(seed, `the bank file's upload ${upload} checked`, async () => {
    const u = await seed.world.call('folio', 'GET', `/api/v1/folio/recaudo/uploads/${upload}`, office);
    if (u.body.status === 'refused') throw new Error(`the bank file was refused: ${JSON.stringify(u.body.errors).slice(0, 800)}`);
    found.fileId = u.body.fileId ?? '';
    return u.body.status === 'accepted';
  });
  return found.fileId;
}

/** FOL-09: each shop run by its establishment, with a price list; FOL-07/08: one purchase by half of those with money. */
export async function seedShops(seed: Seed): Promise<void> {
  const db = seed.world.db('folio');
  const products = new Map<string, string[]>();
  await seed.each('shops and products', seed.country.establishments, async (e) => {
    const director = { roles: ['director' as const], erons: [e.code] };
    await seed.world.call('folio', 'PUT', `/api/v1/folio/shops/${e.code}`, { ...director, body: { runBy: 'establishment' } });
    const have = await seed.world.call('folio', 'GET', `/api/v1/folio/shops/${e.code}/products`, director);
    const items: { id: string; sku: string }[] = have.body.items;
    const ids: string[] = [];
    for (const p of PRODUCTS) {
      const found = items.find((x) => x.sku === p.sku);
      ids.push(
        found
          ? found.id
          : (await seed.world.call('folio', 'POST', `/api/v1/folio/shops/${e.code}/products`, { ...director, body: p })).body.id,
      );
    }
    products.set(e.code, ids);
  });
  const bought = new Set((await db.selectFrom('spend_uses').select('nui').execute()).map((r: { nui: string }) => r.nui));
  // Those with money to spend: the available balance the deposits and intake cash left.
  const funded = await db
    .selectFrom('ledger_accounts')
    .select('nui')
    .where('kind', '=', 'ppl_available')
    .where('balance', '>=', 20_000)
    .execute();
  const able = new Set(funded.map((r: { nui: string }) => r.nui));
  const todo = seed.persons.filter(
    (p) => chosen(p.index, 4, 0.5) && able.has(seed.nui.get(p.index)!) && !bought.has(seed.nui.get(p.index)!),
  );
  await seed.each('shop purchases', todo, async (p) => {
    const nui = seed.nui.get(p.index)!;
    const ids = products.get(p.eron)!;
    await seed.world.call('folio', 'POST', '/api/v1/folio/purchases', {
      roles: ['shop_clerk'],
      erons: [p.eron],
      key: `seed-purchase-${nui}`,
      body: { nui, shop: p.eron, items: [{ productId: ids[p.index % ids.length], quantity: 1 + (p.index % 3) }] },
    });
  });
}
