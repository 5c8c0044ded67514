// Manual helper (not a test): renders Teams previews in headless Chromium to docs/teams-preview-*.png.
// Needs `chromium` (with chromium-l10n, so date and time inputs show in zh-CN format), a CJK font
// (fonts-noto-cjk) and, for 👍/👎, fonts-noto-color-emoji:
//   npx tsx test/channels/teams/render-preview.ts            (every preview)
//   npx tsx test/channels/teams/render-preview.ts ai-answer nudge-settings   (only those)
// * calls-today, log-form: docs/teams-preview-calls-today.json ("why" expanded) and the activity form with
//   errors, drawn by the adaptivecards JS renderer (the package's own, in the page).
// * ai-answer (issue 23): the final message of a streamed AI answer in personal chat — the last activity of
//   docs/teams-preview-streamed-answer.json, which test/channels/teams/aiNative.test.ts captures from the real
//   bot and checks byte for byte. Teams draws that message itself (text, the AIGeneratedContent label, the
//   citation entities, the feedback buttons of feedbackLoopEnabled), so this page approximates Teams' look
//   in HTML from the activity's fields: the text with its [n] markers, the "AI generated" label, the
//   citation list (name, abstract, link), 👍/👎.
// * nudge-settings (issue 23): renderSettingsCard with the values of
//   test/nudges/settingsTeams.integration.test.ts, drawn by the adaptivecards renderer; compared with
//   docs/teams-preview-nudge-settings.json.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { AdaptiveCardRenderer } from '../../../src/channels/teams/cards';
import { renderSettingsCard } from '../../../src/channels/teams/settingsCard';

const root = fileURLToPath(new URL('../../../', import.meta.url));

const library = readFileSync(join(root, 'node_modules/adaptivecards/dist/adaptivecards.min.js'), 'utf8');
const css = readFileSync(join(root, 'node_modules/adaptivecards/dist/adaptivecards.css'), 'utf8');
const FONT = "'Segoe UI', 'Noto Sans CJK SC', 'Noto Sans SC', 'Noto Color Emoji', sans-serif";

