// `npm run package:teams`: substitutes the ${{...}} placeholders of manifest/teams (bot id from MicrosoftAppId),
// validates the result against the vendored Teams schema and writes build/lingyan-teams.zip.
// `npm run package:teams -- --icons` redraws color.png (192×192) and outline.png (32×32, white on transparent).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import JSZip from 'jszip';
import { PNG } from 'pngjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const TEAMS_DIR = join(ROOT, 'manifest', 'teams');
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const DOMAIN = /^(\*\.)?([a-z0-9-]+\.)+[a-z]{2,}(:\d+)?$/i;

export interface PackageEnv {
  MicrosoftAppId?: string;
  TEAMS_APP_ID?: string;
  BOT_DOMAIN?: string;
  APP_VERSION?: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function readJson(path: string): Json {
  return JSON.parse(readFileSync(path, 'utf8')) as Json;
}

function substitute(value: Json, vars: Record<string, string>): Json {
  if (typeof value === 'string') {
    return value.replace(/\$\{\{(\w+)\}\}/g, (whole, name: string) => {
      if (!(name in vars)) throw new Error(`manifest placeholder ${whole} has no value`);
      return vars[name];
    });
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, vars));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, vars)]));
  }
  return value;
}

/** Placeholder values from the environment, with clear errors for missing or malformed ones. */
export function manifestVariables(env: PackageEnv): Record<string, string> {
  const botId = env.MicrosoftAppId?.trim() ?? '';
  if (!GUID.test(botId)) throw new Error('MicrosoftAppId must be set to the bot\'s Microsoft App ID (a GUID)');
  const appId = env.TEAMS_APP_ID?.trim() || botId;
  if (!GUID.test(appId)) throw new Error('TEAMS_APP_ID must be a GUID (leave it unset to reuse MicrosoftAppId)');
  const domain = env.BOT_DOMAIN?.trim() ?? '';
  if (!DOMAIN.test(domain)) {
    throw new Error('BOT_DOMAIN must be the public host name serving /api/messages, e.g. lingyan.example.com');
  }
  const pkg = readJson(join(ROOT, 'package.json')) as { version?: string };
  return { BOT_ID: botId, TEAMS_APP_ID: appId, BOT_DOMAIN: domain, APP_VERSION: env.APP_VERSION?.trim() || pkg.version || '1.0.0' };
}

/** The manifest and its zh-cn localization with placeholders substituted. */
export function buildManifest(env: PackageEnv): { manifest: Json; localization: Json } {
  const vars = manifestVariables(env);
  return {
    manifest: substitute(readJson(join(TEAMS_DIR, 'manifest.json')), vars),
    localization: substitute(readJson(join(TEAMS_DIR, 'zh-cn.json')), vars),
  };
}

/** Schema errors (empty when valid) against the vendored draft-04 Teams schemas. */
export function validateManifest(manifest: Json, localization?: Json): string[] {
  // The schema's patterns are not all valid under the `u` flag (e.g. `\b]`), so compile them as plain RegExps.
  const ajv = new AjvDraft04({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  const errors: string[] = [];
  const check = (schemaFile: string, data: Json, label: string) => {
    const validate = ajv.compile(readJson(join(TEAMS_DIR, 'schema', schemaFile)) as object);
    if (!validate(data)) {
      for (const e of validate.errors ?? []) errors.push(`${label}${e.instancePath || '/'} ${e.message ?? ''}`);
    }
  };
  check('MicrosoftTeams.v1.24.schema.json', manifest, 'manifest.json');
  if (localization !== undefined) check('MicrosoftTeams.Localization.v1.24.schema.json', localization, 'zh-cn.json');
  return errors;
}

/** Writes the app package zip (manifest, localization, icons at the root) and returns its path. */
export async function packageTeams(env: PackageEnv, outFile = join(ROOT, 'build', 'lingyan-teams.zip')): Promise<string> {
  const { manifest, localization } = buildManifest(env);
  const errors = validateManifest(manifest, localization);
  if (errors.length > 0) throw new Error(`manifest does not match the Teams schema:\n${errors.join('\n')}`);
  const zip = new JSZip();
  const fixedDate = new Date('2026-01-01T00:00:00Z');
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date: fixedDate });
  zip.file('zh-cn.json', `${JSON.stringify(localization, null, 2)}\n`, { date: fixedDate });
  for (const icon of ['color.png', 'outline.png']) zip.file(icon, readFileSync(join(TEAMS_DIR, icon)), { date: fixedDate });
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, bytes);
  return outFile;
}

// ---- icons: a lead-goose V formation (five geese on a chevron), anti-aliased by 4×4 supersampling ----

const GEESE: Array<[number, number, number]> = [
  [0.5, 0.3, 0.095],
  [0.34, 0.5, 0.07],
  [0.66, 0.5, 0.07],
  [0.18, 0.7, 0.06],
  [0.82, 0.7, 0.06],
];

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const tt = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + tt * dx), py - (ay + tt * dy));
}

/** Coverage (0..1) of the goose shape at unit coordinates; `stroke` is the chevron line's half-width. */
function inShape(x: number, y: number, stroke: number): boolean {
  if (GEESE.some(([cx, cy, r]) => Math.hypot(x - cx, y - cy) <= r)) return true;
  return distanceToSegment(x, y, 0.5, 0.3, 0.18, 0.7) <= stroke || distanceToSegment(x, y, 0.5, 0.3, 0.82, 0.7) <= stroke;
}

export function drawIcon(size: number, background: [number, number, number] | null, stroke: number): Buffer {
  const png = new PNG({ width: size, height: size });
  const samples = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          if (inShape((x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size, stroke)) hits++;
        }
      }
      const coverage = hits / (samples * samples);
      const i = (y * size + x) * 4;
      if (background) {
        // White goose over the accent colour, fully opaque.
        png.data[i] = Math.round(background[0] + (255 - background[0]) * coverage);
        png.data[i + 1] = Math.round(background[1] + (255 - background[1]) * coverage);
        png.data[i + 2] = Math.round(background[2] + (255 - background[2]) * coverage);
        png.data[i + 3] = 255;
      } else {
        // Outline icon: white only, shape in the alpha channel.
        png.data[i] = 255;
        png.data[i + 1] = 255;
        png.data[i + 2] = 255;
        png.data[i + 3] = Math.round(255 * coverage);
      }
    }
  }
  return PNG.sync.write(png);
}

export function writeIcons(dir = TEAMS_DIR): void {
  writeFileSync(join(dir, 'color.png'), drawIcon(192, [0x1f, 0x4e, 0x79], 0.022));
  writeFileSync(join(dir, 'outline.png'), drawIcon(32, null, 0.04));
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--icons')) {
    writeIcons();
    process.stdout.write(`icons written to ${TEAMS_DIR}\n`);
    return;
  }
  const out = await packageTeams(process.env);
  process.stdout.write(`${out}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`package:teams: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
