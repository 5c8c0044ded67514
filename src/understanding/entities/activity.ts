// Activity phrases ("打了85个电话,接通30,成交2单,业绩3万,意向客户6个", "log 85 calls 30 connects"):
// pairs each number with the metric word before or after it; corrections and dates are flagged.
import type { LocalDate } from '../../domain/types';
import type { ActivityArgs } from '../types';
import { findDate } from './dates';
import { normalizeWidth, tokenizeNumbers, type NumberToken } from './numbers';

export type Metric = 'calls' | 'connects' | 'deals' | 'sales' | 'prospects';
export const METRICS: readonly Metric[] = ['calls', 'connects', 'deals', 'sales', 'prospects'];

/** `pre`: the word comes before its number (接通30); `post`: after (85个电话, 2单); `both`: either. */
type Direction = 'pre' | 'post' | 'both';

// Longest first: 成交额 before 成交, 接通 before 通, 打通 before 打.
const KEYWORDS: [RegExp, Metric, Direction][] = [
  [/成交(?:总)?(?:金)?额|销售(?:金)?额|营业额|放款(?:金)?额|贷款额|保费|业绩|营收|销售量|销量|金额/y, 'sales', 'both'],
  [/\b(?:revenue|sales|sold|volume|worth|turnover)\b/iy, 'sales', 'both'],
  [/意向客户|有意向的?客户|有意向的?|意向|潜在客户|潜客|准客户|储备客户|客户储备|积累(?:了)?客户|a类客户/iy, 'prospects', 'both'],
  [/\b(?:prospects?|leads?|interested|pipeline)\b/iy, 'prospects', 'both'],
  [/接通(?:了)?|打通(?:了)?|通了|接起|有效通话|接听/y, 'connects', 'both'],
  [/\b(?:connects?|connected|connections|pick-?ups?|answered|conversations?|reached)\b/iy, 'connects', 'both'],
  [/成交(?:了)?|签单|签了|出单|开单|成单|订单|单子/y, 'deals', 'pre'],
  [/单/y, 'deals', 'post'],
  [/\b(?:deals?|closes|closed|closings?|wins?|won)\b/iy, 'deals', 'both'],
  // "1 sale 8,500": a count before "sale" is a deal (the amount after it is read as money below).
  [/\bsale\b/iy, 'deals', 'post'],
  [/(?:个|通)?电话/y, 'calls', 'both'],
  [/打了|拨了|拨打了?|外呼了?|呼出|打出|再打|又打|打|拨/y, 'calls', 'pre'],
  [/通(?!过|知)/y, 'calls', 'post'],
  [/\b(?:calls?|called|dials?|dialed|dialled|rang|outbound)\b/iy, 'calls', 'both'],
];

const GROUPED_MOBILE = /(?<![\d.])(?:\+?86[\s-]?)?1[3-9]\d[\s-]\d{4}[\s-]\d{4}(?![\d.])/g;
/** Figures come in short messages; longer text is read on its beginning (bounds the pairing work). */
const MAX_TEXT = 2000;
const SEPARATOR = /[,;。\n!?、]|\band\b|和|还有|另外|其中|以及|然后/i;
/** A space between two Chinese words separates clauses ("打了90个 接通40个"); in English it is only a space. */
const HAN_SPACE = /(?<=\p{Script=Han})\s+(?=\p{Script=Han})/u;
const MONEY_MARK_AFTER = /^\s?(元|块|rmb|cny|yuan|\$)/i;
const MONEY_MARK_BEFORE = /[¥$]\s?$|rmb\s?$/i;
/** A count's own measure word right after the number: 85个, 3通, 2单, 85 calls, 2 deals. */
const COUNTED_AFTER = /^\s?(?:个|通|单|次|calls?\b|dials?\b|deals?\b|connects?\b|prospects?\b|leads?\b|sales?\b)/i;
const CORRECTION =
  /更正|纠正|改成|改为|改一下|修改|修正|不对[,\s]*(?:是|应该)|应该是|其实是|写错了|记错了|搞错了|说错了|\bcorrection\b|\bcorrect(?:ed)?\b|\bactually\b|\bshould (?:be|have been)\b|\bfix(?:ed)?\b|\bupdate (?:it )?to\b|\bchange (?:it )?to\b|\bset (?:it )?to\b|\boverwrite\b|\breplace\b/i;

interface KeywordHit {
  metric: Metric;
  dir: Direction;
  start: number;
  end: number;
}

function findKeywords(s: string): KeywordHit[] {
  const hits: KeywordHit[] = [];
  let i = 0;
  while (i < s.length) {
    let matched = false;
    for (const [re, metric, dir] of KEYWORDS) {
      re.lastIndex = i;
      const m = re.exec(s);
      if (m && m[0].length > 0) {
        hits.push({ metric, dir, start: i, end: i + m[0].length });
        i += m[0].length;
        matched = true;
        break;
      }
    }
    if (!matched) i++;
  }
  return hits;
}

/** The day's totals stated ("今天一共打了120个", "120 calls so far today"): they set the figures, not add. */
const TOTAL = /一共|总共|累计|合计|总计|全天|\bin total\b|\btotal(?:s|ly)?\b|\bso far\b|\baltogether\b|\ball day\b/i;

/** Figures said to come on top of the day's ("又打了20个", "再成交一单", "20 more calls"): they add. */
const MORE = /又|再|另外|追加|加上|多打了|补(?:记|录|打)|\bmore\b|\banother\b|\bagain\b|\badditional\b|\bextra\b/i;

