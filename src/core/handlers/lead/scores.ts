// Reads a competency score typed in chat or a form: "4", "3.5", "四", "三点五", "3分半", "4.5分";
// "跳过"/"skip" skips. Scores are 1–5 in halves (docs/design.md "Competency domain").
import { SCORE_MAX, SCORE_MIN } from '../../../domain/quadrant';
import { normalizeWidth } from '../../../understanding';

export type ScoreAnswer = { kind: 'score'; value: number } | { kind: 'skip' } | { kind: 'invalid'; reason: 'range' | 'half' | 'unreadable' };

const SKIP = /^(跳过|略过|下一个|不评|不知道|pass|skip|next|n\/a|-)$/i;
const ENGLISH: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, 'one and a half': 1.5, 'two and a half': 2.5, 'three and a half': 3.5, 'four and a half': 4.5 };
const DIGITS: Record<string, number> = { 零: 0, 一: 1, 壹: 1, 二: 2, 两: 2, 贰: 2, 三: 3, 叁: 3, 四: 4, 肆: 4, 五: 5, 伍: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function readNumber(s: string): number | null {
  const english = ENGLISH[s.toLowerCase()];
  if (english !== undefined) return english;
  const arabic = /^(\d+(?:\.\d+)?)(?:分)?(半)?$/.exec(s);
  if (arabic) return Number(arabic[1]) + (arabic[2] ? 0.5 : 0);
  const chinese = /^([零一壹二两贰三叁四肆五伍六七八九])(?:分)?(?:(点)([零一二三四五六七八九]))?(半)?(?:分)?$/.exec(s);
  if (chinese) {
    const whole = DIGITS[chinese[1]];
    const tenth = chinese[2] ? DIGITS[chinese[3]] / 10 : 0;
    return whole + tenth + (chinese[4] ? 0.5 : 0);
  }
  return null;
}

export function parseScore(raw: string): ScoreAnswer {
  const s = normalizeWidth(raw)
    .trim()
    .replace(/[\s。.!！,，~～]+$/u, '')
    // Spoken endings and hedges around the number: "三分吧", "4分吧", "大概3.5分", "maybe four".
    .replace(/(?:吧|啦|呗|呀|左右|差不多)+$/u, '')
    .replace(/^(?:大概|差不多|应该|可能|就|嗯|maybe|about|around|probably|i'?d say|say)\s*/i, '')
    .replace(/^(?:我?(?:给自己|给)?(?:打|评)个?|score|rating)\s*[:：]?\s*/i, '')
    .replace(/\s*(?:points?|pts?|\/\s*5)$/i, '')
    .trim();
  if (SKIP.test(s)) return { kind: 'skip' };
  const value = readNumber(s);
  if (value === null || !Number.isFinite(value)) return { kind: 'invalid', reason: 'unreadable' };
  if (value < SCORE_MIN || value > SCORE_MAX) return { kind: 'invalid', reason: 'range' };
  if (!Number.isInteger(value * 2)) return { kind: 'invalid', reason: 'half' };
  return { kind: 'score', value };
}
