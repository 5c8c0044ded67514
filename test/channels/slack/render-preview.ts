// Manual helper (not a test): renders the main Slack messages — built by the real engine on the demo
// team and the real SlackRenderer — as Slack-like HTML, and screenshots them with headless Chromium to
// docs/slack-preview-*.png. Needs `chromium`, a CJK font (fonts-noto-cjk) and, for 👍/👎 and 🤖,
// fonts-noto-color-emoji:
//   npx tsx test/channels/slack/render-preview.ts            (every preview)
//   npx tsx test/channels/slack/render-preview.ts ai-answer nudge nudge-settings   (only those)
// The HTML mimics Block Kit's look (header, mrkdwn sections, fields, context, buttons, the context_actions
// feedback buttons, a modal with its inputs); it is a preview, the authoritative payloads are the Block Kit
// JSON the renderer emits (tests check it against limits; docs/slack-preview-*.json).
// Issue 23 previews:
// * ai-answer: an AI-written coach reply (the reply of test/channels/slack/ai-answers.test.ts) rendered by
//   SlackRenderer.renderParts with feedback, as posted; compared with docs/slack-preview-ai-answer.json.
// * nudge: the 09:00 morning nudge of 张伟 (a1) on the demo team, composed by composeNudge and delivered by the
//   real NudgeDelivery to the real SlackProactiveChannel, whose chat.postMessage is caught by a loopback
//   stand-in for slack.com (nothing leaves the machine); compared with the nudge in
//   docs/slack-preview-nudge-settings.json.
// * nudge-settings: buildSettingsModal with the values of test/nudges/settingsSlack.integration.test.ts.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Job } from 'bullmq';
import { PNG } from 'pngjs';
import { SlackRenderer } from '../../../src/channels/slack/blocks';
import { buildSettingsModal } from '../../../src/channels/slack/modals';
import { SlackProactiveChannel } from '../../../src/channels/slack/proactive';
import { silentLogger as slackSilentLogger } from '../../../src/channels/slack/types';
import { shiftFixture, startupFixture } from '../../../src/app/data';
import type { Reply } from '../../../src/core/reply';
import { createEngine } from '../../../src/core/lingyanEngine';
import { registerLeadToolkit } from '../../../src/core/handlers/lead';
import { registerCoaching } from '../../../src/coaching/register';
import { silentLogger } from '../../../src/logger';
import { composeNudge, MemoryDeliveryLedger, MemoryWorkspaceLimiter, NudgeDelivery, TipLibrary, type DeliverJobData } from '../../../src/nudges';
import { parseFixture } from '../../../src/store/fixture';
import { MemoryStore } from '../../../src/store/memory';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
// The few emoji codes Lingyan's messages use, as Slack shows them.
const EMOJI: Record<string, string> = { robot_face: '🤖', bulb: '💡', white_check_mark: '✅', warning: '⚠️', chart_with_upwards_trend: '📈' };
// Slack mrkdwn → HTML: <url|label> links, *bold*, _italic_, `code`, :emoji:, newlines.
const mrkdwn = (s: string) =>
  escape(s)
    .replace(/&lt;(https?:\/\/[^|\s]+?)\|([^\n]+?)&gt;/g, '<a href="$1">$2</a>')
    .replace(/&lt;(https?:\/\/[^\s]+?)&gt;/g, '<a href="$1">$1</a>')
    .replace(/\*([^*\n]+)\*/g, '<b>$1</b>')
    .replace(/(^|\s)_([^_\n]+)_/g, '$1<i>$2</i>')
    .replace(/`([^`\n]+)`/g, '<code>$1</code>')
    .replace(/:([a-z0-9_+-]+):/g, (all, code: string) => EMOJI[code] ?? all)
    .replace(/\n/g, '<br>');

type Text = { text: string };
type Option = { text: Text; value: string };
type Element = {
  type: string;
  text?: Text | string;
  style?: string;
  options?: Option[];
  initial_options?: Option[];
  initial_option?: Option;
  initial_time?: string;
  initial_date?: string;
  placeholder?: Text;
  positive_button?: { text: Text };
  negative_button?: { text: Text };
};
type Block = {
  type: string;
  text?: Text;
  fields?: Text[];
  elements?: Element[];
  label?: Text;
  hint?: Text;
  optional?: boolean;
  element?: Element;
};
type Modal = { title: Text; submit?: Text; close?: Text; blocks: Block[] };

const textOf = (t: Text | string | undefined) => (typeof t === 'string' ? t : (t?.text ?? ''));
const CLOCK = '<svg width="16" height="16" viewBox="0 0 16 16"><circle cx="8" cy="8" r="6.5" fill="none" stroke="#616061" stroke-width="1.5"/><path d="M8 4.5V8l2.5 1.5" fill="none" stroke="#616061" stroke-width="1.5"/></svg>';
const CALENDAR = '<svg width="16" height="16" viewBox="0 0 16 16"><rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="#616061" stroke-width="1.5"/><path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="#616061" stroke-width="1.5"/></svg>';

function elementHtml(e: Element): string {
  switch (e.type) {
    case 'button':
      return `<span class="button ${e.style ?? ''}">${escape(textOf(e.text))}</span>`;
    case 'feedback_buttons':
      // Slack draws these as small thumbs buttons under an AI answer; the label is the button's text.
      return `<span class="feedback"><span class="fb">👍 ${escape(textOf(e.positive_button?.text))}</span><span class="fb">👎 ${escape(textOf(e.negative_button?.text))}</span></span>`;
    case 'timepicker':
      return `<div class="picker">${CLOCK}<span>${escape(e.initial_time ?? '')}</span></div>`;
    case 'datepicker':
      return `<div class="picker">${CALENDAR}<span class="${e.initial_date ? '' : 'placeholder'}">${escape(e.initial_date ?? textOf(e.placeholder))}</span></div>`;
    case 'checkboxes': {
      const on = new Set((e.initial_options ?? []).map((o) => o.value));
      return `<div class="choices">${(e.options ?? []).map((o) => `<div class="choice"><span class="box ${on.has(o.value) ? 'on' : ''}"></span>${escape(o.text.text)}</div>`).join('')}</div>`;
    }
    case 'radio_buttons':
      return `<div class="choices">${(e.options ?? [])
        .map((o) => `<div class="choice"><span class="radio ${e.initial_option?.value === o.value ? 'on' : ''}"></span>${escape(o.text.text)}</div>`)
        .join('')}</div>`;
    default:
      return '';
  }
}

function blockHtml(block: Block): string {
  switch (block.type) {
    case 'header':
      return `<div class="header">${escape(block.text?.text ?? '')}</div>`;
    case 'section':
      return `<div class="section">${block.text ? `<div>${mrkdwn(block.text.text)}</div>` : ''}${
        block.fields ? `<div class="fields">${block.fields.map((f) => `<div>${mrkdwn(f.text)}</div>`).join('')}</div>` : ''
      }</div>`;
    case 'context':
      return `<div class="context">${(block.elements ?? []).map((e) => `<span>${mrkdwn(textOf(e.text))}</span>`).join('')}</div>`;
    case 'actions':
    case 'context_actions':
      return `<div class="${block.type === 'actions' ? 'actions' : 'context-actions'}">${(block.elements ?? []).map(elementHtml).join('')}</div>`;
    case 'input':
      return `<div class="input"><div class="label">${escape(block.label?.text ?? '')}${block.optional ? '<span class="optional">(可选)</span>' : ''}</div>${
        block.element ? elementHtml(block.element) : ''
      }${block.hint ? `<div class="hint">${escape(block.hint.text)}</div>` : ''}</div>`;
    case 'divider':
      return '<hr>';
    default:
      return `<div class="context">[${escape(block.type)} block not drawn by this preview]</div>`;
  }
}

const STYLE = `
body { margin: 0; padding: 20px; background: #fff; font: 15px/1.46 'Lato', 'Noto Sans CJK SC', 'Noto Sans SC', 'Noto Color Emoji', sans-serif; color: #1d1c1d; }
.msg { display: flex; gap: 10px; width: 640px; }
.avatar { width: 36px; height: 36px; border-radius: 6px; background: #2f6f4f; color: #fff; font-weight: 700; display: flex; align-items: center; justify-content: center; flex: none; }
.name { font-weight: 900; } .app { font-size: 10px; background: #e8e8e8; border-radius: 2px; padding: 0 3px; margin-left: 4px; color: #616061; }
.time { font-size: 12px; color: #616061; margin-left: 6px; }
.header { font-size: 18px; font-weight: 900; margin: 4px 0; }
.section { margin: 4px 0; } .fields { display: grid; grid-template-columns: 1fr 1fr; gap: 4px 16px; margin-top: 4px; }
.context { font-size: 12px; color: #616061; margin: 4px 0; display: flex; gap: 8px; flex-wrap: wrap; align-items: baseline; }
.context a, .section a { color: #1264a3; text-decoration: none; }
.actions { margin: 8px 0; display: flex; gap: 8px; flex-wrap: wrap; }
.context-actions { margin: 6px 0 2px; display: flex; gap: 6px; }
.button { border: 1px solid #c7c7c7; border-radius: 4px; padding: 3px 12px; font-size: 13px; font-weight: 700; }
.button.primary { background: #007a5a; color: #fff; border-color: #007a5a; } .button.danger { color: #e01e5a; }
.feedback { display: flex; gap: 4px; } .fb { border: 1px solid #dddddd; border-radius: 12px; padding: 1px 10px; font-size: 12px; color: #454245; background: #fff; }
hr { border: none; border-top: 1px solid #ddd; } code { background: #f4f4f4; border: 1px solid #e0e0e0; padding: 0 2px; }
/* modal */
body.modal-page { background: #9a9a9a; padding: 24px; }
.modal { width: 520px; background: #fff; border-radius: 8px; box-shadow: 0 4px 12px rgba(0,0,0,.3); overflow: hidden; }
.modal-title { display: flex; align-items: center; gap: 10px; padding: 16px 20px; border-bottom: 1px solid #ddd; font-size: 22px; font-weight: 900; }
.modal-title .avatar { width: 28px; height: 28px; font-size: 14px; }
.modal-title .x { margin-left: auto; color: #616061; font-weight: 400; font-size: 22px; }
.modal-body { padding: 8px 24px 16px; }
.modal-foot { display: flex; justify-content: flex-end; gap: 12px; padding: 16px 24px; border-top: 1px solid #ddd; }
.modal-foot .button { padding: 6px 16px; font-size: 15px; }
.input { margin: 16px 0; } .label { font-weight: 700; margin-bottom: 6px; } .optional { color: #616061; font-weight: 400; margin-left: 4px; }
.hint { font-size: 13px; color: #616061; margin-top: 4px; }
.picker { display: inline-flex; align-items: center; gap: 8px; border: 1px solid #bbbabb; border-radius: 4px; padding: 6px 12px; min-width: 140px; }
.placeholder { color: #868686; }
.choices { display: flex; flex-direction: column; gap: 6px; }
.choice { display: flex; align-items: center; gap: 8px; }
.box { width: 14px; height: 14px; border: 1px solid #868686; border-radius: 3px; display: inline-block; position: relative; }
.box.on { background: #1264a3; border-color: #1264a3; }
.box.on::after { content: ''; position: absolute; left: 4px; top: 1px; width: 4px; height: 8px; border: solid #fff; border-width: 0 2px 2px 0; transform: rotate(45deg); }
.radio { width: 14px; height: 14px; border: 1px solid #868686; border-radius: 50%; display: inline-block; box-sizing: border-box; }
.radio.on { border: 5px solid #1264a3; }
`;

function page(blocks: Block[]): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body><div class="msg"><div class="avatar">雁</div><div>
<div><span class="name">领雁 Lingyan</span><span class="app">APP</span><span class="time">09:00</span></div>
${blocks.map(blockHtml).join('\n')}</div></div></body></html>`;
}

function modalPage(modal: Modal): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body class="modal-page"><div class="modal">
<div class="modal-title"><div class="avatar">雁</div><span>${escape(modal.title.text)}</span><span class="x">✕</span></div>
<div class="modal-body">${modal.blocks.map(blockHtml).join('\n')}</div>
<div class="modal-foot">${modal.close ? `<span class="button">${escape(modal.close.text)}</span>` : ''}${modal.submit ? `<span class="button primary">${escape(modal.submit.text)}</span>` : ''}</div>
</div></body></html>`;
}

/** Cuts the rows of the page's background colour off the bottom of the screenshot (keeps `margin` of them). */
function cropBottom(file: string, margin = 20): void {
  const png = PNG.sync.read(readFileSync(file));
  const { width, height, data } = png;
  const bg = data.readUInt32BE(((height - 1) * width) * 4);
  let last = height - 1;
  for (; last > 0; last--) {
    let blank = true;
    for (let x = 0; x < width && blank; x++) blank = data.readUInt32BE((last * width + x) * 4) === bg;
    if (!blank) break;
  }
  const keep = Math.min(height, last + 1 + margin);
  if (keep === height) {
    process.stderr.write(`${file}: the content reaches the bottom of the window, make it taller\n`);
    return;
  }
  const out = new PNG({ width, height: keep });
  data.copy(out.data, 0, 0, keep * width * 4);
  writeFileSync(file, PNG.sync.write(out));
}

function shootHtml(html: string, name: string, width = 700, height = 1600): void {
  const dir = mkdtempSync(join(tmpdir(), 'lingyan-slack-preview-'));
  const file = join(dir, 'message.html');
  writeFileSync(file, html);
  const out = join(root, `docs/${name}`);
  // Offline, throwaway profile: this must work with no network and leave nothing behind.
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  execFileSync('chromium', [...flags, `--user-data-dir=${join(dir, 'profile')}`, '--hide-scrollbars', `--screenshot=${out}`, `--window-size=${width},${height}`, `file://${file}`], {
    stdio: 'ignore',
    timeout: 60_000,
  });
  rmSync(dir, { recursive: true, force: true });
  cropBottom(out);
  process.stdout.write(`${out}\n`);
}

const shoot = (blocks: Block[], name: string) => shootHtml(page(blocks), name);

/** Warns when a rendered payload no longer matches the JSON preview the tests wrote (then one of them is stale). */
function compare(what: string, rendered: unknown, file: string, pick: (json: Record<string, unknown>) => unknown): void {
  const path = join(root, file);
  if (!existsSync(path)) return;
  const stored = pick(JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>);
  const same = JSON.stringify(rendered) === JSON.stringify(stored);
  process.stdout.write(same ? `  ${what}: same blocks as ${file}\n` : `  ${what}: DIFFERS from ${file} (one of them is stale)\n`);
}

// ---- The earlier previews: engine replies on the demo team (November 2026). ----------------------------
async function engineReplies(): Promise<(user: string, text: string) => Promise<Reply>> {
  const demo = parseFixture(JSON.parse(readFileSync(join(root, 'fixtures/demo-team.json'), 'utf8')));
  const store = new MemoryStore();
  await store.seed('T', shiftFixture(demo, '2026-11', '2026-11'));
  const engine = createEngine({ store });
  registerLeadToolkit(engine);
  registerCoaching(engine, { llm: null, logger: silentLogger });
  const now = new Date('2026-11-25T09:00:00+08:00');
  return (user: string, text: string) =>
    engine.handle({ tenant: 'T', user: { platform: 'console', id: user }, text, now, isCommand: text.startsWith('/coach'), channel: { kind: 'console', shared: false, conversationId: 'D' } });
}

// ---- Issue 23: the AI answer. ------------------------------------------------------------------------
/** The AI-written coach reply of test/channels/slack/ai-answers.test.ts (what an LLM answer with one citation looks like). */
function coachReply(): Reply {
  return {
    intent: 'coach',
    locale: 'zh-CN',
    title: '领雁教练',
    text: '先认同客户的顾虑,再说明利率的构成。[1]\n\n参考课程:\n[1] 《异议处理》· 利率异议',
    data: { offline: false, citations: [{ course: 'objections', section: '利率异议' }] },
    citations: [{ n: 1, title: '异议处理', url: 'https://learn.example.com/objections#rate', section: '利率异议' }],
  };
}

// ---- Issue 23: the morning nudge, through the real delivery and Slack channel. --------------------------
const NUDGE_NOW = new Date('2026-03-04T09:00:00+08:00');
const NUDGE_DAY = '2026-03-04';

/** 张伟's morning nudge as SlackProactiveChannel posts it (chat.postMessage's text and blocks). */
async function postedNudge(): Promise<{ text: string; blocks: Block[] }> {
  const posts: Array<Record<string, string>> = [];
  // A loopback stand-in for slack.com/api: conversations.open → a DM, chat.postMessage → recorded.
  const fake = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
      const params = Object.fromEntries(new URLSearchParams(body));
      if (method === 'chat.postMessage') posts.push(params);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(method === 'conversations.open' ? { ok: true, channel: { id: 'D0DM' } } : { ok: true, channel: 'D0DM', ts: '1772586000.000100' }));
    });
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  try {
    const store = new MemoryStore();
    await store.seed('T0PREVIEW', await startupFixture(undefined, NUDGE_NOW, 'Asia/Shanghai'));
    const slack = new SlackProactiveChannel({
      tokenFor: async () => 'xoxb-preview',
      logger: slackSilentLogger,
      store,
      apiUrl: `http://127.0.0.1:${(fake.address() as AddressInfo).port}/api/`,
      minIntervalMs: 0,
    });
    const tips = TipLibrary.load(join(root, 'prompts/courses'));
    const delivery = new NudgeDelivery({
      store,
      channels: { slack },
      ledger: new MemoryDeliveryLedger(),
      limiter: new MemoryWorkspaceLimiter(),
      compose: (tenant, person, kind, date) => composeNudge({ store, tips }, tenant, person, kind, date),
      now: () => NUDGE_NOW.getTime(),
    });
    const data: DeliverJobData = { tenant: 'T0PREVIEW', user: 'a1', kind: 'agent_morning', date: NUDGE_DAY, at: NUDGE_NOW.toISOString() };
    const job = {
      id: 'preview|a1|agent_morning',
      data,
      attemptsMade: 0,
      opts: { attempts: 1 },
      updateData: async () => undefined,
      moveToDelayed: async () => {
        throw new Error('the preview nudge was re-delayed');
      },
    } as unknown as Job<DeliverJobData>;
    const outcome = await delivery.process(job, 'token');
    if (outcome.status !== 'sent' || posts.length !== 1) throw new Error(`the preview nudge was not posted: ${JSON.stringify(outcome)}`);
    return { text: posts[0].text, blocks: JSON.parse(posts[0].blocks) as Block[] };
  } finally {
    fake.close();
  }
}

const previews: Record<string, () => Promise<void>> = {
  'calls-today': async () => {
    const ask = await engineReplies();
    const today = await ask('a1', '今天要打多少个电话');
    const renderer = new SlackRenderer();
    shoot(renderer.render(today, { why: { kind: 'stored', key: 'preview' } }).blocks as Block[], 'slack-preview-calls-today.png');
    shoot(renderer.render(today, { expandWhy: true }).blocks as Block[], 'slack-preview-why.png');
  },
  team: async () => {
    const ask = await engineReplies();
    shoot(new SlackRenderer().render(await ask('l1', '团队进度')).blocks as Block[], 'slack-preview-team.png');
  },
  huddle: async () => {
    const ask = await engineReplies();
    shoot(new SlackRenderer().render(await ask('l1', '给早会出个辅导话题')).blocks as Block[], 'slack-preview-huddle.png');
  },
  'ai-answer': async () => {
    const parts = new SlackRenderer().renderParts(coachReply(), { feedback: true });
    if (parts.length !== 1) throw new Error(`the AI answer preview should be one message, got ${parts.length}`);
    compare('ai-answer', parts[0].blocks, 'docs/slack-preview-ai-answer.json', (json) => json.blocks);
    shoot(parts[0].blocks as Block[], 'slack-preview-ai-answer.png');
  },
  nudge: async () => {
    const nudge = await postedNudge();
    // The stored "why" key is random per run; compare everything else.
    const withoutKeys = (blocks: unknown) => JSON.parse(JSON.stringify(blocks).replace(/slack:why:[0-9a-f-]+/g, 'slack:why:*')) as unknown;
    compare('nudge', withoutKeys(nudge.blocks), 'docs/slack-preview-nudge-settings.json', (json) => withoutKeys((json.nudge as { blocks?: unknown } | undefined)?.blocks));
    shoot(nudge.blocks, 'slack-preview-nudge.png');
  },
  'nudge-settings': async () => {
    const modal = buildSettingsModal({ locale: 'zh-CN', lead: false, time: '08:30', days: [1, 2, 3, 4, 5], state: 'snooze_until', until: '2026-03-16', today: NUDGE_DAY });
    compare('nudge-settings', modal, 'docs/slack-preview-nudge-settings.json', (json) => json.modal);
    shootHtml(modalPage(modal as unknown as Modal), 'slack-preview-nudge-settings.png', 568);
  },
};

const wanted = process.argv.slice(2);
for (const name of wanted) if (!previews[name]) throw new Error(`unknown preview "${name}"; known: ${Object.keys(previews).join(', ')}`);
for (const [name, run] of Object.entries(previews)) if (wanted.length === 0 || wanted.includes(name)) await run();
