// The Teams app package: manifest and zh-cn localization valid against the vendored official schemas,
// commands matching the router, icons of the right size (outline white on transparent), and the zip.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { buildManifest, packageTeams, TEAMS_DIR, validateManifest } from '../../../scripts/package-teams';
import { COMMAND_TITLES } from '../../../src/channels/teams/commandTitles';

const env = { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', BOT_DOMAIN: 'lingyan.example.com' };

interface Manifest {
  manifestVersion: string;
  id: string;
  bots: Array<{ botId: string; scopes: string[]; commandLists: Array<{ scopes: string[]; commands: Array<{ title: string }> }> }>;
  validDomains: string[];
}

describe('manifest/teams', () => {
  it('is valid against the official v1.24 schema once placeholders are substituted', () => {
    const { manifest, localization } = buildManifest(env);
    expect(validateManifest(manifest, localization)).toEqual([]);
    const m = manifest as unknown as Manifest;
    expect(m.manifestVersion).toBe('1.24');
    expect(m.id).toBe(env.MicrosoftAppId);
    expect(m.bots[0].botId).toBe(env.MicrosoftAppId);
    expect(m.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(m.validDomains).toContain('lingyan.example.com');
  });

  it('the validator reports schema violations', () => {
    const { manifest } = buildManifest(env);
    const broken = { ...(manifest as Record<string, unknown>), accentColor: 'blue', unknownField: 1 };
    const errors = validateManifest(broken as never);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('has at most 10 commands per scope, each a title the router knows (English and Chinese)', () => {
    const { manifest, localization } = buildManifest(env);
    const lists = (manifest as unknown as Manifest).bots[0].commandLists;
    expect(lists.map((l) => l.scopes)).toEqual([['personal'], ['team'], ['groupChat']]);
    for (const list of lists) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const command of list.commands) expect(COMMAND_TITLES.has(command.title)).toBe(true);
    }
    const zhTitles = Object.entries(localization as Record<string, string>)
      .filter(([key]) => key.endsWith('.title'))
      .map(([, value]) => value);
    expect(zhTitles.length).toBe(lists.reduce((n, l) => n + l.commands.length, 0));
    for (const title of zhTitles) expect(COMMAND_TITLES.has(title)).toBe(true);
    const personal = lists[0].commands.map((c) => c.title);
    expect(personal).toEqual(expect.arrayContaining(['today', 'plan', 'goal', 'log', 'progress', 'help']));
    expect(lists[1].commands.map((c) => c.title)).toEqual(expect.arrayContaining(['huddle', 'team', 'quadrant', 'mentors']));
  });

  it('refuses to package without a GUID bot id or a domain', () => {
    expect(() => buildManifest({ BOT_DOMAIN: 'x.example.com' })).toThrow(/MicrosoftAppId/);
    expect(() => buildManifest({ MicrosoftAppId: 'not-a-guid', BOT_DOMAIN: 'x.example.com' })).toThrow(/MicrosoftAppId/);
    expect(() => buildManifest({ MicrosoftAppId: env.MicrosoftAppId })).toThrow(/BOT_DOMAIN/);
  });

  it('icons: color 192×192 opaque; outline 32×32 white on transparent', () => {
    const color = PNG.sync.read(readFileSync(join(TEAMS_DIR, 'color.png')));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = PNG.sync.read(readFileSync(join(TEAMS_DIR, 'outline.png')));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let transparent = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = outline.data.subarray(i, i + 4);
      if (a > 0) expect([r, g, b]).toEqual([255, 255, 255]);
      else transparent++;
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.5);
  });

  it('packages a zip with the substituted manifest, localization and icons at the root', async () => {
    const out = await packageTeams(env, join(mkdtempSync(join(tmpdir(), 'lingyan-teams-')), 'lingyan-teams.zip'));
    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png', 'zh-cn.json']);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifest;
    expect(manifest.bots[0].botId).toBe(env.MicrosoftAppId);
    expect(JSON.stringify(manifest)).not.toContain('${{');
  });
});
