// export (lead/admin): the team's 月度目标分解记录表 as an XLSX file on the reply (reply.file, base64);
// the console writes it to disk, Slack/Teams upload it to the requesting lead (private).
import { DateTime } from 'luxon';
import type { LocalDate, Month } from '../../../domain/types';
import { t } from '../../../i18n';
import { exportGoalSheet } from '../../../io';
import { teamsInScope } from '../../../access/access';
import type { Handler } from '../../context';
import { lines } from '../../../planning/format';
import { normalizeWidth } from '../../../understanding';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The month asked for: 2026-03, 2026年3月, 3月, 上个月 / last month, 下个月 / next month; default this month. */
export function monthIn(text: string, today: LocalDate): Month {
  const s = normalizeWidth(text);
  const now = DateTime.fromISO(today, { zone: 'UTC' });
  let m = /(\d{4})\s*[-/年.]\s*(\d{1,2})\s*月?/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${m[2].padStart(2, '0')}`;
  m = /(?:^|[^\d])(\d{1,2})\s*月/.exec(s);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return `${now.year}-${m[1].padStart(2, '0')}`;
  if (/上个?月|上月|last month|previous month/i.test(s)) return now.minus({ months: 1 }).toFormat('yyyy-MM');
  if (/下个?月|下月|next month/i.test(s)) return now.plus({ months: 1 }).toFormat('yyyy-MM');
  return now.toFormat('yyyy-MM');
}

export const exportHandler: Handler = async (ctx, args) => {
  const { locale } = ctx;
  const text = `${args.topic ?? ''} ${ctx.route.text}`;
  const teams = await teamsInScope(ctx.store, ctx.tenant, ctx.actor, ctx.route.text);
  const team = teams[0];
  const month = monthIn(args.topic ?? ctx.route.text, ctx.today);
  const bytes = await exportGoalSheet(ctx.store, ctx.tenant, team.id, month, locale, { today: ctx.today });
  const filename = `${locale === 'zh-CN' ? '月度目标分解记录表' : 'goal-sheet'}-${team.id}-${month}.xlsx`;
  const members = (await ctx.store.listAgents(ctx.tenant, team.id)).filter((a) => !team.leads.includes(a.id) && a.role !== 'admin').length;
  return {
    intent: 'export',
    locale,
    title: t(locale, 'lead.export.title', { team: team.name, month }),
    text: lines(
      t(locale, 'lead.export.done', { team: team.name, month, n: members, file: filename }),
      teams.length > 1 && !text.includes(team.name) && t(locale, 'lead.export.other_teams', { teams: teams.slice(1).map((x) => x.name).join(', ') }),
    ),
    data: { team: team.id, month, members, filename, bytes: bytes.length },
    file: { filename, mimeType: XLSX_MIME, base64: bytes.toString('base64') },
    visibility: 'private',
  };
};
