// A roster file a lead sends in a DM reaches the engine as an attachment (downloaded with the bot
// token); files that are not tables get a clear message and never reach the engine.
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT_TOKEN, closeMockedHarness, eventBody, post, record, settle, startMockedHarness, waitFor, type Harness } from './harness';

const FILES = 'https://files.slack.com';
let h: Harness;

beforeEach(async () => {
  h = await startMockedHarness();
});

afterEach(() => closeMockedHarness(h));

const share = (name: string, text = '') => ({
  type: 'message', subtype: 'file_share', channel_type: 'im', user: 'U0LEAD', text, ts: '9.1', channel: 'D0LEAD', event_ts: '9.1',
  files: [{ name, size: 40, url_private_download: `${FILES}/files-pri/T0TEAM-F1/download/${encodeURIComponent(name)}` }],
});

describe('file shares in a DM', () => {
  it('downloads a CSV with the bot token and passes it to the engine as an import', async () => {
    const csv = 'agent,date,off\na1,2026-03-05,true\n';
    let auth: string | undefined;
    nock(FILES)
      .get(/\/files-pri\/T0TEAM-F1\/download\/roster\.csv/)
      .reply(function () {
        auth = this.req.headers.authorization as string | undefined;
        return [200, csv];
      });
    record('chat.postMessage', () => ({ ok: true, ts: '9.2' }));
    await post(h, eventBody(share('roster.csv'), 'EvFILE1'), 'application/json');
    await waitFor(() => h.engine.inbounds.length === 1);
    const inbound = h.engine.inbounds[0];
    expect(auth).toBe(`Bearer ${BOT_TOKEN}`);
    expect(inbound.text).toBe('/coach import');
    expect(inbound.isCommand).toBe(true);
    expect(inbound.attachment?.filename).toBe('roster.csv');
    expect(inbound.attachment?.bytes.toString('utf8')).toBe(csv);
  });

  it('refuses a file that is not a table without calling the engine', async () => {
    const postMessage = record('chat.postMessage');
    await post(h, eventBody(share('photo.png', '导入'), 'EvFILE2'), 'application/json');
    await waitFor(() => postMessage.calls.length === 1);
    await settle(50);
    expect(h.engine.inbounds).toHaveLength(0);
    expect(String(postMessage.calls[0].text)).toContain('CSV');
  });
});
