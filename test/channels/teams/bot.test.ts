// The bot through the real CloudAdapter over HTTP: personal chat, @mentions in channels, group chats,
// private replies moved to personal chat, install/uninstall, tenant gate, attachments and turn errors.
import nock from 'nock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AdaptiveCardRenderer } from '../../../src/channels/teams/cards';
import type { Inbound } from '../../../src/core/engine';
import type { Reply } from '../../../src/core/reply';
import {
  APP_ID,
  CONNECTOR_HOST,
  FakeEngine,
  type Harness,
  messageActivity,
  NOW,
  type Sent,
  SERVICE_URL,
  silentLogger,
  startHarness,
  useTeamsHarness,
  TENANT,
} from './harness';
import { callsTodayReply, teamReply } from './replies';

const renderer = new AdaptiveCardRenderer();
const BOT = { id: `28:${APP_ID}`, name: 'Lingyan' };
const ZHANG = { id: '29:user-zhang', name: '张三', aadObjectId: 'aad-zhang' };
const CHANNEL_CONVERSATION = { id: '19:sales@thread.tacv2;messageid=1700000000001', conversationType: 'channel', tenantId: TENANT };

let h: Harness;
let sent: Sent[];
let nextReply: (inbound: Inbound) => Reply;

const fx = useTeamsHarness(() => startHarness(new FakeEngine((inbound) => nextReply(inbound))));
beforeAll(() => {
  ({ h, sent } = fx);
});
beforeEach(() => {
  sent.length = 0;
  h.engine.handled.length = 0;
  silentLogger.lines.length = 0;
  nextReply = () => callsTodayReply();
});

function channelMessage(text: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return messageActivity({
    text: `<at>Lingyan</at> ${text}`,
    entities: [{ type: 'mention', text: '<at>Lingyan</at>', mentioned: { id: BOT.id, name: 'Lingyan' } }],
    conversation: CHANNEL_CONVERSATION,
    channelData: { tenant: { id: TENANT }, team: { id: '19:team-sales@thread.tacv2' }, channel: { id: '19:sales@thread.tacv2' } },
    ...overrides,
  });
}

