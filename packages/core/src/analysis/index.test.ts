import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { peakWindows, rank, scorecard, targetTable } from './index';

describe('peak windows', () => {
  it('finds the morning and afternoon peaks of a typical day', () => {
    const hourly = [2, 1, 1, 1, 1, 2, 5, 20, 60, 95, 100, 70, 50, 60, 92, 96, 70, 50, 30, 20, 10, 6, 4, 3];
    expect(peakWindows(hourly).map((w) => [w.fromHour, w.toHour])).toEqual([
      [9, 11],
      [14, 16],
    ]);
    expect(peakWindows(new Array(24).fill(0))).toEqual([]);
  });
});

describe('ranking', () => {
  const agents = Array.from({ length: 10 }, (_, i) => ({ name: `a${i}`, sl: i === 9 ? null : i / 10 }));
  it('ranks best first with the top 10% and bottom 30%, ties sharing a rank, no-data rows last', () => {
    const ranked = rank(agents, (a) => a.sl, 'higher');
    expect(ranked.map((r) => r.item.name)).toEqual(['a8', 'a7', 'a6', 'a5', 'a4', 'a3', 'a2', 'a1', 'a0', 'a9']);
    expect(ranked.filter((r) => r.band === 'top').map((r) => r.item.name)).toEqual(['a8']);
    expect(ranked.filter((r) => r.band === 'bottom').map((r) => r.item.name)).toEqual(['a2', 'a1', 'a0']);
    expect(ranked.at(-1)).toMatchObject({ rank: null, band: null });
    const tied = rank([{ v: 5 }, { v: 5 }, { v: 3 }], (x) => x.v, 'lower');
    expect(tied.map((r) => r.rank)).toEqual([1, 2, 2]);
  });

  it('gives tied agents one rank and one band: seven equal figures are all 1st of 7 and all in the top band', () => {
    const ranked = rank(
      Array.from({ length: 7 }, (_, i) => ({ name: `a${i}`, transfers: 0 })),
      (a) => a.transfers,
      'lower',
    );
    expect(ranked.map((r) => [r.rank, r.band])).toEqual(new Array(7).fill([1, 'top']));
    // A ratio summed in another order differs in its last bits and is still a tie.
    expect(rank([{ v: 0.1 + 0.2 }, { v: 0.3 }, { v: 0.1 }], (x) => x.v, 'higher').map((r) => r.rank)).toEqual([1, 1, 3]);
  });

  it('never splits a tie or ranks a better figure into a worse band (any figures)', () => {
    const figures = fc.array(fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }), { maxLength: 30 });
    fc.assert(
      fc.property(figures, fc.constantFrom('higher' as const, 'lower' as const), (values, better) => {
        const ranked = rank(values, (v) => v, better).filter((r) => r.rank !== null);
        const order = { top: 0, middle: 1, bottom: 2 } as const;
        for (const a of ranked)
          for (const b of ranked) {
            if (a.value === b.value) expect([a.rank, a.band]).toEqual([b.rank, b.band]);
            const aBetter = better === 'higher' ? a.value! > b.value! : a.value! < b.value!;
            if (aBetter) expect(a.rank! < b.rank! && order[a.band!] <= order[b.band!]).toBe(true);
          }
        if (ranked.length > 1) expect(ranked.filter((r) => r.rank === 1).every((r) => r.band === 'top')).toBe(true);
      }),
    );
  });
});

