// Hand-computed quadrant cases: rating combination, incomplete rule, thresholds, blind spots, history.
import { describe, expect, it } from 'vitest';
import {
  DIMENSIONS,
  DIMENSION_INFO,
  classify,
  classifyTeam,
  combineRatings,
  quadrantHistory,
  quadrantOf,
} from '../../../src/domain/quadrant';
import { UserInputError } from '../../../src/errors';
import { assess, leadRated, uniform } from './helpers';

describe('dimension catalogue', () => {
  it('has 12 dimensions, 4 ability and 8 cognition, each with zh/en names and 1/3/5 anchors', () => {
    expect(DIMENSIONS).toHaveLength(12);
    expect(DIMENSIONS.filter((d) => DIMENSION_INFO[d].axis === 'ability')).toHaveLength(4);
    for (const d of DIMENSIONS) {
      const info = DIMENSION_INFO[d];
      for (const text of [info.name, info.anchors[1], info.anchors[3], info.anchors[5]]) {
        expect(text['zh-CN']).toMatch(/\p{Script=Han}/u);
        expect(text.en.length).toBeGreaterThan(3);
      }
    }
  });
});

describe('combineRatings / classify', () => {
  it('combines latest lead (0.6) and latest self (0.4) per dimension', () => {
    const assessments = [
      // Older lead assessment: superseded for professional_knowledge, still the latest for tool_use.
      assess('a1', 'lead-1', '2026-01-10', { professional_knowledge: 1, tool_use: 4 }),
      assess('a1', 'lead-1', '2026-03-01', {
        ...uniform(3, 3),
        professional_knowledge: 4,
        general_knowledge: 3.5,
        tool_use: undefined,
      }),
      // Self: general_knowledge 3.5, answering_skills 5, every cognition 4.
      assess('a1', 'a1', '2026-03-02', { ...uniform([3, 3.5, 5, 4], 4), professional_knowledge: 3, tool_use: undefined }),
      // Another agent's assessment is ignored.
      assess('b2', 'lead-1', '2026-03-05', uniform(1, 1)),
    ];
    const c = classify('a1', assessments, 3.5);
    // professional_knowledge: 0.6·4 + 0.4·3 = 3.6; general_knowledge: 0.6·3.5 + 0.4·3.5 = 3.5
    // answering_skills: 0.6·3 + 0.4·5 = 3.8; tool_use: lead only (older) = 4
    expect(c.scores).toMatchObject({ professional_knowledge: 3.6, general_knowledge: 3.5, answering_skills: 3.8, tool_use: 4 });
    expect(c.ratings.tool_use).toEqual({ lead: 4, combined: 4 });
    // ability = (3.6 + 3.5 + 3.8 + 4) / 4 = 3.725; each cognition 0.6·3 + 0.4·4 = 3.4
    expect(c.ability).toBe(3.725);
    expect(c.cognition).toBe(3.4);
    expect(c.quadrant).toBe('soul_forging');
    expect(c.strongest).toBe('tool_use');
    expect(c.weakest).toBe('occupational_identity'); // first of the eight tied 3.4s
    // answering_skills: self 5 − lead 3 = 2 ≥ 1.5
    expect(c.blindSpots).toEqual([{ dimension: 'answering_skills', self: 5, lead: 3, gap: 2 }]);
  });

  it('uses the single rating when only one of lead or self is present', () => {
    const c = classify('a1', [assess('a1', 'a1', '2026-03-01', uniform(4, 2))]);
    expect(c.ability).toBe(4);
    expect(c.cognition).toBe(2);
    expect(c.quadrant).toBe('soul_forging');
    expect(c.blindSpots).toEqual([]);
  });

  it('marks blind spots at exactly 1.5 in either direction, not at 1', () => {
    const p = combineRatings('a1', [
      assess('a1', 'lead-1', '2026-03-01', { professional_knowledge: 4.5, general_knowledge: 2, tool_use: 3 }),
      assess('a1', 'a1', '2026-03-01', { professional_knowledge: 3, general_knowledge: 3.5, tool_use: 4 }),
    ]);
    expect(p.blindSpots).toEqual([
      { dimension: 'professional_knowledge', self: 3, lead: 4.5, gap: -1.5 },
      { dimension: 'general_knowledge', self: 3.5, lead: 2, gap: 1.5 },
    ]);
  });

  it('is incomplete below 3 of 4 ability or 6 of 8 cognition dimensions', () => {
    const base = uniform(4, 4);
    const drop = (...dims: (keyof typeof base)[]) => {
      const s = { ...base };
      for (const d of dims) delete s[d];
      return [assess('a1', 'lead-1', '2026-03-01', s)];
    };
    expect(classify('a1', drop('tool_use')).quadrant).toBe('lead_goose'); // 3 of 4
    expect(classify('a1', drop('work_style', 'learning_ability')).quadrant).toBe('lead_goose'); // 6 of 8
    const twoAbility = classify('a1', drop('tool_use', 'answering_skills'));
    expect(twoAbility.quadrant).toBe('incomplete');
    expect(twoAbility.ability).toBe(4); // the mean is still reported
    expect(classify('a1', drop('work_style', 'learning_ability', 'logical_thinking')).quadrant).toBe('incomplete');
    const none = classify('nobody', []);
    expect(none).toMatchObject({ quadrant: 'incomplete', ability: null, cognition: null, strongest: null, weakest: null });
  });

  it('treats a score equal to the threshold as high on each axis', () => {
    expect(quadrantOf(3.5, 3.5, { ability: 3.5, cognition: 3.5 })).toBe('lead_goose');
    expect(quadrantOf(3.49, 3.5, { ability: 3.5, cognition: 3.5 })).toBe('base_strengthening');
    expect(quadrantOf(2, 2, { ability: 3.5, cognition: 3.5 })).toBe('tail_off');
    // 0.6·3.5 + 0.4·3.5 is 3.4999999… in floating point; rounding keeps it at 3.5 (high).
    const c = classify('a1', [assess('a1', 'lead-1', '2026-03-01', uniform(3.5, 3.5)), assess('a1', 'a1', '2026-03-01', uniform(3.5, 3.5))]);
    expect(c.quadrant).toBe('lead_goose');
  });

  it('rejects scores outside 1–5', () => {
    expect(() => classify('a1', [assess('a1', 'lead-1', '2026-03-01', { tool_use: 6 })])).toThrow(UserInputError);
    expect(() => classify('a1', [assess('a1', 'lead-1', '2026-03-01', { tool_use: 0.5 })])).toThrow(UserInputError);
  });
});

