// Writes whose outcome is unknown (issue 25, item 7): when the store fails after a write was sent, the
// reply says what actually happened — saved (the receipt is there), not saved (the store answers and has
// no receipt), or "cannot tell yet, check before resending" — and the same message delivered twice
// counts once. The store here is the memory store with failures injected around it.
import { beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type LingyanEngine } from '../../src/core/lingyanEngine';
import { OUTCOME_RECHECK_MS } from '../../src/core/writeOutcome';
import type { DailyActivity, FunnelCounts, LocalDate } from '../../src/domain/types';
import { UpstreamError } from '../../src/errors';
import { t } from '../../src/i18n';
import { readFileSync } from 'node:fs';
import { parseFixture } from '../../src/store/fixture';
import { MemoryStore } from '../../src/store/memory';

// plan-basic: a1 already has 30 calls on 2026-03-04.
const NOW = new Date('2026-03-04T09:00:00+08:00');
type Failure = 'none' | 'after_write' | 'before_write';

/** The memory store, with the activity write failing the way a dropped connection does. */
class FlakyStore extends MemoryStore {
  failure: Failure = 'none';
  receiptsDown = false;
  override async recordActivity(tenant: string, agent: string, date: LocalDate, delta: Partial<FunnelCounts>, mode: 'add' | 'replace', writeId?: string): Promise<DailyActivity> {
    if (this.failure === 'before_write') throw new UpstreamError('redis', 'error.upstream.redis', { maybeApplied: true });
    const day = await super.recordActivity(tenant, agent, date, delta, mode, writeId);
    if (this.failure === 'after_write') throw new UpstreamError('redis', 'error.upstream.redis', { maybeApplied: true });
    return day;
  }
  override async writeReceipt(tenant: string, writeId: string): Promise<DailyActivity | null> {
    if (this.receiptsDown) throw new UpstreamError('redis', 'error.upstream.redis', { maybeApplied: true });
    return super.writeReceipt(tenant, writeId);
  }
}

let store: FlakyStore;
let engine: LingyanEngine;
let turn = 0;

function say(text: string, messageId = `m${++turn}`, locale = 'zh-CN') {
  return engine.handle({ tenant: 'T1', user: { platform: 'console', id: 'a1' }, text, now: NOW, locale, messageId, channel: { kind: 'console', shared: false, conversationId: 'c' } });
}
const callsToday = async () => (await store.getActivity('T1', 'a1', '2026-03')).find((d) => d.date === '2026-03-04')?.calls ?? 0;

const PLAN_BASIC = parseFixture(JSON.parse(readFileSync('test/fixtures/plan-basic.json', 'utf8')));

beforeEach(async () => {
  store = new FlakyStore();
  await store.seed('T1', PLAN_BASIC);
  engine = createEngine({ store });
});

describe('a write whose connection dropped', () => {
  it('landed: the reply is the normal confirmation with the stored totals (30 + 10 = 40), not "nothing saved"', async () => {
    store.failure = 'after_write';
    const reply = await say('今天又打了10个电话');
    expect(reply.error).toBeUndefined();
    expect(reply.text).toContain('30 → 40');
    expect(await callsToday()).toBe(40);
  });

  it('did not land: the store answers without a receipt, so "nothing was saved" is true and nothing is', async () => {
    store.failure = 'before_write';
    const reply = await say('今天又打了10个电话');
    expect(reply.error?.key).toBe('error.upstream.redis');
    expect(reply.text).toBe(t('zh-CN', 'error.upstream.redis'));
    expect(await callsToday()).toBe(30);
  });

  it(`cannot tell within ${OUTCOME_RECHECK_MS} ms: says so plainly and how to check, in both languages`, async () => {
    store.failure = 'after_write';
    store.receiptsDown = true;
    const zh = await say('今天又打了10个电话');
    expect(zh.error?.key).toBe('error.upstream.write_unknown');
    expect(zh.text).toBe(t('zh-CN', 'error.upstream.write_unknown'));
    expect(zh.text).not.toContain('没有保存任何内容');
    expect(zh.text).toContain('/coach today');
    const en = await say('log 5 more calls', undefined, 'en');
    expect(en.text).toBe(t('en', 'error.upstream.write_unknown'));
  }, OUTCOME_RECHECK_MS * 2 + 5_000);

  it('a failure Redis answered (never applied) is reported at once, without waiting for a receipt', async () => {
    class Refusing extends FlakyStore {
      override async recordActivity(): Promise<DailyActivity> {
        throw new UpstreamError('redis', 'error.upstream.redis', { maybeApplied: false });
      }
      override async writeReceipt(): Promise<DailyActivity | null> {
        throw new Error('a certain failure must not be rechecked');
      }
    }
    store = new Refusing();
    await store.seed('T1', PLAN_BASIC);
    engine = createEngine({ store });
    const reply = await say('今天又打了10个电话');
    expect(reply.error?.key).toBe('error.upstream.redis');
  });
});

describe('the same message twice', () => {
  it('counts once: a redelivered "又打了10个" leaves 40 (30 + 10), and both replies say so', async () => {
    const first = await say('今天又打了10个电话', 'slack-event-1');
    const again = await say('今天又打了10个电话', 'slack-event-1');
    expect(await callsToday()).toBe(40);
    expect(first.text).toContain('→ 40');
    expect(again.text).toContain('→ 40');
    // A new message with the same words is a new log: 40 + 10 = 50.
    await say('今天又打了10个电话', 'slack-event-2');
    expect(await callsToday()).toBe(50);
  });
});