describe('groups against the target', () => {
  it('says in Chinese and English how many met it and who is on a streak', () => {
    const table = targetTable(
      [
        { name: '一组', values: [0.85, 0.82, 0.81, 0.84] },
        { name: '二组', values: [0.7, 0.75, 0.78, 0.79] },
        { name: '三组', values: [0.9, 0.7, 0.85, 0.8] },
        { name: '四组', values: [null, null, null, null] },
      ],
      ['2026-01', '2026-02', '2026-03', '2026-04'],
      { target: 0.8, better: 'higher', metric: { zh: '服务水平', en: 'service level' } },
    );
    expect(table.rows[1]!.cells.map((c) => c.met)).toEqual([false, false, false, false]);
    expect(table.narrative.zh).toBe('2026-04：3 个组中有 2 个组服务水平达标；一组连续四个月达标；二组连续四个月未达标；三组连续两个月达标。');
    expect(table.narrative.en).toBe(
      '2026-04: 2 of 3 groups met the target for service level; 一组 met it four months running; 二组 missed it four months running; 三组 met it two months running.',
    );
  });

  it('judges lower-is-better metrics the other way', () => {
    const table = targetTable([{ name: 'A', values: [30, 50] }], ['W1', 'W2'], { target: 40, better: 'lower', metric: { zh: '平均应答速度', en: 'ASA' } });
    expect(table.rows[0]!.cells.map((c) => c.met)).toEqual([true, false]);
  });
});

describe('agent scorecard', () => {
  const metrics = [
    { id: 'averageHandleTime', better: 'lower' as const },
    { id: 'serviceLevel', better: 'higher' as const },
    { id: 'occupancy', better: 'higher' as const },
  ];
  const teamAgents = [
    { key: 'a1', metrics: { averageHandleTime: 200, serviceLevel: null, occupancy: 0.8 } },
    { key: 'a2', metrics: { averageHandleTime: 180, serviceLevel: null, occupancy: 0.9 } },
    { key: 'a3', metrics: { averageHandleTime: 240, serviceLevel: null, occupancy: null } },
  ];
  const card = (targets: Parameters<typeof scorecard>[0]['targets']) =>
    scorecard({
      agentId: 'a1',
      teamId: 't1',
      metrics,
      teamAgents,
      team: { averageHandleTime: 205, occupancy: 0.85 },
      center: { averageHandleTime: 210, serviceLevel: 0.8 },
      targets,
    });

  it('places the agent in the team and against team and center; a metric without data stays as no data', () => {
    const lines = card([]);
    expect(lines.map((l) => l.metricId)).toEqual(['averageHandleTime', 'serviceLevel', 'occupancy']);
    expect(lines[0]).toMatchObject({ value: 200, team: 205, center: 210, rank: 2, rankedOf: 3, target: null, met: null });
    expect(lines[1]).toMatchObject({ value: null, center: 0.8, rank: null, rankedOf: 0, band: null });
    expect(lines[2]).toMatchObject({ value: 0.8, rank: 2, rankedOf: 2, band: 'bottom' });
  });

  it('shows agents tied with the whole team as 1st of all, in the top band, never at once 1st and in the bottom 30%', () => {
    const team = Array.from({ length: 7 }, (_, i) => ({ key: `a${i + 1}`, metrics: { transferRate: 0 } }));
    for (const agent of team) {
      const [line] = scorecard({
        agentId: agent.key,
        teamId: 't1',
        metrics: [{ id: 'transferRate', better: 'lower' }],
        teamAgents: team,
        team: { transferRate: 0 },
        center: { transferRate: 0 },
        targets: [],
      });
      expect(line).toMatchObject({ rank: 1, rankedOf: 7, band: 'top' });
    }
  });

  it('takes the agent’s own target before the team’s and the center’s', () => {
    const center = { metricId: 'averageHandleTime', scope: 'center' as const, scopeId: '', target: 190 };
    const team = { metricId: 'averageHandleTime', scope: 'team' as const, scopeId: 't1', target: 210 };
    const own = { metricId: 'averageHandleTime', scope: 'agent' as const, scopeId: 'a1', target: 195 };
    const otherTeam = { metricId: 'averageHandleTime', scope: 'team' as const, scopeId: 't2', target: 300 };
    expect(card([center, otherTeam])[0]).toMatchObject({ target: 190, met: false });
    expect(card([center, team])[0]).toMatchObject({ target: 210, met: true });
    expect(card([center, team, own])[0]).toMatchObject({ target: 195, met: false });
  });
});
