// Manual helper (not a test): renders docs/teams-preview-calls-today.json ("why" expanded) and the activity
// form with errors with the adaptivecards JS renderer in headless Chromium, to docs/teams-preview-*.png.
// Needs `chromium` (and fonts-noto-cjk) installed:  npx tsx test/channels/teams/render-preview.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
import { AdaptiveCardRenderer } from '../../../src/channels/teams/cards';

const library = readFileSync(join(root, 'node_modules/adaptivecards/dist/adaptivecards.min.js'), 'utf8');
const css = readFileSync(join(root, 'node_modules/adaptivecards/dist/adaptivecards.css'), 'utf8');

// A host config close to Teams' light theme.
const hostConfig = {
  fontFamily: "'Segoe UI', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  fontSizes: { small: 12, default: 14, medium: 16, large: 21, extraLarge: 26 },
  containerStyles: {
    default: { backgroundColor: '#FFFFFF', foregroundColors: { default: { default: '#242424', subtle: '#616161' }, attention: { default: '#C4314B' }, accent: { default: '#6264A7' } } },
    emphasis: { backgroundColor: '#F5F5F5', foregroundColors: { default: { default: '#242424', subtle: '#616161' } } },
  },
  actions: { maxActions: 6, buttonSpacing: 8, showCard: { actionMode: 'inline', inlineTopMargin: 12 }, actionsOrientation: 'horizontal', actionAlignment: 'left' },
  factSet: { title: { weight: 'bolder', wrap: true, maxWidth: 150 }, value: { wrap: true }, spacing: 12 },
};

function page(card: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}
body { margin: 0; padding: 24px; background: #F5F5F5; font-family: ${hostConfig.fontFamily}; }
#frame { width: 560px; background: #fff; border-radius: 6px; box-shadow: 0 1px 4px rgba(0,0,0,.15); overflow: hidden; }
.ac-pushButton { border: 1px solid #D1D1D1; background: #fff; border-radius: 4px; padding: 6px 12px; font: 600 14px ${hostConfig.fontFamily}; color: #242424; }
.ac-pushButton.style-positive { background: #6264A7; color: #fff; border-color: #6264A7; }
</style><script>${library}</script></head><body><div id="frame"></div><script>
const card = new AdaptiveCards.AdaptiveCard();
card.hostConfig = new AdaptiveCards.HostConfig(${JSON.stringify(hostConfig)});
card.parse(${card});
document.getElementById('frame').appendChild(card.render());
const why = [...document.querySelectorAll('button')].find((b) => b.textContent.includes('为什么'));
if (why) why.click();
</script></body></html>`;
}

function shoot(card: string, name: string, height: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'lingyan-preview-'));
  const file = join(dir, 'card.html');
  writeFileSync(file, page(card));
  const out = join(root, `docs/${name}`);
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--screenshot=${out}`, `--window-size=610,${height}`];
  execFileSync('chromium', [...args, `file://${file}`], { stdio: 'ignore' });
  process.stdout.write(`${out}\n`);
}

shoot(readFileSync(join(root, 'docs/teams-preview-calls-today.json'), 'utf8'), 'teams-preview-calls-today.png', 490);
const form = new AdaptiveCardRenderer().renderForm('log_activity', 'zh-CN', {
  values: { calls: 'abc', connects: '30', deals: '5', date: '2026-03-10' },
  errors: { calls: '请输入数字。', deals: '成交数不能大于接通数。' },
});
shoot(JSON.stringify(form), 'teams-preview-log-form.png', 760);
