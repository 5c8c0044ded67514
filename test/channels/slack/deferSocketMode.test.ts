// In HTTP mode Bolt must load without @slack/socket-mode's undici, and Socket Mode must still work when
// asked for: the real module is loaded on first use. Run in a fresh Node process (its own module cache).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');

async function probe(defer: boolean): Promise<{ before: boolean; after: boolean; start: string }> {
  const code = `
    import { createRequire } from 'node:module';
    import { deferSocketModeLoad } from './src/channels/slack/deferSocketMode.ts';
    if (${defer}) deferSocketModeLoad();
    const require = createRequire(import.meta.url);
    const undiciLoaded = () => Object.keys(require.cache).some((file) => file.includes('/node_modules/undici/'));
    const bolt = require('@slack/bolt');
    const before = undiciLoaded();
    const receiver = new bolt.SocketModeReceiver({ appToken: 'xapp-1-test', signingSecret: 'secret' });
    console.log(JSON.stringify({ before, after: undiciLoaded(), start: typeof receiver.client.start }));`;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, timeout: 20_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { before: boolean; after: boolean; start: string };
}

describe('deferSocketModeLoad', () => {
  it('keeps undici out of an HTTP app and still builds a Socket Mode client on demand', async () => {
    expect(await probe(true)).toEqual({ before: false, after: true, start: 'function' });
  });

  it('is what makes the difference: without it Bolt loads undici at once', async () => {
    expect(await probe(false)).toEqual({ before: true, after: true, start: 'function' });
  });
});
