// The Slack manifest against the rules Slack's validator applies that can be checked offline: required
// keys and lengths, one host for every URL, and exactly the scopes the code's API calls and events need.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BOT_SCOPES } from '../../../src/channels/slack/scopes';
import { COMMAND } from '../../../src/channels/slack/commands';
import { COACH_SHORTCUT } from '../../../src/channels/slack/shortcuts';

const SRC = new URL('../../../src/channels/slack/', import.meta.url);
const manifest = parse(readFileSync(new URL('../../../manifest/slack/manifest.yaml', import.meta.url), 'utf8'));

/** Web API method → bot scopes it needs (https://docs.slack.dev/reference/methods). */
const METHOD_SCOPES: Record<string, string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  // Native streaming (stream.ts, through client.chatStream) and removing a streamed draft of a private reply.
  'chat.startStream': ['chat:write'],
  'chat.appendStream': ['chat:write'],
  'chat.stopStream': ['chat:write'],
  'chat.delete': ['chat:write'],
  'conversations.open': ['im:write'],
  // Only on the bot's own DMs (a nudge's delivery check).
  'conversations.history': ['im:history'],
  // The earlier messages of the thread a question was asked in (DMs and Assistant threads: im:history;
  // channel threads would need channels:history, which Lingyan does not ask for: the read then fails
  // quietly and the question is answered without the thread — docs/nudges.md).
  'conversations.replies': ['im:history'],
  // users.info with the profile e-mail read by identity.ts.
  'users.info': ['users:read', 'users:read.email'],
  'files.uploadV2': ['files:write'],
  'views.open': [],
  'views.publish': [],
  'assistant.threads.setStatus': ['assistant:write'],
  'assistant.threads.setTitle': ['assistant:write'],
  'assistant.threads.setSuggestedPrompts': ['assistant:write'],
};
/** Bolt helpers that call Web API methods on our behalf. */
const HELPER_METHODS: Record<string, string> = {
  'setStatus(': 'assistant.threads.setStatus',
  'setTitle(': 'assistant.threads.setTitle',
  'setSuggestedPrompts(': 'assistant.threads.setSuggestedPrompts',
  'chatStream(': 'chat.startStream',
};
/** Event subscription → scope it needs. */
const EVENT_SCOPES: Record<string, string[]> = {
  app_mention: ['app_mentions:read'],
  'message.im': ['im:history'],
  app_home_opened: [],
  assistant_thread_started: ['assistant:write'],
  assistant_thread_context_changed: ['assistant:write'],
  // The install lifecycle (lifecycle.ts): Slack sends these without any scope.
  app_uninstalled: [],
  tokens_revoked: [],
};

function sourceFiles(): string {
  return readdirSync(SRC)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(new URL(f, SRC), 'utf8'))
    .join('\n');
}

function methodsCalled(code: string): Set<string> {
  const methods = new Set<string>();
  for (const match of code.matchAll(/client\.([a-z]+)\.([A-Za-z0-9]+(?:\.[A-Za-z0-9]+)?)\(/g)) methods.add(`${match[1]}.${match[2]}`);
  for (const [helper, method] of Object.entries(HELPER_METHODS)) if (code.includes(helper)) methods.add(method);
  return methods;
}

function eventsHandled(code: string): Set<string> {
  const events = new Set<string>();
  for (const match of code.matchAll(/app\.event\('([a-z_]+)'/g)) events.add(match[1]);
  if (/app\.message\(/.test(code)) events.add('message.im');
  if (/new Assistant\(/.test(code)) {
    events.add('assistant_thread_started');
    events.add('assistant_thread_context_changed');
  }
  return events;
}

describe('manifest/slack/manifest.yaml', () => {
  const code = sourceFiles();
  const scopes: string[] = manifest.oauth_config.scopes.bot;

  it('has the required keys within Slack length limits', () => {
    const info = manifest.display_information;
    expect(info.name.length).toBeGreaterThan(0);
    expect(info.name.length).toBeLessThanOrEqual(35);
    expect(info.description.length).toBeLessThanOrEqual(140);
    expect(info.long_description.length).toBeGreaterThanOrEqual(175);
    expect(info.long_description.length).toBeLessThanOrEqual(4000);
    expect(info.background_color).toMatch(/^#[0-9a-fA-F]{6}$/);
    expect(manifest._metadata.major_version).toBe(2);
    const features = manifest.features;
    expect(features.bot_user.display_name.length).toBeLessThanOrEqual(80);
    expect(features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    expect(features.assistant_view.assistant_description.length).toBeGreaterThan(0);
    expect(features.assistant_view.suggested_prompts.length).toBeGreaterThan(0);
    expect(features.assistant_view.suggested_prompts.length).toBeLessThanOrEqual(4);
    for (const prompt of features.assistant_view.suggested_prompts) expect(Object.keys(prompt).sort()).toEqual(['message', 'title']);
    expect(features.slash_commands).toHaveLength(1);
    expect(features.slash_commands[0]).toMatchObject({ command: COMMAND, should_escape: false });
    expect(features.slash_commands[0].description.length).toBeGreaterThan(0);
    expect(features.slash_commands[0].usage_hint.length).toBeLessThanOrEqual(1000);
    expect(features.shortcuts).toEqual([expect.objectContaining({ type: 'message', callback_id: COACH_SHORTCUT })]);
    expect(features.shortcuts[0].name.length).toBeLessThanOrEqual(50);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('points every URL at one https host: /slack/events or /slack/oauth_redirect', () => {
    const urls = [
      manifest.features.slash_commands[0].url,
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.oauth_config.redirect_urls,
    ].map((u: string) => new URL(u));
    expect(new Set(urls.map((u) => u.host)).size).toBe(1);
    for (const url of urls) expect(url.protocol).toBe('https:');
    expect(urls.slice(0, 3).map((u) => u.pathname)).toEqual(['/slack/events', '/slack/events', '/slack/events']);
    expect(urls.slice(3).map((u) => u.pathname)).toEqual(['/slack/oauth_redirect']);
  });

  it('subscribes to exactly the events the code handles', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...eventsHandled(code)].sort());
  });

  it('grants a scope for every Web API method the code calls', () => {
    const methods = methodsCalled(code);
    expect(methods.size).toBeGreaterThan(5);
    for (const method of methods) {
      expect(METHOD_SCOPES, `add ${method} to the method → scope table`).toHaveProperty([method]);
      for (const scope of METHOD_SCOPES[method]) expect(scopes, `${method} needs ${scope}`).toContain(scope);
    }
  });

  it('requests exactly the scopes that calls, events and the command need (and the OAuth install asks for the same)', () => {
    const needed = new Set<string>(['commands']);
    // Downloading a shared file's url_private is not a Web API method but needs files:read.
    if (/url_private/.test(code)) needed.add('files:read');
    for (const method of methodsCalled(code)) for (const scope of METHOD_SCOPES[method] ?? []) needed.add(scope);
    for (const event of manifest.settings.event_subscriptions.bot_events as string[]) for (const scope of EVENT_SCOPES[event] ?? ['unknown-event']) needed.add(scope);
    expect([...scopes].sort()).toEqual([...needed].sort());
    expect([...BOT_SCOPES].sort()).toEqual([...scopes].sort());
  });
});
