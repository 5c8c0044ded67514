// What each import kind's header row may say (zh or en) and how each column is read. Headers are compared
// after lower-casing and dropping spaces, underscores and bracketed units ("业绩(元)" = "业绩").
import { DIMENSION_INFO, DIMENSIONS } from '../domain/quadrant';

export type ImportKind = 'roster' | 'history' | 'activity' | 'assessments';
export const IMPORT_KINDS: readonly ImportKind[] = ['roster', 'history', 'activity', 'assessments'];

export type ColumnType = 'text' | 'date' | 'month' | 'count' | 'money' | 'bool' | 'score';

export interface ColumnSpec {
  field: string;
  /** Shown when the column is missing: the canonical zh / en header. */
  label: string;
  aliases: readonly string[];
  type: ColumnType;
  required: boolean;
}

export function normalizeHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[（(［[].*?[）)］\]]/g, '')
    .replace(/[\s_\-:：*#.]/g, '');
}

const col = (field: string, label: string, type: ColumnType, required: boolean, aliases: string[]): ColumnSpec => ({
  field,
  label,
  type,
  required,
  aliases: [...aliases, field].map(normalizeHeader),
});

const AGENT = col('agent', '工号 / agent', 'text', true, ['工号', '员工号', '员工编号', '坐席号', '坐席工号', '坐席', '编号', 'agent', 'agentid', 'agent id', 'employee id', 'employeeid', 'id']);
const DATE = col('date', '日期 / date', 'date', true, ['日期', '时间', 'date', 'day']);
const metric = (required: boolean) => [
  col('calls', '拨打量 / calls', 'count', required, ['拨打量', '拨打', '拨打数', '拨打次数', '外呼量', '外呼', '呼出量', 'calls', 'dials', 'calls made']),
  col('connects', '接通 / connects', 'count', required, ['接通', '接通量', '接通数', '接通次数', 'connects', 'connected', 'connections']),
  col('deals', '成交 / deals', 'count', required, ['成交', '成交量', '成交数', '成交单数', '单数', 'deals', 'closed', 'closes']),
  col('sales', '业绩 / sales', 'money', required, ['业绩', '销售额', '成交金额', '金额', '业绩金额', 'sales', 'revenue', 'amount']),
  col('prospects', '意向客户 / prospects', 'count', required, ['意向客户', '意向', '意向客户数', '意向数', 'prospects', 'leads']),
];

function dimensionColumns(): ColumnSpec[] {
  return DIMENSIONS.map((d) => {
    const info = DIMENSION_INFO[d];
    return col(d, `${info.name['zh-CN']} / ${info.name.en}`, 'score', false, [info.name['zh-CN'], info.name.en]);
  });
}

export const COLUMNS: Readonly<Record<ImportKind, readonly ColumnSpec[]>> = {
  history: [
    AGENT,
    col('month', '月份 / month', 'month', true, ['月份', '月', '统计月份', '年月', 'month']),
    ...metric(true),
    col('workdays', '工作日 / workdays', 'count', true, ['工作日', '工作日数', '工作天数', '出勤天数', '出勤', 'workdays', 'working days', 'days worked']),
  ],
  activity: [AGENT, DATE, ...metric(false)],
  roster: [AGENT, DATE, col('off', '休息 / off', 'bool', true, ['休息', '是否休息', '休', '休假', '排班', 'off', 'day off', 'dayoff', 'rest'])],
  assessments: [AGENT, col('rater', '评估人 / rater', 'text', true, ['评估人', '评分人', '评价人', 'rater', 'assessor', 'rated by']), DATE, ...dimensionColumns()],
};

/** Which kind a header row looks like, or null. Month → history, off → roster, dimensions → assessments, date → activity. */
export function detectKind(headers: readonly string[]): ImportKind | null {
  const has = (kind: ImportKind, field: string) => {
    const spec = COLUMNS[kind].find((c) => c.field === field) as ColumnSpec;
    return headers.some((h) => spec.aliases.includes(normalizeHeader(h)));
  };
  if (has('history', 'month')) return 'history';
  if (has('roster', 'off')) return 'roster';
  if (DIMENSIONS.some((d) => has('assessments', d))) return 'assessments';
  if (has('activity', 'date')) return 'activity';
  return null;
}