describe('personal chat', () => {
  it('routes the text to the engine and answers with typing, then the Adaptive Card (exact payload)', async () => {
    const incoming = messageActivity();
    const res = await h.post(incoming);
    expect(res.status).toBe(200);

    expect(h.engine.handled).toEqual([
      {
        tenant: TENANT,
        user: { platform: 'teams', id: 'aad-zhang', name: '张三' },
        text: '今天要打多少个电话',
        locale: 'zh-CN',
        tz: 'Asia/Shanghai',
        now: NOW,
        channel: { kind: 'teams', shared: false, conversationId: 'a:personal-zhang' },
        // The activity's own id, scoped by conversation: writes carry it, so a redelivery counts once.
        messageId: `a:personal-zhang:${incoming.id as string}`,
        isCommand: false,
      },
    ]);
    const envelope = {
      serviceUrl: SERVICE_URL,
      channelId: 'msteams',
      from: BOT,
      conversation: { conversationType: 'personal', id: 'a:personal-zhang', tenantId: TENANT },
      recipient: ZHANG,
      locale: 'zh-CN',
      replyToId: incoming.id,
    };
    expect(sent.map((s) => s.path)).toEqual([
      `/amer/v3/conversations/a:personal-zhang/activities/${String(incoming.id)}`,
      `/amer/v3/conversations/a:personal-zhang/activities/${String(incoming.id)}`,
    ]);
    expect(sent[0].body).toEqual({ type: 'typing', ...envelope });
    expect(sent[1].body).toEqual({
      type: 'message',
      ...envelope,
      summary: '📞 今天(3月10日)你需要打 96 个电话,已打 0 个,还差 96 个。',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: renderer.render(callsTodayReply()) }],
    });
  });

  it('stores the conversation reference under the AAD object id', async () => {
    await h.post(messageActivity());
    const ref = await h.store.getDoc<Record<string, unknown>>(TENANT, 'teams_ref', 'aad-zhang');
    expect(ref).toMatchObject({
      aadObjectId: 'aad-zhang',
      tenant: TENANT,
      userId: '29:user-zhang',
      serviceUrl: SERVICE_URL,
      bot: BOT,
      status: 'active',
      timezone: 'Asia/Shanghai',
      personal: { conversation: { id: 'a:personal-zhang', conversationType: 'personal', tenantId: TENANT }, serviceUrl: SERVICE_URL },
    });
  });

  it('routes "/coach plan" as a command and ignores an unknown time zone', async () => {
    await h.post(messageActivity({ text: '/coach plan', localTimezone: 'Mars/Olympus', locale: 'en-US' }));
    expect(h.engine.handled[0]).toMatchObject({ text: 'plan', isCommand: true, locale: 'en-US' });
    expect(h.engine.handled[0].tz).toBeUndefined();
  });

  it('routes a manifest command title (English or Chinese) as a command', async () => {
    await h.post(messageActivity({ text: 'today' }));
    await h.post(messageActivity({ text: '早会' }));
    expect(h.engine.handled.map((i) => [i.text, i.isCommand])).toEqual([
      ['today', true],
      ['早会', true],
    ]);
  });

  it('answers an attachment it cannot read politely, without calling the engine', async () => {
    await h.post(messageActivity({ text: '', attachments: [{ contentType: 'image/png', contentUrl: 'https://example.invalid/a.png' }] }));
    expect(h.engine.handled).toEqual([]);
    expect(sent.map((s) => s.body.text)).toEqual(['我暂时还看不懂这类附件。请直接用文字告诉我,例如「今天打了85个电话,接通30」。']);
  });

  it('does not treat the HTML copy of a message as an attachment', async () => {
    await h.post(messageActivity({ attachments: [{ contentType: 'text/html', content: '<p>今天要打多少个电话</p>' }] }));
    expect(h.engine.handled).toHaveLength(1);
  });

  it('sends a localized apology when the turn fails', async () => {
    nextReply = () => {
      throw new Error('boom');
    };
    const res = await h.post(messageActivity({ locale: 'en-US' }));
    expect(res.status).toBe(200);
    expect(sent.at(-1)?.body.text).toBe('Sorry, something went wrong while handling your message and it has been logged. Please try again shortly.');
    expect(silentLogger.lines.some((l) => l.level === 'error' && l.msg === 'teams: unhandled error in turn')).toBe(true);
  });
});

