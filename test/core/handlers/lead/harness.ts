// Shared set-up for the lead toolkit tests: tenant T1 seeded from test/fixtures/lead-team.json, a small
// tenant T2 (same ids, other people) for cross-tenant checks, and the engine with registerLeadToolkit.
import { readFileSync } from 'node:fs';
import { registerLeadToolkit } from '../../../../src/core/handlers/lead';
import type { FormResult, InboundAttachment } from '../../../../src/core/engine';
import { createEngine, type LingyanEngine } from '../../../../src/core/lingyanEngine';
import type { Reply } from '../../../../src/core/reply';
import { parseFixture } from '../../../../src/store/fixture';
import { MemoryStore } from '../../../../src/store/memory';

export const FIXTURE = parseFixture(JSON.parse(readFileSync('test/fixtures/lead-team.json', 'utf8')));
/** Tuesday 10 March 2026, 09:00 in Shanghai: 6 of March's 22 working days have passed. */
export const NOW = new Date('2026-03-10T09:00:00+08:00');

export const T2_FIXTURE = parseFixture({
  teams: [{ id: 't1', name: '外部团队', leads: ['l1'], quadrantThreshold: 3.5 }],
  agents: [
    { id: 'l1', name: '外部组长', team: 't1', role: 'lead' },
    { id: 'z1', name: '外人', team: 't1' },
  ],
  assessments: [{ agent: 'z1', rater: 'l1', date: '2026-03-01', scores: { professional_knowledge: 1, general_knowledge: 1, answering_skills: 1, tool_use: 1, occupational_identity: 1, work_enthusiasm: 1, work_attitude: 1, work_style: 1, corporate_values: 1, service_philosophy: 1, logical_thinking: 1, learning_ability: 1 } }],
});

export interface Harness {
  store: MemoryStore;
  engine: LingyanEngine;
  say(user: string, text: string, extra?: { tenant?: string; shared?: boolean; locale?: string; kind?: 'console' | 'slack' }): Promise<Reply>;
  submit(user: string, values: Record<string, string | undefined>, extra?: { tenant?: string }): Promise<FormResult>;
}

/** `attachment`: a file every message carries (as a Slack or Teams file sent with it would). */
export async function harness(options: { attachment?: InboundAttachment } = {}): Promise<Harness> {
  const store = new MemoryStore();
  await store.seed('T1', FIXTURE);
  await store.seed('T2', T2_FIXTURE);
  const engine = registerLeadToolkit(createEngine({ store }));
  const channel = (kind: 'console' | 'slack', shared: boolean) => ({ kind, shared, conversationId: 'c1' });
  return {
    store,
    engine,
    say: (user, text, extra = {}) =>
      engine.handle({
        tenant: extra.tenant ?? 'T1',
        user: { platform: 'console', id: user },
        text,
        now: NOW,
        ...(extra.locale ? { locale: extra.locale } : {}),
        channel: channel(extra.kind ?? 'console', extra.shared ?? false),
        ...(options.attachment ? { attachment: options.attachment } : {}),
      }),
    submit: (user, values, extra = {}) =>
      engine.submitForm({
        tenant: extra.tenant ?? 'T1',
        user: { platform: 'console', id: user },
        now: NOW,
        form: 'assess',
        values,
        channel: channel('console', false),
      }),
  };
}
