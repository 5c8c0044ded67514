// Goal phrases: income target (想拿一万二 / income target 12000), base salary (底薪3000), commission —
// flat (提成2%) or tiered (阶梯提成:0以上1%,10万以上2%,30万以上3%,超额累进) — and a proposed target.
import type { Tier } from '../../domain/types';
import type { GoalArgs } from '../types';
import { normalizeWidth, tokenizeNumbers, type NumberToken } from './numbers';

type Anchor = 'income' | 'base' | 'commission';

// Longest first within each kind; kinds are tried base → commission → income so 底薪/提成 win over 收入.
const ANCHORS: [RegExp, Anchor][] = [
  [/无责底薪|底薪|基本工资|基础工资|固定工资|保底工资|保底|\bbase(?:\s+(?:salary|pay|wage))?\b|\bsalary base\b|\bfixed (?:salary|pay)\b|\bretainer\b/iy, 'base'],
  [/阶梯提成|分段提成|提成比例|提成点数?|提成率|提成|佣金比例|佣金|抽成|\bcommission(?:\s+rate)?\b|\btiered\b|\btiers?\b|\brate\b/iy, 'commission'],
  [/目标收入|收入目标|月收入|收入|到手|工资|薪水|薪资|想拿|要拿|拿到|能拿|拿|想赚|要赚|赚到|赚|挣|目标|定(?:个|为|在|成)?|\bincome(?:\s+target)?\b|\btarget(?:\s+income)?\b|\bearn(?:ing)?s?\b|\bmake\b|\btake home\b|\bgoal\b/iy, 'income'],
];

const TIERED = /阶梯|分段|梯度|累进|超额|全额|\btier(?:ed|s)?\b|\bbrackets?\b|\bsliding\b|\bprogressive\b|\bmarginal\b|\bwhole\b/i;
const WHOLE = /全额|\bwhole\b|\bentire\b|\ball sales\b|\boverall\b|整体/i;
const MARGINAL = /超额|累进|\bmarginal\b|\bprogressive\b|\bexcess\b|\bincremental\b/i;
/** Goal settings come in short messages; longer text is read on its beginning. */
const MAX_TEXT = 2000;
const COUNTED = /^\s?(?:个|通|单|次|位|名|天|周|月|号|日|小时|分钟|calls?\b|deals?\b|connects?\b|dials?\b|prospects?\b|days?\b|weeks?\b|months?\b|hours?\b|people\b|customers?\b)/i;
const BELOW = /以下|以内|之内|不到|不满|低于|\bbelow\b|\bunder\b|\bup to\b|\bless than\b|</i;

interface AnchorHit {
  kind: Anchor;
  start: number;
  end: number;
}

function findAnchors(s: string): AnchorHit[] {
  const hits: AnchorHit[] = [];
  let i = 0;
  while (i < s.length) {
    let hit: AnchorHit | null = null;
    for (const [re, kind] of ANCHORS) {
      re.lastIndex = i;
      const m = re.exec(s);
      if (m && m[0].length > 0) {
        hit = { kind, start: i, end: i + m[0].length };
        break;
      }
    }
    if (hit) {
      // Consecutive anchors of one kind (目标 收入) merge; a different kind starts a new region.
      const last = hits[hits.length - 1];
      if (last && last.kind === hit.kind && s.slice(last.end, hit.start).trim() === '') last.end = hit.end;
      else hits.push(hit);
      i = hit.end;
    } else i++;
  }
  return hits;
}

/** Tiers from rate tokens, each band starting at the first amount written since the previous rate. */
function parseTiers(s: string, tokens: NumberToken[]): Tier[] {
  const tiers: Tier[] = [];
  let since: NumberToken[] = [];
  let segmentStart = tokens.length > 0 ? tokens[0].start : 0;
  for (const token of tokens) {
    if (token.kind === 'number') {
      since.push(token);
      continue;
    }
    if (token.kind !== 'percent') continue;
    const segment = s.slice(segmentStart, token.start);
    let from: number | undefined;
    if (since.length === 0) from = tiers.length === 0 ? 0 : undefined;
    else if (since.length === 1 && BELOW.test(segment) && tiers.length === 0) from = 0;
    else from = since[0].value;
    if (from !== undefined) tiers.push({ from, rate: token.value });
    since = [];
    segmentStart = token.end;
  }
  return tiers;
}

function parseCommission(s: string, tokens: NumberToken[], goal: GoalArgs): void {
  const rates = tokens.filter((t) => t.kind === 'percent');
  const tiered = TIERED.test(s) || (rates.length >= 2 && tokens.some((t) => t.kind === 'number'));
  if (tiered && rates.length >= 1) {
    const tiers = parseTiers(s, tokens);
    if (tiers.length >= 2 || (tiers.length === 1 && TIERED.test(s))) {
      const mode = WHOLE.test(s) ? 'whole' : MARGINAL.test(s) ? 'marginal' : 'marginal';
      goal.commission = { type: 'tiered', mode, tiers };
      return;
    }
  }
  let rate: number | undefined = rates[0]?.value;
  if (rate === undefined) {
    // A bare number after 提成/commission: 0.02 is a fraction, 2 means 2%.
    const plain = tokens.find((t) => t.kind === 'number' && !t.scaled);
    if (plain && plain.value > 0 && plain.value < 1) rate = plain.value;
    else if (plain && plain.value >= 1 && plain.value <= 100) rate = Number.parseFloat((plain.value / 100).toPrecision(12));
  }
  if (rate !== undefined) {
    goal.commissionRate = rate;
    goal.commission = { type: 'flat', rate };
  }
}