/** True when the message says it replaces rather than adds to the day's figures. */
export function isCorrection(text: string): boolean {
  return CORRECTION.test(normalizeWidth(text));
}

/** Metric words present in the text (used by the router to tell activity talk from other talk). */
export function mentionsMetric(text: string): boolean {
  return findKeywords(normalizeWidth(text)).length > 0;
}

/**
 * Activity figures in `text`, or null when none. With `positional` (e.g. `/coach log 85 30 2 30000 6`)
 * bare numbers are read in the order calls, connects, deals, sales, prospects.
 */
export function parseActivity(text: string, today: LocalDate, opts: { positional?: boolean } = {}): ActivityArgs | null {
  // A mobile number written in groups ("139 8765 4321") is no set of counts: blanked, positions kept.
  const s = normalizeWidth(text.slice(0, MAX_TEXT)).replace(GROUPED_MOBILE, (phone) => ' '.repeat(phone.length));
  // Nine or more bare digits are a phone, ID or card number, never a day's count or sales. A negative figure
  // ("接通-5") is kept: the handler refuses it and says why, instead of it being dropped without a word.
  const tokens = tokenizeNumbers(s).filter((t) => t.kind === 'number' && !/^\+?\d{9,}$/.test(t.raw.replace(/[\s-]/g, '')));
  const hits = findKeywords(s).filter((h) => !tokens.some((t) => h.start < t.end && t.start < h.end));
  const n = tokens.length;
  const pre: (KeywordHit | undefined)[] = new Array(n).fill(undefined);
  const post: (KeywordHit | undefined)[] = new Array(n).fill(undefined);
  const inRange = (from: number, to: number): KeywordHit[] => hits.filter((h) => h.start >= from && h.end <= to);
  const style = (): 'prefix' | 'suffix' => {
    if (n === 0) return 'suffix';
    const leading = inRange(0, tokens[0].start).some((h) => h.dir !== 'post');
    const trailing = inRange(tokens[n - 1].end, s.length).some((h) => h.dir !== 'pre');
    return leading && !trailing ? 'prefix' : 'suffix';
  };
  const order = style();

  for (let k = 0; k <= n; k++) {
    const from = k === 0 ? 0 : tokens[k - 1].end;
    const to = k === n ? s.length : tokens[k].start;
    const gap = s.slice(from, to);
    const kws = inRange(from, to);
    if (kws.length === 0) continue;
    const sep = SEPARATOR.exec(gap) ?? HAN_SPACE.exec(gap);
    const sepAt = sep ? from + sep.index : -1;
    if (k === 0) {
      pre[0] = [...kws].reverse().find((h) => h.dir !== 'post');
    } else if (k === n) {
      post[n - 1] = kws.find((h) => h.dir !== 'pre' && (sepAt < 0 || h.start < sepAt));
    } else if (sepAt >= 0) {
      post[k - 1] = kws.find((h) => h.end <= sepAt && h.dir !== 'pre');
      pre[k] = [...kws].reverse().find((h) => h.start > sepAt && h.dir !== 'post');
    } else if (kws.length >= 2) {
      post[k - 1] = kws[0].dir !== 'pre' ? kws[0] : undefined;
      const last = kws[kws.length - 1];
      pre[k] = last.dir !== 'post' ? last : undefined;
    } else {
      const only = kws[0];
      if (only.dir === 'post' || (only.dir === 'both' && order === 'suffix')) post[k - 1] = only;
      else pre[k] = only;
    }
  }

  const result: ActivityArgs = {};
  const assign = (metric: Metric, token: NumberToken): void => {
    if (result[metric] !== undefined) return;
    // A fraction is no count ("3.5 hours of calls"), unless it is written as one ("34.5个电话", "2.5 deals"):
    // then the handler says it must be a whole number, instead of the figure being dropped without a word.
    if (metric !== 'sales' && !Number.isInteger(token.value) && !COUNTED_AFTER.test(s.slice(token.end, token.end + 12))) return;
    result[metric] = token.value;
  };
  const chosen = tokens.map((token, k) => {
    const p = post[k];
    const q = pre[k];
    if (p && p.dir === 'post') return p;
    if (q && q.dir === 'pre') return q;
    return order === 'prefix' ? q ?? p : p ?? q;
  });
  if (opts.positional && chosen.every((c) => c === undefined)) {
    tokens.slice(0, METRICS.length).forEach((token, k) => assign(METRICS[k], token));
  } else {
    const labelled = chosen.some((c) => c !== undefined);
    tokens.forEach((token, k) => {
      const money = MONEY_MARK_AFTER.test(s.slice(token.end, token.end + 6)) || MONEY_MARK_BEFORE.test(s.slice(Math.max(0, token.start - 6), token.start));
      let metric = chosen[k]?.metric;
      if ((metric === 'deals' || metric === 'calls') && (token.scaled || money) && token.value >= 1000) metric = 'sales';
      if (!metric && (money || (labelled && token.value >= 1000))) metric = 'sales'; // "2 deals 30000": an amount
      if (metric) assign(metric, token);
    });
  }
  if (METRICS.every((m) => result[m] === undefined)) return null;
  const date = findDate(s, today);
  if (date) result.date = date.value;
  if (isCorrection(s) || TOTAL.test(s)) result.replace = true;
  else if (MORE.test(s)) result.added = true;
  return result;
}
