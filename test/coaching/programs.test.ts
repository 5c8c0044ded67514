// The four quadrant programmes load from prompts/programs with both locales and all four sections;
// malformed files fail with the file and the problem named.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getProgramme, loadProgrammes, parseProgramme, PROGRAMME_SECTIONS, ProgrammeFormatError } from '../../src/coaching/programs';
import { QUADRANTS } from '../../src/domain/quadrant';
import { t } from '../../src/i18n';

describe('programmes', () => {
  it('loads all four with zh and en titles, bodies and the four sections', () => {
    const all = loadProgrammes();
    expect([...all.keys()]).toEqual([...QUADRANTS]);
    for (const doc of all.values()) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const p = doc.locales[locale];
        expect(p.title).toBe(t(locale, `quadrant.program.${doc.id}`));
        expect(p.sections.map((s) => s.id)).toEqual([...PROGRAMME_SECTIONS]);
        for (const s of p.sections) expect(s.body.length).toBeGreaterThan(80);
        if (locale === 'zh-CN') expect(p.body).toMatch(/\p{Script=Han}/u);
      }
    }
  });

  it('gives the agent-facing title for tail_off as growth focus, and keeps the lead title', () => {
    const zh = getProgramme('tail_off', 'zh-CN');
    expect(zh.title).toBe('脱尾工程');
    expect(zh.agentTitle).toBe('成长聚焦计划');
    expect(getProgramme('tail_off', 'en').agentTitle).toBe('Growth focus');
    expect(getProgramme('lead_goose', 'zh-CN').body).toContain('看听赛诊');
    expect(getProgramme('base_strengthening', 'en').sections[1].body).toContain('1+1');
  });

  const good = (extra = '') =>
    `---\nid: lead_goose\ntitle_zh: 头雁工程\ntitle_en: Lead Goose\n${extra}---\n\n## zh-CN\n\n### 目标\na\n### 行动\nb\n### 说\nc\n### 衡量\nd\n\n## en\n\n### Goals\na\n### Actions\nb\n### Say\nc\n### Measure\nd\n`;

  it('parses a minimal file; agentTitle defaults to the title', () => {
    const doc = parseProgramme(good(), 'x.md');
    expect(doc.locales.en).toMatchObject({ id: 'lead_goose', title: 'Lead Goose', agentTitle: 'Lead Goose' });
    expect(doc.locales['zh-CN'].sections[3]).toEqual({ id: 'measures', heading: '衡量', body: 'd' });
  });

  it('rejects malformed files naming the problem', () => {
    expect(() => parseProgramme('# no front matter', 'x.md')).toThrow(/x.md: missing YAML front matter/);
    expect(() => parseProgramme(good().replace('id: lead_goose', 'id: eagle'), 'x.md')).toThrow(/front matter id/);
    expect(() => parseProgramme(good().replace('## en', '## fr'), 'x.md')).toThrow(/unknown language heading "## fr"/);
    expect(() => parseProgramme(good().replace('### Measure\nd\n', ''), 'x.md')).toThrow(ProgrammeFormatError);
    const dir = mkdtempSync(join(tmpdir(), 'programs-'));
    writeFileSync(join(dir, 'lead_goose.md'), good());
    writeFileSync(join(dir, 'soul_forging.md'), good());
    expect(() => loadProgrammes(dir)).toThrow(/soul_forging.md: front matter id "lead_goose" does not match/);
  });
});
