// The words that signal each intent, in Chinese and English, and the `/coach <sub>` command table.
// Pure data plus tiny matchers; the order in which they are tried lives in router.ts.
import type { Intent } from '../reply';

/** The whole message is a request for help. */
export const HELP = /^(?:帮助|帮忙|help|h|\?|菜单|menu|commands?|指令|命令|你好|hi|hello|您好|你能做什么|你会(?:做)?什么|能做什么|有什么功能|怎么用|如何使用|使用说明|功能|what can you do|how (?:do i|to) use (?:this|you|lingyan)|what do you do)[\s?!.。!]*$/i;
export const EXPORT = /导出|下载.{0,10}(?:表|数据|excel|报表|名单)|\bexport\b|\bdownload\b.{0,30}\b(?:sheet|excel|xlsx|csv|report|plan)\b/i;
export const IMPORT = /导入|上传.{0,10}(?:名单|花名册|排班|数据|表|文件)|\bimport\b|\bupload\b.{0,30}\b(?:roster|data|sheet|csv|file|xlsx)\b/i;
export const NUDGES = /提醒|^\s*(?:暂停|pause|snooze)|\bsnooze\b|下班总结|日终总结|晚间总结|每日总结|叫我|通知我|推送|早安消息|每日消息|\bremind(?:er|ers)?\b|\bnudges?\b|\bnotifications?\b|\bdaily (?:message|digest|ping)\b|\bend[- ]of[- ]day (?:summary|message)\b/i;
export const ROLEPLAY = /练一下|练练|练习|对练|陪练|演练|模拟|角色扮演|扮演|实战|\brole[- ]?play|\bpractice\b|\bpractise\b|\bsimulat|\bmock (?:call|customer)\b|\bdrill\b|\bpretend (?:to be|you'?re)\b/i;
/** Questions, which never log activity ("今天要打多少个电话", "how many calls"). */
export const QUESTION = /多少|几个|几通|几单|几次|吗\s*[?]?$|么\s*[?]?$|呢\s*[?]?$|[?]|\bhow (?:many|much)\b|\bwhat\b|\bshould\b|能不能|是否|要不要|够不够/i;
/** Intentions (future), which do not log activity unless a past marker is also there. */
export const FUTURE = /想|要|计划|打算|应该|需要|得打|准备|目标|\bwant\b|\bneed\b|\bshould\b|\bplan\b|\bgoal\b|\btarget\b|\bwill\b|\bgoing to\b/i;
export const PAST = /了|已经|完成|记录|登记|汇报|报一下|\blog(?:ged)?\b|\brecord(?:ed)?\b|\bmade\b|\bdid\b|\bhad\b|\bgot\b|\bclosed\b|\bso far\b|更正|纠正|改成|改为|\bcorrection\b|\bactually\b/i;
/** Asking to log without figures yet (the handler opens a form or asks). */
export const LOG = /^(?:log|记录|登记|记一下|记个数|报数|汇报)(?:\s*(?:activity|my numbers|今天的?(?:数据|活动|业绩)?|一下))?\s*$|\blog (?:my |today'?s )?(?:activity|numbers|calls)\b|记录(?:一下)?(?:今天的?)?(?:数据|活动量?|业绩)|报(?:一下)?(?:今天的?)?数据|录入(?:今天的?)?数据/i;
export const SUGGEST = /合适|能完成吗|完成得了吗|做得到吗|能达到吗|达得到吗|够不够|能拿多少|能赚多少|合理|可行|现实|靠谱|行不行|行吗|可以吗|够吗|太高|太低|定多少|定什么|设多少|定几|多少合适|建议.{0,8}(?:目标|定)|(?:目标|定).{0,8}建议|推荐.{0,6}目标|帮我定|\bsuggest|\brecommend|\brealistic\b|\breasonable\b|\bachievable\b|\bwhat (?:target|goal|income)\b|\bshould i (?:set|aim|target|go for)\b|\bgood (?:target|goal)\b|\btoo (?:high|low|ambitious)\b/i;
export const TARGET_WORD = /目标|定|指标|任务量|拿多少|赚多少|收入|\btarget\b|\bgoal\b|\bquota\b|\baim\b|\bincome\b/i;
export const SET_GOAL = /(?:设|定|改|修改|更新|调整)(?:定|置|一下|个|下)?(?:本月|这个月|月度|我的)?(?:收入)?目标|目标(?:改|定|设)(?:成|为|在)|(?:底薪|提成|佣金)(?:是|为|改|设)|\bset (?:my |a |the )?(?:monthly |income )*(?:target|goal)\b|\b(?:change|update) my (?:income )?(?:target|goal)\b|\bnew (?:target|goal)\b|\bmy (?:base salary|commission) is\b/i;
export const CALLS_TODAY = /打?多少(?:个|通)?电话|几(?:个|通)电话|(?:今天|今日|明天|后天|这天|当天).{0,8}(?:任务|目标|指标|多少|几个|几通|量)|今日(?:任务|目标|指标)|每天(?:要|该|得)?打多少|\bhow many (?:more )?(?:calls|dials)\b|\bwhat do i (?:need|have) to do today\b|\bcalls? (?:do i need|should i make|to make|left)\b|\btoday'?s (?:target|number|numbers|goal|quota|calls|task|plan)\b|\b(?:daily|today) (?:target|number|quota)\b|\bwhat'?s my number\b|\bcalls (?:for )?today\b/i;
export const HUDDLE = /早会|晨会|夕会|班前会|班会|例会|\bhuddles?\b|\bstand-?ups?\b|\bmorning (?:meeting|briefing)\b|\bteam talk\b/i;
export const QUADRANT = /象限|冰山|哪一类|哪类人|属于哪|我的能力怎么样|\bwhich (?:group|category|box) am i\b|\bquadrants?\b|\biceberg\b/i;
export const MENTORS = /师徒|带一下|带带|带新人|\bwho (?:can|should) (?:mentor|train|coach)\b|配对|结对|带教|导师|师傅|徒弟|1\+1|\bmentors?\b|\bmentoring\b|\bmentee|\bapprentices?\b|\bpair(?:s|ing)?\b|\bbuddy\b|\bbuddies\b/i;
export const TEAM_SCOPE = /团队|全组|组员|全员|大家|所有人|我的组|本组|小组|全体|\bteam\b|\bsquad\b|\beveryone\b|\bmy agents\b|\ball agents\b|\bwhole group\b/i;
export const TEAM = /团队|全组|组员|全员|大家的|我的组|本组|小组|全体|\bteam\b|\bsquad\b|\bdashboard\b|\bmy agents\b|\beveryone'?s\b|\ball agents\b|\bleaderboard\b|排行|排名|看板/i;
export const ASSESS = /自评|自我评估|测评|评估|胜任力|能力评估|打分|评分|\bassess(?:ment)?\b|\bself[- ]?assess|\bcompetenc|\bevaluat|\brate (?:me|myself)\b|\bscore (?:me|myself)\b|\bskills? (?:check|survey)\b/i;
export const PLAN = /分解|(?:这周|本周|下周|每周)(?:要|需要|得|应该)?(?:完成|做到|达到|打)多少|拆解|拆分|计划|规划|每周|周目标|月度目标|本月目标|月目标|这个月的目标|\bbreak (?:it |my goal |my target |this )?down\b|\bbreakdown\b|\bplan\b|\bweekly (?:targets?|goals?)\b|\bmonthly (?:plan|goal|target)\b|\bdecompose\b/i;
export const PROGRESS = /进度|能完成吗|能达标|完成得了|\bhit my (?:target|goal|number)\b|\bmake (?:my )?(?:target|goal|quota)\b|进展|的业绩\s*$|业绩(?:情况|如何|咋样)|最近.{0,6}(?:业绩|表现|数据)|完成(?:了|得)?(?:多少|怎么样|情况|得如何)|完成率|达标|跑赢|落后|还差多少|怎么样了|业绩怎么样|做得怎么样|表现怎么样|\bon track\b|\bprogress\b|\bpace\b|\bhow am i doing\b|\bhow'?s .{0,20} doing\b|\bhow is .{0,20} doing\b|\bbehind\b|\bahead\b|\bam i (?:going to|gonna) make it\b/i;
export const DIAGNOSE = /(?:接通|成交|签单|转化|意向)率|\b(?:close|closing|connect|contact|conversion|pick-?up) rates?\b|哪里需要提升|需要提升|提升|提高|改进|短板|弱项|诊断|问题在哪|问题出在|哪里不足|不足|为什么.{0,4}(?:没|不|总是|老是)|成交不了|开不了单|签不了单|成交率(?:低|不高)|丢单|转化率?|漏斗|瓶颈|哪个环节|\bdiagnos|\bwhere am i losing\b|\blosing (?:deals|customers)\b|\bweak(?:ness|nesses|est)?\b|\bimprove\b|\bbottlenecks?\b|\bfunnel\b|\bwhat'?s wrong\b|\bconversion\b|\bwhere (?:can|should) i (?:get better|improve)\b/i;
export const COURSE = /课程|一门课|哪门课|什么课|这门课|这节课|上课|课|讲什么|讲的是|讲了什么|内容是|介绍一下|\bcourses?\b|\blessons?\b|\btraining\b|\bmodule\b|\bwhat(?:'s| is) .{1,40} about\b|\bteach me\b/i;
export const COURSE_ASK = /是什么|讲什么|讲的是|讲了什么|介绍|推荐|学|看看|\bwhat\b|\babout\b|\btell me\b|\bexplain\b|\brecommend\b|\blearn\b/i;
export const COACH = /怎么办|怎么回|怎么说|怎么答|怎么应对|怎么处理|怎么搞|怎么跟|怎么让|怎么才能|怎样|如何|咋办|咋回|咋说|客户(?:说|嫌|觉得|不|老是|总是|问|拒绝|挂|要|一直)|异议|拒绝|被挂|挂电话|投诉|心态|压力|焦虑|沮丧|好累|崩溃|难受|被骂|没动力|迷茫|不想干|辅导|话术|教教我|\bhow (?:do|should|can|would) i (?:handle|respond|deal|answer|reply|say|overcome|get|convince|close|approach|stay|keep|push|follow up|open|start)\b|\bwhat (?:do|should|can) i say\b|\b(?:customer|client|prospect) (?:says|said|told|keeps|wants|asks|asked|hung up|is)\b|\bobjections?\b|\bthink about it\b|\btoo expensive\b|\bnot interested\b|\bcoach me\b|\badvice\b|\btips?\b|\bhelp me with\b|\bstressed\b|\bburn(?:ed|t)? out\b|\bfeeling (?:down|low|bad)\b|\brejected\b|\bscript\b|\bpitch\b/i;

/** Words around a course request that say nothing about which course. */
export const COURSE_FILLER = /有没有|什么|哪些|哪个|哪门|可以|学习|学|应该|适合我的?|有|上|推荐|介绍|讲|是|门|\bshould\b|\bwhich\b|\bwhat\b|\btake\b|\bfor me\b|\bi\b|\bcan\b|\brecommend\b|\bsuggest\b|\bis\b|\bare\b|\bthere\b|\bany\b|\bgood\b|\bneed\b/i;

/** Course names (zh and en) with their ids, as in DESIGN.md. */
export const COURSES: { id: string; names: RegExp }[] = [
  { id: 'customer-communication', names: /客户沟通艺术|客户沟通|\bcustomer communication\b/i },
  { id: 'emotional-intelligence', names: /情绪智慧|情商|情绪管理|\bemotional intelligence\b/i },
  { id: 'objection-handling', names: /异议化解|异议处理课|\bobjection[- ]handling\b/i },
  { id: 'art-of-questioning', names: /提问的艺术|提问艺术|提问技巧|\bart of questioning\b|\bquestioning\b/i },
  { id: 'efficient-communication', names: /沟通达人|高效沟通|\befficient communication\b/i },
  { id: 'mindset', names: /心态领航|\bmindset\b/i },
  { id: 'top-performer-sharing', names: /标杆效应|标杆分享|\btop[- ]performer(?: sharing)?\b/i },
  { id: 'career-planning', names: /寻找灯塔|职业规划|\bcareer planning\b|\bcareer\b/i },
  { id: 'goal-setting', names: /目标设定|目标管理|目标指南|\bgoal[- ]setting\b|\bgoal guide\b/i },
];

/** The course a message names, with the words used, or null. */
export function matchCourse(text: string): { id: string; name: string } | null {
  let best: { id: string; name: string; at: number } | null = null;
  for (const course of COURSES) {
    const m = course.names.exec(text);
    if (m && (best === null || m.index < best.at)) best = { id: course.id, name: m[0], at: m.index };
  }
  return best ? { id: best.id, name: best.name } : null;
}

export interface CommandSpec {
  /** The canonical sub-command (`/coach today`). */
  sub: string;
  intent: Intent;
  /** Other words accepted in its place. */
  aliases: readonly string[];
  /** Catalogue keys (src/i18n/catalog/router.ts) describing it and showing an example. */
  descriptionKey: string;
  usageKey: string;
}

const spec = (sub: string, intent: Intent, aliases: string[]): CommandSpec => ({
  sub,
  intent,
  aliases,
  descriptionKey: `command.${intent}.description`,
  usageKey: `command.${intent}.usage`,
});

/** Every `/coach <sub>` with its intent, in the order help lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  spec('today', 'calls_today', ['calls', 'calls_today', 'call', '今天', '今日', '电话']),
  spec('plan', 'plan', ['breakdown', 'decompose', '计划', '分解']),
  spec('goal', 'set_goal', ['set_goal', 'target', 'setgoal', '目标']),
  spec('suggest', 'suggest_target', ['suggest_target', 'suggestion', '建议']),
  spec('progress', 'progress', ['pace', 'track', '进度']),
  spec('log', 'log_activity', ['log_activity', 'record', 'add', '记录', '登记']),
  spec('diagnose', 'diagnose', ['diag', 'diagnosis', 'funnel', '诊断']),
  spec('assess', 'assess', ['assessment', 'self-assess', '自评', '测评']),
  spec('quadrant', 'quadrant', ['quadrants', '象限']),
  spec('mentors', 'mentors', ['mentor', 'pairs', 'pairing', '师徒']),
  spec('team', 'team', ['dashboard', '团队']),
  spec('huddle', 'huddle', ['standup', '早会']),
  spec('coach', 'coach', ['ask', 'question', '辅导', '问']),
  spec('roleplay', 'roleplay', ['practice', 'practise', 'role-play', 'rp', '练习', '陪练']),
  spec('course', 'course', ['courses', 'learn', '课程']),
  spec('nudges', 'nudges', ['remind', 'reminders', 'reminder', 'nudge', '提醒']),
  spec('export', 'export', ['download', '导出']),
  spec('import', 'import', ['upload', '导入']),
  spec('help', 'help', ['?', 'h', 'commands', '帮助']),
];

/** The command whose sub or alias is `word` (case-insensitive), or null. */
export function findCommand(word: string): CommandSpec | null {
  const w = word.toLowerCase();
  return COMMANDS.find((c) => c.sub === w || c.aliases.includes(w)) ?? null;
}