describe('classifyTeam', () => {
  const byAgent = {
    m1: leadRated('m1', 2, 4),
    m2: leadRated('m2', 3, 2),
    m3: leadRated('m3', 4, 2.5),
    m4: leadRated('m4', 4.5, 5),
    m5: leadRated('m5', 3.5, 3.25),
    // Incomplete (2 ability dims): excluded from the median despite extreme scores.
    m6: [assess('m6', 'lead-1', '2026-03-01', { professional_knowledge: 5, tool_use: 5 })],
  };
  const members = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'];

  it('uses the team median of each axis over complete members', () => {
    const { threshold, members: out } = classifyTeam({ quadrantThreshold: 'median' }, members, byAgent);
    // ability: 2, 3, 3.5, 4, 4.5 → 3.5; cognition: 2, 2.5, 3.25, 4, 5 → 3.25
    expect(threshold).toEqual({ ability: 3.5, cognition: 3.25 });
    expect(out.map((c) => [c.agent, c.quadrant])).toEqual([
      ['m1', 'base_strengthening'], // 2 < 3.5, 4 ≥ 3.25
      ['m2', 'tail_off'],
      ['m3', 'soul_forging'],
      ['m4', 'lead_goose'],
      ['m5', 'lead_goose'], // exactly on both medians
      ['m6', 'incomplete'],
      ['m7', 'incomplete'], // no assessments at all
    ]);
  });

  it('takes the mean of the two middle values for an even count', () => {
    const { threshold } = classifyTeam({ quadrantThreshold: 'median' }, ['m1', 'm2', 'm3', 'm4'], byAgent);
    // ability 2, 3, 4, 4.5 → 3.5; cognition 2, 2.5, 4, 5 → 3.25
    expect(threshold).toEqual({ ability: 3.5, cognition: 3.25 });
  });

  it('uses a fixed threshold as is, and the default 3.5 for a median with no complete member', () => {
    const fixed = classifyTeam({ quadrantThreshold: 3.5 }, members, byAgent);
    expect(fixed.members.find((c) => c.agent === 'm5')?.quadrant).toBe('soul_forging'); // 3.25 < 3.5
    expect(classifyTeam({ quadrantThreshold: 'median' }, ['m6'], byAgent).threshold).toEqual({ ability: 3.5, cognition: 3.5 });
  });
});

describe('quadrantHistory', () => {
  it('lists the quadrant per assessment date and the moves between them', () => {
    const assessments = [
      assess('a1', 'lead-1', '2026-01-05', { professional_knowledge: 3 }),
      assess('a1', 'lead-1', '2026-01-15', uniform(3, 3)),
      assess('a1', 'a1', '2026-02-15', uniform(5, 3)), // ability 0.6·3 + 0.4·5 = 3.8
      assess('a1', 'lead-1', '2026-03-15', uniform(3, 4)), // cognition 0.6·4 + 0.4·3 = 3.6
    ];
    const { points, moves } = quadrantHistory('a1', assessments, 3.5);
    expect(points.map((p) => [p.date, p.quadrant])).toEqual([
      ['2026-01-05', 'incomplete'],
      ['2026-01-15', 'tail_off'],
      ['2026-02-15', 'soul_forging'],
      ['2026-03-15', 'lead_goose'],
    ]);
    expect(points[3]).toMatchObject({ ability: 3.8, cognition: 3.6 });
    expect(moves).toEqual([
      { date: '2026-01-15', from: 'incomplete', to: 'tail_off' },
      { date: '2026-02-15', from: 'tail_off', to: 'soul_forging' },
      { date: '2026-03-15', from: 'soul_forging', to: 'lead_goose' },
    ]);
  });
});
