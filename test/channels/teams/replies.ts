// Reply fixtures shaped like the engine's (calls_today with facts, why and follow-ups; a team table).
import type { Reply } from '../../../src/core/reply';

export function callsTodayReply(locale: 'zh-CN' | 'en' = 'zh-CN'): Reply {
  const zh = locale === 'zh-CN';
  return {
    intent: 'calls_today',
    locale,
    title: zh ? '今日目标 · 3月10日' : "Today's target · 10 Mar",
    text: zh
      ? '📞 今天(3月10日)你需要打 96 个电话,已打 0 个,还差 96 个。\n争取接通 38 个、成交 2 单、新增意向客户 7 个。本月含今天还剩 16 个工作日。'
      : '📞 Today (10 Mar) you need 96 calls; 0 logged, 96 to go.\nAim for 38 connects, 2 deals and 7 new prospects. 16 working days left this month, today included.',
    data: { callsToday: 96, callsLeftToday: 96, dealsToday: 2, prospectsToday: 7, remainingWorkdays: 16, date: '2026-03-10' },
    facts: [
      { label: zh ? '今日拨打' : 'Calls today', value: '96' },
      { label: zh ? '今日还差' : 'Left today', value: '96' },
      { label: zh ? '今日成交' : 'Deals today', value: '2' },
      { label: zh ? '今日意向' : 'Prospects today', value: '7' },
      { label: zh ? '进度' : 'Pace', value: zh ? '正常(98%)' : 'On track (98%)' },
    ],
    why: [
      '① 需要的提成: C = max(0, 12000 − 3000) = 9000',
      '② 业绩目标: S = 9000 / 2% = 450000',
      '③ 转化率: 接通率 40.0%,成交率 5.0%,单均 15000',
      '④ 月度数量: 成交 30 单,接通 600 个,拨打 1500 个,意向 100 个',
      '⑤ 工作日: 3月共 22 个工作日',
      '⑦ 今天: ceil(1500 / 16) = 94 → 96(含补足)',
    ],
    actions: [
      { id: 'log', label: zh ? '记录今日数据' : "Log today's numbers", intent: 'log_activity', form: 'log_activity', style: 'primary' },
      { id: 'week', label: zh ? '看本月/本周分解' : 'See the month and weeks', intent: 'plan', text: '/coach plan' },
      { id: 'roleplay', label: zh ? '练一段对话' : 'Practise a call', intent: 'roleplay', text: '/coach roleplay' },
    ],
  };
}

export function teamReply(): Reply {
  return {
    intent: 'team',
    locale: 'zh-CN',
    title: '团队进度 · 电销一组',
    text: '本月团队完成 42%,应完成 45%。',
    data: {},
    sections: Array.from({ length: 6 }, (_, i) => ({
      title: `坐席 ${i + 1}`,
      facts: [
        { label: '已完成', value: `${40 + i}%` },
        { label: '状态', value: i % 2 ? '正常' : '落后' },
      ],
    })),
    visibility: 'private',
  };
}
