import type { HoursEntry, JeteeSession, Programme } from '@eron/shared';
import { bearer } from '@eron/shared/testing';
import { startDiscipline, type DisciplineWorld } from './support/discipline.world';
import { hours, orderOf, programmeOf } from './support/jetee.hours';
import { jeteeOf } from './support/jetee.routes';

describe('hours in programmes (DIS-22)', () => {
  let w: DisciplineWorld;
  let session: JeteeSession;
  const programmes: Record<string, Programme> = {};
  beforeAll(async () => {
    w = await startDiscipline();
    ({ session } = await jeteeOf(w, '113', '2025-05-30'));
    for (const kind of ['work', 'study', 'teaching'] as const) programmes[kind] = await programmeOf(w, kind);
  });
  afterAll(async () => w.close());
  const enrolled = async (kind: string) => {
    const nui = await w.admit();
    await orderOf(w, programmes[kind]!, nui, session);
    return nui;
  };

  // 2025-06-02 is a holiday (Ascensión, moved to Monday); 2025-06-08 a Sunday; 2025-06-03 a Tuesday.
  it.each([
    ['work within the cap', 'work', '2025-06-03', 8, false, 8, null],
    ['work past 8 a day', 'work', '2025-06-03', 10, false, 8, /máximo diario de 8/],
    ['study past 6 a day', 'study', '2025-06-03', 7, false, 6, /máximo diario de 6/],
    ['teaching past 4 a day', 'teaching', '2025-06-03', 5, false, 4, /máximo diario de 4/],
    ['a Sunday without authorisation', 'work', '2025-06-08', 6, false, 0, /Domingo o festivo/],
    ['a holiday without authorisation', 'study', '2025-06-02', 4, false, 0, /Domingo o festivo/],
    ['a Sunday with the Director’s written authorisation', 'work', '2025-06-08', 6, true, 6, null],
  ] as const)(
    'DIS-22 when %s then the hours are kept and the counted ones are as the caps say',
    async (_what, kind, date, h, authorised, counted, reason) => {
      const nui = await enrolled(kind);
      const body = {
        nui,
        date,
        hours: h,
        ...(authorised ? { authorisation: { reference: 'Autorización 17 de 2025', date: '2025-06-06' } } : {}),
      };
      const res = await hours(w, programmes[kind]!, body);
      expect(res.statusCode).toBe(201);
      const entry = res.json<HoursEntry>();
      expect(entry).toMatchObject({ hours: h, counted, excess: h - counted });
      if (reason) expect(entry.excessReason).toMatch(reason);
      else expect(entry.excessReason).toBeNull();
      const row = await w.db.selectFrom('programme_hours').selectAll().where('id', '=', entry.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ hours: h, counted });
    },
  );

  it('DIS-22 when a week of work passes 48 hours then the rest of the week is kept but not counted', async () => {
    const nui = await enrolled('work');
    const counted: number[] = [];
    // Monday 2025-06-09 to Saturday 06-14, 9 h a day: 8 count each day until the 48 of the week.
    for (const date of ['2025-06-09', '2025-06-10', '2025-06-11', '2025-06-12', '2025-06-13', '2025-06-14']) {
      counted.push((await hours(w, programmes.work!, { nui, date, hours: 9 })).json<HoursEntry>().counted);
    }
    expect(counted).toEqual([8, 8, 8, 8, 8, 8]);
    const sunday = await hours(w, programmes.work!, {
      nui,
      date: '2025-06-15',
      hours: 4,
      authorisation: { reference: 'A-1', date: '2025-06-13' },
    });
    expect(sunday.json<HoursEntry>()).toMatchObject({ counted: 0, excess: 4, excessReason: expect.stringMatching(/semanal de 48/) });
  });

  it('DIS-22 when hours are of a PPL not in the programme by JETEE order, or not held here, or not by its officer then 422', async () => {
    const stranger = await w.admit();
    const res = await hours(w, programmes.study!, { nui: stranger, date: '2025-06-03', hours: 4 });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'DIS-22' });
    // Before the JETEE's order (2025-05-30) nothing counts either.
    const nui = await enrolled('study');
    expect((await hours(w, programmes.study!, { nui, date: '2025-05-29', hours: 4 })).json()).toMatchObject({ rule: 'DIS-22' });
    expect(
      (await hours(w, programmes.study!, { nui, date: '2025-06-03', hours: 4 }, bearer(['guard_commander'], ['113']))).json(),
    ).toMatchObject({ rule: 'DIS-22' });
    await w.transfer(nui, '113', '114');
    const gone = await hours(w, programmes.study!, { nui, date: '2025-06-03', hours: 4 });
    expect(gone.statusCode).toBe(422);
    expect(gone.json()).toMatchObject({ rule: 'DIS-22' });
    expect(await w.db.selectFrom('programme_hours').selectAll().where('nui', 'in', [nui, stranger]).execute()).toEqual([]);
  });
});
