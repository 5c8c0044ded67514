// Benchmark (not a vitest file): a signed `/coach today` through Lingyan's Bolt app vs a bare Bolt app
// answering the same command (ack + respond), on loopback. Run: npx tsx test/channels/slack/bench.slack.ts
import { createRequire } from 'node:module';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ExpressReceiver } from '@slack/bolt';
import { createSlackApp } from '../../../src/channels/slack/app';
import { MemoryStore } from '../../../src/store/memory';
import { FakeEngine, SIGNING_SECRET, commandBody, sign } from './harness';

interface AutocannonResult {
  non2xx: number;
  requests: { average: number };
  latency: { p99: number };
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
// autocannon ships no type declarations.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

async function listen(handler: RequestListener): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function main(): Promise<void> {
  // A local Slack double: Web API and response_url both answer ok.
  const slack = await listen((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'B0', ts: '1.0', user: { id: 'U0AGENT', locale: 'zh-CN' } }));
    });
  });
  const apiUrl = `${slack.url}/api/`;
  const body = commandBody('today', { response_url: `${slack.url}/respond` });

  const lingyan = createSlackApp({
    engine: new FakeEngine(),
    store: new MemoryStore(),
    config: { signingSecret: SIGNING_SECRET, botToken: 'xoxb-bench', apiUrl, retries: 0 },
  });
  const lingyanServer = await listen((lingyan.receiver as ExpressReceiver).app as unknown as RequestListener);

  const bareReceiver = new ExpressReceiver({ signingSecret: SIGNING_SECRET, endpoints: '/slack/events' });
  const bare = new App({ receiver: bareReceiver, token: 'xoxb-bench', clientOptions: { slackApiUrl: apiUrl } });
  bare.command('/coach', async ({ ack, respond }) => {
    await ack();
    await respond({ response_type: 'in_channel', text: '今天要打 92 个电话' });
  });
  const bareServer = await listen(bareReceiver.app as unknown as RequestListener);

  const run = async (name: string, url: string) => {
    const headers = { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) };
    const result = await autocannon({ url: `${url}/slack/events`, method: 'POST', body, headers, connections: 20, duration: 8 });
    if (result.non2xx > 0) throw new Error(`${name}: ${result.non2xx} non-2xx responses`);
    return { name, rps: result.requests.average, p99: result.latency.p99 };
  };
  await run('warm-up lingyan', lingyanServer.url);
  await run('warm-up bare', bareServer.url);
  const bareResult = await run('bare Bolt', bareServer.url);
  const lingyanResult = await run('Lingyan', lingyanServer.url);
  console.log(JSON.stringify({ bare: bareResult, lingyan: lingyanResult, ratio: lingyanResult.rps / bareResult.rps }, null, 2));
  for (const s of [slack.server, lingyanServer.server, bareServer.server]) s.close();
  process.exit(0);
}

void main();
