// Chinese replies contain no English (issue 25, "words a person reads"): every zh-CN catalogue string,
// validation failures (zod's own messages are English) and the refusals and confirmations a day's log
// can meet, rendered in zh-CN, hold no Latin words beyond an explicit allow-list.
import { describe, expect, it } from 'vitest';
import { allKeys, t } from '../../src/i18n';
import { errorReply, localizeParams, validationMessage } from '../../src/core/errorReply';
import { UserInputError } from '../../src/errors';
import { agentSchema, historySchema } from '../../src/store/fixture';
import { createEngine } from '../../src/core/lingyanEngine';
import type { Reply } from '../../src/core/reply';
import { consoleSay, seededStore } from '../helpers/console';
import { harness } from '../core/handlers/lead/harness';

/** Names and abbreviations a Chinese reader sees as is: products, file types, units, OKR letters, format patterns. */
const ALLOWED_WORDS = new Set([
  'Slack', 'Teams', 'App', 'Home', 'OneDrive', 'Excel', 'CSV', 'XLSX', 'csv', 'xlsx', 'MB',
  'OKR', 'KR', 'O', 'AI', 'TOP', // TOP经验分享: the course's own title in the source material
  'YYYY', 'MM', 'DD', 'ISO', 'IANA', // the date/time formats a person is asked to type
]);

/** Text that is typed literally rather than read: commands, file paths, example values. */
const LITERALS: RegExp[] = [
  /\/coach(?: [a-z]+)?/g, // `/coach today`, `/coach <指令>`
  /\/invite/g,
  /(?<![\w/]):[a-z]+(?: <[a-z]+>)?/g, // console commands `:why`, `:user <id>`
  /[\w./-]*\.(?:csv|xlsx)\b/gi, // file names and extensions
  /\d{4}-\d{2}-\d{2}T[\d:+-]+/g, // an ISO-8601 example instant
  /\b[A-Z][a-z]+\/[A-Z][a-z]+\b/g, // a time-zone example (Asia/Shanghai)
];

/** The Latin words in `text` that are neither placeholders, literals nor allowed names. */
function englishWords(text: string): string[] {
  let rest = text.replace(/\{\w+\}/g, ' ');
  for (const literal of LITERALS) rest = rest.replace(literal, ' ');
  return (rest.match(/[A-Za-z]+/g) ?? []).filter((word) => !ALLOWED_WORDS.has(word));
}

function replyWords(reply: Reply): string[] {
  const shown = [reply.title ?? '', reply.text, ...(reply.facts ?? []).flatMap((f) => [f.label, f.value]), ...(reply.actions ?? []).map((a) => a.label)];
  return shown.flatMap(englishWords);
}

describe('zh-CN catalogue', () => {
  it('the allow-list check itself catches English', () => {
    expect(englishWords('一天 99999 的“calls”不太可能')).toEqual(['calls']);
    expect(englishWords('Too small: expected number to be >=0')).toHaveLength(6);
    expect(englishWords('用 /coach today 或 :why,上传 data/roster.csv;{name} 的 OKR')).toEqual([]);
  });

  it('has no Latin words outside the allow-list in any zh-CN string', () => {
    const found = allKeys('zh-CN')
      .map((key) => ({ key, words: englishWords(t('zh-CN', key)) }))
      .filter((entry) => entry.words.length > 0);
    expect(found).toEqual([]);
  });
});

