// Small month pace chart for Slack App Home: cumulative actual sales against the cumulative target
// per working day, rendered to PNG with the same Vega-Lite + resvg pipeline as the quadrant chart.
import type { TopLevelSpec } from 'vega-lite';
import type { Locale } from '../domain/types';
import { formatMoney, t } from '../i18n';
import { BASE_CONFIG, renderVegaLite, type PositionDef, type UnitLayer } from './render';

export interface PaceChartInput {
  /** One label per working day of the month, in order (e.g. "3/2"). */
  days: readonly string[];
  /**
   * The month target: a total (spread evenly over the working days) or the cumulative target per
   * working day (same length as `days`) when the plan is not linear.
   */
  target: number | readonly number[];
  /** Cumulative actual sales per elapsed working day; shorter than `days` mid-month. */
  actual: readonly number[];
  locale: Locale;
  title?: string;
}

/** Output PNG size in pixels (2× the Vega view, for crisp text). */
export const PACE_CHART_PX = { width: 960, height: 480 } as const;

const COLORS = { actual: '#1565c0', target: '#9aa3ad' };

interface Row {
  i: number;
  day: string;
  series: string;
  value: number;
}

export function paceChartSpec(input: PaceChartInput): TopLevelSpec {
  const { days, locale } = input;
  const n = days.length;
  const cumulativeTarget =
    typeof input.target === 'number'
      ? days.map((_, i) => ((input.target as number) * (i + 1)) / n)
      : [...input.target];
  if (cumulativeTarget.length !== n) throw new RangeError('paceChart: target per day must match days');
  const targetName = t(locale, 'chart.pace.target');
  const actualName = t(locale, 'chart.pace.actual');
  const rows: Row[] = [
    ...cumulativeTarget.map((value, i) => ({ i: i + 1, day: days[i], series: targetName, value })),
    ...input.actual.slice(0, n).map((value, i) => ({ i: i + 1, day: days[i], series: actualName, value })),
  ];
  const last = input.actual.length > 0 ? rows[rows.length - 1] : undefined;
  // Label about every fifth working day so a 23-day month stays legible at App Home size.
  const step = Math.max(1, Math.ceil(n / 6));
  const tickValues = days.map((_, i) => i + 1).filter((i) => i === 1 || i === n || (i - 1) % step === 0);
  const dayLabelExpr = `${JSON.stringify(days)}[datum.value - 1]`;
  const x: PositionDef = {
    field: 'i',
    type: 'quantitative',
    title: t(locale, 'chart.pace.x'),
    scale: { domain: [1, Math.max(2, n)], nice: false },
    axis: { values: tickValues, labelExpr: dayLabelExpr, grid: false },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width: 480,
    height: 240,
    autosize: { type: 'fit', contains: 'padding' },
    padding: { left: 8, right: 16, top: 8, bottom: 8 },
    title: input.title ?? t(locale, 'chart.pace.title'),
    config: { ...BASE_CONFIG, legend: { orient: 'top-left', labelFontSize: 12, symbolType: 'stroke', symbolStrokeWidth: 2.5, symbolSize: 300 } },
    data: { values: rows },
    layer: [
      {
        mark: { type: 'line', strokeWidth: 2.5 },
        encoding: {
          x,
          y: {
            field: 'value',
            type: 'quantitative',
            title: null,
            // Chinese readers count money in 万 (10,000); English in k/M.
            axis: {
              tickCount: 5,
              labelExpr:
                locale === 'zh-CN'
                  ? "datum.value == 0 ? '0' : format(datum.value / 10000, '~g') + '万'"
                  : "format(datum.value, '~s')",
            },
          },
          color: {
            field: 'series',
            type: 'nominal',
            title: null,
            scale: { domain: [actualName, targetName], range: [COLORS.actual, COLORS.target] },
          },
          strokeDash: {
            field: 'series',
            type: 'nominal',
            // Same field and domain as color, so Vega-Lite merges both into one legend.
            scale: { domain: [actualName, targetName], range: [[1, 0], [6, 4]] },
          },
        },
      },
      ...(last
        ? [
            <UnitLayer>{
              data: { values: [{ ...last, text: formatMoney(locale, last.value) }] },
              mark: { type: 'text', dx: 6, dy: -10, align: 'left', fontSize: 12, fontWeight: 'bold', color: COLORS.actual },
              encoding: { x, y: { field: 'value', type: 'quantitative' }, text: { field: 'text' } },
            },
          ]
        : []),
    ],
  };
}

export async function renderPaceChart(input: PaceChartInput): Promise<Buffer> {
  return renderVegaLite(paceChartSpec(input), PACE_CHART_PX.width);
}
