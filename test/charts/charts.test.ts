// Renders both charts to real PNGs (bundled CJK font) and checks size and layout helpers.
// UPDATE_CHART_DOCS=1 npx vitest run test/charts rewrites docs/quadrant-chart.png and docs/pace-chart.png.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderPaceChart, paceChartSpec, PACE_CHART_PX } from '../../src/charts/paceChart';
import { placePoints, quadrantChartSpec, renderQuadrantChart, QUADRANT_CHART_PX } from '../../src/charts/quadrantChart';
import { pngSize, toSvg } from '../../src/charts/render';

const team = [
  { label: '张伟', ability: 4.2, cognition: 4.4 },
  { label: 'LN', ability: 4.2, cognition: 4.4 },
  { label: 'WF', ability: 4.2, cognition: 4.4 },
  { label: '李娜', ability: 2.6, cognition: 4.1 },
  { label: 'ZQ', ability: 3.9, cognition: 2.8 },
  { label: 'HM', ability: 2.2, cognition: 2.5 },
  { label: 'CY', ability: 3.5, cognition: 3.5 },
  { label: 'XL', ability: 1.6, cognition: 4.6 },
];
const threshold = { ability: 3.5, cognition: 3.5 };

describe('quadrant chart', () => {
  it('renders a PNG of the expected size with zh labels', async () => {
    const png = await renderQuadrantChart({ points: team, threshold, locale: 'zh-CN' });
    expect(pngSize(png)).toEqual({ width: QUADRANT_CHART_PX, height: QUADRANT_CHART_PX });
    if (process.env.UPDATE_CHART_DOCS) writeFileSync('docs/quadrant-chart.png', png);
  });

  it('draws the four quadrant labels, axis titles and initials in the SVG', async () => {
    const zh = await toSvg(quadrantChartSpec({ points: team, threshold, locale: 'zh-CN' }));
    for (const text of ['头雁', '铸魂', '强基', '脱尾', '能力', '认知', '张伟', 'XL']) expect(zh).toContain(text);
    const en = await toSvg(quadrantChartSpec({ points: team, threshold, locale: 'en' }));
    for (const text of ['Lead goose', 'Soul forging', 'Base strengthening', 'Tail-off']) expect(en).toContain(text);
    const png = await renderQuadrantChart({ points: [], threshold: { ability: 3.2, cognition: 3.8 }, locale: 'en' });
    expect(pngSize(png)).toEqual({ width: QUADRANT_CHART_PX, height: QUADRANT_CHART_PX });
  });

  it('jitters overlapping points deterministically and leaves lone points in place', () => {
    const placed = placePoints(team, threshold);
    const again = placePoints([...team].reverse(), threshold);
    expect(again).toEqual(placed);
    const cluster = placed.filter((p) => p.ability === 4.2);
    expect(cluster).toHaveLength(3);
    for (const a of cluster) {
      expect(Math.hypot(a.x - 4.2, a.y - 4.4)).toBeCloseTo(0.14, 6);
      for (const b of cluster) if (a !== b) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(0.2);
    }
    const hm = placed.find((p) => p.label === 'HM');
    expect(hm).toMatchObject({ x: 2.2, y: 2.5, region: 'tail_off' });
    expect(placed.find((p) => p.label === 'CY')?.region).toBe('lead_goose'); // on the threshold = high
    // Every label stays inside the plotted area (0.8–5.2), even for points on the edges.
    const edge = placePoints([{ label: 'A', ability: 5, cognition: 5 }, { label: 'B', ability: 5, cognition: 5 }], threshold);
    for (const p of [...placed, ...edge]) {
      expect(p.labelY).toBeGreaterThanOrEqual(0.86);
      expect(p.labelY).toBeLessThanOrEqual(5.14);
      expect(p.labelX).toBeLessThanOrEqual(5.1);
    }
  });
});

describe('pace chart', () => {
  const days = Array.from({ length: 21 }, (_, i) => `3/${i + 2}`);
  const actual = [0, 8000, 15000, 15000, 26000, 33000, 41000, 44000, 52000, 61000, 66000, 70000, 79000];

  it('renders a PNG of the expected size', async () => {
    const png = await renderPaceChart({ days, target: 150000, actual, locale: 'zh-CN' });
    expect(pngSize(png)).toEqual(PACE_CHART_PX);
    if (process.env.UPDATE_CHART_DOCS) writeFileSync('docs/pace-chart.png', png);
    const en = await renderPaceChart({ days, target: 150000, actual: [], locale: 'en' });
    expect(pngSize(en)).toEqual(PACE_CHART_PX);
  });

  it('spreads a total target evenly and accepts a per-day cumulative target', async () => {
    const spec = paceChartSpec({ days: ['1', '2', '3', '4'], target: 100, actual: [30], locale: 'en' });
    const values = (spec as { data: { values: { series: string; value: number }[] } }).data.values;
    expect(values.filter((r) => r.series === 'Target').map((r) => r.value)).toEqual([25, 50, 75, 100]);
    expect(values.filter((r) => r.series === 'Actual').map((r) => r.value)).toEqual([30]);
    const svg = await toSvg(paceChartSpec({ days: ['1', '2'], target: [10, 40], actual: [5, 20], locale: 'zh-CN' }));
    expect(svg).toContain('目标');
    expect(() => paceChartSpec({ days: ['1', '2'], target: [10], actual: [], locale: 'en' })).toThrow(RangeError);
  });

  it('rejects bytes that are not a PNG', () => {
    expect(pngSize(Buffer.from('not a png at all, really not'))).toBeNull();
  });
});
