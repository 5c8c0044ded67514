// Number expressions in Chinese and English text: Arabic and Chinese numerals, magnitude units
// (万/千/k/w), percentages (2%, 百分之二, 千分之五, 2个点); dates and times are tagged, never money.
import { CN_BIG, CN_DIGIT, CN_SMALL, UNIT_CHARS, chineseToNumber, isCnNumeral } from './chinese';

export type NumberKind = 'number' | 'percent' | 'date' | 'time' | 'ordinal';

export interface NumberToken {
  /** The value; for `percent` tokens a fraction (2% → 0.02). */
  value: number;
  /** Position in the original text: `text.slice(start, end) === raw`. */
  start: number;
  end: number;
  raw: string;
  kind: NumberKind;
  /** True when a magnitude unit was attached (万, 千, k, w, thousand...). */
  scaled: boolean;
}

/** Full-width ASCII (１２０００, ％, ，, ：) to half-width; length-preserving so positions still match. */
export function normalizeWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += text[i];
  }
  return out;
}

/** Rounds away binary noise (1.1 × 10000 = 11000.000000000002). */
export function clean(value: number): number {
  return Number.isFinite(value) ? Number.parseFloat(value.toPrecision(12)) : value;
}

const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';
const isLetter = (ch: string | undefined): boolean => ch !== undefined && /[A-Za-z_]/.test(ch);

/** Measure words after which a lone Chinese digit is a number (两单, 三通); otherwise 一下/一定 are words. */
const MEASURE = /^(个|单|通|次|位|名|天|日|号|周|月|年|点|块|元|件|笔|户|成|倍|分|%|台|张|份|家|小时|钟|刻|项|条|遍|轮|组|人|星期|礼拜|门|节|场|w|k|W|K)/;
const NOT_NUMBER_BEFORE_ONE = /[唯统万之专单同逐]$/;

/** No real Chinese numeral is longer; bounds the work on pathological input. */
const MAX_CN_RUN = 24;
const FRACTION_PREFIX: [string, number][] = [['百分之', 100], ['千分之', 1000], ['万分之', 10000]];
const EN_MONTH_BEFORE = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$/i;

interface Read {
  value: number;
  end: number;
  chinese: boolean;
}

