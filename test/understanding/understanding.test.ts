// route(): Chinese and English messages and /coach commands to intents with their arguments.
import { describe, expect, it } from 'vitest';
import type { RouteArgs } from '../../src/understanding';
import { COMMANDS, TASK_INTENTS, type TaskIntent } from '../../src/understanding';
import { route } from '../helpers/understand';

const ctx = { today: '2026-03-04' }; // a Wednesday

/** [text, intent, args that must be present (subset)]. At least 3 zh and 2 en per intent. */
const CASES: [string, string, RouteArgs?][] = [
  ['今天要打多少个电话', 'calls_today', { date: '2026-03-04' }],
  ['明天要打几个电话', 'calls_today', { date: '2026-03-05' }],
  ['今天的任务是多少', 'calls_today'],
  ['我今天还要打多少电话?', 'calls_today'],
  ['how many calls do I need today', 'calls_today'],
  ["what's my number today?", 'calls_today'],
  ['how many calls should I make tomorrow', 'calls_today', { date: '2026-03-05' }],

  ['帮我分解本月目标', 'plan'],
  ['这个月的计划', 'plan'],
  ['把目标拆解到每周', 'plan'],
  ['break down my goal', 'plan'],
  ['show me my weekly targets', 'plan'],

  ['这个月我想拿一万二', 'set_goal', { goal: { incomeTarget: 12000 } }],
  ['目标收入1.2万', 'set_goal', { goal: { incomeTarget: 12000 } }],
  ['底薪3000,提成2%', 'set_goal', { goal: { baseSalary: 3000, commissionRate: 0.02, commission: { type: 'flat', rate: 0.02 } } }],
  ['阶梯提成:0以上1%,10万以上2%,30万以上3%,超额累进', 'set_goal'],
  ['设定本月目标', 'set_goal'],
  ['set my income target to 12000', 'set_goal', { goal: { incomeTarget: 12000 } }],
  ['base salary 3000', 'set_goal', { goal: { baseSalary: 3000 } }],
  ['commission 2%', 'set_goal', { goal: { commissionRate: 0.02 } }],
  ['set a goal', 'set_goal'],

  ['我这个月定多少合适', 'suggest_target'],
  ['我这个月定一万五合适吗', 'suggest_target', { proposedIncome: 15000 }],
  ['目标定多少比较好', 'suggest_target'],
  ['帮我定个合理的目标', 'suggest_target'],
  ['what target should I set', 'suggest_target'],
  ['is 15000 a realistic target?', 'suggest_target', { proposedIncome: 15000 }],
  ['suggest a target for me', 'suggest_target'],

  ['我的进度怎么样', 'progress'],
  ['这个月完成得怎么样', 'progress'],
  ['我是不是落后了', 'progress'],
  ['张三的进度怎么样', 'progress', { subjectName: '张三' }],
  ['am I on track', 'progress'],
  ['how am I doing this month', 'progress'],
  ['how is Zhang San doing', 'progress', { subjectName: 'Zhang San' }],

  ['今天打了85个电话,接通30,成交2单,业绩3万', 'log_activity', { activity: { calls: 85, connects: 30, deals: 2, sales: 30000, date: '2026-03-04' } }],
  ['又打了20个', 'log_activity', { activity: { calls: 20 } }],
  ['昨天打了80个电话', 'log_activity', { activity: { calls: 80, date: '2026-03-03' }, date: '2026-03-03' }],
  ['更正:今天接通35个', 'log_activity', { activity: { connects: 35, date: '2026-03-04', replace: true } }],
  ['log 85 calls 30 connects 2 deals 30000', 'log_activity', { activity: { calls: 85, connects: 30, deals: 2, sales: 30000 } }],
  ['I made 85 calls today', 'log_activity'],
  ['correction: 90 calls', 'log_activity', { activity: { calls: 90, replace: true } }],

  ['我哪里需要提升', 'diagnose'],
  ['为什么我总是成交不了', 'diagnose'],
  ['帮我诊断一下漏斗', 'diagnose'],
  ['diagnose 李四', 'diagnose', { subjectName: '李四' }],
  ['where am I losing deals', 'diagnose'],
  ["what's my weakest stage", 'diagnose'],

  ['做一次胜任力自评', 'assess'],
  ['我想做个能力评估', 'assess'],
  ['给李四评分', 'assess', { subjectName: '李四' }],
  ['start my competency self-assessment', 'assess'],
  ['assess myself', 'assess'],

  ['我在哪个象限', 'quadrant'],
  ['看看我的冰山模型象限', 'quadrant'],
  ['团队四象限', 'quadrant', { teamScope: true }],
  ['team quadrant', 'quadrant', { teamScope: true }],
  ['what quadrant am I in', 'quadrant'],

  ['帮我配对师徒', 'mentors'],
  ['谁适合带新人做导师', 'mentors'],
  ['安排一下1+1结对', 'mentors'],
  ['suggest mentor pairs', 'mentors'],
  ['who should mentor whom', 'mentors'],

  ['团队进度', 'team'],
  ['全组今天的情况', 'team', { date: '2026-03-04' }],
  ['看看团队排名', 'team'],
  ['team dashboard', 'team'],
  ['show my team', 'team'],

  ['给早会出个辅导话题', 'huddle'],
  ['明天晨会讲什么', 'huddle', { date: '2026-03-05' }],
  ['今天的班前会聊点什么', 'huddle'],
  ["coaching prompt for today's huddle", 'huddle'],
  ['give me a stand-up topic', 'huddle'],

  ['客户说利率太高怎么办', 'coach', { topic: '客户说利率太高怎么办' }],
  ['客户嫌额度太低,我该怎么回', 'coach'],
  ['被客户骂了,心态崩了', 'coach'],
  ['客户说要再考虑考虑,怎么跟进', 'coach'],
  ['how do I handle "I\'ll think about it"', 'coach', { topic: 'how do I handle "I\'ll think about it"' }],
  ['the customer says he is not interested, what do I say', 'coach'],
  ['any tips for cold openings?', 'coach'],

  ['来练一下异议处理', 'roleplay', { topic: '来练一下异议处理' }],
  ['模拟一个嫌利率高的客户', 'roleplay', { topic: '模拟一个嫌利率高的客户' }],
  ['陪我练练利率', 'roleplay', { topic: '陪我练练利率' }],
  ["let's role-play a price objection", 'roleplay', { topic: "let's role-play a price objection" }],
  ['practice a cold call with me', 'roleplay', { topic: 'practice a cold call with me' }],

  ['推荐一门课', 'course'],
  ['情绪智慧这门课讲什么', 'course', { topic: '情绪智慧' }],
  ['异议化解讲的是什么', 'course', { topic: '异议化解' }],
  ['what is 情绪智慧 about', 'course', { topic: '情绪智慧' }],
  ['recommend a course on questioning', 'course', { topic: 'questioning' }],
  ['tell me about the mindset course', 'course', { topic: 'mindset' }],

  ['每天8点半提醒我', 'nudges', { nudge: { action: 'set_time', time: '08:30' } }],
  ['暂停3天提醒', 'nudges', { nudge: { action: 'pause', days: 3 } }],
  ['不要再提醒我', 'nudges', { nudge: { action: 'stop' } }],
  ['恢复提醒', 'nudges', { nudge: { action: 'resume' } }],
  ['关闭下班总结', 'nudges', { nudge: { action: 'end_of_day_off' } }],
  ['打开下班总结提醒', 'nudges', { nudge: { action: 'end_of_day_on' } }],
  ['我的提醒设置', 'nudges', { nudge: { action: 'status' } }],
  ['团队每天9点提醒', 'nudges', { nudge: { action: 'team_default', time: '09:00' } }],
  ['stop daily reminders', 'nudges', { nudge: { action: 'stop' } }],
  ['remind me at 9 every day', 'nudges', { nudge: { action: 'set_time', time: '09:00' } }],
  ['pause reminders for a week', 'nudges', { nudge: { action: 'pause', days: 7 } }],
  ['resume my reminders', 'nudges', { nudge: { action: 'resume' } }],
  ['turn off the end-of-day summary', 'nudges', { nudge: { action: 'end_of_day_off' } }],

  ['导出本月目标分解表', 'export'],
  ['下载团队目标表', 'export'],
  ['把计划导出成excel', 'export'],
  ['export the monthly goal sheet', 'export'],
  ['download the plan as xlsx', 'export'],

  ['导入花名册', 'import'],
  ['上传排班表', 'import'],
  ['导入历史数据', 'import'],
  ['import roster', 'import'],
  ['upload the roster file', 'import'],

  ['帮助', 'help'],
  ['你能做什么', 'help'],
  ['怎么用', 'help'],
  ['help', 'help'],
  ['what can you do?', 'help'],

  ['how many dials today', 'calls_today'],
  ['1.5万的目标能完成吗', 'suggest_target', { proposedIncome: 15000 }],
  ['will I hit my target', 'progress'],
  ['我的接通率太低了', 'diagnose'],
  ['why is my close rate low', 'diagnose'],
  ['我属于哪一类', 'quadrant'],
  ['谁能带一下小王', 'mentors'],
  ['有没有关于客户投诉的课', 'course', { topic: '有没有关于客户投诉的课' }],
  ['下周再提醒我', 'nudges', { nudge: { action: 'pause', days: 5 } }],
  ['暂停到下周三', 'nudges', { nudge: { action: 'pause', days: 7 } }],
  ['snooze for 2 days', 'nudges', { nudge: { action: 'pause', days: 2 } }],
  ['记录一下今天的数据', 'log_activity'],
  ['log', 'log_activity'],
  ['set my income target to -5', 'set_goal', { goal: { incomeTarget: -5 } }],
];

