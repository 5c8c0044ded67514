// Files sent in Teams personal chat: table files are downloaded from their pre-authorised URL,
// anything else is refused with a reason.
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadIncomingTable, FILE_DOWNLOAD_INFO } from '../../../src/channels/teams/incomingFiles';

const HOST = 'https://contoso-my.sharepoint.com';
const file = (name: string) => ({ contentType: FILE_DOWNLOAD_INFO, name, content: { downloadUrl: `${HOST}/dl/${name}`, fileType: name.split('.').pop() } });

afterEach(() => nock.cleanAll());

describe('downloadIncomingTable', () => {
  it('downloads a CSV', async () => {
    nock(HOST).get('/dl/roster.csv').reply(200, 'agent,date,off\na1,2026-03-05,true\n');
    const result = await downloadIncomingTable([file('roster.csv')]);
    expect(result).toMatchObject({ filename: 'roster.csv' });
    expect(typeof result === 'string' ? result : result.bytes.toString()).toContain('a1,2026-03-05');
  });

  it('refuses non-table files, failed downloads and oversized files', async () => {
    expect(await downloadIncomingTable([file('photo.png')])).toBe('not_a_table');
    nock(HOST).get('/dl/a.csv').reply(403);
    expect(await downloadIncomingTable([file('a.csv')])).toBe('download_failed');
    nock(HOST).get('/dl/b.xlsx').reply(200, 'x', { 'content-length': String(11 * 1024 * 1024) });
    expect(await downloadIncomingTable([file('b.xlsx')])).toBe('too_large');
  });
});
