// Manual helper (not a test): renders the main Slack messages — built by the real engine on the demo
// team and the real SlackRenderer — as Slack-like HTML, and screenshots them with headless Chromium to
// docs/slack-preview-*.png. Needs `chromium` and a CJK font:  npx tsx test/channels/slack/render-preview.ts
// The HTML mimics Block Kit's look (header, mrkdwn sections, fields, context, buttons); it is a preview,
// the authoritative payloads are the Block Kit JSON the renderer emits (tests check it against limits).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SlackRenderer } from '../../../src/channels/slack/blocks';
import { shiftFixture } from '../../../src/app/data';
import { createEngine } from '../../../src/core/lingyanEngine';
import { registerLeadToolkit } from '../../../src/core/handlers/lead';
import { registerCoaching } from '../../../src/coaching/register';
import { silentLogger } from '../../../src/logger';
import { parseFixture } from '../../../src/store/fixture';
import { MemoryStore } from '../../../src/store/memory';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
// Slack mrkdwn → HTML: *bold*, _italic_, `code`, newlines.
const mrkdwn = (s: string) =>
  escape(s)
    .replace(/\*([^*\n]+)\*/g, '<b>$1</b>')
    .replace(/(^|\s)_([^_\n]+)_/g, '$1<i>$2</i>')
    .replace(/`([^`\n]+)`/g, '<code>$1</code>')
    .replace(/\n/g, '<br>');

type Block = { type: string; text?: { text: string }; fields?: Array<{ text: string }>; elements?: Array<{ type: string; text?: { text: string } | string; style?: string }> };

function blockHtml(block: Block): string {
  switch (block.type) {
    case 'header':
      return `<div class="header">${escape(block.text?.text ?? '')}</div>`;
    case 'section':
      return `<div class="section">${block.text ? `<div>${mrkdwn(block.text.text)}</div>` : ''}${
        block.fields ? `<div class="fields">${block.fields.map((f) => `<div>${mrkdwn(f.text)}</div>`).join('')}</div>` : ''
      }</div>`;
    case 'context':
      return `<div class="context">${(block.elements ?? []).map((e) => mrkdwn(typeof e.text === 'string' ? e.text : (e.text?.text ?? ''))).join(' ')}</div>`;
    case 'actions':
      return `<div class="actions">${(block.elements ?? [])
        .map((e) => `<span class="button ${e.style ?? ''}">${escape(typeof e.text === 'string' ? e.text : (e.text?.text ?? ''))}</span>`)
        .join('')}</div>`;
    case 'divider':
      return '<hr>';
    default:
      return '';
  }
}

function page(blocks: Block[]): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; padding: 20px; background: #fff; font: 15px/1.46 'Lato', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif; color: #1d1c1d; }
.msg { display: flex; gap: 10px; width: 640px; }
.avatar { width: 36px; height: 36px; border-radius: 6px; background: #2f6f4f; color: #fff; font-weight: 700; display: flex; align-items: center; justify-content: center; flex: none; }
.name { font-weight: 900; } .app { font-size: 10px; background: #e8e8e8; border-radius: 2px; padding: 0 3px; margin-left: 4px; color: #616061; }
.header { font-size: 18px; font-weight: 900; margin: 4px 0; }
.section { margin: 4px 0; } .fields { display: grid; grid-template-columns: 1fr 1fr; gap: 4px 16px; margin-top: 4px; }
.context { font-size: 12px; color: #616061; margin: 4px 0; }
.actions { margin: 8px 0; display: flex; gap: 8px; flex-wrap: wrap; }
.button { border: 1px solid #c7c7c7; border-radius: 4px; padding: 3px 12px; font-size: 13px; font-weight: 700; }
.button.primary { background: #007a5a; color: #fff; border-color: #007a5a; } .button.danger { color: #e01e5a; }
hr { border: none; border-top: 1px solid #ddd; } code { background: #f4f4f4; border: 1px solid #e0e0e0; padding: 0 2px; }
</style></head><body><div class="msg"><div class="avatar">雁</div><div><div><span class="name">领雁 Lingyan</span><span class="app">APP</span></div>
${blocks.map(blockHtml).join('\n')}</div></div></body></html>`;
}

function shoot(blocks: Block[], name: string, height: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'lingyan-slack-preview-'));
  const file = join(dir, 'message.html');
  writeFileSync(file, page(blocks));
  const out = join(root, `docs/${name}`);
  execFileSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--disable-background-networking', `--screenshot=${out}`, `--window-size=700,${height}`, `file://${file}`], { stdio: 'ignore' });
  process.stdout.write(`${out}\n`);
}

const demo = parseFixture(JSON.parse(readFileSync(join(root, 'fixtures/demo-team.json'), 'utf8')));
const store = new MemoryStore();
await store.seed('T', shiftFixture(demo, '2026-11', '2026-11'));
const engine = createEngine({ store });
registerLeadToolkit(engine);
registerCoaching(engine, { llm: null, logger: silentLogger });
const now = new Date('2026-11-25T09:00:00+08:00');
const ask = (user: string, text: string) =>
  engine.handle({ tenant: 'T', user: { platform: 'console', id: user }, text, now, isCommand: text.startsWith('/coach'), channel: { kind: 'console', shared: false, conversationId: 'D' } });
const renderer = new SlackRenderer();

const today = await ask('a1', '今天要打多少个电话');
shoot(renderer.render(today, { why: { kind: 'stored', key: 'preview' } }).blocks as Block[], 'slack-preview-calls-today.png', 420);
shoot(renderer.render(today, { expandWhy: true }).blocks as Block[], 'slack-preview-why.png', 900);
shoot(renderer.render(await ask('l1', '团队进度')).blocks as Block[], 'slack-preview-team.png', 520);
shoot(renderer.render(await ask('l1', '给早会出个辅导话题')).blocks as Block[], 'slack-preview-huddle.png', 1100);
