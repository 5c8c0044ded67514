// npm run eval:redaction — recall of identifiers and the share of needed numbers wrongly removed, on the
// 2,000 + 2,000 generated sentences of scripts/redaction-samples.ts (targets: ≥ 99.9%, ≤ 0.5%).
import { redact } from '../src/coaching/redact';
import { measureRedaction } from './redaction-samples';

const f = measureRedaction(redact);
console.log(`Redaction on generated sentences (2,000 with identifiers, 2,000 without)\n`);
console.log('| figure | measured | target |\n|---|---|---|');
console.log(`| identifiers removed (recall) | ${(100 * f.recall).toFixed(2)}% (${f.secrets - f.leaked} of ${f.secrets}) | ≥ 99.9% |`);
console.log(`| needed numbers wrongly removed | ${(100 * f.falseRemoval).toFixed(2)}% (${f.removed} of ${f.kept + f.removed}) | ≤ 0.5% |`);
console.log('\n| kind | identifiers | leaked |\n|---|---|---|');
for (const [kind, k] of Object.entries(f.byKind).sort()) if (k.n > 0) console.log(`| ${kind} | ${k.n} | ${k.leaked} |`);
if (f.leaks.length > 0) console.log(`\nFirst leaks:\n${f.leaks.join('\n')}`);
