// Team scatter chart (ability × cognition, 1–5) with threshold lines, the four quadrant labels in zh or
// en and initials as point labels; rendered server-side to PNG for a lead's quadrant reply.
import type { TopLevelSpec } from 'vega-lite';
import type { Locale } from '../domain/types';
import { t } from '../i18n';
import { BASE_CONFIG, renderVegaLite, type PositionDef, type UnitLayer } from './render';

export interface QuadrantChartPoint {
  /** Short label drawn next to the point, e.g. initials. */
  label: string;
  ability: number;
  cognition: number;
}

export interface QuadrantChartInput {
  points: readonly QuadrantChartPoint[];
  threshold: { ability: number; cognition: number };
  locale: Locale;
  /** Optional title; defaults to the catalogue's chart title. */
  title?: string;
}

/** Output PNG is square: this many pixels wide and high. */
export const QUADRANT_CHART_PX = 1200;
const VIEW = 600; // Vega units; rendered at 2× for crisp text in Slack/Teams
const MIN = 1;
const MAX = 5;
/** The plot shows a little margin around 1–5 so points on the edge are not cut in half. */
const LO = 0.8;
const HI = 5.2;
/** Points closer than this (in score units) on both axes count as overlapping. */
const OVERLAP = 0.06;
const JITTER_RADIUS = 0.14;
/** Label distance from its point, in score units (150 px per unit at VIEW = 600). */
const LABEL_GAP = 0.12;

const QUADRANT_COLORS = {
  lead_goose: { fill: '#e8f5e9', point: '#2e7d32' },
  soul_forging: { fill: '#e3f2fd', point: '#1565c0' },
  base_strengthening: { fill: '#fff8e1', point: '#ef8f00' },
  tail_off: { fill: '#fbe9e7', point: '#c75b39' },
} as const;
type Region = keyof typeof QUADRANT_COLORS;

export interface PlacedPoint extends QuadrantChartPoint {
  /** Drawing position after jitter; `ability`/`cognition` keep the true scores. */
  x: number;
  y: number;
  /** Where the label's centre goes: above a lone point, radially outward for a jittered group. */
  labelX: number;
  labelY: number;
  region: Region;
}

function clamp(v: number): number {
  return Math.min(MAX, Math.max(MIN, v));
}

/**
 * Deterministic jitter: points whose scores (nearly) coincide are grouped, ordered by label, and spread
 * evenly on a small circle around the group's position, so the same team always draws the same picture.
 */
