import type { LightMyRequestResponse } from 'fastify';
import { addDays, bogotaToday, isRuleId, type Problem } from '@eron/shared';
import { bearer } from '@eron/shared/testing';
import { admissionRequest } from './admission.factory';
import { FULL_BOARD, startClassification, type ClassificationWorld } from './support/classification.world';
import { establishmentBody } from './support/establishments';

let w: ClassificationWorld;
beforeAll(async () => {
  w = await startClassification({ establishments: ['113'] });
});
afterAll(async () => w.close());

const dg = bearer(['dg']);
const director = bearer(['director'], ['113']);
const social = bearer(['social_worker'], ['113']);

/** Sends the same request twice: the first is accepted, the second is the conflict. */
async function twice(send: () => Promise<LightMyRequestResponse>): Promise<Problem> {
  const first = await send();
  expect([first.statusCode < 300, first.body]).toEqual([true, first.body]);
  const again = await send();
  expect(again.statusCode).toBe(409);
  expect(again.headers['content-type']).toContain('application/problem+json');
  return again.json<Problem>();
}

/*
 * Spec decision (PLT-04): a 409 is a broken rule like any other — it names the rule (`rule`) and the
 * article of the norm it comes from (`article`, e.g. "Art. 28"); `article` never holds a rule ID.
 * (The platform's own 409 for an Idempotency-Key still in flight names PLT-05, a platform rule with
 * no article of the regulation behind it.)
 */
describe('PLT-04 every classification conflict names its rule and article', () => {
  it('PLT-04 when a request clashes with what is recorded then the 409 carries the rule and the article of the norm, never a rule ID in it', async () => {
    const conflicts: Record<string, Problem> = {};
    conflicts.establishment = await twice(() => w.call('POST', '/establishments', dg, establishmentBody('120')));
    const unit = () =>
      w.call('POST', '/establishments/113/units', dg, {
        kind: 'patio',
        name: 'Patio Único',
        eligibility: { sexes: ['M', 'F'], legal: 'both', specialRegime: null },
        dgAuthorisation: 'Oficio DG 7',
      });
    conflicts.unit = await twice(unit);
    const unitId = (await w.app.db.selectFrom('units').select('id').where('name', '=', 'Patio Único').executeTakeFirstOrThrow()).id;
    conflicts.cell = await twice(() => w.call('POST', `/units/${unitId}/cells`, director, { code: 'U1', capacity: 4 }));
    const session = () => w.call('POST', '/establishments/113/board-sessions', director, { date: '2026-11-24', attendees: FULL_BOARD });
    conflicts.session = await twice(session);
    const sessionId = (await w.app.db.selectFrom('board_sessions').select('id').executeTakeFirstOrThrow()).id;

    const admit = async (over: object = {}, sex: 'M' | 'F' = 'M') => {
      const req = admissionRequest({ legalStatus: 'condenado', ...over });
      return w.call('POST', '/admissions', bearer(['gate_officer'], ['113']), { ...req, person: { ...req.person, sex } });
    };
    const cashAtIntake = { amount: 20_000, actaNumber: 'ACTA-113-2026-0900', searchDate: bogotaToday() };
    conflicts.acta = await twice(() => admit({ cashAtIntake }));
    const nui = (
      await w.app.db.selectFrom('admissions').select('nui').where('cash_acta', '=', cashAtIntake.actaNumber).executeTakeFirstOrThrow()
    ).nui;
    const signatures = { guardCommander: 'Pedro Sosa', custodyOfficer: 'Dragoneante Ruiz', paymaster: 'Luz Pérez' };
    conflicts.cash = await twice(() =>
      w.call('POST', `/ppl/${nui}/intake-cash/receipt`, bearer(['paymaster'], ['113']), {
        receivedOn: bogotaToday(),
        signatures,
        copyGivenToPpl: true,
      }),
    );
    const change = (await w.call('POST', `/ppl/${nui}/cell-change-requests`, social, { wanted: 'Otro patio', reason: 'Familia' })).json()
      .id;
    conflicts.cellChange = await twice(() =>
      w.call('POST', `/cell-change-requests/${change}/decision`, director, { sessionId, decision: 'denied', reasons: 'Sin cupo' }),
    );
    const mother = (await admit({}, 'F')).json().nui as string;
    const child = (
      await w.call('POST', `/ppl/${mother}/child-requests`, social, {
        child: { names: 'Niña', birthDate: addDays(bogotaToday(), -200) },
        statement: 'Que mi hija se quede conmigo',
      })
    ).json().id;
    conflicts.child = await twice(() =>
      w.call('POST', `/child-requests/${child}/decision`, director, { decision: 'denied', reasons: 'Concepto de riesgo' }),
    );

    expect(Object.fromEntries(Object.entries(conflicts).map(([what, p]) => [what, [p.status, p.rule, p.article]]))).toEqual({
      establishment: [409, 'CLS-01', 'Arts. 22–23'],
      unit: [409, 'CLS-02', 'Art. 20'],
      cell: [409, 'CLS-02', 'Art. 20 §1'],
      session: [409, 'CLS-11', 'Art. 30'],
      acta: [409, 'CLS-10', 'Art. 28'],
      cash: [409, 'CLS-10', 'Art. 28'],
      cellChange: [409, 'CLS-18', 'Art. 141.6'],
      child: [409, 'CLS-17', 'Art. 31'],
    });
    for (const p of Object.values(conflicts)) {
      expect(isRuleId(p.article!)).toBe(false);
      expect(p.article).toMatch(/^Arts?\. \d/);
    }
  });
});
