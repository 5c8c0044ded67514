// Shared test data for the nudges tests: a small tenant with a CN team, a London team and their leads.
import type { AgentProfile, Team } from '../../src/domain/types';
import type { Fixture } from '../../src/store/fixture';
import { beforeEach } from 'vitest';
import { createEngine, type LingyanEngine } from '../../src/core/lingyanEngine';
import type { Reply } from '../../src/core/reply';
import { PREFS_KIND } from '../../src/nudges/planning';
import { registerNudges } from '../../src/nudges/preferences';
import type { NudgePrefs } from '../../src/nudges/types';
import { MemoryStore } from '../../src/store/memory';
import { consoleSay } from '../helpers/console';

export function agent(id: string, extra: Partial<AgentProfile> = {}): AgentProfile {
  return {
    id, name: id.toUpperCase(), team: 't1', role: 'agent', locale: 'zh-CN', tz: 'Asia/Shanghai', calendar: 'CN',
    baseSalary: 3000, commission: { type: 'flat', rate: 0.02 }, ...extra,
  };
}

export const teams: Team[] = [
  { id: 't1', name: '电销一组', leads: ['l1'], quadrantThreshold: 3.5 },
  { id: 'uk', name: 'Nearshore', leads: ['l2'], quadrantThreshold: 3.5 },
];

const months = ['2026-06', '2026-07', '2026-08'];

/** A seedable tenant: a1, a2 (CN, Shanghai), u1 (London, weekdays), leads l1 and l2. */
export function fixture(): Fixture {
  const people = [
    agent('a1', { slack: 'UA1' }),
    agent('a2', { slack: 'UA2', locale: 'en' }),
    agent('u1', { team: 'uk', tz: 'Europe/London', calendar: 'weekdays', locale: 'en', teams: 'aad-u1' }),
    agent('l1', { role: 'lead', slack: 'UL1' }),
    agent('l2', { role: 'lead', team: 'uk', tz: 'Europe/London', calendar: 'weekdays', locale: 'en', teams: 'aad-l2' }),
  ];
  return {
    teams,
    agents: people,
    history: people.flatMap((p) =>
      months.map((month) => ({
        agent: p.id, month, calls: 2000, connects: p.id === 'a2' ? 500 : 800, deals: p.id === 'a2' ? 30 : 40, sales: 600000, prospects: 160, workdays: 20,
      })),
    ),
    goals: ['a1', 'a2', 'u1'].flatMap((id) => ['2026-09', '2026-10'].map((month) => ({ agent: id, month, incomeTarget: 12000 }))),
    activity: [],
    rosters: [],
    assessments: [],
  } as Fixture;
}

/**
 * The nudges conversation of the settings tests: before each test a fresh MemoryStore seeded with fixture()
 * and an engine with the nudges handlers; `say` types as a person at a fixed instant (a2 in English),
 * `stored` reads their stored preferences.
 */
export function useNudgeChat(): {
  say: (user: string, text: string, now: Date, locale?: string) => Promise<Reply>;
  stored: (id?: string) => Promise<NudgePrefs | null>;
} {
  let store: MemoryStore;
  let engine: LingyanEngine;
  beforeEach(async () => {
    store = new MemoryStore();
    await store.seed('T1', fixture());
    engine = createEngine({ store });
    registerNudges(engine);
  });
  return {
    say: (user, text, now, locale = user === 'a2' ? 'en' : 'zh-CN') => consoleSay(() => engine, now)(user, text, locale),
    stored: (id = 'a1') => store.getDoc<NudgePrefs>('T1', PREFS_KIND, id),
  };
}
