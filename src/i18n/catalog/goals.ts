// Messages of the goals area (zh-CN and en, same keys): the domain's input errors, verdict reasons and
// the OKR wording of a target suggestion.
import type { Catalog } from './types';

export const goalsMessages: Catalog = {
  'zh-CN': {
    'goals.error.income_invalid': '收入目标需要是大于 0 的数字(收到的是 {value})。例如:这个月我想拿一万二。',
    'goals.error.income_absurd': '收入目标 {value} 太大了,不像真实的月度目标(上限 {max})。请再确认一下金额。',
    'goals.error.base_salary_invalid': '底薪需要是不小于 0 的数字(收到的是 {value})。',
    'goals.error.commission_rate_zero': '提成比例是 0,卖多少都拿不到提成,目标无法实现。请设置一个大于 0 的提成比例。',
    'goals.error.commission_rate_range': '提成比例 {rate} 不对:需要在 0% 到 100% 之间,例如 2% 或 千分之五。',
    'goals.error.tiers_empty': '阶梯提成至少需要一档,例如:0 元起 1%,10 万起 2%。',
    'goals.error.tiers_first_not_zero': '阶梯提成的第一档必须从 0 元开始(现在从 {from} 开始)。',
    'goals.error.tiers_not_ascending': '阶梯提成的起点必须从小到大排列:第 {index} 档从 {from} 开始,没有高于上一档的 {previous}。',
    'goals.error.target_unreachable': '按现在的提成方案,再多的业绩也拿不到 {needed} 元提成。请调整目标或提成方案。',
    'goals.error.sales_invalid': '业绩金额需要是不小于 0 的数字(收到的是 {value})。',
    'goals.error.no_working_days': '{month} 没有工作日(日历加排班之后),无法分解目标。请检查排班。',
    'goals.error.no_working_days_ahead': '{date} 之后一年内都没有工作日,请检查排班。',
    'goals.error.no_history':
      '还没有你在 {month} 之前的业绩历史,团队也没有历史数据,所以算不出接通率和成交率。请先导入最近 3 个月的历史数据,或由组长设置团队转化率。',
    'goals.error.history_zero_calls': '最近 3 个月的历史里外呼量是 0,算不出接通率。请补充外呼数据或导入团队历史。',
    'goals.error.history_zero_connects': '最近 3 个月的历史里接通量是 0,算不出接通率和成交率。请补充接通数据或导入团队历史。',
    'goals.error.history_zero_deals': '最近 3 个月的历史里成交单数是 0,算不出成交率和客单价。请补充成交数据或导入团队历史。',
    'goals.error.history_zero_prospects': '最近 3 个月的历史里没有意向客户数,算不出意向转化率。请补充意向客户数据或导入团队历史。',
    'goals.error.history_invalid': '{month} 的历史数据里 {field} 不对(收到的是 {value}),需要是不小于 0 的数字。',
    'goals.error.activity_invalid': '{date} 的活动记录里 {field} 不对(收到的是 {value}),需要是不小于 0 的数字。',
    'goals.error.invalid_month': '月份 {month} 看不懂,请用 YYYY-MM 格式,例如 2026-03。',
    'goals.error.invalid_date': '日期 {date} 看不懂,请用 YYYY-MM-DD 格式,例如 2026-03-05。',
    'goals.error.invalid_timezone': '时区 {tz} 无效,请使用 IANA 时区名,例如 Asia/Shanghai。',
    'goals.error.invalid_instant': '时间 {instant} 看不懂,请使用带时区的 ISO-8601 格式,例如 2026-03-05T09:00:00+08:00。',
    'goals.verdict.too_low': '这个目标低于你最近 3 个月的水平,太容易了:没有挑战就没有成长,建议再往上定一点。',
    'goals.verdict.achievable': '这个目标跳一跳够得着:比过去高一些,努力就能完成,正合适。',
    'goals.verdict.stretch': '这是一个冲刺目标:需要明显提升活动量或转化率,可以挑战,但要有具体的行动计划。',
    'goals.verdict.too_high': '这个目标明显超出近期水平,完成的可能性很小,容易打击士气。建议先定在建议值附近。',
    'goals.okr.objective': '{month} 实现收入 {income} 元(业绩 {sales} 元)',
    'goals.kr.sales': '业绩达到 {value} 元',
    'goals.kr.deals': '成交 {value} 单',
    'goals.kr.calls_per_day': '每个工作日外呼 {value} 个',
    'goals.kr.prospects_per_week': '每周积累 {value} 个意向客户',
  },
  en: {
    'goals.error.income_invalid': 'The income target must be a number above 0 (got {value}). For example: set my income target to 12000.',
    'goals.error.income_absurd': 'An income target of {value} is too large to be a real monthly goal (limit {max}). Please check the amount.',
    'goals.error.base_salary_invalid': 'The base salary must be a number of 0 or more (got {value}).',
    'goals.error.commission_rate_zero':
      'The commission rate is 0, so no amount of sales earns any commission and the target cannot be reached. Please set a rate above 0.',
    'goals.error.commission_rate_range': 'The commission rate {rate} is not valid: it must be between 0% and 100%, e.g. 2% or 0.5%.',
    'goals.error.tiers_empty': 'A tiered commission needs at least one tier, e.g. 1% from 0 and 2% from 100000.',
    'goals.error.tiers_first_not_zero': 'The first commission tier must start at 0 (it starts at {from}).',
    'goals.error.tiers_not_ascending':
      'Commission tiers must start in increasing order: tier {index} starts at {from}, which is not above the previous tier’s {previous}.',
    'goals.error.target_unreachable':
      'With this commission plan no sales volume earns {needed} in commission. Please change the target or the plan.',
    'goals.error.sales_invalid': 'Sales must be a number of 0 or more (got {value}).',
    'goals.error.no_working_days': '{month} has no working days (calendar plus roster), so there is nothing to plan. Please check the roster.',
    'goals.error.no_working_days_ahead': 'There is no working day within a year after {date}. Please check the roster.',
    'goals.error.no_history':
      'There is no history for you before {month} and none for your team, so connect and close rates are unknown. Please import the last 3 months of history, or ask your lead to set team rates.',
    'goals.error.history_zero_calls': 'The last 3 months of history have 0 calls, so the connect rate is unknown. Please add call counts or import team history.',
    'goals.error.history_zero_connects':
      'The last 3 months of history have 0 connects, so connect and close rates are unknown. Please add connect counts or import team history.',
    'goals.error.history_zero_deals':
      'The last 3 months of history have 0 deals, so the close rate and deal size are unknown. Please add deal counts or import team history.',
    'goals.error.history_zero_prospects':
      'The last 3 months of history have no prospects, so the prospect-to-deal rate is unknown. Please add prospect counts or import team history.',
    'goals.error.history_invalid': 'The history for {month} has an invalid {field} ({value}); it must be a number of 0 or more.',
    'goals.error.activity_invalid': 'The activity on {date} has an invalid {field} ({value}); it must be a number of 0 or more.',
    'goals.error.invalid_month': 'The month {month} is not valid; please use YYYY-MM, e.g. 2026-03.',
    'goals.error.invalid_date': 'The date {date} is not valid; please use YYYY-MM-DD, e.g. 2026-03-05.',
    'goals.error.invalid_timezone': 'The time zone {tz} is not valid; please use an IANA name such as Asia/Shanghai.',
    'goals.error.invalid_instant': 'The time {instant} is not valid; please use ISO-8601 with an offset, e.g. 2026-03-05T09:00:00+08:00.',
    'goals.verdict.too_low': 'This target is below what you did over the last 3 months — too easy. Without a challenge there is no growth; aim a little higher.',
    'goals.verdict.achievable': 'This target is within reach with effort: a bit above your past results. A good choice.',
    'goals.verdict.stretch': 'This is a stretch target: it needs clearly more activity or better conversion. Go for it, with a concrete plan.',
    'goals.verdict.too_high': 'This target is far above your recent results and unlikely to be met, which can hurt morale. Consider setting it near the suggestion.',
    'goals.okr.objective': 'Earn {income} in {month} (sales of {sales})',
    'goals.kr.sales': 'Reach {value} in sales',
    'goals.kr.deals': 'Close {value} {value|deal|deals}',
    'goals.kr.calls_per_day': 'Make {value} {value|call|calls} every working day',
    'goals.kr.prospects_per_week': 'Add {value} {value|prospect|prospects} every week',
  },
};