// These cases were written with the old rule-based router; the corpus writers never saw them, so for the
// model they are one more held-out set. Arguments are checked exactly (entity glue, with the intent
// given); the intent model must agree on at least 90% of them (measured: see docs/understanding.md).
describe('route: natural language', () => {
  it.each(CASES)('%s → %s (arguments)', (text, intent, args) => {
    const result = route(text, { ...ctx, forceIntent: intent as TaskIntent });
    expect(result.intent).toBe(intent);
    expect(result.text).toBe(text.trim());
    if (args) expect(result.args).toMatchObject(args);
  });

  it('reads the intent of at least 90% of these messages right without being told', () => {
    const misses = CASES.filter(([text, intent]) => route(text, ctx).intent !== intent).map(([text, intent]) => `${text} (${intent})`);
    // 90% of the cases; the misses are printed when the floor is not met.
    expect(misses.length, misses.join('\n')).toBeLessThanOrEqual(Math.floor(CASES.length * 0.1));
  });

  it('covers every task intent with ≥ 3 Chinese and ≥ 2 English examples', () => {
    for (const intent of TASK_INTENTS) {
      const texts = CASES.filter(([, i]) => i === intent).map(([t]) => t);
      expect(texts.filter((t) => /[\u4e00-\u9fff]/.test(t)).length, intent).toBeGreaterThanOrEqual(3);
      expect(texts.filter((t) => /^[\x20-\x7e]+$/.test(t)).length, intent).toBeGreaterThanOrEqual(2);
    }
  });

  it('reads bare values and wordless messages as not understood (an open dialogue takes them), and empty text as help', () => {
    for (const text of ['3000', '3.5', '3%', '85', '???']) expect(route(text, ctx).intent, text).toBe('unknown');
    // Only emoji: a wave is a greeting (help); anything the model has never seen is not understood.
    expect(['help', 'unknown']).toContain(route('😀😀', ctx).intent);
    expect(route('3000', ctx).args.reason).toBe('no_words');
    expect(route('', ctx).intent).toBe('help');
    expect(route('今天天气不错', ctx).intent).toBe('coach');
  });

  it('keeps precedence: logging vs asking, coaching vs role-play', () => {
    expect(route('今天打了85个电话', ctx).intent).toBe('log_activity');
    expect(route('今天要打多少个电话', ctx).intent).toBe('calls_today');
    expect(route('客户说利率太高怎么办', ctx).intent).toBe('coach');
    expect(route('来练一下异议处理', ctx).intent).toBe('roleplay');
    expect(route('团队进度', ctx).intent).toBe('team');
    expect(route('我的进度', ctx).intent).toBe('progress');
  });

  it('starts a role-play only when practice is asked for (it takes over the conversation); an objection alone is coaching', () => {
    // The model alone reads these as role-play (the objections appear in role-play lines); no practice word.
    for (const text of ['客户说我再考虑考虑', '客户说已经在别家办了', "customer says he'll think about it"]) expect(route(text, ctx).intent, text).toBe('coach');
    for (const text of ['练一下客户说再考虑考虑', '你演客户我来打', "let's practise, you are a customer who says not now"]) expect(route(text, ctx).intent, text).toBe('roleplay');
  });

  it('trims the text and tolerates full-width input and a bot-name prefix', () => {
    expect(route('  领雁，今天要打多少个电话？ ', ctx)).toMatchObject({ intent: 'calls_today', text: '领雁，今天要打多少个电话？' });
    expect(route('业绩３万，打了８５个电话', ctx).args.activity).toMatchObject({ calls: 85, sales: 30000 });
  });

  it('names the person a lead asks about', () => {
    expect(route('帮我看看王小明最近的业绩', ctx).args.subjectName).toBe('王小明');
    expect(route("Zhang San's progress", ctx).args.subjectName).toBe('Zhang San');
    expect(route('progress for <@U0123ABCD>', ctx).args.subjectName).toBe('U0123ABCD');
    expect(route('<at>Li Si</at> quadrant', ctx).args.subjectName).toBe('Li Si');
    expect(route('我的进度怎么样', ctx).args.subjectName).toBeUndefined();
    expect(route('周三的进度', ctx).args.subjectName).toBeUndefined();
    expect(route('Emma的进度怎么样', ctx).args.subjectName).toBe('Emma');
    expect(route('<at>Lingyan</at> 今天要打多少个电话', ctx)).toMatchObject({ intent: 'calls_today', args: {} });
    expect(route('<at>Lingyan</at> 今天要打多少个电话', ctx).args.subjectName).toBeUndefined();
  });
});

