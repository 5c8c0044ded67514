// Another person named in a message ("张三的进度怎么样", "diagnose 李四", "how is Zhang San doing",
// Slack <@U123>, Teams <at>Name</at>, @张三, a name in pinyin): what a lead asks about a member.
import { isPinyinSyllable } from '../model/pinyin';

// Common single-character surnames (the top of 百家姓 by population) and a few two-character ones.
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝';
const COMPOUND = '欧阳|司马|上官|诸葛|东方|皇甫|令狐|慕容|夏侯|尉迟|公孙|长孙|宇文|司徒|端木';
const CN_NAME = new RegExp(
  `(?:^|[\\s,.:;!?、@]|看看|看下|看一下|查查|查一下|查下|诊断一下|诊断|分析一下|分析|评估一下|评估|关于|问问|给|帮我看看|帮我看下|帮我查查|帮我查)((?:${COMPOUND})[\\u4e00-\\u9fff]{1,2}?|[${SURNAMES}][\\u4e00-\\u9fff]{1,2}?)(?=的|最近|这个月|本月|今天|明天|这周|本周|近况|怎么样|怎样|咋样|如何|进度|情况|业绩|象限|漏斗|问题|目标|计划|自评|评估|评分|打分|做得|做评估|做一次|做个|表现|哪里|哪儿|哪块|为什么|为啥|还差|要打|该打|需要|能不能|能否|$|[\\s,.;!?])`,
  'g',
);
// Words that start with a surname character but are not names.
const NOT_NAMES =
  /^(周[一二三四五六日天末报内度]|全[组员体部队]|高手|高兴|金牌|成交|成单|成绩|任务|时间|方案|方法|文化|金额|安全|许多|何时|于是|马上|毛利|程序|石头|白天|黄金|王牌|曾经|常规|明天|明日|明早|明晚|明年|和我|和他|和她|向我|向他|关于|江湖|简单|单子|车险|房贷|项目|连续|路上|师徒|师傅|司机|司徒|上官|诸葛|应该|应对|全额|阳光|管理|计划|商量|包括|解决|解释|康复|温度|沙龙|宁愿|齐全|华为|万一|钱包|钱的|时候|左右|费用|米饭|宫格|古代|边上|尤其|申请|欧元|卫生|武器|文案|简历|吉利|童年|柴米|景点|苏醒|范围|范例|程度|姜汁)/;

const BOT_NAMES = /^(?:lingyan|coach|领雁|lingyan bot)$/i;
const EN_STOP = new Set([
  'I', 'Me', 'My', 'The', 'A', 'An', 'Team', 'Today', 'Tomorrow', 'Yesterday', 'Monday', 'Tuesday', 'Wednesday',
  'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March', 'April', 'May', 'June', 'July',
  'August', 'September', 'October', 'November', 'December', 'This', 'Next', 'Last', 'Everyone', 'Lingyan', 'Is',
  'Am', 'Are', 'Please', 'Coach', 'Everybody', 'All', 'Our', 'Your', 'Their', 'It', 'Month', 'Week',
]);
const EN_NAME = "([A-Z][a-z'-]+(?:\\s+[A-Z][a-z'-]+){0,2})";
const EN_PATTERNS = [
  new RegExp(`\\b(?:for|of|about|on|diagnose|assess|check|show|is|how'?s)\\s+${EN_NAME}(?=\\s*(?:'s|doing|progress|quadrant|funnel|pace|\\?|$|[,.;!]))`),
  new RegExp(`\\b${EN_NAME}'s\\s+(?:progress|pace|quadrant|funnel|numbers|plan|calls|assessment|diagnosis|status)\\b`),
  new RegExp(`\\bhow\\s+is\\s+${EN_NAME}\\s+doing\\b`),
  new RegExp(`^(?:[Dd]iagnose|[Aa]ssess|[Pp]rogress|[Qq]uadrant)\\s+${EN_NAME}\\s*$`),
];

function cleanEnglish(name: string): string | null {
  const words = name.trim().split(/\s+/).filter((w) => !EN_STOP.has(w));
  if (words.length === 0 || words.length !== name.trim().split(/\s+/).length) return null;
  return words.join(' ');
}

/** Two words that are both pinyin syllables ("chen gang", "Wu Hao"): a Chinese name written in pinyin. */
const PINYIN_PAIR = /(?<![a-z])([a-z]{1,6})\s+([a-z]{1,6})(?![a-z])/gi;
// English words that are also pinyin syllables and often stand next to each other in a sentence.
const ENGLISH_SYLLABLES = new Set(
  'a an he me men long sun die lie ban pan gun can tan fan hang bang sang ran mine ma ta de le pa ka wa bo po mo fo ni li ji qi xi zi si shi ou ai ao e o en er ha hen hei la lo yo ye'.split(' '),
);

function pinyinName(text: string): string | null {
  for (const m of text.matchAll(PINYIN_PAIR)) {
    const [a, b] = [m[1].toLowerCase(), m[2].toLowerCase()];
    if (ENGLISH_SYLLABLES.has(a) || ENGLISH_SYLLABLES.has(b) || Math.max(a.length, b.length) < 3) continue;
    if (isPinyinSyllable(a) && isPinyinSyllable(b)) return `${m[1]} ${m[2]}`;
  }
  return null;
}

/** The person a message is about, other than the sender, or null. */
export function extractSubject(text: string): string | null {
  const slack = /<@([A-Z0-9]+)(?:\|[^>]*)?>/.exec(text);
  if (slack) return slack[1];
  const teams = [...text.matchAll(/<at>([^<]{1,60})<\/at>/gi)].map((m) => m[1].trim()).find((n) => !BOT_NAMES.test(n));
  if (teams) return teams;
  const at = /@([\u4e00-\u9fff]{2,4}|[A-Za-z][\w.'-]{0,40})/.exec(text);
  if (at && !BOT_NAMES.test(at[1])) return at[1];
  const latin = /(?:^|[\s,])([A-Z][a-zA-Z'-]+(?:\s[A-Z][a-zA-Z'-]+)?)\s?的/.exec(text); // Emma的进度
  if (latin && cleanEnglish(latin[1])) return latin[1];
  for (const m of text.matchAll(CN_NAME)) {
    const name = m[1];
    if (!NOT_NAMES.test(name)) return name;
  }
  for (const re of EN_PATTERNS) {
    const m = re.exec(text);
    if (m) {
      const name = cleanEnglish(m[1]);
      if (name) return name;
    }
  }
  return pinyinName(text);
}

/** A `/coach <sub> <rest>` argument that is just a name (李四, Zhang San), or null. */
export function nameArgument(rest: string): string | null {
  const r = rest.trim();
  const mention = extractSubject(r);
  if (mention && r.replace(/[<>@|]/g, '').includes(mention.replace(/[<>@|]/g, '')) && /^(<@|<at>|@)/i.test(r)) return mention;
  if (/^[\u4e00-\u9fff·]{2,5}$/.test(r) && !NOT_NAMES.test(r) && !/^(团队|全组|我的?|自己|本月|今天|明天|大家|所有人)$/.test(r)) return r;
  if (/^[A-Za-z][A-Za-z'.-]*(?:\s+[A-Za-z][A-Za-z'.-]*){0,2}$/.test(r) && !/^(me|my|mine|myself|team|all|everyone|today|tomorrow|yesterday|help)$/i.test(r)) {
    return r;
  }
  return null;
}
