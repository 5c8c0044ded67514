// App Home: per person, built from engine replies (agent: today, progress, plan, course; lead: team
// plus shortcuts to the huddle prompt, team quadrant and export) and republished after each change.
import type { App, types, webApi } from '@slack/bolt';
import type { Reply, ReplyAction } from '../../core/reply';
import { t } from '../../i18n';
import { roleOf } from './assistant';
import { errorFields } from './identity';
import { LIMITS, capBlocks } from './limits';
import { homeSettingsBlock } from './modals';
import { buildInbound, type SlackRuntime } from './runtime';

type Client = webApi.WebClient;

export const AGENT_HOME_SUBS = ['today', 'progress', 'plan', 'course'] as const;
export const LEAD_HOME_SUBS = ['team'] as const;
const PER_REPLY_BLOCKS = 22;

function leadShortcuts(locale: Reply['locale']): ReplyAction[] {
  return [
    { id: 'home_huddle', label: t(locale, 'slack.prompt.huddle.title'), intent: 'huddle', text: t(locale, 'slack.prompt.huddle.message') },
    { id: 'home_quadrant', label: t(locale, 'slack.prompt.quadrant.title'), intent: 'quadrant', text: t(locale, 'slack.prompt.quadrant.message') },
    { id: 'home_mentors', label: t(locale, 'slack.prompt.mentors.title'), intent: 'mentors', text: t(locale, 'slack.prompt.mentors.message') },
    { id: 'home_export', label: t(locale, 'slack.home.export'), intent: 'export', text: t(locale, 'slack.home.export_text') },
  ];
}

/** Builds the home view for one person from engine replies. Never throws for one failing section. */
export async function buildHomeView(rt: SlackRuntime, client: Client, tenant: string, userId: string): Promise<types.HomeView> {
  const role = await roleOf(rt, tenant, userId);
  const subs: readonly string[] = role === 'lead' ? LEAD_HOME_SUBS : AGENT_HOME_SUBS;
  const replies: Reply[] = [];
  for (const sub of subs) {
    try {
      const inbound = await buildInbound(rt, client, { tenant, userId, text: sub, conversationId: `home:${userId}`, shared: false, isCommand: true });
      // passive: building the Home must not end a dialogue (e.g. a role-play) the person has open.
      const reply = await rt.engine.handle({ ...inbound, passive: true });
      replies.push(reply);
      // Unknown people get the onboarding reply once, not four times.
      if (reply.intent === 'onboarding') break;
    } catch (error) {
      rt.logger.warn({ tenant, userId, sub, err: errorFields(error) }, 'slack home: section failed');
    }
  }
  const locale = replies[0]?.locale ?? 'zh-CN';
  const blocks: types.KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: t(locale, role === 'lead' ? 'slack.home.title_lead' : 'slack.home.title') } }];
  for (const reply of replies) {
    const rendered = rt.renderer.render(reply, { maxBlocks: PER_REPLY_BLOCKS });
    blocks.push({ type: 'divider' }, ...rendered.blocks);
  }
  if (replies.length === 0) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: t(locale, 'slack.home.unavailable') } });
  if (role === 'lead' && replies[0]?.intent !== 'onboarding') {
    blocks.push({ type: 'divider' }, { type: 'actions', elements: leadShortcuts(locale).map((a) => rt.renderer.button(a)) });
  }
  // Reminder settings (time, days, snooze, stop) for everyone Lingyan knows.
  if (replies.length > 0 && replies[0]?.intent !== 'onboarding') blocks.push({ type: 'divider' }, homeSettingsBlock(locale));
  const time = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(rt.clock());
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t(locale, 'slack.home.updated', { time }) }] });
  return { type: 'home', blocks: capBlocks(blocks, LIMITS.viewBlocks, t(locale, 'slack.truncated')) };
}

export async function publishHomeWith(rt: SlackRuntime, client: Client, tenant: string, userId: string): Promise<void> {
  const view = await buildHomeView(rt, client, tenant, userId);
  await client.views.publish({ user_id: userId, view });
}

export function registerHome(app: App, rt: SlackRuntime): void {
  app.event('app_home_opened', async ({ event, client, context }) => {
    if (event.tab !== 'home') return;
    const tenant = context.teamId ?? '';
    try {
      await publishHomeWith(rt, client, tenant, event.user);
    } catch (error) {
      rt.logger.error({ tenant, userId: event.user, err: errorFields(error) }, 'slack home: views.publish failed');
    }
  });
}
