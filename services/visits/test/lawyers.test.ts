import { addDays, bogotaToday, type Lawyer, type LawyerVisit } from '@eron/shared';
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

const officer = bearer(['visits_officer'], ['113']);
const gate = bearer(['gate_officer'], ['113']);
let docSeq = 79_100_000 + Math.floor(Math.random() * 800_000);

const lawyerBody = (kind = 'professional_card') => ({
  names: 'Andrés Defensor Ruiz',
  document: { type: 'CC', number: String((docSeq += 1)) },
  credential: { kind, number: `TP-${docSeq}`, issuer: 'Consejo Superior de la Judicatura' },
});

async function lawyer(kind?: string): Promise<Lawyer> {
  const res = await call('POST', '/lawyers', officer, lawyerBody(kind));
  expect(res.statusCode).toBe(201);
  return res.json<Lawyer>();
}

async function booked(nui: string, lawyerId: string): Promise<LawyerVisit> {
  const res = await call('POST', '/lawyer-visits', officer, { nui, lawyerId, date: addDays(bogotaToday(), 1), startTime: '09:30' });
  expect(res.statusCode).toBe(201);
  return res.json<LawyerVisit>();
}

describe('lawyer visits (VIS-14)', () => {
  it('VIS-14 when a lawyer brings an ID with a professional card, provisional licence or clinic certificate then they are registered', async () => {
    for (const kind of ['professional_card', 'provisional_licence', 'clinic_certificate'])
      expect((await lawyer(kind)).credential.kind).toBe(kind);
    const noCredential = await call('POST', '/lawyers', officer, { names: 'Sin Tarjeta', document: { type: 'CC', number: '80123456' } });
    expect(noCredential.statusCode).toBe(400);
    const badId = await call('POST', '/lawyers', officer, { ...lawyerBody(), document: { type: 'CC', number: '0123' } });
    expect(badId.statusCode).toBe(422);
    expect(badId.json()).toMatchObject({ rule: 'VIS-14', article: 'Art. 64' });
  });

  it('VIS-14 when a lawyer visit is booked then it states it is never recorded or intercepted, and monitoring is refused with 422', async () => {
    const nui = await w.admit({ eron: '113' });
    const l = await lawyer();
    const visit = await booked(nui, l.id);
    expect(visit).toMatchObject({ recorded: false, intercepted: false, status: 'booked' });
    expect(visit.notice).toContain('Art. 61');
    for (const kind of ['audio', 'video', 'recording', 'interception']) {
      const res = await call('POST', `/lawyer-visits/${visit.id}/monitoring`, bearer(['info_systems'], ['113']), { kind });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ rule: 'VIS-14', article: 'Art. 61' });
    }
    const after = await call('GET', `/lawyer-visits/${visit.id}`, gate);
    expect(after.json()).toEqual(visit);
  });

  it('VIS-14 when the PPL has not authorised the lawyer in writing with fingerprint then the lawyer is not let in', async () => {
    const nui = await w.admit({ eron: '113' });
    const l = await lawyer();
    const visit = await booked(nui, l.id);
    const enter = () => call('POST', `/lawyer-visits/${visit.id}/entry`, gate, { documentShown: l.document });
    const refused = await enter();
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ rule: 'VIS-14' });
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual(['/authorisation']);

    const authorise = (fingerprint: boolean) =>
      call('POST', `/ppl/${nui}/lawyer-authorisations`, officer, {
        lawyerId: l.id,
        signedOn: bogotaToday(),
        documentRef: 'Poder firmado, folio 3',
        fingerprint,
      });
    const noPrint = await authorise(false);
    expect(noPrint.statusCode).toBe(422);
    expect(noPrint.json().rule).toBe('VIS-14');
    expect((await authorise(true)).statusCode).toBe(201);

    const wrongId = await call('POST', `/lawyer-visits/${visit.id}/entry`, gate, { documentShown: { type: 'CC', number: '1234567' } });
    expect(wrongId.statusCode).toBe(422);
    expect(wrongId.json().errors.map((e: { field: string }) => e.field)).toEqual(['/documentShown']);
    const entered = await enter();
    expect(entered.statusCode).toBe(200);
    expect(entered.json()).toMatchObject({ status: 'entered', recorded: false, intercepted: false });
  });
});
