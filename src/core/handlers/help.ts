// help (and the answer to anything not understood): what Lingyan can do for this person's role.
import type { Locale, Role } from '../../domain/types';
import { t } from '../../i18n';
import type { Handler } from '../context';
import { lines } from '../../planning/format';
import type { Intent, Reply } from '../reply';

const AGENT_INTENTS: Intent[] = [
  'calls_today', 'plan', 'set_goal', 'suggest_target', 'progress', 'log_activity', 'diagnose',
  'assess', 'quadrant', 'coach', 'roleplay', 'course', 'nudges',
];
const LEAD_INTENTS: Intent[] = ['team', 'huddle', 'quadrant', 'mentors', 'diagnose', 'export', 'import'];

export function helpReply(locale: Locale, role: Role, opening?: string): Reply {
  const agentLines = AGENT_INTENTS.map((intent) => `• ${t(locale, `help.intent.${intent}`)}`);
  const leadLines = role === 'agent' ? [] : LEAD_INTENTS.map((intent) => `• ${t(locale, `help.lead_intent.${intent}`)}`);
  return {
    intent: 'help',
    locale,
    title: t(locale, 'help.title'),
    text: lines(
      opening,
      t(locale, 'help.intro'),
      ...agentLines,
      leadLines.length > 0 && t(locale, 'help.lead_title'),
      ...leadLines,
      t(locale, 'help.command_hint'),
    ),
    data: { intents: role === 'agent' ? AGENT_INTENTS : [...AGENT_INTENTS, ...LEAD_INTENTS] },
    sections: [
      { title: t(locale, 'help.agent_title'), text: agentLines.join('\n') },
      ...(leadLines.length > 0 ? [{ title: t(locale, 'help.lead_title'), text: leadLines.join('\n') }] : []),
    ],
    actions: [
      { id: 'today', label: t(locale, 'action.calls_today'), intent: 'calls_today', text: '/coach today', style: 'primary' },
      { id: 'progress', label: t(locale, 'action.progress'), intent: 'progress', text: '/coach progress' },
    ],
  };
}

export const helpHandler: Handler = async (ctx) => helpReply(ctx.locale, ctx.actor.role);

/** Messages that were not understood: never silence, always a short answer and what the bot can do. */
export const unknownHandler: Handler = async (ctx, args) =>
  args.reason
    ? {
        intent: 'help',
        locale: ctx.locale,
        text: t(ctx.locale, `unknown.${args.reason}`, { value: ctx.route.text.trim().slice(0, 20) }),
        data: { understood: false, reason: args.reason },
        actions: [{ id: 'today', label: t(ctx.locale, 'action.calls_today'), intent: 'calls_today', text: '/coach today', style: 'primary' }],
      }
    : helpReply(
    ctx.locale,
    ctx.actor.role,
    args.sub ? t(ctx.locale, 'help.unknown_sub', { sub: args.sub }) : t(ctx.locale, 'help.unknown'),
  );

/** A platform user with no profile yet: explain how to get linked, not an error. */
export function onboardingReply(locale: Locale, platformUserId: string): Reply {
  return {
    intent: 'onboarding',
    locale,
    title: t(locale, 'onboarding.title'),
    text: t(locale, 'onboarding.text', { id: platformUserId }),
    data: { platformUserId },
  };
}
