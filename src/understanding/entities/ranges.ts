// Counts and amounts given as a range or an estimate ("30-40个电话", "三四十个", "十几单", "30多个",
// "between 30 and 40 calls"): no single figure was said, so a write must not pick one (it used to save
// 30, 34 or 40); the reply asks for the exact figure instead.
import { normalizeWidth } from './numbers';

const CN_DIGITS = '一二两三四五六七八九';
const CN_VALUE: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** What follows a counted or money figure (a range of dates or clock times is not one of these). */
const UNIT = String.raw`(?:个|通|单|次|位|笔|户|件|万|千|百|w|k|块|元|\s*(?:calls?|dials?|deals?|sales?|connects?|connected|prospects?|leads?|closes?|k\b))`;
const ARABIC = String.raw`\d+(?:\.\d+)?`;

const PATTERNS: RegExp[] = [
  // 30-40个, 30~40通, 30到40个, 1-1.2万, 30 to 40 calls (not 12-07 or 9:00-18:00: no unit follows those)
  new RegExp(String.raw`(?<![\d.:/-])${ARABIC}\s*(?:-|~|～|—|–|到|至|or|to)\s*${ARABIC}\s*${UNIT}`, 'i'),
  // between 30 and 40 (calls)
  new RegExp(String.raw`\bbetween\s+${ARABIC}\s*k?\s+and\s+${ARABIC}`, 'i'),
  // 30多个, 30几单, 1万多, 40ish calls
  new RegExp(String.raw`(?<![\d.])\d+\s*(?:多|几|来)\s*${UNIT}|\d+(?:\.\d+)?\s*(?:万|千)多(?!少)|\b\d+ish\b`, 'i'),
  // 十几个, 几十个, 三十多个, 一百多单, 二十几通
  new RegExp(String.raw`(?:[${CN_DIGITS}]?十|[${CN_DIGITS}]百)[多几来]\s*${UNIT}|(?:几[十百千]|十几)\s*${UNIT}|几万|[${CN_DIGITS}]万多(?!少)`),
];

/** Two adjacent Chinese digits one apart (三四, 七八, 一两) or 三五: an estimate (三四十个 is 30–40, not 34). */
function chineseEstimate(s: string): string | null {
  for (let i = 0; i + 1 < s.length; i++) {
    const a = CN_VALUE[s[i]];
    const b = CN_VALUE[s[i + 1]];
    if (a === undefined || b === undefined) continue;
    if (!(b === a + 1 || (a === 3 && b === 5))) continue;
    // 二十一 or 三十四 are exact (the digits are not adjacent); 十七八 / 三四十 / 七八个 / 两三万 are not.
    const start = s[i - 1] === '十' ? i - 1 : i;
    const after = s.slice(i + 2);
    const unit = /^(?:[十百千万]|个|通|单|次|位|笔|户|件|块|元)/.exec(after);
    if (unit) return s.slice(start, i + 2 + unit[0].length);
  }
  return null;
}

/** The first range or estimate of a count or amount in `text`, as written, or null. */
export function findRange(text: string): string | null {
  const s = normalizeWidth(text);
  for (const re of PATTERNS) {
    const m = re.exec(s);
    if (m) return m[0].trim();
  }
  return chineseEstimate(s);
}