/**
 * Goal settings stated in `text`. With `bareIsIncome` (e.g. `/coach goal 12000`) a lone amount with no
 * keyword is the income target. With `bareFor` (the answer to one question of the goal dialogue) an
 * amount written before every keyword and claimed by none is that setting: "18000,底薪3500" answers
 * "how much income?" with 18000 and says the base too.
 */
export function parseGoal(text: string, opts: { bareIsIncome?: boolean; bareRate?: boolean; bareFor?: 'income' | 'base' } = {}): GoalArgs {
  const s = normalizeWidth(text.slice(0, MAX_TEXT));
  const tokens = tokenizeNumbers(s).filter((t) => t.kind === 'number' || t.kind === 'percent');
  const anchors = findAnchors(s);
  const goal: GoalArgs = {};
  const claimed = new Set<NumberToken>();
  anchors.forEach((anchor, k) => {
    const end = k + 1 < anchors.length ? anchors[k + 1].start : s.length;
    // A number just before the keyword belongs to it when nothing follows (3000底薪, 12000 income).
    const prevEnd = k > 0 ? anchors[k - 1].end : 0;
    let region = tokens.filter((t) => t.start >= anchor.end && t.end <= end);
    if (region.length === 0) {
      const before = tokens.filter((t) => t.start >= prevEnd && t.end <= anchor.start);
      if (before.length > 0 && !/[,;。、\n]/.test(s.slice(before[before.length - 1].end, anchor.start))) {
        region = [before[before.length - 1]];
      }
    }
    if (anchor.kind === 'commission') {
      region.forEach((t) => claimed.add(t));
      if (goal.commission === undefined) parseCommission(s.slice(anchor.start, end), region.map((t) => ({ ...t, start: t.start - anchor.start, end: t.end - anchor.start })), goal);
      return;
    }
    // 85 calls / 30个电话 / 3天 are counts, not money.
    const amount = region.find((t) => t.kind === 'number' && !COUNTED.test(s.slice(t.end, t.end + 12)));
    if (!amount) return;
    claimed.add(amount);
    if (anchor.kind === 'base' && goal.baseSalary === undefined) goal.baseSalary = amount.value;
    if (anchor.kind === 'income' && goal.incomeTarget === undefined) goal.incomeTarget = amount.value;
  });
  if (opts.bareRate && anchors.length === 0 && tokens.some((t) => t.kind === 'percent')) {
    // Only as the answer to "what is your commission?": elsewhere a bare 4.2% is an interest rate, not pay.
    parseCommission(s, tokens, goal); // "0以上1%,10万以上2%,超额累进" or "2%"
  } else if (opts.bareIsIncome && anchors.length === 0) {
    const amount = tokens.find((t) => t.kind === 'number');
    if (amount) goal.incomeTarget = amount.value;
  }
  if (opts.bareFor) {
    const field = opts.bareFor === 'income' ? 'incomeTarget' : 'baseSalary';
    const firstKeyword = anchors.length > 0 ? anchors[0].start : s.length;
    const amount = tokens.find(
      (t) => t.kind === 'number' && t.end <= firstKeyword && !claimed.has(t) && !COUNTED.test(s.slice(t.end, t.end + 12)),
    );
    if (goal[field] === undefined && amount) goal[field] = amount.value;
  }
  return goal;
}

/** True when `goal` carries at least one setting. */
export function hasGoal(goal: GoalArgs): boolean {
  return goal.incomeTarget !== undefined || goal.baseSalary !== undefined || goal.commission !== undefined || goal.commissionRate !== undefined;
}

/** The income a suggest_target message proposes ("我这个月定一万五合适吗" → 15000), or null. */
export function parseProposedIncome(text: string): number | null {
  const token = tokenizeNumbers(text).find((t) => t.kind === 'number' && t.value > 0);
  return token ? token.value : null;
}

/**
 * Words that make a message about the month's goal or pay (目标, 收入, 底薪, 提成, goal, target, income...).
 * A goal reading with no figure opens the goal dialogue only when one is there: an acknowledgement such as
 * "收到" that the model happens to read as set_goal asks nothing.
 */
const GOAL_TOPIC =
  /目标|目表|指标|收入|月入|工资|薪|底薪|提成|佣金|抽成|赚|挣|到手|\b(?:income|target|targt|goal|gaol|earn(?:ing)?s?|salary|commission|pay|quota)\b/i;

export function mentionsGoal(text: string): boolean {
  return GOAL_TOPIC.test(normalizeWidth(text.slice(0, MAX_TEXT)));
}

/** Currency words that may stand around a bare amount ("15000元", "¥15,000", "1.5万块"). */
const CURRENCY = /^(?:元|块钱?|rmb|yuan|cny|¥|\$|dollars?|bucks)?$/i;

/**
 * The amount when the whole message is one amount and nothing else ("15000", "1.5万", "一万五", "15k",
 * "15000元"), else null: the answer to a question or a suggestion about the month's target.
 */
export function parseBareAmount(text: string): number | null {
  const s = normalizeWidth(text.trim()).replace(/[。.!!]+$/, '');
  if (s.length === 0 || s.length > 24) return null;
  const tokens = tokenizeNumbers(s);
  if (tokens.length !== 1 || tokens[0].kind !== 'number') return null;
  const [token] = tokens;
  const rest = (s.slice(0, token.start) + s.slice(token.end)).replace(/\s+/g, '');
  return CURRENCY.test(rest) ? token.value : null;
}
