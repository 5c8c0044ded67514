// One-off, reproducible held-out split of a corpus folder: each example line whose FNV-1a hash (seed
// 2166136261) mod 100 is below 15 moves to <dir>/heldout/<file>. Run once per new corpus file, before
// anything is tuned on it; a held-out line is never moved back (docs/understanding.md).
import { readFileSync, writeFileSync, mkdirSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
const dir = process.argv[2];
const only = process.argv.slice(3);
const fnv = (s) => { let h = 2166136261; for (const c of Buffer.from(s, 'utf8')) { h ^= c; h = Math.imul(h, 16777619) >>> 0; } return h; };
mkdirSync(join(dir, 'heldout'), { recursive: true });
for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt') && (only.length === 0 || only.includes(f)))) {
  const target = join(dir, 'heldout', file);
  if (existsSync(target)) { console.log(`${file}: already split`); continue; }
  const keep = [], held = [];
  let header = null;
  for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
    const s = line.trim();
    if (s.startsWith('## ')) { header = s; keep.push(line); held.push(line); continue; }
    if (!s || s.startsWith('#')) { keep.push(line); continue; }
    (fnv(s) % 100 < 15 ? held : keep).push(line);
  }
  writeFileSync(join(dir, file), keep.join('\n'));
  writeFileSync(target, held.join('\n') + '\n');
  console.log(`${file}: ${held.filter((l) => l.trim() && !l.trim().startsWith('#')).length} held out`);
}
