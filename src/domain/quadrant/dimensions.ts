// The 12 competency dimensions of the iceberg model (4 ability above the waterline, 8 cognition
// below), with zh/en names and what a 1, 3 and 5 look like for a contact-centre agent.
import type { Locale } from '../types';

export const ABILITY_DIMENSIONS = [
  'professional_knowledge',
  'general_knowledge',
  'answering_skills',
  'tool_use',
] as const;

export const COGNITION_DIMENSIONS = [
  'occupational_identity',
  'work_enthusiasm',
  'work_attitude',
  'work_style',
  'corporate_values',
  'service_philosophy',
  'logical_thinking',
  'learning_ability',
] as const;

export type AbilityDimension = (typeof ABILITY_DIMENSIONS)[number];
export type CognitionDimension = (typeof COGNITION_DIMENSIONS)[number];
export type Dimension = AbilityDimension | CognitionDimension;
export type Axis = 'ability' | 'cognition';

/** Catalogue order: ability first, then cognition. Also the tie-break order for strongest/weakest. */
export const DIMENSIONS: readonly Dimension[] = [...ABILITY_DIMENSIONS, ...COGNITION_DIMENSIONS];

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

type Text = Record<Locale, string>;

export interface DimensionInfo {
  id: Dimension;
  axis: Axis;
  name: Text;
  /** What a score of 1, 3 and 5 looks like; shown during (self-)assessment. */
  anchors: { 1: Text; 3: Text; 5: Text };
}

function info(id: Dimension, zh: string, en: string, a1: [string, string], a3: [string, string], a5: [string, string]): DimensionInfo {
  const axis: Axis = (ABILITY_DIMENSIONS as readonly string[]).includes(id) ? 'ability' : 'cognition';
  return {
    id,
    axis,
    name: { 'zh-CN': zh, en },
    anchors: {
      1: { 'zh-CN': a1[0], en: a1[1] },
      3: { 'zh-CN': a3[0], en: a3[1] },
      5: { 'zh-CN': a5[0], en: a5[1] },
    },
  };
}

const LIST: DimensionInfo[] = [
  info('professional_knowledge', '专业知识', 'Professional knowledge',
    ['产品、政策和流程常需查阅或请教同事，答复偶有错误', 'Often has to look up or ask about products, policies and process; answers are sometimes wrong'],
    ['掌握主要产品和常见政策，常规咨询能准确答复', 'Knows the main products and common policies; answers routine questions correctly'],
    ['精通全线产品与规则，能处理疑难个案并为同事答疑', 'Masters the full range and the rules, handles edge cases and answers colleagues’ questions']),
  info('general_knowledge', '通用知识', 'General knowledge',
    ['对行业、客户常识和基本礼仪了解有限', 'Limited grasp of the industry, customer basics and call etiquette'],
    ['了解行业动态和客户常见背景，沟通得体', 'Follows the industry and common customer situations; communicates appropriately'],
    ['知识面广，能结合客户场景举例和延伸话题，建立信任', 'Broad knowledge; relates to the customer’s situation with examples and builds trust']),
  info('answering_skills', '应答技巧', 'Answering skills',
    ['照本宣科，遇到异议容易卡壳或冷场', 'Reads the script; stalls or goes silent when the customer objects'],
    ['能按话术处理常见异议，通话节奏基本可控', 'Handles common objections with the script; keeps the call mostly on track'],
    ['灵活倾听与提问，化解异议、把握成交时机', 'Listens and asks questions flexibly, turns objections around and spots the moment to close']),
  info('tool_use', '工具使用', 'Tool use',
    ['系统、CRM 和话务工具操作不熟，影响通话效率', 'Unsure with the CRM, dialler and systems; it slows calls down'],
    ['熟练完成日常录入、查询和小结', 'Handles routine logging, look-ups and wrap-up smoothly'],
    ['高效使用各类工具和快捷方式，并能帮助同事', 'Uses every tool and shortcut efficiently and helps colleagues with them']),
  info('occupational_identity', '职业认同', 'Occupational identity',
    ['把这份工作看作临时过渡，缺少归属感', 'Sees the job as a stopgap; little sense of belonging'],
    ['认可岗位价值，愿意在本岗位做好', 'Values the role and wants to do it well'],
    ['以岗位为荣，清楚自身成长路径并主动规划', 'Proud of the role; knows their growth path and plans for it']),
  info('work_enthusiasm', '工作热情', 'Work enthusiasm',
    ['情绪低落，拨打量和主动性不足', 'Low energy; call volume and initiative lag'],
    ['状态稳定，能完成日常拨打量', 'Steady; completes the daily call volume'],
    ['积极主动，感染团队，遇挫后迅速调整', 'Proactive and energising for the team; bounces back quickly after setbacks']),
  info('work_attitude', '工作态度', 'Work attitude',
    ['出勤、纪律或跟进常需提醒', 'Attendance, discipline or follow-ups often need reminders'],
    ['遵守纪律，按时跟进客户', 'Follows the rules and follows up with customers on time'],
    ['认真负责，主动补位，对结果有担当', 'Conscientious, steps in where needed and owns the results']),
  info('work_style', '工作作风', 'Work style',
    ['做事拖延，记录和交接不规范', 'Procrastinates; notes and hand-overs are untidy'],
    ['按流程做事，记录清楚', 'Works to the process and keeps clear records'],
    ['雷厉风行又严谨细致，乐于协作', 'Fast yet meticulous, and happy to collaborate']),
  info('corporate_values', '企业价值观', 'Corporate values',
    ['不太了解或不认同公司的价值观', 'Does not know or share the company’s values'],
    ['理解公司价值观，日常行为基本一致', 'Understands the values and mostly acts on them'],
    ['践行并传播价值观，是团队的榜样', 'Lives and spreads the values; a role model for the team']),
  info('service_philosophy', '服务理念', 'Service philosophy',
    ['只关注完成通话，忽略客户感受', 'Focuses on finishing calls, not on how the customer feels'],
    ['以客户为中心，态度耐心礼貌', 'Customer-centred, patient and polite'],
    ['主动发现客户需求，超出预期地解决问题', 'Anticipates customer needs and solves problems beyond expectations']),
  info('logical_thinking', '逻辑思维', 'Logical thinking',
    ['表达零散，难以理清客户问题', 'Rambles; struggles to untangle the customer’s problem'],
    ['能理清问题要点，表达有条理', 'Picks out the key points and explains them in order'],
    ['快速抓住本质，结构化表达并提出方案', 'Gets to the heart of it fast, explains in a structured way and proposes solutions']),
  info('learning_ability', '学习能力', 'Learning ability',
    ['新产品、新话术上手慢，需要反复辅导', 'Slow to pick up new products and scripts; needs repeated coaching'],
    ['能按培训掌握新内容并应用', 'Learns new material from training and applies it'],
    ['主动学习复盘，快速迁移并分享经验', 'Learns and reviews on their own, transfers quickly and shares what works']),
];

export const DIMENSION_INFO: Readonly<Record<Dimension, DimensionInfo>> = Object.fromEntries(
  LIST.map((d) => [d.id, d]),
) as Record<Dimension, DimensionInfo>;

export function isDimension(value: string): value is Dimension {
  return (DIMENSIONS as readonly string[]).includes(value);
}

export function axisOf(dimension: Dimension): Axis {
  return DIMENSION_INFO[dimension].axis;
}

export function dimensionsOf(axis: Axis): readonly Dimension[] {
  return axis === 'ability' ? ABILITY_DIMENSIONS : COGNITION_DIMENSIONS;
}
