// Competency replies are always `visibility: 'private'` (docs/design.md "Privacy"): the channel adapters move a
// private reply out of a shared channel into the person's DM and post their own short notice there.
// In a shared channel the handler also sets `data.publicNote`, a note without names or scores that an
// adapter may post in the channel instead of its own notice.
import { t } from '../../../i18n';
import type { HandlerContext } from '../../context';
import type { Reply } from '../../reply';

export function privately(ctx: HandlerContext, reply: Reply): Reply {
  const out: Reply = { ...reply, visibility: 'private' };
  if (ctx.channel.shared) out.data = { ...reply.data, publicNote: t(ctx.locale, 'lead.private_note') };
  return out;
}
