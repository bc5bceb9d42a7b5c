import { chosen, type PersonPlan } from './country';
import { quietUntil } from './progress';
import type { Seed } from './seed.types';

const HOURS = { morning: { from: '08:00', to: '12:00' }, afternoon: { from: '13:00', to: '16:00' } };
/** Saturday for women visitors, Sunday for men (Art. 68.1): two visits a week, three persons each. */
const REGIME = {
  days: [
    { weekday: 6, visitors: 'F', ...HOURS },
    { weekday: 0, visitors: 'M', ...HOURS },
  ],
  visitsPerWeek: 2,
  personsPerVisit: 3,
  reason: 'Régimen de visitas de fin de semana',
};

/** A person's visitors (VIS-05): seven in ten have an adult woman on the list, one in three of those a man too. */
export function visitorsOf(p: PersonPlan): { document: string; gender: 'F' | 'M'; givenNames: string; birthDate: string }[] {
  if (!chosen(p.index, 5, 0.7)) return [];
  const out: ReturnType<typeof visitorsOf> = [
    { document: String(50_000_000 + p.index * 2), gender: 'F', givenNames: 'Marta', birthDate: '1972-03-02' },
  ];
  if (chosen(p.index, 6, 0.33))
    out.push({ document: String(50_000_001 + p.index * 2), gender: 'M', givenNames: 'José', birthDate: '1970-08-15' });
  return out;
}

/** The first Saturday strictly after `today` (bookings are for days to come). */
const nextSaturday = (today: string): string => {
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + ((6 - d.getUTCDay() + 7) % 7 || 7));
  return d.toISOString().slice(0, 10);
};

/** VIS-01 … VIS-03: each establishment's regime (proposed, approved by the DG), its units' sessions, a visiting area. */
export async function seedRegimes(seed: Seed): Promise<Map<string, string>> {
  const db = seed.world.db('visits');
  const want = seed.persons.filter((p) => seed.nui.has(p.index)).length;
  await quietUntil(seed, `visits to learn ${want} placements`, async () => {
    const r = await db
      .selectFrom('ppl')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('unit_id', 'is not', null)
      .executeTakeFirstOrThrow();
    return Number(r.n) >= want;
  });
  const approved = new Set(
    (await db.selectFrom('regimes').select('eron').where('status', '=', 'approved').execute()).map((r: { eron: string }) => r.eron),
  );
  const areas = new Map<string, string>();
  await seed.each('visit regimes, sessions, areas', seed.country.establishments, async (e) => {
    const director = { roles: ['director' as const], erons: [e.code] };
    if (!approved.has(e.code)) {
      const proposed = await seed.world.call('visits', 'POST', `/api/v1/visits/establishments/${e.code}/regime/proposals`, {
        ...director,
        body: REGIME,
      });
      await seed.world.call('visits', 'POST', `/api/v1/visits/regimes/${proposed.body.id}/decision`, {
        roles: ['dg'],
        body: { decision: 'approve' },
      });
    }
    const units = await db.selectFrom('units').select(['id', 'session']).where('eron', '=', e.code).orderBy('id').execute();
    for (const [i, u] of units.entries()) {
      if (u.session) continue;
      await seed.world.call('visits', 'PUT', `/api/v1/visits/establishments/${e.code}/units/${u.id}/session`, {
        ...director,
        body: { session: i % 2 === 0 ? 'morning' : 'afternoon' },
      });
    }
    const have = await db.selectFrom('areas').select('id').where('eron', '=', e.code).executeTakeFirst();
    const area =
      have?.id ??
      (
        await seed.world.call('visits', 'POST', `/api/v1/visits/establishments/${e.code}/areas`, {
          ...director,
          body: { name: 'Patio de visitas', capacity: 1000, forChildren: true },
        })
      ).body.id;
    areas.set(e.code, area);
  });
  return areas;
}

