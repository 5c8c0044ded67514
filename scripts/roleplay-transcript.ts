// npx tsx scripts/roleplay-transcript.ts <zh-CN|en> "<start request>" "<agent line>" ... — plays a role-play
// offline through the engine (demo data, memory store) and prints every reply: the transcripts in
// docs/roleplay.md and the closing note come from here.
import { registerCoaching } from '../src/coaching/register';
import { createEngine } from '../src/core/lingyanEngine';
import { silentLogger } from '../src/logger';
import { MemoryStore } from '../src/store/memory';
import { coachingFixture, NOW } from '../test/coaching/coaching-fixture';

const [locale, ...texts] = process.argv.slice(2);
if (locale !== 'zh-CN' && locale !== 'en') throw new Error('usage: roleplay-transcript.ts <zh-CN|en> "<start>" "<line>"...');
const store = new MemoryStore();
await store.seed('demo', coachingFixture());
const engine = createEngine({ store });
registerCoaching(engine, { llm: null, logger: silentLogger });
for (const text of texts) {
  const reply = await engine.handle({ tenant: 'demo', user: { platform: 'console', id: 'a1' }, text, now: NOW, locale, channel: { kind: 'console', shared: false, conversationId: 'c' } });
  const moves = Array.isArray(reply.data.moves) && reply.data.moves.length > 0 ? `   [moves: ${(reply.data.moves as string[]).join(', ')}]` : '';
  process.stdout.write(`\n> ${text}${moves}\n${reply.text}\n`);
  if (reply.data.ended === true) break;
}
