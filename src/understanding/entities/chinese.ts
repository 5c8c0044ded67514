// Chinese numerals: 零〇一二两三…九, 十百千, 万亿 (and the financial forms 壹贰叁…), with the spoken
// abbreviation of the next lower unit (一万二 = 12000, 两千五 = 2500).
export const CN_DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
export const CN_SMALL: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
export const CN_BIG: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };
export const UNIT_CHARS: Record<string, number> = { ...CN_SMALL, ...CN_BIG };
export const isCnNumeral = (ch: string | undefined): boolean =>
  ch !== undefined && (ch in CN_DIGIT || ch in UNIT_CHARS);

/**
 * Value of a run of Chinese numerals (no decimal point): 一万二 = 12000, 一万二千五 = 12500, 两千 = 2000,
 * 八十五 = 85, 一万零五 = 10005, 二零二六 = 2026. Returns null for runs that are not a number (千万 alone).
 */
export function chineseToNumber(run: string): number | null {
  if (run.length === 0) return null;
  const chars = [...run];
  if (chars.every((c) => c in CN_DIGIT)) {
    return chars.length === 1 ? CN_DIGIT[chars[0]] : Number(chars.map((c) => CN_DIGIT[c]).join(''));
  }
  let acc = 0; // completed 万/亿 groups
  let section = 0; // below 万
  let digit = 0;
  let hasDigit = false;
  let lastUnit = 0; // the unit just before a trailing bare digit (for 一万二 → 2 × 1000)
  let afterZero = false;
  if (chars[0] in CN_BIG || (chars[0] in CN_SMALL && CN_SMALL[chars[0]] !== 10)) return null; // 千万, 万一
  for (const c of chars) {
    if (c in CN_DIGIT) {
      if (hasDigit && !afterZero && CN_DIGIT[c] !== 0) return null; // 二三 inside a unit form
      digit = CN_DIGIT[c];
      hasDigit = true;
      if (digit === 0) afterZero = true;
    } else if (c in CN_SMALL) {
      const unit = CN_SMALL[c];
      if (!hasDigit && (section > 0 || acc > 0) && unit !== 10) return null;
      section += (hasDigit ? digit : 1) * unit;
      digit = 0;
      hasDigit = false;
      afterZero = false;
      lastUnit = unit;
    } else {
      const unit = CN_BIG[c];
      const group = section + (hasDigit ? digit : 0);
      if (group === 0 && acc === 0) return null;
      acc = unit === 1e8 ? (acc + group) * unit : acc + group * unit;
      section = 0;
      digit = 0;
      hasDigit = false;
      afterZero = false;
      lastUnit = unit;
    }
  }
  let tail = hasDigit ? digit : 0;
  const lastChar = chars[chars.length - 1];
  const beforeLast = chars[chars.length - 2];
  if (hasDigit && !afterZero && lastUnit >= 100 && beforeLast !== undefined && beforeLast in UNIT_CHARS && lastChar in CN_DIGIT) {
    tail = digit * (lastUnit / 10); // 一万二 → 12000, 两千五 → 2500, 一百二 → 120
  }
  return acc + section + tail;
}