export function placePoints(
  points: readonly QuadrantChartPoint[],
  threshold: { ability: number; cognition: number },
): PlacedPoint[] {
  const sorted = [...points].sort((a, b) => a.ability - b.ability || a.cognition - b.cognition || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const groups: QuadrantChartPoint[][] = [];
  for (const p of sorted) {
    const group = groups.find(
      (g) => Math.abs(g[0].ability - p.ability) < OVERLAP && Math.abs(g[0].cognition - p.cognition) < OVERLAP,
    );
    if (group) group.push(p);
    else groups.push([p]);
  }
  return groups.flatMap((group) => {
    group.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    return group.map((p, i) => {
      // Start at 12 o'clock and go round; a single point stays where it is.
      const angle = (2 * Math.PI * i) / group.length + Math.PI / 2;
      const r = group.length > 1 ? JITTER_RADIUS : 0;
      const highA = p.ability >= threshold.ability;
      const highC = p.cognition >= threshold.cognition;
      const region: Region = highA ? (highC ? 'lead_goose' : 'soul_forging') : highC ? 'base_strengthening' : 'tail_off';
      const x = clamp(group[0].ability + r * Math.cos(angle));
      const y = clamp(group[0].cognition + r * Math.sin(angle));
      // Sideways labels need more room than vertical ones: text is wider than it is tall.
      const gap = group.length > 1 ? LABEL_GAP + 0.06 * Math.abs(Math.cos(angle)) : LABEL_GAP;
      let labelX = x + (group.length > 1 ? gap * Math.cos(angle) : 0);
      let labelY = y + (group.length > 1 ? gap * Math.sin(angle) : gap);
      // Keep labels inside the plot: flip below a point on the top edge, nudge in from the sides.
      if (labelY > HI - 0.06) labelY = y - gap;
      if (labelY < LO + 0.06) labelY = y + gap;
      labelX = Math.min(HI - 0.1, Math.max(LO + 0.1, labelX));
      return { ...p, x, y, labelX, labelY, region };
    });
  });
}

/** The Vega-Lite spec (exported so tests can inspect it without rendering). */
export function quadrantChartSpec(input: QuadrantChartInput): TopLevelSpec {
  const { locale } = input;
  const ta = clamp(input.threshold.ability);
  const tc = clamp(input.threshold.cognition);
  const pad = 0.06;
  // Each quadrant's rectangle and the corner where its name goes.
  const corners: Array<{ region: Region; x: number; x2: number; y: number; y2: number; lx: number; ly: number; align: 'left' | 'right'; baseline: 'top' | 'bottom' }> = [
    { region: 'lead_goose', x: ta, x2: HI, y: tc, y2: HI, lx: HI - pad, ly: HI - pad, align: 'right', baseline: 'top' },
    { region: 'soul_forging', x: ta, x2: HI, y: LO, y2: tc, lx: HI - pad, ly: LO + pad, align: 'right', baseline: 'bottom' },
    { region: 'base_strengthening', x: LO, x2: ta, y: tc, y2: HI, lx: LO + pad, ly: HI - pad, align: 'left', baseline: 'top' },
    { region: 'tail_off', x: LO, x2: ta, y: LO, y2: tc, lx: LO + pad, ly: LO + pad, align: 'left', baseline: 'bottom' },
  ];
  const regions = corners.map((r) => ({
    ...r,
    name: t(locale, `quadrant.name.${r.region}`),
    fill: QUADRANT_COLORS[r.region].fill,
  }));
  const points = placePoints(input.points, { ability: ta, cognition: tc }).map((p) => ({
    ...p,
    color: QUADRANT_COLORS[p.region].point,
  }));
  const scale = { domain: [LO, HI], nice: false, zero: false, clamp: true };
  const at = (field: string): PositionDef => ({ field, type: 'quantitative', scale });
  const x = at('x');
  const y = at('y');
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width: VIEW,
    height: VIEW,
    autosize: { type: 'fit', contains: 'padding' },
    padding: { left: 16, right: 24, top: 12, bottom: 12 },
    title: input.title ?? t(locale, 'chart.quadrant.title'),
    config: BASE_CONFIG,
    layer: [
      {
        data: { values: regions },
        mark: { type: 'rect', opacity: 1 },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale, title: t(locale, 'chart.quadrant.x'), axis: { values: [1, 2, 3, 4, 5], format: 'd' } },
          x2: { field: 'x2' },
          y: {
            field: 'y',
            type: 'quantitative',
            scale,
            // Horizontal title above the axis: rotated CJK text reads sideways.
            title: t(locale, 'chart.quadrant.y'),
            axis: { values: [1, 2, 3, 4, 5], format: 'd', titleAngle: 0, titleAlign: 'left', titleBaseline: 'bottom', titleX: -20, titleY: -16 },
          },
          y2: { field: 'y2' },
          color: { field: 'fill', type: 'nominal', scale: null },
        },
      },
      // One text layer per corner: align and baseline are mark properties, not encodings.
      ...regions.map((r): UnitLayer => ({
        data: { values: [r] },
        mark: { type: 'text', fontSize: 22, fontWeight: 'bold', opacity: 0.4, color: '#37474f', align: r.align, baseline: r.baseline },
        encoding: { x: at('lx'), y: at('ly'), text: { field: 'name' } },
      })),
      {
        data: { values: [{ ta, tc }] },
        mark: { type: 'rule', strokeDash: [6, 4], color: '#607d8b', strokeWidth: 1.5 },
        encoding: { x: at('ta') },
      },
      {
        data: { values: [{ ta, tc }] },
        mark: { type: 'rule', strokeDash: [6, 4], color: '#607d8b', strokeWidth: 1.5 },
        encoding: { y: at('tc') },
      },
      {
        data: { values: points },
        mark: { type: 'circle', size: 110, opacity: 0.95, stroke: 'white', strokeWidth: 1.5 },
        encoding: { x, y, color: { field: 'color', type: 'nominal', scale: null } },
      },
      {
        data: { values: points },
        mark: { type: 'text', baseline: 'middle', fontSize: 13, fontWeight: 'bold', color: '#263238' },
        encoding: { x: at('labelX'), y: at('labelY'), text: { field: 'label' } },
      },
    ],
  };
}

export async function renderQuadrantChart(input: QuadrantChartInput): Promise<Buffer> {
  return renderVegaLite(quadrantChartSpec(input), QUADRANT_CHART_PX);
}
