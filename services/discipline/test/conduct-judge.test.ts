import type { JudgeReportList } from '@eron/shared';
import { systemActor } from '@eron/shared/platform';
import { bearer, eventually } from '@eron/shared/testing';
import { onIncentiveGranted, onSanctionFirm } from '../src/conduct/judge.use-cases';
import { runtime } from '../src/runtime';
import { startDiscipline, type DisciplineWorld } from './support/discipline.world';
import { insertFirmSanction } from './support/firm-sanctions';

const director = bearer(['director'], ['113']);
const DAY = 86_400_000;
const monthsBefore = (at: Date, months: number) => {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
};

/** What the cases capability does when a sanction becomes firm (not on this branch): calls conduct in a transaction. */
const becameFirm = (w: DisciplineWorld, sanctionId: string) =>
  runtime(w.app).system({ actor: systemActor('cases'), requestId: `firm-${sanctionId}` }, (ctx) => onSanctionFirm(ctx, sanctionId));

const reports = async (w: DisciplineWorld, nui: string) =>
  (await w.app.inject({ method: 'GET', url: `/api/v1/discipline/ppl/${nui}/judge-reports`, headers: director })).json<JudgeReportList>()
    .items;

const notificationsFor = async (w: DisciplineWorld, nui: string) =>
  (await w.published('notification.requested'))
    .filter((e) => e.payload.nui === nui)
    .map((e) => `${e.payload.recipient}:${e.payload.subject}`);

describe('DIS-14, DIS-15 reports to the supervising judge', () => {
  let w: DisciplineWorld;
  beforeAll(async () => {
    w = await startDiscipline();
  });
  afterAll(async () => w.close());

  const SECOND = new Date('2026-09-15T15:00:00Z');
  /** DIS-14 at the six-month boundary: the earlier sanction, and whether the second one makes a repeat offender. */
  const TABLE: { what: string; earlier: Date | null; repeat: boolean }[] = [
    { what: 'no earlier sanction', earlier: null, repeat: false },
    { what: 'one a month before', earlier: monthsBefore(SECOND, 1), repeat: true },
    { what: 'one six months less a day before', earlier: new Date(monthsBefore(SECOND, 6).getTime() + DAY), repeat: true },
    { what: 'one exactly six months before', earlier: monthsBefore(SECOND, 6), repeat: true },
    { what: 'one six months and a day before', earlier: new Date(monthsBefore(SECOND, 6).getTime() - DAY), repeat: false },
    { what: 'one a year before', earlier: monthsBefore(SECOND, 12), repeat: false },
  ];

  it.each(TABLE)(
    'DIS-14 when a second sanction becomes firm with $what, then the judge is told of a repeat offender: $repeat',
    async ({ earlier, repeat }) => {
      const nui = await w.admit();
      if (earlier) await becameFirm(w, await insertFirmSanction(w.db, { nui, severity: 'leve', firmAt: earlier }));
      await becameFirm(w, await insertFirmSanction(w.db, { nui, severity: 'grave', firmAt: SECOND }));
      const expected = [...(earlier ? ['judge:sanction-firm'] : []), 'judge:sanction-firm', ...(repeat ? ['judge:repeat-offender'] : [])];
      expect(await notificationsFor(w, nui)).toEqual(expected);
      expect((await reports(w, nui)).map((r) => r.subject)).toEqual(
        expected.map((e) => (e.endsWith('repeat-offender') ? 'repeat_offender' : 'sanction')),
      );
    },
  );

  it('DIS-14 when the PPL is under Justicia y Paz, then the tribunal is notified instead of the judge', async () => {
    const nui = await w.admit();
    await w.db.updateTable('ppl').set({ supervision: 'justicia_y_paz' }).where('nui', '=', nui).execute();
    await becameFirm(w, await insertFirmSanction(w.db, { nui, severity: 'leve', firmAt: monthsBefore(SECOND, 2) }));
    await becameFirm(w, await insertFirmSanction(w.db, { nui, severity: 'leve', firmAt: SECOND }));
    expect(await notificationsFor(w, nui)).toEqual([
      'justicia_y_paz_tribunal:sanction-firm',
      'justicia_y_paz_tribunal:sanction-firm',
      'justicia_y_paz_tribunal:repeat-offender',
    ]);
  });

  it('DIS-15 when a sanction becomes firm and an incentive is granted, then each is reported once to the judge and the record shows its delivery', async () => {
    const nui = await w.admit();
    const sanction = await insertFirmSanction(w.db, { nui, severity: 'leve', firmAt: SECOND });
    await becameFirm(w, sanction);
    await becameFirm(w, sanction); // told twice, reported once
    const incentive = '8f0e4a52-3c1d-4b7e-9a61-2d5c7b9e0f13';
    await runtime(w.app).system({ actor: systemActor('incentives'), requestId: 'incentive' }, (ctx) =>
      onIncentiveGranted(ctx, { id: incentive, nui, eron: '113' }),
    );
    expect(await notificationsFor(w, nui)).toEqual(['judge:sanction-firm', 'judge:incentive-granted']);
    const items = await eventually(
      async () => {
        const got = await reports(w, nui);
        return got.every((r) => r.delivery === 'sent') ? got : undefined;
      },
      15_000,
      'the reports handed to the notifier',
    );
    expect(items).toMatchObject([
      { subject: 'sanction', referenceId: sanction, recipient: 'judge', delivery: 'sent' },
      { subject: 'incentive', referenceId: incentive, recipient: 'judge', delivery: 'sent' },
    ]);
    expect(
      (await w.app.inject({ method: 'GET', url: `/api/v1/discipline/ppl/${nui}/judge-reports`, headers: bearer(['director'], ['114']) }))
        .statusCode,
    ).toBe(403);
  });
});
