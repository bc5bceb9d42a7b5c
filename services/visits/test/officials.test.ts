import { addDays, bogotaToday, type OfficialVisit } from '@eron/shared';
import { bearer } from '@eron/shared/testing';
import { callOn, type Call } from './support/special.routes';
import { startVisits, type VisitsWorld } from './support/visits.world';

let w: VisitsWorld;
let call: Call;
beforeAll(async () => {
  w = await startVisits();
  call = callOn(w);
});
afterAll(async () => w.close());

const gate = bearer(['gate_officer'], ['113']);
const commander = bearer(['guard_commander'], ['113']);

/** A Bogotá wall-clock time (UTC−5 all year) as an instant. */
const bogota = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00-05:00`).toISOString();
const lastNight = () => bogota(addDays(bogotaToday(), -1), '23:00');
const inTwoDays = (hhmm = '10:00') => bogota(addDays(bogotaToday(), 2), hhmm);

const body = (over: object) => ({
  eron: '113',
  entity: 'Procuraduría Provincial de Bogotá',
  officials: [{ names: 'Laura Inspectora Díaz', document: { type: 'CC', number: '52987654' }, position: 'Procuradora judicial' }],
  purpose: 'Inspección a las condiciones de reclusión',
  ...over,
});

async function recorded(over: object, token = gate): Promise<OfficialVisit> {
  const res = await call('POST', '/official-visits', token, body(over));
  expect(res.statusCode).toBe(201);
  return res.json<OfficialVisit>();
}

const notificationsFor = async (eron: string) =>
  (await w.db.selectFrom('outbox').selectAll().where('type', '=', 'notification.requested').execute())
    .map((r) => r.envelope.payload as { recipient: string; subject: string; eron: string })
    .filter((p) => p.eron === eron && p.subject === 'night-inspection-place-not-entered');

describe('official visits (VIS-15)', () => {
  it('VIS-15 when a control body arrives at any hour, night included, then it is attended at once without booking', async () => {
    const now = await recorded({ kind: 'control_body', controlBody: 'defensoria', entity: 'Defensoría del Pueblo' });
    expect(now.status).toBe('attended');
    expect(now.attendedAt).toBe(now.arrivesAt);
    const night = await recorded({ kind: 'control_body', controlBody: 'procuraduria', arrivesAt: lastNight() });
    expect(night).toMatchObject({ status: 'attended', night: true, controlBody: 'procuraduria' });
  });

  it('VIS-15 when another kind of official comes unbooked, at night or without notice then 422 names VIS-15 with every gap', async () => {
    const ngo = await call('POST', '/official-visits', gate, body({ kind: 'human_rights_ngo', entity: 'Comité de Solidaridad' }));
    expect(ngo.statusCode).toBe(422);
    expect(ngo.json().rule).toBe('VIS-15');
    const night = await call('POST', '/official-visits', gate, body({ kind: 'consular', arrivesAt: inTwoDays('21:00') }));
    expect(night.json().errors).toHaveLength(1);
    const booked = await recorded({ kind: 'consular', entity: 'Consulado de México', arrivesAt: inTwoDays() });
    expect(booked).toMatchObject({ status: 'scheduled', attendedAt: null, night: false });
    const list = await call('GET', `/establishments/113/official-visits?date=${addDays(bogotaToday(), 2)}`, commander);
    expect(list.json().items.map((v: { id: string }) => v.id)).toContain(booked.id);
  });

  it('VIS-15 when a night inspection cannot enter a place for security reasons then it is recorded and reported to the regional director and the DG', async () => {
    const visit = await recorded({ kind: 'control_body', controlBody: 'personeria', arrivesAt: lastNight() });
    const res = await call('POST', `/official-visits/${visit.id}/blocked-places`, commander, {
      place: 'Pabellón de alta seguridad, pasillo 2',
      reason: 'Riña en curso: no se garantizaba la integridad de la comisión',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().notified).toEqual(['regional_director', 'dg']);
    expect((await notificationsFor('113')).map((n) => n.recipient).sort()).toEqual(['dg', 'regional_director']);
    const read = await call('GET', `/official-visits/${visit.id}`, bearer(['regional_director'], ['113']));
    expect(read.json().blockedPlaces).toHaveLength(1);

    const daytime = await recorded({ kind: 'consular', entity: 'Consulado de Chile', arrivesAt: inTwoDays() });
    const refused = await call('POST', `/official-visits/${daytime.id}/blocked-places`, commander, {
      place: 'Patio 1',
      reason: 'Seguridad',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ rule: 'VIS-15', article: 'Art. 75 §' });
    expect(await notificationsFor('113')).toHaveLength(2);
  });

  it('VIS-15 when the press asks to interview a PPL then Art. 81 asks the permission by legal status, the consent and the application', async () => {
    const press = (nui: string, over: object = {}) =>
      body({
        kind: 'press',
        entity: 'Diario El Tiempo',
        arrivesAt: inTwoDays(),
        press: {
          nui,
          consent: { signedOn: bogotaToday(), documentRef: 'Consentimiento escrito folio 1' },
          application: {
            filedOn: bogotaToday(),
            reference: 'Radicado Comunicaciones INPEC 456',
            mediumProof: 'Certificado del medio',
            journalistProof: 'Carné de periodista',
          },
          ...over,
        },
      });
    const pretrial = await w.admit({ eron: '113', legalStatus: 'imputado' });
    const bare = await call('POST', '/official-visits', gate, body({ kind: 'press', arrivesAt: inTwoDays(), press: { nui: pretrial } }));
    expect(bare.statusCode).toBe(422);
    expect(bare.json()).toMatchObject({ rule: 'VIS-15', article: 'Art. 81' });
    expect(bare.json().errors.map((e: { field: string }) => e.field)).toEqual([
      '/press/permission',
      '/press/consent',
      '/press/application',
    ]);
    const withJudge = await call(
      'POST',
      '/official-visits',
      gate,
      press(pretrial, { permission: { authority: 'judge', reference: 'Auto 55', issuedOn: bogotaToday() } }),
    );
    expect(withJudge.statusCode).toBe(201);
    expect(withJudge.json()).toMatchObject({ kind: 'press', nui: pretrial, pressAuthority: 'judge', status: 'scheduled' });

    const extradition = await w.admit({ eron: '113', legalStatus: 'extradicion' });
    const wrong = await call(
      'POST',
      '/official-visits',
      gate,
      press(extradition, { permission: { authority: 'judge', reference: 'Auto 56', issuedOn: bogotaToday() } }),
    );
    expect(wrong.json().errors.map((e: { field: string }) => e.field)).toEqual(['/press/permission']);
    const sentenced = await w.admit({ eron: '113', legalStatus: 'condenado' });
    const committee = await call('POST', '/official-visits', gate, press(sentenced, { specialRegime: 'high_security' }));
    expect(committee.json().errors.map((e: { field: string }) => e.field)).toEqual(['/press/permission']);
    const ordinary = await call('POST', '/official-visits', gate, press(sentenced));
    expect(ordinary.statusCode).toBe(201);
    expect(ordinary.json().pressAuthority).toBeNull();
  });
});
