// Writes corpus/han-pinyin.txt: the toneless pinyin of every CJK Unified Ideograph (U+4E00..U+9FFF), one
// line per 64 code points, syllables separated by spaces ('-' where there is none). Generated from
// pinyin-pro once so that runtime needs no 30 MB dictionary (docs/understanding.md, "Memory").
import { writeFileSync } from 'node:fs';
import { pinyin } from 'pinyin-pro';
const lines = [];
let row = [];
for (let cp = 0x4e00; cp <= 0x9fff; cp++) {
  const p = pinyin(String.fromCodePoint(cp), { toneType: 'none', type: 'array' })[0] ?? '';
  row.push(/^[a-zü]+$/.test(p) ? p.replace('ü', 'v') : '-');
  if (row.length === 64) { lines.push(row.join(' ')); row = []; }
}
if (row.length) lines.push(row.join(' '));
writeFileSync('corpus/han-pinyin.txt', `# toneless pinyin of U+4E00..U+9FFF, 64 per line (scripts/make-pinyin-table.mjs, pinyin-pro 3.29.4)\n${lines.join('\n')}\n`);
console.log(lines.length, 'lines');
