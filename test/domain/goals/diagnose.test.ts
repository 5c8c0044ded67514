// Funnel diagnosis: agent/team ratios, the weakest stage under 0.9, what reaching the team saves, courses.
import { describe, expect, it } from 'vitest';
import { COURSES_BY_STAGE, diagnoseFunnel, type FunnelSample } from '../../../src/domain/goals/diagnose';

// Team: 100 calls/day, connect 0.4, close 0.05, avg 15 000, p2d 0.25
const team: FunnelSample = { calls: 2000, connects: 800, deals: 40, sales: 600000, prospects: 160, workdays: 20 };

describe('diagnoseFunnel', () => {
  it('finds a weak close rate and what fixing it saves', () => {
    // Agent: 75 calls/day (0.75), connect 0.4 (1), close 18/600 = 0.03 (0.6), avg 15 000 (1), p2d 18/90 = 0.2 (0.8)
    const agent: FunnelSample = { calls: 1500, connects: 600, deals: 18, sales: 270000, prospects: 90, workdays: 20 };
    const d = diagnoseFunnel({ agent, team, salesTarget: 450000 });
    expect(d.stages.map((s) => [s.stage, s.ratio === null ? null : Number(s.ratio.toFixed(6))])).toEqual([
      ['activity', 0.75],
      ['connectRate', 1],
      ['closeRate', 0.6],
      ['avgDealSize', 1],
      ['prospectToDeal', 0.8],
    ]);
    expect(d.stages[0].metric).toBe('callsPerWorkday');
    expect(d.focus).toBe('closeRate');
    // Own rates: deals 30, connects ceil(30/0.03) = 1000, calls ceil(1000/0.4) = 2500.
    // Team close: connects 30/0.05 = 600, calls 1500 → 1000 calls saved
    expect(d.callsSaved).toBe(1000);
    expect(d.extraCallsPerDay).toBeNull();
    expect(d.courses).toEqual(['objection-handling', 'customer-communication']);

    // Without a target, the agent's average month (one month here): 270 000 → deals 18, connects 600, calls 1500;
    // team close → connects 360, calls 900 → 600 saved. Over two months: 135 000 → 9, 300, 750 vs 180, 450 → 300.
    expect(diagnoseFunnel({ agent, team }).callsSaved).toBe(600);
    expect(diagnoseFunnel({ agent: { ...agent, months: 2 }, team }).callsSaved).toBe(300);
  });

  it('activity focus reports extra calls per day', () => {
    // 75 calls/day against 100: extra ceil(25) = 25; every rate equal to the team's
    const agent: FunnelSample = { calls: 1500, connects: 600, deals: 30, sales: 450000, prospects: 120, workdays: 20 };
    const d = diagnoseFunnel({ agent, team });
    expect(d.focus).toBe('activity');
    expect(d.extraCallsPerDay).toBe(25);
    expect(d.callsSaved).toBeNull();
    expect(d.courses).toEqual(['mindset', 'top-performer-sharing']);
  });

  it('connect-rate focus', () => {
    // 1500 calls / 15 days = 100/day (1); connect 480/1500 = 0.32 (0.8); close 24/480 = 0.05; avg 15 000; p2d 24/96 = 0.25
    const agent: FunnelSample = { calls: 1500, connects: 480, deals: 24, sales: 360000, prospects: 96, workdays: 15 };
    const d = diagnoseFunnel({ agent, team, salesTarget: 450000 });
    expect(d.focus).toBe('connectRate');
    // deals 30, connects 600; calls ceil(600/0.32) = 1875 vs 600/0.4 = 1500 → 375
    expect(d.callsSaved).toBe(375);
    expect(d.courses).toEqual(['efficient-communication']);
  });

  it('deal-size and prospect focus', () => {
    // avg 300 000/30 = 10 000 (0.667): deals ceil(450 000/10 000) = 45 → connects 900 → calls 2250;
    // at 15 000: deals 30 → 600 → 1500 → 750 saved
    const small: FunnelSample = { calls: 3000, connects: 1200, deals: 60, sales: 600000, prospects: 240, workdays: 30 };
    const d = diagnoseFunnel({ agent: small, team, salesTarget: 450000 });
    expect(d.focus).toBe('avgDealSize');
    expect(d.callsSaved).toBe(750);
    expect(d.courses).toEqual(['art-of-questioning']);

    // p2d 40/200 = 0.2 (0.8): prospects for 30 deals 150 vs 120 → 30 saved; calls unchanged
    const loose: FunnelSample = { calls: 2000, connects: 800, deals: 40, sales: 600000, prospects: 200, workdays: 20 };
    const p = diagnoseFunnel({ agent: loose, team, salesTarget: 450000 });
    expect(p.focus).toBe('prospectToDeal');
    expect(p.prospectsSaved).toBe(30);
    expect(p.callsSaved).toBe(0);
    expect(p.courses).toEqual(['customer-communication']);
  });

  it('no focus at or above 90 %, and none without team data', () => {
    const near: FunnelSample = { calls: 1800, connects: 720, deals: 36, sales: 540000, prospects: 144, workdays: 20 };
    // 90 calls/day = 0.9 exactly: not below 0.9
    expect(diagnoseFunnel({ agent: near, team }).focus).toBeNull();
    const none: FunnelSample = { calls: 0, connects: 0, deals: 0, sales: 0, prospects: 0, workdays: 0 };
    const d = diagnoseFunnel({ agent: near, team: none });
    expect(d.focus).toBeNull();
    expect(d.courses).toEqual([]);
    expect(d.stages.every((s) => s.ratio === null)).toBe(true);
  });

  it('equal ratios go to the earlier stage', () => {
    // activity 80/100 = 0.8 and connect 0.32/0.4 = 0.8: activity comes first in the funnel
    const agent: FunnelSample = { calls: 1600, connects: 512, deals: 25.6, sales: 384000, prospects: 102.4, workdays: 20 };
    expect(diagnoseFunnel({ agent, team }).focus).toBe('activity');
  });

  it('maps every stage to courses', () => {
    expect(Object.keys(COURSES_BY_STAGE).sort()).toEqual(['activity', 'avgDealSize', 'closeRate', 'connectRate', 'prospectToDeal']);
  });
});
