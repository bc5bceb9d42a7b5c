import { conflict, isRuleId, langFrom, notFound, ProblemError, problemType, ruleBroken } from '../src/problem';

const broken = () =>
  ruleBroken(
    'FOL-07',
    'Art. 40 Resolución 6349 de 2016',
    { es: 'El saldo no alcanza', en: 'The balance is not enough' },
    {
      errors: [
        { field: '/items/0/amount', message: { es: 'Monto mayor al saldo', en: 'Amount above balance' } },
        { field: '/items/1/amount', message: { es: 'Monto negativo', en: 'Negative amount' } },
      ],
    },
  );

describe('PLT-04 problem details', () => {
  it('when no Accept-Language is sent then the problem is written in Spanish', () => {
    const problem = broken().toProblem(langFrom(undefined));
    expect(problem).toEqual({
      type: 'https://eron.inpec.gov.co/problems/fol-07',
      title: 'Rule FOL-07 broken',
      status: 422,
      detail: 'El saldo no alcanza',
      rule: 'FOL-07',
      article: 'Art. 40 Resolución 6349 de 2016',
      errors: [
        { field: '/items/0/amount', message: 'Monto mayor al saldo' },
        { field: '/items/1/amount', message: 'Monto negativo' },
      ],
    });
  });

  it('when a problem answers a caller (4xx) then no stack is captured; a server problem (5xx) keeps its stack, and the limit is restored', () => {
    const frames = Error.stackTraceLimit;
    expect(
      broken()
        .stack?.split('\n')
        .filter((l) => l.trim().startsWith('at ')),
    ).toEqual([]);
    const server = new ProblemError({ status: 503, code: 'down', title: 'Down', detail: { es: 'Caído', en: 'Down' } });
    expect(server.stack).toContain('problem.test.ts');
    expect(Error.stackTraceLimit).toBe(frames);
  });

  it('when English is asked for then detail and every item error are in English', () => {
    const problem = broken().toProblem('en');
    expect(problem.detail).toBe('The balance is not enough');
    expect(problem.rule).toBe('FOL-07');
    expect(problem.article).toBe('Art. 40 Resolución 6349 de 2016');
    expect(problem.errors).toEqual([
      { field: '/items/0/amount', message: 'Amount above balance' },
      { field: '/items/1/amount', message: 'Negative amount' },
    ]);
  });

  it('when instance and requestId are given then they are carried into the problem', () => {
    const problem = broken().toProblem('es', '/v1/accounts/42', 'req-1');
    expect(problem.instance).toBe('/v1/accounts/42');
    expect(problem.requestId).toBe('req-1');
  });

  it('when optional parts are absent then the problem leaves their keys out', () => {
    const problem = notFound({ es: 'No existe la cuenta', en: 'No such account' }).toProblem('es');
    expect(problem).toEqual({
      type: problemType('not-found'),
      title: 'Not found',
      status: 404,
      detail: 'No existe la cuenta',
    });
    for (const key of ['instance', 'rule', 'article', 'errors', 'requestId']) expect(problem).not.toHaveProperty(key);
  });

  it('when ruleBroken gets a status and code then they override 422 and the rule-derived code', () => {
    const error = ruleBroken('CLS-03', 'Art. 12', { es: 'x', en: 'y' }, { status: 400, code: 'bad-document' });
    expect(error).toBeInstanceOf(ProblemError);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('y');
    expect(error.toProblem('es')).toMatchObject({ status: 400, type: problemType('bad-document'), rule: 'CLS-03' });
  });
});

describe('PLT-04 conflicts name the rule and the article', () => {
  it('PLT-04 when a 409 is raised with its rule and article then both are in the problem; without them (older callers) it still builds', () => {
    const reused = conflict('acta-reused', { es: 'Acta usada', en: 'Acta used' }, 'CLS-10', 'Art. 28').toProblem('es');
    expect(reused).toMatchObject({ status: 409, title: 'Conflict', type: problemType('acta-reused'), rule: 'CLS-10', article: 'Art. 28' });
    expect(conflict('x', { es: 'x', en: 'x' }, 'FOL-02').toProblem('es')).toMatchObject({ status: 409, rule: 'FOL-02' });
  });

  it('PLT-04 when an article would hold a rule ID then the problem refuses to be built, whichever kind it is', () => {
    expect(['CLS-10', 'FOL-07', 'PLT-05', ' VIS-8 '].every(isRuleId)).toBe(true);
    expect(['Art. 28', 'Arts. 171, 178', 'Art. 141 §', 'Ley 65 Art. 63'].some(isRuleId)).toBe(false);
    expect(() => conflict('x', { es: 'x', en: 'x' }, 'CLS-10', 'CLS-10')).toThrow(/rule ID/);
    expect(() => ruleBroken('CLS-10', 'CLS-10', { es: 'x', en: 'x' })).toThrow(/rule ID/);
  });
});

describe('PLT-04 language negotiation', () => {
  it.each([
    ['en-US,en;q=0.9', 'en'],
    ['en', 'en'],
    [' EN-GB ', 'en'],
    ['es-CO', 'es'],
    ['es-CO,en;q=0.8', 'es'],
    ['fr-FR', 'es'],
    ['', 'es'],
  ])('when Accept-Language is %p then the language is %s', (header, lang) => {
    expect(langFrom(header)).toBe(lang);
  });

  it('when Accept-Language is missing then the language is Spanish', () => {
    expect(langFrom(undefined)).toBe('es');
  });
});
