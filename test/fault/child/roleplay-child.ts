// Child process for test/fault/roleplay-kill.test.ts (not a test file): plays the first turns of a
// role-play on the given Redis, then — with an LLM that never answers — starts the next turn and waits
// to be killed. Prints one JSON line per step on stdout.
import { registerCoaching } from '../../../src/coaching/register';
import { createLlmClient } from '../../../src/coaching/llm';
import { createEngine } from '../../../src/core/lingyanEngine';
import { silentLogger } from '../../../src/logger';
import { createRedisConnection, waitUntilReady } from '../../../src/store/connection';
import { RedisStore } from '../../../src/store/redis';
import { testClock } from '../../helpers/testClock';

const { REDIS_URL, NAMESPACE, TENANT, HANGING_LLM } = process.env as Record<string, string>;

async function main(): Promise<void> {
  const connection = createRedisConnection(REDIS_URL);
  await waitUntilReady(connection, 5000);
  const store = new RedisStore(connection, { namespace: NAMESPACE });
  const offline = createEngine({ store });
  registerCoaching(offline, { llm: null, logger: silentLogger });
  const say = (engine: typeof offline, text: string) =>
    engine.handle({ tenant: TENANT, user: { platform: 'slack', id: 'U0DEMO0003' }, text, now: testClock(), locale: 'zh-CN', channel: { kind: 'slack', shared: false, conversationId: 'D0RP' } });
  const step = (name: string, data: unknown) => process.stdout.write(`${JSON.stringify({ step: name, data })}\n`);

  const opening = await say(offline, '来练一下利率太高');
  step('opening', opening.data);
  const second = await say(offline, '我理解您在意成本,换成是我也会比较。您看到的是日息还是年化呢?');
  step('turn', second.data);
  // The next turn goes to an LLM that never answers: the process is killed in the middle of it.
  const online = createEngine({ store });
  registerCoaching(online, { llm: createLlmClient({ OPENAI_API_KEY: 'sk-child', OPENAI_BASE_URL: HANGING_LLM, OPENAI_MODEL: 'gpt-4o-mini', OPENAI_TIMEOUT_MS: 60_000 }), logger: silentLogger });
  step('sending', null);
  await say(online, '每月还款和总利息我都可以发给您,以合同为准。');
  step('unexpected', null);
}

main().catch((error: unknown) => {
  process.stdout.write(`${JSON.stringify({ step: 'error', data: String(error) })}\n`);
  process.exit(1);
});
