import type { OffenceCatalogue } from '@eron/shared';
import { bearer } from '@eron/shared/testing';
import { startDiscipline, type DisciplineWorld } from './support/discipline.world';

let w: DisciplineWorld;
beforeAll(async () => {
  w = await startDiscipline();
});
afterAll(async () => w.close());

const investigator = bearer(['investigator'], ['113']);
const catalogue = async (on?: string) => {
  const res = await w.app.inject({ method: 'GET', url: `/api/v1/discipline/offences${on ? `?on=${on}` : ''}`, headers: investigator });
  return res;
};

describe('the offence catalogue (DIS-01)', () => {
  it('DIS-01 when the catalogue is read today then it is Ley 65 Art. 121 as amended by Ley 1709 de 2014, each offence leve or grave with code and text', async () => {
    const res = await catalogue();
    expect(res.statusCode).toBe(200);
    const c = res.json<OffenceCatalogue>();
    expect(c).toMatchObject({ version: 'ley1709-2014', validFrom: '2014-01-20' });
    expect(c.source).toContain('Ley 1709 de 2014');
    expect(c.offences.filter((o) => o.severity === 'leve').length).toBeGreaterThan(0);
    expect(c.offences.filter((o) => o.severity === 'grave').length).toBeGreaterThan(0);
    for (const o of c.offences) expect(o.code).toMatch(o.severity === 'leve' ? /^L-\d\d$/ : /^G-\d\d$/);
    expect(c.offences.map((o) => o.code)).toContain('G-11');
  });

  it('DIS-01 when the catalogue is read on a date before Ley 1709 then the 1993 version is in force, without the conduct it added', async () => {
    const c = (await catalogue('2010-05-04')).json<OffenceCatalogue>();
    expect(c).toMatchObject({ version: 'ley65-1993', validFrom: '1993-08-19' });
    expect(c.offences.map((o) => o.code)).not.toContain('G-11');
  });

  it('DIS-01 when the catalogue is asked for a date before any law then 422 names DIS-01', async () => {
    const res = await catalogue('1990-01-01');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'DIS-01' });
  });
});

describe('a charge under the catalogue of the facts’ date (DIS-01, DIS-04)', () => {
  const report = (nui: string, over: object = {}) =>
    w.app.inject({
      method: 'POST',
      url: '/api/v1/discipline/cases',
      headers: bearer(['guard_commander'], ['113']),
      payload: {
        eron: '113',
        nui,
        offenceCode: 'G-11',
        factDate: '2020-03-02',
        place: 'Pabellón 2',
        facts: 'Se le halló un teléfono celular',
        reporter: 'Dragoneante Ruiz',
        evidence: ['Acta de incautación 44'],
        ...over,
      },
    });

  it('DIS-04 DIS-01 when facts are reported then the case starts, charged under the version in force on the facts’ date', async () => {
    const nui = await w.admit();
    const res = await report(nui);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ nui, status: 'reported', offence: { version: 'ley1709-2014', code: 'G-11', severity: 'grave' } });
  });

  it('DIS-01 when the conduct was not an offence in the catalogue in force on the facts’ date then 422 names DIS-01 and nothing is kept', async () => {
    const nui = await w.admit();
    const res = await report(nui, { factDate: '2012-06-01' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'DIS-01' });
    expect(await w.db.selectFrom('cases').selectAll().where('nui', '=', nui).execute()).toEqual([]);
  });
});
