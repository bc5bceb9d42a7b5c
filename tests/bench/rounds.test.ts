import { alternate, fmt, markdownTable, median, orderOf, ratios, spread } from '../../bench/rounds';

describe('the benchmark method (issue 12)', () => {
  it('PLT-13 when two contenders run over rounds then the order alternates and each keeps its own results', async () => {
    const ran: string[] = [];
    const out = await alternate(
      4,
      { baseline: (r) => (ran.push(`B${r}`), r * 10), candidate: async (r) => (ran.push(`C${r}`), r) },
      () => undefined,
    );
    expect(ran).toEqual(['B0', 'C0', 'C1', 'B1', 'B2', 'C2', 'C3', 'B3']);
    expect(out).toEqual({ baseline: [0, 10, 20, 30], candidate: [0, 1, 2, 3] });
    expect(orderOf(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a']);
  });

  it('PLT-13 when figures vary over rounds then the median, min–max and round-by-round ratios are reported', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(fmt(spread([10, 30, 20]), 0, 'req/s')).toBe('20 (10–30) req/s');
    expect(fmt(spread([1.234]), 2)).toBe('1.23');
    const r = ratios([50, 60, 40], [100, 100, 100]);
    expect([r.median, r.min, r.max]).toEqual([0.5, 0.4, 0.6]);
    expect(markdownTable(['a', 'b'], [['x|y', 'z']])).toBe('| a | b |\n| --- | --- |\n| x\\|y | z |');
  });
});
