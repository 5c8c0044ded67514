import { sharedUnderstanding } from '/work/main/src/understanding';
const u = sharedUnderstanding();
for (const t of process.argv.slice(2)) { const r = u.offline(t, { today: '2026-03-04' }); console.log(t, '→', r.intent, r.ranked?.slice(0, 3).map(x => `${x.label}:${x.p.toFixed(2)}`).join(' '), JSON.stringify(r.args)); }