describe('route: /coach commands', () => {
  const cmd = (text: string) => route(text, { ...ctx, isCommand: true });

  it.each<[string, string, RouteArgs]>([
    ['today', 'calls_today', { sub: 'today' }],
    ['calls tomorrow', 'calls_today', { sub: 'today', date: '2026-03-05' }],
    ['plan', 'plan', { sub: 'plan' }],
    ['goal 12000', 'set_goal', { sub: 'goal', goal: { incomeTarget: 12000 } }],
    ['goal 一万二', 'set_goal', { sub: 'goal', goal: { incomeTarget: 12000 } }],
    ['goal base 3000 commission 2%', 'set_goal', { sub: 'goal', goal: { baseSalary: 3000, commissionRate: 0.02 } }],
    ['suggest 1.5万', 'suggest_target', { sub: 'suggest', proposedIncome: 15000 }],
    ['progress', 'progress', { sub: 'progress' }],
    ['progress 张三', 'progress', { sub: 'progress', subjectName: '张三' }],
    ['log 85 30 2 30000 6', 'log_activity', { sub: 'log', activity: { calls: 85, connects: 30, deals: 2, sales: 30000, prospects: 6 } }],
    ['log 85 calls 2 deals', 'log_activity', { sub: 'log', activity: { calls: 85, deals: 2 } }],
    ['diagnose 李四', 'diagnose', { sub: 'diagnose', subjectName: '李四' }],
    ['diagnose Zhang San', 'diagnose', { sub: 'diagnose', subjectName: 'Zhang San' }],
    ['assess', 'assess', { sub: 'assess' }],
    ['quadrant team', 'quadrant', { sub: 'quadrant', teamScope: true }],
    ['mentors', 'mentors', { sub: 'mentors' }],
    ['team', 'team', { sub: 'team' }],
    ['huddle', 'huddle', { sub: 'huddle' }],
    ['ask 客户说再考虑考虑', 'coach', { sub: 'coach', topic: '客户说再考虑考虑' }],
    ['coach how do I handle price objections', 'coach', { sub: 'coach', topic: 'how do I handle price objections' }],
    ['roleplay 利率', 'roleplay', { sub: 'roleplay', topic: '利率' }],
    ['practice price', 'roleplay', { sub: 'roleplay', topic: 'price' }],
    ['course 情绪智慧', 'course', { sub: 'course', topic: '情绪智慧' }],
    ['nudges 8:30', 'nudges', { sub: 'nudges', nudge: { action: 'set_time', time: '08:30' } }],
    ['remind off', 'nudges', { sub: 'nudges', nudge: { action: 'stop' } }],
    ['remind pause 3', 'nudges', { sub: 'nudges', nudge: { action: 'pause', days: 3 } }],
    ['remind on', 'nudges', { sub: 'nudges', nudge: { action: 'resume' } }],
    ['nudges eod off', 'nudges', { sub: 'nudges', nudge: { action: 'end_of_day_off' } }],
    ['nudges', 'nudges', { sub: 'nudges', nudge: { action: 'status' } }],
    ['export', 'export', { sub: 'export' }],
    ['import roster', 'import', { sub: 'import', topic: 'roster' }],
    ['help', 'help', { sub: 'help' }],
    ['HELP', 'help', { sub: 'help' }],
    ['帮助', 'help', { sub: 'help' }],
    ['frobnicate 3', 'unknown', { sub: 'frobnicate' }],
  ])('/coach %s → %s', (text, intent, args) => {
    const result = cmd(text);
    expect(result.intent).toBe(intent);
    expect(result.args).toMatchObject(args);
  });

  it('treats an empty command as help and accepts a typed "/coach" prefix', () => {
    expect(cmd('').intent).toBe('help');
    expect(route('/coach today', ctx)).toMatchObject({ intent: 'calls_today', args: { sub: 'today' } });
    expect(route('/coach', ctx).intent).toBe('help');
  });

  it('has one entry per routable intent, each sub and alias unique, each routed to its intent', () => {
    expect([...COMMANDS.map((c) => c.intent)].sort()).toEqual([...TASK_INTENTS].sort());
    const words = COMMANDS.flatMap((c) => [c.sub, ...c.aliases]);
    expect(new Set(words).size).toBe(words.length);
    for (const c of COMMANDS) {
      for (const word of [c.sub, ...c.aliases]) expect(cmd(word).intent, word).toBe(c.intent);
    }
  });
});

describe('regressions found by the lead toolkit', () => {
  const ctx = { today: '2026-03-04' };
  it('stops a name before 做评估', () => {
    expect(route('给张三做评估', ctx)).toMatchObject({ intent: 'assess', args: { subjectName: '张三' } });
  });
  it('keeps a file path whole even when it contains "import"', () => {
    expect(route('导入 /tmp/lingyan-import-x/roster.csv', ctx)).toMatchObject({ intent: 'import', args: { topic: '导入 /tmp/lingyan-import-x/roster.csv' } });
    expect(route('import roster.xlsx', ctx)).toMatchObject({ intent: 'import', args: { topic: 'import roster.xlsx' } });
  });
});
