// clarify: when two readings of a message are close (or two people share a name), ask back with
// numbered options (buttons in Slack and Teams). A choice continues the original message: a number
// typed back or a button goes through the `clarify` dialogue, which routes the text again as chosen.
import { t } from '../../i18n';
import type { ClarifyOption } from '../intents';
import type { Handler, HandlerContext } from '../context';
import { saveDialog, type Dialog } from '../../store/dialogs';
import type { Reply } from '../reply';

export const CLARIFY_KIND = 'clarify';

export interface ClarifyDialog {
  kind: typeof CLARIFY_KIND;
  text: string;
  isCommand: boolean;
  options: ClarifyOption[];
  [field: string]: unknown;
}

/** A typed choice: "1", "2", "第1个", "#2". */
const CHOICE = /^\s*(?:第|#|no\.?\s*)?([1-9])\s*(?:个|项)?\s*[.。!！]?\s*$/i;

export function chosenOption(dialog: ClarifyDialog, text: string): ClarifyOption | null {
  const m = CHOICE.exec(text);
  if (!m) return null;
  return dialog.options[Number(m[1]) - 1] ?? null;
}

export function acceptsChoice(text: string): boolean {
  return CHOICE.test(text);
}

async function labelOf(ctx: HandlerContext, option: ClarifyOption): Promise<string> {
  if (option.subjectId) {
    const person = await ctx.store.getAgent(ctx.tenant, option.subjectId);
    return t(ctx.locale, 'clarify.person_label', { name: person?.name ?? option.subjectId, id: option.subjectId });
  }
  return t(ctx.locale, `command.${option.intent}.description`);
}

export const clarifyHandler: Handler = async (ctx, args): Promise<Reply> => {
  const options = (args.options ?? []).slice(0, 4);
  const dialog: ClarifyDialog = { kind: CLARIFY_KIND, text: ctx.route.text, isCommand: false, options };
  if (!ctx.passive) await saveDialog(ctx.store, ctx.tenant, ctx.actor.id, dialog as Dialog);
  const labels = await Promise.all(options.map((option) => labelOf(ctx, option)));
  const people = options.some((o) => o.subjectId);
  const intro = people
    ? t(ctx.locale, 'clarify.person_intro', { name: labels[0]?.replace(/[(（].*$/, '').trim() ?? '' })
    : t(ctx.locale, 'clarify.intro');
  return {
    intent: 'clarify',
    locale: ctx.locale,
    title: t(ctx.locale, 'clarify.title'),
    text: [intro, ...labels.map((label, i) => `${i + 1}. ${label}`)].join('\n'),
    data: {
      options: options.map((option, i) => ({ intent: option.intent, label: labels[i], ...(option.subjectId ? { agent: option.subjectId } : {}) })),
    },
    actions: options.map((option, i) => ({
      id: `clarify_${i + 1}`,
      label: labels[i],
      intent: option.intent,
      // Pressing the button types the number: the same path as a typed choice, on any replica.
      text: String(i + 1),
      ...(i === 0 ? { style: 'primary' as const } : {}),
    })),
  };
};