describe('team channels and group chats', () => {
  it('strips the @mention, marks the conversation shared, keeps the thread, and replies in the thread', async () => {
    nextReply = () => ({ intent: 'huddle', locale: 'zh-CN', text: '今天早会聊聊:客户说“我再考虑考虑”时怎么接。', data: {} });
    await h.post(channelMessage('给早会出个辅导话题'));
    expect(h.engine.handled[0]).toMatchObject({
      text: '给早会出个辅导话题',
      channel: { kind: 'teams', shared: true, conversationId: CHANNEL_CONVERSATION.id, threadId: '1700000000001' },
    });
    expect(sent.map((s) => s.path)[1]).toMatch(/^\/amer\/v3\/conversations\/19:sales@thread\.tacv2;messageid=1700000000001\/activities\//);
    const conv = await h.store.getDoc<Record<string, unknown>>(TENANT, 'teams_conv_ref', CHANNEL_CONVERSATION.id);
    expect(conv).toMatchObject({ conversationType: 'channel', teamId: '19:team-sales@thread.tacv2', status: 'active' });
  });

  it('treats a group chat as shared', async () => {
    await h.post(
      channelMessage('团队进度', { conversation: { id: '19:group@thread.v2', conversationType: 'groupChat', tenantId: TENANT } }),
    );
    expect(h.engine.handled[0]).toMatchObject({ text: '团队进度', channel: { shared: true, conversationId: '19:group@thread.v2' } });
  });

  it('moves a private reply to the personal chat and leaves a note in the channel', async () => {
    await h.post(messageActivity({ text: 'hi' })); // the personal reference exists from an earlier 1:1 message
    sent.length = 0;
    nextReply = () => teamReply();
    await h.post(channelMessage('团队进度'));
    const paths = sent.map((s) => s.path);
    expect(paths[0]).toContain('19:sales@thread.tacv2'); // typing in the channel
    // continueConversationAsync answers a continuation activity, so the SDK posts to .../activities/<id>.
    expect(paths[1]).toMatch(/^\/amer\/v3\/conversations\/a:personal-zhang\/activities(\/[^/]+)?$/);
    expect(sent[1].body.attachments).toEqual([{ contentType: 'application/vnd.microsoft.card.adaptive', content: renderer.render(teamReply()) }]);
    expect(paths[2]).toContain('19:sales@thread.tacv2');
    expect(sent[2].body.text).toBe('这条回复包含个人信息,我已经私信发给你了。');
    expect(JSON.stringify(sent[2].body)).not.toContain('坐席');
  });

  it('opens a personal chat when none is stored yet', async () => {
    const created: unknown[] = [];
    nock(CONNECTOR_HOST)
      .post('/amer/v3/conversations', (body) => {
        created.push(body);
        return true;
      })
      .reply(200, { id: 'a:new-personal-li' });
    nextReply = () => teamReply();
    await h.post(channelMessage('团队进度', { from: { id: '29:user-li', name: '李四', aadObjectId: 'aad-li' } }));
    expect(created).toEqual([
      {
        isGroup: false,
        bot: BOT,
        members: [{ id: '29:user-li', name: '李四' }],
        tenantId: TENANT,
        channelData: { tenant: { id: TENANT } },
      },
    ]);
    expect(sent.some((s) => s.path.startsWith('/amer/v3/conversations/a:new-personal-li/activities'))).toBe(true);
    const ref = await h.store.getDoc<{ personal?: { conversation: { id: string } } }>(TENANT, 'teams_ref', 'aad-li');
    expect(ref?.personal?.conversation.id).toBe('a:new-personal-li');
  });
});

describe('install, uninstall and tenants', () => {
  it('greets and stores the channel when the bot is added to a team', async () => {
    const res = await h.post(
      messageActivity({
        type: 'conversationUpdate',
        text: undefined,
        membersAdded: [{ id: BOT.id }],
        conversation: { id: '19:general@thread.tacv2', conversationType: 'channel', tenantId: TENANT },
        channelData: { tenant: { id: TENANT }, team: { id: '19:general@thread.tacv2' }, eventType: 'teamMemberAdded' },
      }),
    );
    expect(res.status).toBe(200);
    expect(sent).toHaveLength(1);
    expect(String(sent[0].body.text)).toContain('你好,我是领雁');
    expect(await h.store.getDoc(TENANT, 'teams_conv_ref', '19:general@thread.tacv2')).toMatchObject({ status: 'active', conversationType: 'channel' });
  });

  it('marks the personal reference removed on uninstall', async () => {
    await h.post(messageActivity({ type: 'installationUpdate', action: 'add', text: undefined }));
    expect(await h.store.getDoc(TENANT, 'teams_ref', 'aad-zhang')).toMatchObject({ status: 'active' });
    await h.post(messageActivity({ type: 'installationUpdate', action: 'remove', text: undefined }));
    expect(await h.store.getDoc(TENANT, 'teams_ref', 'aad-zhang')).toMatchObject({ status: 'removed', reason: 'app uninstalled' });
    expect(sent).toEqual([]);
  });

  it('refuses a tenant outside the allow-list, politely and logged, without side effects', async () => {
    const gated = await startHarness(new FakeEngine(() => callsTodayReply()), { allowedTenants: ['another-tenant'] });
    try {
      await gated.post(messageActivity({ locale: 'en-US' }));
      expect(gated.engine.handled).toEqual([]);
      expect(sent.map((s) => s.body.text)).toEqual([
        "Sorry, Lingyan hasn't been enabled for your organisation yet. Please contact your administrator.",
      ]);
      expect(silentLogger.lines).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'teams: activity from a tenant that is not allowed' }));
      expect(await gated.store.getDoc(TENANT, 'teams_ref', 'aad-zhang')).toBeNull();
    } finally {
      await gated.close();
    }
  });
});
