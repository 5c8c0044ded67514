// Shared chart pipeline: Vega-Lite spec → Vega view → SVG → PNG (resvg), with a bundled CJK font so
// Chinese renders on any server without system fonts.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';

/**
 * Noto Sans SC (Adobe/Google, OFL-1.1) as shipped by the npm package `@embedpdf/fonts-sc`: plain OTF
 * files that resvg can load, so production needs no OS font package. The package only exports its JS
 * entry, so the font directory is found next to it.
 */
function fontFiles(): string[] {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  return [join(dir, 'NotoSansHans-Regular.otf'), join(dir, 'NotoSansHans-Bold.otf')];
}

/** The family name inside those files; also used for every mark through the Vega config. */
export const CHART_FONT = 'Noto Sans S Chinese';

let cachedFonts: string[] | undefined;

/** Vega-Lite spec pieces, derived from the package's own types so chart modules need no casts. */
export type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];
export type UnitLayer = Extract<Layer, { mark: unknown }>;
export type Encoding = NonNullable<UnitLayer['encoding']>;
export type PositionDef = NonNullable<Encoding['x']>;

/** Vega config shared by all charts: our font everywhere, white background, quiet grid. */
export const BASE_CONFIG = {
  font: CHART_FONT,
  background: 'white',
  view: { stroke: '#cfd4da' },
  axis: { labelFontSize: 12, titleFontSize: 13, gridColor: '#eef0f2', domainColor: '#9aa3ad', tickColor: '#9aa3ad' },
  title: { fontSize: 17, anchor: 'start' as const, offset: 14 },
};

/** Compiles a Vega-Lite spec and renders it to SVG with no DOM or canvas (vega's headless mode). */
export async function toSvg(spec: TopLevelSpec): Promise<string> {
  // vega, vega-lite and resvg (~30 MB) load on the first chart, not at start-up.
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** SVG → PNG at `width` pixels (height keeps the aspect ratio). Off the main thread via resvg's async API. */
export async function svgToPng(svg: string, width: number): Promise<Buffer> {
  cachedFonts ??= fontFiles();
  const { renderAsync } = await import('@resvg/resvg-js');
  return renderAsync(svg, {
    font: {
      loadSystemFonts: false, // deterministic output whatever the host has installed
      fontFiles: cachedFonts,
      defaultFontFamily: CHART_FONT,
      sansSerifFamily: CHART_FONT,
    },
    fitTo: { mode: 'width', value: width },
    background: 'white',
  }).then((image) => image.asPng());
}

export async function renderVegaLite(spec: TopLevelSpec, width: number): Promise<Buffer> {
  return svgToPng(await toSvg(spec), width);
}

/** Width and height of a PNG from its IHDR chunk; null when the bytes are not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature) || png.toString('ascii', 12, 16) !== 'IHDR') return null;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
