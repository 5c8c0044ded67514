// import (lead/admin): roster, history, activity or assessments from a CSV/XLSX file. Nothing is written
// unless every row is valid and belongs to the importer's teams; re-importing the same file changes nothing.
//
// Where the file comes from: the file sent with the message (`ctx.attachment`: a Slack DM file share or a
// Teams attachment), or, in the console only, the path after the command ("导入 /path/to/roster.csv").
import { readFile, stat } from 'node:fs/promises';
import { MAX_IMPORT_BYTES } from '../../attachments';
import { basename } from 'node:path';
import { t } from '../../../i18n';
import { checkAgents, importTable, writeImport, type ImportKind, type ImportProblem } from '../../../io';
import { assertLead, teamsLedBy } from '../../../access/access';
import type { Handler, HandlerContext } from '../../context';
import type { InboundAttachment } from '../../engine';
import { lines } from '../../../planning/format';
import type { Reply } from '../../reply';
import { validationMessage } from '../../errorReply';

/** A path in the console command: the topic's last token that looks like a file name. */
function pathIn(topic: string | undefined): string | null {
  if (!topic) return null;
  const quoted = /["“'](.+?\.(?:csv|xlsx|xlsm|txt))["”']/i.exec(topic);
  if (quoted) return quoted[1];
  const bare = /(\S+\.(?:csv|xlsx|xlsm|txt))\b/i.exec(topic);
  return bare ? bare[1] : null;
}

async function attachmentOf(ctx: HandlerContext, topic: string | undefined): Promise<InboundAttachment | null> {
  if (ctx.attachment) return ctx.attachment;
  // The original text, not the router's topic: the topic has trigger words ("import") cut out of paths.
  const original = ctx.route.text.replace(/^\s*(?:\/coach\s+)?(?:导入|上传|import|upload)\s*/i, '');
  const path = ctx.channel.kind === 'console' ? (pathIn(original) ?? pathIn(topic)) : null;
  if (!path) return null;
  try {
    const info = await stat(path);
    if (info.size > MAX_IMPORT_BYTES) return { filename: basename(path), bytes: Buffer.alloc(0) };
    return { filename: basename(path), bytes: await readFile(path) };
  } catch {
    return { filename: basename(path), bytes: Buffer.alloc(0) };
  }
}

export function kindFromText(text: string): ImportKind | undefined {
  if (/历史|月度数据|history|monthly/i.test(text)) return 'history';
  if (/排班|休息|考勤|roster|schedule|days? off/i.test(text)) return 'roster';
  if (/评估|测评|自评|assess/i.test(text)) return 'assessments';
  if (/日报|活动|每日|activity|daily/i.test(text)) return 'activity';
  return undefined;
}

export function problemLine(ctx: HandlerContext, p: ImportProblem): string {
  const params: Record<string, string | number> = { ...(p.params ?? {}), column: p.column ?? '' };
  if (typeof params.detailKey === 'string') params.detail = t(ctx.locale, params.detailKey);
  const message = t(ctx.locale, `import.problem.${p.code}`, params);
  if (p.row !== null && p.column) return t(ctx.locale, 'lead.import.at_row_column', { row: p.row, column: p.column, message });
  if (p.row !== null) return t(ctx.locale, 'lead.import.at_row', { row: p.row, message });
  return message;
}

function failed(ctx: HandlerContext, filename: string, problems: ImportProblem[]): Reply {
  return {
    intent: 'import',
    locale: ctx.locale,
    title: t(ctx.locale, 'lead.import.title'),
    text: lines(t(ctx.locale, 'lead.import.failed', { file: filename, n: problems.length }), ...problems.map((p) => `- ${problemLine(ctx, p)}`)),
    data: { ok: false, file: filename, problems },
    error: { kind: 'input', key: 'lead.import.failed' },
    visibility: 'private',
  };
}

export const importHandler: Handler = async (ctx, args) => {
  assertLead(ctx.actor);
  const { locale } = ctx;
  const file = await attachmentOf(ctx, args.topic);
  if (!file) {
    return { intent: 'import', locale, title: t(locale, 'lead.import.title'), text: t(locale, ctx.channel.kind === 'console' ? 'lead.import.how_console' : 'lead.import.how'), data: { ok: false, needsFile: true } };
  }
  if (file.bytes.length === 0 || file.bytes.length > MAX_IMPORT_BYTES) {
    return failed(ctx, file.filename, [{ code: 'unreadable', row: null, column: null, params: { detail: t(locale, 'lead.import.empty_or_large') } }]);
  }
  const kind = kindFromText(`${args.topic ?? ''} ${file.filename}`);
  const parsed = await importTable(file.bytes, file.filename, kind, { today: ctx.today, describeIssue: (issue) => validationMessage(locale, issue) });
  if (!parsed.ok) return failed(ctx, file.filename, parsed.problems);
  const known = new Set((await ctx.store.listAgents(ctx.tenant)).map((a) => a.id));
  const teams = await teamsLedBy(ctx.store, ctx.tenant, ctx.actor);
  const writable = new Set((await Promise.all(teams.map((team) => ctx.store.listAgents(ctx.tenant, team.id)))).flat().map((a) => a.id));
  const problems = checkAgents(parsed, known, writable);
  if (problems.length > 0) return failed(ctx, file.filename, problems);
  const { written, unchanged } = await writeImport(ctx.store, ctx.tenant, parsed);
  return {
    intent: 'import',
    locale,
    title: t(locale, 'lead.import.title'),
    text: lines(
      t(locale, 'lead.import.done', { file: file.filename, n: parsed.rows.length, kind: t(locale, `lead.import.kind.${parsed.kind}`) }),
      unchanged > 0 && t(locale, 'lead.import.unchanged', { n: unchanged }),
      t(locale, 'lead.import.idempotent'),
    ),
    data: { ok: true, file: file.filename, kind: parsed.kind, rows: parsed.rows.length, written, unchanged },
    visibility: 'private',
  };
};