describe('validation failures in zh-CN', () => {
  it('a zod failure (negative base salary, fractional call count) is worded in Chinese', () => {
    const agent = agentSchema.safeParse({ id: 'a1', name: '张三', team: 't1', baseSalary: -1 });
    expect(agent.success).toBe(false);
    const tooSmall = agent.error!.issues[0]!;
    expect(tooSmall.message).toMatch(/Too small/); // zod's own message: English
    expect(validationMessage('zh-CN', tooSmall)).toBe('不能小于 0');
    expect(validationMessage('zh-CN', tooSmall, '底薪')).toBe('“底薪”不能小于 0');
    expect(validationMessage('en', tooSmall, 'Base salary')).toBe('"Base salary" must be at least 0');

    const history = historySchema.safeParse({ agent: 'a1', month: '2026-13', calls: 1.5, connects: 0, deals: 0, sales: 0, prospects: 0, workdays: 20 });
    const messages = history.error!.issues.map((issue) => validationMessage('zh-CN', issue));
    expect(messages).toEqual(['格式不对', '需要是整数']);
    for (const text of messages) expect(englishWords(text)).toEqual([]);
  });

  it('an import problem worded this way has no English', () => {
    const issue = agentSchema.safeParse({ id: 'a1', name: '张三', team: 't1', baseSalary: -1 }).error!.issues[0]!;
    const line = t('zh-CN', 'lead.import.at_row_column', {
      row: 3, column: '底薪', message: t('zh-CN', 'import.problem.invalid', { value: '-1', detail: validationMessage('zh-CN', issue) }),
    });
    expect(line).toContain('不能小于 0');
    expect(englishWords(line)).toEqual([]);
  });

  it('a real import with a negative figure, and a malformed CSV, are refused in zh-CN without English', async () => {
    // The lead toolkit's harness (test/core/handlers/lead/harness.ts): l1 leads t1; the file rides on the message.
    const importAs = async (filename: string, csv: string) =>
      (await harness({ attachment: { filename, bytes: Buffer.from(csv, 'utf8') } })).say('l1', '导入', { locale: 'zh-CN' });
    // zod says "Too small: expected number to be >=0" for -5; the reply must word it in Chinese.
    const negative = await importAs('activity.csv', '工号,日期,拨打量\na1,2026-03-02,-5\n');
    expect(negative.error?.key).toBe('lead.import.failed');
    expect(replyWords(negative)).toEqual([]);
    // csv-parse's own message ("Invalid Closing Quote…") is English: the reply names the problem itself.
    const malformed = await importAs('activity.csv', '工号,日期,拨打量\na1,"2026-03-02"x,5\n');
    expect(malformed.error?.key).toBe('lead.import.failed');
    expect(malformed.text).toContain('CSV 格式有误');
    expect(replyWords(malformed)).toEqual([]);
  });

  it('error parameters that are identifiers are named in the person’s words', () => {
    const activity = errorReply('zh-CN', 'log_activity', new UserInputError('goals.error.activity_invalid', { date: '2026-03-04', field: 'calls', value: '-1' }));
    expect(activity.text).toContain('拨打');
    expect(englishWords(activity.text)).toEqual([]);
    const score = errorReply('zh-CN', 'assess', new UserInputError('quadrant.error.score_out_of_range', { dimension: 'tool_use', score: '7' }));
    expect(englishWords(score.text)).toEqual([]);
    // Already localized names, numbers and dates pass through unchanged.
    expect(localizeParams('zh-CN', { field: '拨打', value: 3, date: '2026-03-04' })).toEqual({ field: '拨打', value: 3, date: '2026-03-04' });
    expect(localizeParams('en', { field: 'calls', stage: 'closeRate' })).toEqual({ field: 'Calls', stage: t('en', 'stage.closeRate') });
  });
});

describe('logging an implausible day in zh-CN', () => {
  // plan-basic.json: a1 has 30 calls logged on Wed 2026-03-04; the best month is 2,000 calls over 20 days
  // (100 a day), so anything above min(480, 3 × 100 = 300) calls asks first, and above 2,000 is refused.
  const setup = async () => {
    const store = await seededStore('test/fixtures/plan-basic.json');
    const engine = createEngine({ store });
    return consoleSay(() => engine, new Date('2026-03-04T09:00:00+08:00'));
  };

  it('the "really that many?" confirmation has no English', async () => {
    const say = await setup();
    const reply = await say('a1', '今天一共打了600个电话');
    expect(reply.data).toMatchObject({ awaiting: 'confirmation', saved: false, projectedCalls: 600 });
    expect(reply.text).toContain('600');
    expect(replyWords(reply)).toEqual([]);
  });

  it('the refusal of an impossible figure names the field in Chinese', async () => {
    const say = await setup();
    const reply = await say('a1', '今天打了99999个电话');
    expect(reply.error?.key).toBe('activity.error.absurd');
    expect(reply.text).toContain('拨打');
    expect(replyWords(reply)).toEqual([]);
  });

  it('the agent’s "why" for today is plain Chinese', async () => {
    const say = await setup();
    const reply = await say('a1', '今天要打多少个电话');
    expect(reply.whyPlain?.length).toBeGreaterThan(5);
    expect((reply.whyPlain ?? []).flatMap(englishWords)).toEqual([]);
    expect(replyWords(reply)).toEqual([]);
  });
});