// A host config close to Teams' light theme.
const hostConfig = {
  fontFamily: FONT,
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  fontSizes: { small: 12, default: 14, medium: 16, large: 21, extraLarge: 26 },
  containerStyles: {
    default: { backgroundColor: '#FFFFFF', foregroundColors: { default: { default: '#242424', subtle: '#616161' }, attention: { default: '#C4314B' }, accent: { default: '#6264A7' } } },
    emphasis: { backgroundColor: '#F5F5F5', foregroundColors: { default: { default: '#242424', subtle: '#616161' } } },
  },
  actions: { maxActions: 6, buttonSpacing: 8, showCard: { actionMode: 'inline', inlineTopMargin: 12 }, actionsOrientation: 'horizontal', actionAlignment: 'left' },
  factSet: { title: { weight: 'bolder', wrap: true, maxWidth: 150 }, value: { wrap: true }, spacing: 12 },
  inputs: { label: { requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' }, optionalInputs: { weight: 'bolder' } } },
};

function page(card: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}
body { margin: 0; padding: 24px; background: #F5F5F5; font-family: ${hostConfig.fontFamily}; }
#frame { width: 560px; background: #fff; border-radius: 6px; box-shadow: 0 1px 4px rgba(0,0,0,.15); overflow: hidden; }
.ac-pushButton { border: 1px solid #D1D1D1; background: #fff; border-radius: 4px; padding: 6px 12px; font: 600 14px ${hostConfig.fontFamily}; color: #242424; }
.ac-pushButton.style-positive { background: #6264A7; color: #fff; border-color: #6264A7; }
.ac-input { font: 14px ${hostConfig.fontFamily}; }
.ac-input.ac-textInput, .ac-input.ac-dateInput, .ac-input.ac-timeInput { border: 1px solid #D1D1D1; border-radius: 4px; padding: 5px 8px; width: 200px !important; }
</style><script>${library}</script></head><body><div id="frame"></div><script>
const card = new AdaptiveCards.AdaptiveCard();
card.hostConfig = new AdaptiveCards.HostConfig(${JSON.stringify(hostConfig)});
card.parse(${card});
document.getElementById('frame').appendChild(card.render());
const why = [...document.querySelectorAll('button')].find((b) => b.textContent.includes('为什么'));
if (why) why.click();
</script></body></html>`;
}

/** Cuts the rows of the page's background colour off the bottom of the screenshot (keeps `margin` of them). */
function cropBottom(file: string, margin = 24): void {
  const png = PNG.sync.read(readFileSync(file));
  const { width, height, data } = png;
  const bg = data.readUInt32BE((height - 1) * width * 4);
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

function shootHtml(html: string, name: string, width = 610, height = 1600): void {
  const dir = mkdtempSync(join(tmpdir(), 'lingyan-preview-'));
  const file = join(dir, 'card.html');
  writeFileSync(file, html);
  const out = join(root, `docs/${name}`);
  // Offline, throwaway profile; zh-CN so date and time inputs read as a Chinese Teams client shows them.
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  const args = [...flags, `--user-data-dir=${join(dir, 'profile')}`, '--lang=zh-CN', '--hide-scrollbars', `--screenshot=${out}`, `--window-size=${width},${height}`];
  execFileSync('chromium', [...args, `file://${file}`], { stdio: 'ignore', timeout: 60_000, env: { ...process.env, LANGUAGE: 'zh_CN', LANG: 'zh_CN.UTF-8' } });
  rmSync(dir, { recursive: true, force: true });
  cropBottom(out);
  process.stdout.write(`${out}\n`);
}

const shoot = (card: string, name: string) => shootHtml(page(card), name);

// ---- The streamed AI answer's final message, as Teams shows it (approximation). -------------------------
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Claim {
  position: number;
  appearance: { name: string; abstract?: string; url?: string };
}
interface Activity {
  type: string;
  text?: string;
  entities?: Array<{ type: string; streamType?: string; additionalType?: string[]; citation?: Claim[] }>;
  channelData?: { feedbackLoopEnabled?: boolean };
}

/** Teams' markdown subset the answer uses (**bold**, paragraphs), with [n] as citation pills. */
function teamsText(text: string, cited: Set<number>): string {
  return text
    .split(/\n{2,}/)
    .map((para) =>
      `<p>${escape(para)
        .replace(/\*\*([^*\n]+)\*\*/g, '<b>$1</b>')
        .replace(/\[(\d{1,2})\]/g, (all, n: string) => (cited.has(Number(n)) ? `<span class="pill">${n}</span>` : all))
        .replace(/\n/g, '<br>')}</p>`,
    )
    .join('');
}

function answerPage(activity: Activity): string {
  const message = activity.entities?.find((e) => e.type === 'https://schema.org/Message');
  const claims = [...(message?.citation ?? [])].sort((a, b) => a.position - b.position);
  const cited = new Set(claims.map((c) => c.position));
  const aiLabel = message?.additionalType?.includes('AIGeneratedContent') ?? false;
  const feedback = activity.channelData?.feedbackLoopEnabled === true;
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; padding: 24px; background: #F5F5F5; font: 14px/1.43 ${FONT}; color: #242424; }
.row { display: flex; gap: 8px; width: 600px; }
.avatar { width: 32px; height: 32px; border-radius: 50%; background: #2f6f4f; color: #fff; font-weight: 700; display: flex; align-items: center; justify-content: center; flex: none; font-size: 14px; }
.meta { font-size: 12px; color: #616161; margin: 0 0 4px 2px; display: flex; gap: 8px; align-items: center; }
.meta b { color: #424242; font-weight: 600; }
.ai { border: 1px solid #D1D1D1; border-radius: 4px; padding: 0 5px; font-size: 11px; color: #424242; background: #fff; }
.bubble { background: #fff; border-radius: 6px; padding: 8px 16px 10px; box-shadow: 0 1px 2px rgba(0,0,0,.12); }
p { margin: 6px 0; }
.pill { display: inline-block; min-width: 14px; height: 16px; line-height: 16px; padding: 0 2px; margin: 0 2px; border-radius: 4px; background: #EBEBEB; color: #424242; font-size: 11px; text-align: center; vertical-align: 1px; }
.refs { border-top: 1px solid #E0E0E0; margin-top: 10px; padding-top: 8px; }
.refs-title { font-size: 12px; color: #616161; margin-bottom: 6px; }
.ref { display: flex; gap: 8px; align-items: flex-start; margin: 6px 0; }
.ref .pill { margin-top: 2px; }
.ref-name { font-weight: 600; } .ref-name a { color: #5B5FC7; text-decoration: none; }
.ref-abstract { font-size: 12px; color: #616161; }
.feedback { display: flex; gap: 6px; margin-top: 8px; }
.fb { border: 1px solid #E0E0E0; border-radius: 4px; padding: 0 6px; font-size: 13px; background: #fff; }
</style></head><body><div class="row"><div class="avatar">雁</div><div style="flex:1">
<div class="meta"><b>Lingyan</b><span>09:00</span>${aiLabel ? '<span class="ai">AI generated</span>' : ''}</div>
<div class="bubble">${teamsText(activity.text ?? '', cited)}
${claims.length ? `<div class="refs"><div class="refs-title">${claims.length} references</div>${claims
    .map((c) => {
      const name = c.appearance.url ? `<a href="${escape(c.appearance.url)}">${escape(c.appearance.name)}</a>` : escape(c.appearance.name);
      return `<div class="ref"><span class="pill">${c.position}</span><div><div class="ref-name">${name}</div>${c.appearance.abstract ? `<div class="ref-abstract">${escape(c.appearance.abstract)}</div>` : ''}</div></div>`;
    })
    .join('')}</div>` : ''}
${feedback ? '<div class="feedback"><span class="fb">👍</span><span class="fb">👎</span></div>' : ''}
</div></div></div></body></html>`;
}

function compare(what: string, rendered: unknown, file: string, pick: (json: Record<string, unknown>) => unknown): void {
  const path = join(root, file);
  if (!existsSync(path)) return;
  const same = JSON.stringify(rendered) === JSON.stringify(pick(JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>));
  process.stdout.write(same ? `  ${what}: same card as ${file}\n` : `  ${what}: DIFFERS from ${file} (one of them is stale)\n`);
}

const previews: Record<string, () => void> = {
  'calls-today': () => shoot(readFileSync(join(root, 'docs/teams-preview-calls-today.json'), 'utf8'), 'teams-preview-calls-today.png'),
  'log-form': () => {
    const form = new AdaptiveCardRenderer().renderForm('log_activity', 'zh-CN', {
      values: { calls: 'abc', connects: '30', deals: '5', date: '2026-03-10' },
      errors: { calls: '请输入数字。', deals: '成交数不能大于接通数。' },
    });
    shoot(JSON.stringify(form), 'teams-preview-log-form.png');
  },
  'ai-answer': () => {
    const { activities } = JSON.parse(readFileSync(join(root, 'docs/teams-preview-streamed-answer.json'), 'utf8')) as { activities: Activity[] };
    const final = activities.find((a) => a.type === 'message' && a.entities?.some((e) => e.type === 'streaminfo' && e.streamType === 'final'));
    if (!final) throw new Error('docs/teams-preview-streamed-answer.json has no final message');
    shootHtml(answerPage(final), 'teams-preview-ai-answer.png', 660);
  },
  'nudge-settings': () => {
    const card = renderSettingsCard({ locale: 'zh-CN', lead: false, time: '08:30', days: [1, 2, 3, 4, 5], state: 'snooze_until', until: '2026-03-16', today: '2026-03-04' });
    compare('nudge-settings', card, 'docs/teams-preview-nudge-settings.json', (json) => json.card);
    shoot(JSON.stringify(card), 'teams-preview-nudge-settings.png');
  },
};

const wanted = process.argv.slice(2);
for (const name of wanted) if (!previews[name]) throw new Error(`unknown preview "${name}"; known: ${Object.keys(previews).join(', ')}`);
for (const [name, run] of Object.entries(previews)) if (wanted.length === 0 || wanted.includes(name)) run();