/** Reads a plain number (Arabic with optional , grouping and decimals, or a Chinese run) at `i`. */
function readPlain(s: string, i: number, allowCnDecimal: boolean): Read | null {
  const arabic = /(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(\.\d+)?(e[+-]?\d+)?/iy;
  arabic.lastIndex = i;
  const m = arabic.exec(s);
  if (m) {
    let end = i + m[0].length;
    let text = m[0];
    if (m[3] && isLetter(s[end])) {
      end -= m[3].length;
      text = text.slice(0, text.length - m[3].length);
    }
    return { value: Number(text.replace(/,/g, '')), end, chinese: false };
  }
  if (!isCnNumeral(s[i])) return null;
  let j = i;
  while (j < s.length && j - i < MAX_CN_RUN && isCnNumeral(s[j])) j++;
  const intRun = s.slice(i, j);
  // A decimal point inside a Chinese number: 一点五万, 零点五, 百分之零点五 (otherwise 点 is o'clock).
  if (s[j] === '点' && isCnNumeral(s[j + 1]) && intRun.length > 0 && [...intRun].every((c) => c in CN_DIGIT || c in CN_SMALL)) {
    let k = j + 1;
    while (k < s.length && s[k] in CN_DIGIT) k++;
    const decimals = s.slice(j + 1, k);
    const intValue = chineseToNumber(intRun);
    const big = CN_BIG[s[k]] ?? (s[k] === '千' || s[k] === '百' ? CN_SMALL[s[k]] : undefined);
    const isDecimal = decimals.length > 0 && intValue !== null && (allowCnDecimal || big !== undefined || intValue === 0 || s[k] === '%');
    if (isDecimal) {
      const value = Number(`${intValue}.${[...decimals].map((c) => CN_DIGIT[c]).join('')}`);
      if (big !== undefined) return { value: clean(value * big), end: k + 1, chinese: true };
      return { value, end: k, chinese: true };
    }
  }
  // Trim trailing unit characters that do not form a number (一万二千万 is fine; 三千万 fine; 万 alone no).
  let end = j;
  while (end > i) {
    const value = chineseToNumber(s.slice(i, end));
    if (value !== null) return { value, end, chinese: true };
    end--;
  }
  return null;
}

/** Magnitude suffix after an Arabic number: 万/w, 千/k, 百, 亿, thousand/million. */
function readMagnitude(s: string, i: number): { factor: number; end: number } | null {
  const m = /\s?(万|萬|w|W|千|k|K|百|亿|億|thousand|grand|million|mn)(?![A-Za-z])/y;
  m.lastIndex = i;
  const r = m.exec(s);
  if (!r) return null;
  if (r[0].startsWith(' ') && /^[wWkK]$/.test(r[1])) return null; // "3 w" is not 30000
  const unit = r[1];
  const factor = unit === 'thousand' || unit === 'grand' || unit === 'k' || unit === 'K' || unit === '千' ? 1e3
    : unit === 'million' || unit === 'mn' ? 1e6
    : unit === '百' ? 100
    : unit === '亿' || unit === '億' ? 1e8 : 1e4;
  return { factor, end: i + r[0].length };
}

const DATE_AT = [
  /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?/y,
  /(\d{1,2})\/(\d{1,2})(?![\d/])/y,
  /\d{4}\s*年/y,
];
const TIME_AT = [
  /\d{1,2}:\d{2}(?::\d{2})?(\s*[ap]\.?m\.?(?![A-Za-z]))?/iy,
  /\d{1,2}(\.\d{2})?\s*[ap]\.?m\.?(?![A-Za-z])/iy,
];

const FIXED: [NumberKind, RegExp][] = [...DATE_AT.map((re): [NumberKind, RegExp] => ['date', re]), ...TIME_AT.map((re): [NumberKind, RegExp] => ['time', re])];

/** Finds every number expression in `text`, in order, tagged number/percent/date/time/ordinal. */
export function tokenizeNumbers(text: string): NumberToken[] {
  const s = normalizeWidth(text);
  const out: NumberToken[] = [];
  const push = (start: number, end: number, value: number, kind: NumberKind, scaled = false): void => {
    if (Number.isFinite(value)) out.push({ value: clean(value), start, end, raw: text.slice(start, end), kind, scaled });
  };
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    // Percentages written as fractions: 百分之二, 千分之五, 百分之零点五.
    const prefix = FRACTION_PREFIX.find(([p]) => s.startsWith(p, i));
    if (prefix) {
      const r = readPlain(s, i + prefix[0].length, true);
      if (r) {
        push(i, r.end, r.value / prefix[1], 'percent');
        i = r.end;
        continue;
      }
    }
    if (isDigit(ch)) {
      if (isLetter(s[i - 1]) || isDigit(s[i - 1])) {
        while (i < s.length && /[A-Za-z0-9_]/.test(s[i])) i++; // ids like U0123ABCD, a1
        continue;
      }
      let matched = false;
      for (const [kind, re] of FIXED) {
        re.lastIndex = i;
        const m = re.exec(s);
        if (m) {
          push(i, i + m[0].length, Number.parseInt(m[0], 10), kind);
          i += m[0].length;
          matched = true;
          break;
        }
      }
      if (matched) continue;
    }
    if (!isDigit(ch) && !isCnNumeral(ch)) {
      i++;
      continue;
    }
    const r = readPlain(s, i, false);
    if (!r) {
      i++;
      continue;
    }
    let value = r.value;
    let end = r.end;
    let scaled = false;
    let kind: NumberKind = 'number';
    const before = s.slice(Math.max(0, i - 24), i);
    const negative = !r.chinese && /[-−]$/.test(before) && !/(?:[\d万萬千百亿%]|\d[kKwW])\s*[-−]$/.test(before); // 0-10万 is a range
    const lone = r.chinese && end - i === 1 && !(s[i] in UNIT_CHARS);
    if (lone && s[end] !== undefined && /[\u4e00-\u9fff]/.test(s[end]) && !MEASURE.test(s.slice(end, end + 4)) && !s.startsWith('分之', end)) {
      i = end; // 一下, 一定, 三思: words, not numbers
      continue;
    }
    if (lone && s[i] === '一' && NOT_NUMBER_BEFORE_ONE.test(before)) {
      i = end;
      continue;
    }
    if (!r.chinese) {
      const mag = readMagnitude(s, end);
      if (mag) {
        value *= mag.factor;
        end = mag.end;
        scaled = true;
        // 1万2 / 1万2千 / 3千5: an abbreviated next-lower unit.
        if ((mag.factor === 1e4 || mag.factor === 1e3) && /[万萬千]/.test(s[end - 1])) {
          const rest = readPlain(s, end, false);
          if (rest && !rest.chinese && Number.isInteger(rest.value)) {
            const digits = s.slice(end, rest.end);
            const next = readMagnitude(s, rest.end);
            if (next && next.factor < mag.factor) {
              value += rest.value * next.factor;
              end = next.end;
            } else if (!next && digits.length === 1 && !/[\d.%‰个单通天号日月点:]/.test(s[rest.end] ?? '')) {
              value += rest.value * (mag.factor / 10); // 3万5 = 35000
              end = rest.end;
            } else if (!next && digits.length === String(mag.factor).length - 1) {
              value += rest.value; // 1万2000 = 12000
              end = rest.end;
            }
          }
        }
      }
    } else {
      scaled = [...s.slice(i, end)].some((c) => c in UNIT_CHARS && UNIT_CHARS[c] >= 1000);
    }
    const after = s.slice(end, end + 24);
    if (/^\s?%/.test(after)) {
      end += after.indexOf('%') + 1;
      value /= 100;
      kind = 'percent';
    } else if (/^\s?‰/.test(after)) {
      end += after.indexOf('‰') + 1;
      value /= 1000;
      kind = 'percent';
    } else if (/^\s?个点(?!钟)/.test(after)) {
      end += after.indexOf('点') + 1;
      value /= 100;
      kind = 'percent';
    } else if (/^\s?(percent|pct)\b/i.test(after)) {
      end += after.match(/^\s?(percent|pct)/i)![0].length;
      value /= 100;
      kind = 'percent';
    } else if (!scaled && /^\s?点(半|钟|一刻|三刻|\d{1,2}分?|[零〇一二三四五六七八九十]{1,3}分?)?/.test(after) && value <= 24) {
      const m = after.match(/^\s?点(半|钟|一刻|三刻|\d{1,2}分?|[零〇一二三四五六七八九十]{1,3}分?)?/)!;
      end += m[0].length;
      kind = 'time';
    } else if (!scaled && /^\s?(月|日|号|年)/.test(after)) {
      const m = after.match(/^\s?(月|日|号|年)/)!;
      end += m[0].length;
      kind = 'date';
    } else if (/(周|星期|礼拜)$/.test(before) && value <= 7) {
      kind = 'date';
    } else if (EN_MONTH_BEFORE.test(before) && value <= 31 && !scaled) {
      kind = 'date';
    } else if (/第\s?$/.test(before) || (!r.chinese && /^(st|nd|rd|th)\b/i.test(after))) {
      kind = 'ordinal';
      if (!r.chinese && /^(st|nd|rd|th)\b/i.test(after)) end += 2;
    }
    if (negative && kind === 'number') {
      push(i - 1, end, -value, kind, scaled);
    } else {
      push(i, end, value, kind, scaled);
    }
    i = end;
  }
  return out;
}

/** The first money amount in `text` (12000, 12,000, 1.2万, 一万二, 12k, 3w...), never a date, time or rate. */
export function parseAmount(text: string): number | null {
  const token = tokenizeNumbers(text).find((t) => t.kind === 'number');
  return token ? token.value : null;
}

/**
 * The first rate in `text` as a fraction: 2% / 百分之二 / 2个点 → 0.02, 千分之五 → 0.005. A bare number
 * is read as a fraction when below 1 (0.02) and as a percentage from 1 to 100 (提成 "2" → 0.02).
 */
export function parseRate(text: string): number | null {
  const tokens = tokenizeNumbers(text);
  const percent = tokens.find((t) => t.kind === 'percent');
  if (percent) return percent.value;
  const plain = tokens.find((t) => t.kind === 'number' && !t.scaled);
  if (!plain || plain.value < 0) return null;
  if (plain.value < 1) return plain.value;
  if (plain.value <= 100) return clean(plain.value / 100);
  return null;
}

/** The first whole count in `text` (85, 八十五, 两) or null. */
export function parseCount(text: string): number | null {
  const token = tokenizeNumbers(text).find((t) => t.kind === 'number');
  return token && Number.isInteger(token.value) && token.value >= 0 ? token.value : null;
}