/** VIS-05: the visits office registers each visitor with their ID and lists them for the PPL; four in ten then book Saturday. */
export async function seedVisitors(seed: Seed, areas: Map<string, string>): Promise<void> {
  const db = seed.world.db('visits');
  const listed = new Set((await db.selectFrom('authorised_visitors').select('nui').execute()).map((r: { nui: string }) => r.nui));
  const todo = seed.persons.filter((p) => visitorsOf(p).length > 0 && !listed.has(seed.nui.get(p.index)!));
  await seed.each('visitors listed', todo, async (p) => {
    const nui = seed.nui.get(p.index)!;
    const officer = { roles: ['visits_officer' as const], erons: [p.eron] };
    for (const v of visitorsOf(p)) {
      const made = await seed.world.call('visits', 'POST', '/api/v1/visits/visitors', {
        ...officer,
        ok: [201, 409],
        body: {
          document: { type: 'CC', number: v.document },
          givenNames: v.givenNames,
          surnames: p.surnames,
          gender: v.gender,
          birthDate: v.birthDate,
        },
      });
      const id: string =
        made.status === 201
          ? made.body.id
          : (
              await db
                .selectFrom('visitor_identities')
                .select('visitor_id')
                .where('document_number', '=', v.document)
                .executeTakeFirstOrThrow()
            ).visitor_id;
      await seed.world.call('visits', 'PUT', `/api/v1/visits/ppl/${nui}/visitors/${id}`, {
        ...officer,
        body: { relationship: 'first_degree' },
      });
    }
  });
  const booked = new Set((await db.selectFrom('bookings').select('nui').execute()).map((r: { nui: string }) => r.nui));
  const saturday = nextSaturday(seed.today);
  const bookers = seed.persons.filter((p) => visitorsOf(p).length > 0 && chosen(p.index, 7, 0.4) && !booked.has(seed.nui.get(p.index)!));
  await seed.each('visit bookings', bookers, async (p) => {
    const nui = seed.nui.get(p.index)!;
    const woman = visitorsOf(p)[0]!.document;
    const { visitor_id } = await db
      .selectFrom('visitor_identities')
      .select('visitor_id')
      .where('document_number', '=', woman)
      .executeTakeFirstOrThrow();
    await seed.world.call('visits', 'POST', '/api/v1/visits/bookings', {
      roles: ['visits_officer'],
      erons: [p.eron],
      key: `seed-booking-${nui}`,
      body: { nui, date: saturday, areaId: areas.get(p.eron), visitorIds: [visitor_id] },
    });
  });
}

/** VIS-16: 498 VIVIF devices nationwide (three or four an establishment), their hours and a week of slots; a few bookings. */
export async function seedVivif(seed: Seed, devices: number): Promise<void> {
  const db = seed.world.db('visits');
  const from = seed.today;
  const to = new Date(Date.parse(`${from}T12:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  await seed.each(
    'VIVIF devices, hours, slots',
    seed.country.establishments,
    async (e) => {
      const director = { roles: ['director' as const], erons: [e.code] };
      const i = seed.country.establishments.indexOf(e);
      const want = Math.floor(devices / seed.country.establishments.length) + (i < devices % seed.country.establishments.length ? 1 : 0);
      const have = await db.selectFrom('vivif_devices').select('name').where('eron', '=', e.code).execute();
      const names = new Set(have.map((d: { name: string }) => d.name));
      for (let d = 1; d <= want; d += 1) {
        const name = `Sala VIVIF ${d}`;
        if (!names.has(name))
          await seed.world.call('visits', 'POST', `/api/v1/visits/vivif/establishments/${e.code}/devices`, { ...director, body: { name } });
      }
      const hours = await db.selectFrom('vivif_hours').select('eron').where('eron', '=', e.code).executeTakeFirst();
      if (!hours) {
        await seed.world.call('visits', 'PUT', `/api/v1/visits/vivif/establishments/${e.code}/hours`, {
          ...director,
          body: { weekdays: [1, 2, 3, 4, 5], opens: '08:00', closes: '12:00', slotMinutes: 30 },
        });
      }
      await seed.world.call('visits', 'POST', `/api/v1/visits/vivif/establishments/${e.code}/slots/generate`, {
        ...director,
        body: { from, to },
      });
    },
    4,
  );
}
