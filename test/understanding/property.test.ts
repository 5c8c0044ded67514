// Properties: route and the parsers are total (never throw) and return a known intent, whatever the
// input — arbitrary Unicode, control characters, very long text, and shuffled keyword soups.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INTENTS } from '../../src/core/reply';
import {
  parseActivity, parseAmount, parseCount, parseDate, parseGoal, parseRate, parseTime, tokenizeNumbers,
} from '../../src/understanding';
import { route } from '../helpers/understand';

const KNOWN = new Set<string>([...INTENTS, 'unknown']);
const PIECES = [
  '今天', '明天', '下周一', '3月5日', '打了', '85', '个电话', '接通', '30', '成交', '2单', '业绩', '3万', '一万二',
  '百分之', '千分之五', '2%', '提成', '底薪', '阶梯', '超额累进', '全额', '以上', '10万', '提醒', '暂停', '8点半',
  '不要', '团队', '象限', '师徒', '早会', '客户说', '怎么办', '练一下', '课', '导出', '导入', '帮助', '?', ',', ' ',
  'log', 'calls', 'next Monday', 'Mar', '12k', '3w', 'tiered', 'commission', 'remind', 'stop', '/coach', '张三的',
  '<@U1>', '<at>', '点', '零', '两', '十', '万', '亿', '-', '.', ':', '１２', '\u0000', '\n', '\u202e', '😀',
];
const soup = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));
const anyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u0007', '\u001b', '\t', '\r', '\n', '\u007f', '\u200b', 'a', '一', '1'), maxLength: 300 }),
  soup,
);
const today = fc.constantFrom('2026-03-04', '2026-12-31', '2024-02-29', 'not-a-date');

describe('router properties', () => {
  it('route never throws and returns a known intent with the trimmed text', () => {
    fc.assert(
      fc.property(anyText, today, fc.boolean(), (text, day, isCommand) => {
        const result = route(text, { today: day, isCommand });
        expect(KNOWN.has(result.intent)).toBe(true);
        expect(result.text).toBe(text.trim());
        expect(typeof result.args).toBe('object');
      }),
      { numRuns: 1500 },
    );
  });

  it('the parsers never throw and produce finite numbers', () => {
    fc.assert(
      fc.property(anyText, today, (text, day) => {
        for (const t of tokenizeNumbers(text)) {
          expect(Number.isFinite(t.value)).toBe(true);
          expect(t.end).toBeGreaterThan(t.start);
        }
        for (const v of [parseAmount(text), parseRate(text), parseCount(text)]) {
          if (v !== null) expect(typeof v).toBe('number');
        }
        parseActivity(text, day);
        parseGoal(text);
        const date = parseDate(text, day);
        if (date !== null) expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        const time = parseTime(text);
        if (time !== null) expect(time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
      }),
      { numRuns: 800 },
    );
  });

  it('handles very long messages quickly', () => {
    const long = [
      '打了85个电话,'.repeat(20000),
      '1 '.repeat(50000),
      '一'.repeat(100000),
      `${'\u0000'.repeat(10000)}今天要打多少个电话`,
      '9'.repeat(100000),
      '百分之'.repeat(30000),
    ];
    for (const text of long) {
      const started = performance.now();
      const result = route(text, { today: '2026-03-04' });
      expect(KNOWN.has(result.intent)).toBe(true);
      expect(performance.now() - started).toBeLessThan(1000);
      const parseStarted = performance.now();
      parseAmount(text);
      parseActivity(text, '2026-03-04');
      parseGoal(text);
      expect(performance.now() - parseStarted).toBeLessThan(3000);
    }
  });
});
