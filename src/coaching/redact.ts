// PII redaction applied to every piece of text before it leaves for the LLM (src/coaching/llm.ts calls it
// on every request). Identifiers go whatever their checksum (a mistyped ID number is still a person's);
// amounts, dates, percentages, counts and rates stay, because the coach needs them.

export type PiiType = 'PHONE' | 'ID_CARD' | 'BANK_CARD' | 'ID_NUMBER' | 'EMAIL' | 'SOCIAL_ID' | 'ADDRESS' | 'PLATE' | 'PASSPORT' | 'CUSTOMER_NAME';

export interface PiiFinding {
  type: PiiType;
  /** Offsets into the original text (end exclusive). */
  start: number;
  end: number;
}

export interface RedactionResult {
  text: string;
  found: PiiFinding[];
}

interface Span extends PiiFinding {
  /** Lower wins when two candidates overlap at the same start. */
  rank: number;
}

const ZH_CUE_BEFORE = /(?:客户|顾客|客人|用户|持卡人|来电人|名叫|叫做|叫|姓名[:：]?)\s?$/u;
const EN_CUE_BEFORE = /\b(?:customer|client|caller|cardholder)(?:'s)?\s+(?:named\s+|called\s+)?$/i;

/**
 * Identifiers become a bracketed type; a name becomes a neutral word in the sentence's language ("客户",
 * "the customer"), or nothing right after a word that already says "customer", so the prompt still reads.
 */
function placeholder(type: PiiType, before: string, name: string): string {
  if (type !== 'CUSTOMER_NAME') return `[${type}]`;
  if (/\b(?:named|called)\s+$/i.test(before)) return 'the customer';
  if (ZH_CUE_BEFORE.test(before) || EN_CUE_BEFORE.test(before)) return '';
  if (/^姓/u.test(name)) return '';
  return /\p{Script=Han}/u.test(name) ? '客户' : 'the customer';
}

// --- Checksums ---------------------------------------------------------------

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 (ISO 7064 MOD 11-2) check character of an 18-character resident ID. */
export function isValidResidentId(id: string): boolean {
  if (!/^\d{17}[\dX]$/i.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === id[17].toUpperCase();
}

export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** 15-digit legacy IDs carry no checksum, so only a plausible YYMMDD birth date is checked. */
function isPlausibleLegacyId(id: string): boolean {
  if (!/^[1-8]\d{14}$/.test(id)) return false;
  const month = Number(id.slice(8, 10));
  const day = Number(id.slice(10, 12));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// --- Numeric detectors ---------------------------------------------------------

// A number glued to a currency sign or unit is an amount, never a phone number.
const NOT_AMOUNT_BEFORE = '(?<![\\d¥￥$])(?<!\\d[.,])';
const NOT_AMOUNT_AFTER = '(?!\\d)(?!\\s*(?:元|块|万|亿|%|％|‰|rmb|yuan|k\\b))';
const SEP = '[ \\-]';

// 11 digits from 1[3-9], spaced or dashed any way people write them (139 8765 4321, 1398-765-4321).
const MOBILE = new RegExp(
  `${NOT_AMOUNT_BEFORE}(?:(?:\\+|00)86${SEP}?|86${SEP})?1${SEP}?[3-9](?:${SEP}?\\d){9}${NOT_AMOUNT_AFTER}`,
  'giu',
);
// Trunk prefix 0 + area code (010, 02x, 0xxx), local number starting 2-9, optional extension.
const AREA = '0(?:10|2\\d|[3-9]\\d{2})';
const EXT = '(?:\\s?(?:转|分机|ext\\.?|x|#|-)\\s?\\d{1,6})?';
const LANDLINE = new RegExp(
  `${NOT_AMOUNT_BEFORE}(?:[(（]${AREA}[)）]\\s?|${AREA}${SEP}|\\+86${SEP}?\\(?(?:10|2\\d|[3-9]\\d{2})\\)?${SEP}?|${AREA}(?=[2-9]))` +
    `\\d{4}${SEP}?\\d{3,4}${EXT}${NOT_AMOUNT_AFTER}`,
  'giu',
);
const ID_18 = /(?<!\d)(?:\d{17}[\dXx]|\d{6}[ -]\d{8}[ -]\d{3}[\dXx]|\d{6}[ -]\d{4}[ -]\d{4}[ -]\d{3}[\dXx])(?![\dA-Za-z])/g;
const ID_15 = /(?<=(?:身份证|证件|ID)[^\d]{0,8})(?<!\d)\d{15}(?!\d)/gi;
// Contiguous 15-19 digits, or the printed groupings 4-4-4-4(-3), 4-4-4-3 and 4-6-5.
const CARD = /(?<!\d)(?:\d{15,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?|\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{3}|\d{4}[ -]\d{6}[ -]\d{5})(?!\d)/g;
// Any run of 12 or more digits (single spaces or dashes between them, an optional trailing X): no amount,
// date or count is that long, and an ID or card number with a wrong check digit is still an identifier.
const LONG_DIGITS = /(?<![\d.,])\d(?:[ -]?\d){11,}(?:[ -]?[Xx])?(?![\d])/g;
const SOCIAL = /(?:微信号?|微信ID|威信|[Vv]信|vx|VX|wx|WX|[Ww]e[Cc]hat(?:\s*ID)?|[Ww]eixin)\s*(?:号|是|为|id|ID|is)?\s*[:：]?\s*[A-Za-z][-_A-Za-z0-9]{4,19}|(?:QQ|qq|扣扣)\s*(?:号|是|为)?\s*[:：]?\s*\d{5,12}/g;
const ADDRESS_ZH = /(?:(?![住在于是的到去址:：])\p{Script=Han}){2,12}?(?:路|街|大道|大街|巷|弄|胡同|里)\s?\d+\s?(?:号|弄)(?:\s?(?:\d+|[一二三四五六七八九十]+)\s?(?:号楼|栋|幢|座|单元|楼|层|室|号))*(?:\s?\d{3,4}室?)?|(?:(?![住在于是的到去址:：])\p{Script=Han}){2,10}?(?:小区|花园|公寓|大厦|家园|苑|新村)\s?\d+\s?(?:号楼|栋|幢|座)(?:\s?\d+\s?(?:单元|楼|层|室|号))*(?:\s?\d{3,4}(?:室)?)?/gu;
const ADDRESS_EN = /\b\d{1,5}\s+(?:[A-Z][a-z']+\s+){1,3}(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Drive|Way)\b\.?|\b(?:[Aa]pt|[Aa]partment|[Rr]oom|[Uu]nit|[Ss]uite|[Ff]lat)\.?\s*#?\s*\d[\dA-Za-z-]{0,7}\b/g;
const PLATE = /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Za-hj-np-z]\s?[·•]?\s?[A-HJ-NP-Za-hj-np-z0-9]{5,6}(?![A-Za-z0-9])/gu;
const PASSPORT = /(?<![A-Za-z0-9])[EeGgDdSsPpKk][A-Za-z]?\d{3,4} ?\d{4}(?![\dA-Za-z])|(?<![A-Za-z0-9])[A-Za-z]{2}\d{7}(?![\dA-Za-z])|(?<=(?:护照|passport)\s*(?:号码?|no\.?|number)?\s*[:：]?\s*)[A-Za-z]{0,2}\d{7,9}(?!\d)/giu;
const EMAIL = /[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9_%+-])?@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}/g;

const digitsOf = (s: string): string => s.replace(/[^\dXx]/g, '');

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++;
    else yield m;
  }
}

function numericSpans(text: string): Span[] {
  const spans: Span[] = [];
  const add = (type: PiiType, start: number, end: number, rank: number) => spans.push({ type, start, end, rank });
  for (const m of matches(EMAIL, text)) add('EMAIL', m.index, m.index + m[0].length, 0);
  for (const m of matches(ID_18, text)) {
    const d = digitsOf(m[0]);
    if (isValidResidentId(d)) add('ID_CARD', m.index, m.index + m[0].length, 1);
    else if (isLuhnValid(d)) add('BANK_CARD', m.index, m.index + m[0].length, 2);
  }
  for (const m of matches(ID_15, text)) {
    if (!isLuhnValid(m[0]) && isPlausibleLegacyId(m[0])) add('ID_CARD', m.index, m.index + m[0].length, 1);
  }
  for (const m of matches(CARD, text)) {
    const d = digitsOf(m[0]);
    if (d.length >= 15 && d.length <= 19 && isLuhnValid(d)) add('BANK_CARD', m.index, m.index + m[0].length, 2);
  }
  for (const m of matches(MOBILE, text)) add('PHONE', m.index, m.index + m[0].length, 3);
  for (const m of matches(LANDLINE, text)) add('PHONE', m.index, m.index + m[0].length, 4);
  for (const m of matches(LONG_DIGITS, text)) add('ID_NUMBER', m.index, m.index + m[0].length, 5);
  for (const m of matches(SOCIAL, text)) add('SOCIAL_ID', m.index, m.index + m[0].length, 0);
  for (const m of matches(PASSPORT, text)) add('PASSPORT', m.index, m.index + m[0].length, 2);
  for (const m of matches(PLATE, text)) add('PLATE', m.index, m.index + m[0].length, 2);
  for (const re of [ADDRESS_ZH, ADDRESS_EN]) for (const m of matches(re, text)) add('ADDRESS', m.index, m.index + m[0].length, 0);
  return spans;
}

// --- Names ---------------------------------------------------------------------

// Common mainland surnames (covers the large majority of the population) plus compound ones.
const SURNAMES_1 =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文施洪辛柯庄葛牛谷聂翟季鲁温华关申祝裴左';
const SURNAMES_2 = '欧阳|司马|诸葛|上官|东方|皇甫|慕容|令狐|司徒|夏侯|尉迟|长孙|宇文|公孙|南宫|西门|端木';
const SURNAME = `(?:${SURNAMES_2}|[${SURNAMES_1}])`;
// 总 is a title only when it does not start a word such as 总额 / 总共 / 总结.
const TITLE = '(?:先生|女士|小姐|太太|阿姨|叔叔|大叔|大哥|大姐|大爷|大妈|师傅|老板|老师|经理|主任|医生|律师|总(?![额共计数量体结部之是监裁行经站台账价值分])|姐(?=[,，。!！?？\\s]))';
const ZH_TITLED = new RegExp(`${SURNAME}${TITLE}`, 'gu');
// A full name with a title ("王建国先生"), or after a greeting on the phone ("您好王建国", "请问是王建国吗").
const ZH_FULL_TITLED = new RegExp(`${SURNAME}(?:(?![${'说的了在是要想'}])\\p{Script=Han}){1,2}?${TITLE}`, 'gu');
const ZH_GREETED = new RegExp(`(?<=(?:您好|你好|请问是|请问您是|是不是|找一下|找)[,，\\s]?)${SURNAME}(?:(?![${'说的了在是要想吗呢'}])\\p{Script=Han}){1,2}(?=先生|女士|小姐|吗|呢|[,，。!！?？\\s]|$)`, 'gu');
// 小陈 / 老吴: a surname with 小 or 老 is how colleagues and customers are named on the floor.
const ZH_NICKNAME = new RegExp(`(?:(?<![\\p{Script=Han}])|(?<=客户|顾客|客人|用户))[小老]${SURNAME}(?=说|的|他|她|又|还|也|都|今天|昨天|要|想|嫌|问|觉得|不|那边|[,，。!！?？\\s]|$)`, 'gu');
// A bare full name opening a sentence, when what follows is about a person ("王建国和他老婆…").
const ZH_OPENING = new RegExp(`(?<=^|[,，。!！?？;；\\s])${SURNAME}(?:(?![${'说的了在是要想吗呢和他她'}])\\p{Script=Han}){1,2}(?=和他|和她|说|他|她)`, 'gu');
// A full name after a verb of contacting ("回访邓子豪", "打给王建国").
const ZH_CONTACTED = new RegExp(`(?<=(?:联系|回访|打给|致电|通知|拨给|回拨给|跟进)\\s?)${SURNAME}(?:(?![${'说的了在是要想吗呢一下'}])\\p{Script=Han}){1,2}(?=[,，。!！?？\\s]|$|说|的|时|吗|先生|女士)`, 'gu');
// "那个姓张的客户": the surname alone still points at one person.
const ZH_SURNAME_ONLY = new RegExp(`姓${SURNAME}的?(?=客户|顾客|客人|用户|先生|女士|大哥|大姐|阿姨|老板|那个|那位|这个|这位|[,，。\\s]|$)`, 'gu');

// Characters that end a name rather than belong to it.
const NAME_STOP = '说的了在是要想觉嫌问打来对表称反投已还又和与跟办申很也都不就那这有没刚一今昨上之最因希担拒同需提认回接挂先女';
const GIVEN = `(?:(?![${NAME_STOP}])\\p{Script=Han})`;
const AFTER_NAME =
  `(?=$|[\\s,，.。!！?？;；:：、)）」』"”'’\\[\\d]|${'说|表示|称|反映|问|觉得|嫌|想|要|不|的|在|是|今天|昨天|明天|来电|打来|投诉|咨询|那边|办|申请|对|已|还|又|刚|一直|很|因为|上次|之前|就|也|都|最近|希望|担心|拒绝|同意|需要|提到|认为|回复|接|挂|有|没|和|与|跟|手机|电话|号码|身份证|证件|卡号|银行卡|住|家住|地址|微信|邮箱|年龄|今年|岁|先|女|男|车牌|账户|账号|报|和|、|他|她|QQ|qq|邮箱|email|plate|手机号'})`;
const ZH_FULL = new RegExp(`(?<=(?:客户|顾客|客人|用户|持卡人|来电人|名叫|叫做|叫|姓名[:：]?|儿子|女儿|老婆|老公|丈夫|妻子|爱人|父亲|母亲|爸爸|妈妈|cx|cust|customer|client|caller|for)\\s?)${SURNAME}${GIVEN}{1,2}${AFTER_NAME}`, 'gu');
// Words that follow 客户 and happen to start with a surname character.
const ZH_NOT_NAMES = new Set(['张口', '张嘴', '关系', '方面', '方式', '方案', '方便', '高兴', '高端', '黄金', '金额', '金融', '余额', '马上', '常常', '常说', '许多', '何时', '周期', '白金', '钱包', '程序', '江湖', '文化', '万一', '龙头', '华为', '贾乃', '任何', '温馨', '武汉', '庄家', '季度', '段位', '左右', '向来', '易懂']);

const EN_TITLED = /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+([A-Z][a-zA-Z'-]+)(\s+[A-Z][a-z]+)?/g;
// Case-sensitive on purpose: the name must be capitalised, so "customer ID" is not a name.
// 客户Alice counts too: agents write English names straight after the Chinese word.
const EN_INTRO = /(?:\b(?:[Cc]ustomer|[Cc]lient|[Cc]aller|[Cc]ardholder|[Cc]x|[Cc]ust)(?:'s)?\s+(?:name\s+)?|(?:客户|顾客|客人|持卡人)\s*)(?:named\s+|called\s+)?([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?)(\s+[A-Z][a-z]+)?/g;
const EN_NOT_NAMES = new Set(
  'I The This That He She It We They And But Or On In At Of For To Today Yesterday Tomorrow Monday Tuesday Wednesday Thursday Friday Saturday Sunday Please Thanks Thank Said Says Called Service Services Care Support Experience Success Relations Journey Satisfaction Manager Account Team Center Centre Hotline Insights Data Name Names Number Feedback Complaint Complaints Is Was Has Had Will Would Can Could Should Wants Asked Mentioned Again Just Also'.split(' '),
);

function nameSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of matches(ZH_TITLED, text)) spans.push({ type: 'CUSTOMER_NAME', start: m.index, end: m.index + m[0].length, rank: 5 });
  for (const re of [ZH_FULL_TITLED, ZH_GREETED, ZH_NICKNAME, ZH_CONTACTED, ZH_OPENING]) for (const m of matches(re, text)) spans.push({ type: 'CUSTOMER_NAME', start: m.index, end: m.index + m[0].length, rank: 4 });
  for (const m of matches(ZH_SURNAME_ONLY, text)) spans.push({ type: 'CUSTOMER_NAME', start: m.index, end: m.index + m[0].length, rank: 5 });
  for (const m of matches(ZH_FULL, text)) {
    if ([...ZH_NOT_NAMES].some((w) => m[0].startsWith(w))) continue;
    spans.push({ type: 'CUSTOMER_NAME', start: m.index, end: m.index + m[0].length, rank: 6 });
  }
  for (const m of matches(EN_TITLED, text)) {
    const keepSecond = m[2] !== undefined && !EN_NOT_NAMES.has(m[2].trim());
    const len = m[0].length - (m[2] !== undefined && !keepSecond ? m[2].length : 0);
    spans.push({ type: 'CUSTOMER_NAME', start: m.index, end: m.index + len, rank: 5 });
  }
  for (const m of matches(EN_INTRO, text)) {
    const first = m[1];
    if (EN_NOT_NAMES.has(first)) continue;
    const second = m[2] !== undefined && !EN_NOT_NAMES.has(m[2].trim()) ? m[2] : '';
    const start = m.index + m[0].length - (m[2]?.length ?? 0) - first.length;
    spans.push({ type: 'CUSTOMER_NAME', start, end: start + first.length + second.length, rank: 6 });
  }
  return spans;
}

// --- Driver ----------------------------------------------------------------------

/** Non-overlapping PII spans: the earliest candidate wins, ties go to the stronger evidence. */
/** Every occurrence of a name already found elsewhere in the text ("客户石磊 … 石磊他老婆也要办"). */
function knownNameSpans(text: string, known: ReadonlySet<string>): Span[] {
  const spans: Span[] = [];
  for (const name of known) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) spans.push({ type: 'CUSTOMER_NAME', start: at, end: at + name.length, rank: 7 });
  }
  return spans;
}

const TITLE_AT_END = new RegExp(`${TITLE}$`, 'u');

/** The name itself inside a name span, worth looking for elsewhere (two characters or more). */
function nameOf(span: string): string | null {
  const name = span.replace(TITLE_AT_END, '').replace(/^(?:姓|[小老]|Mr\.?\s+|Mrs\.?\s+|Ms\.?\s+|Dr\.?\s+)/u, '').trim();
  return /\p{Script=Han}/u.test(name) ? (name.length >= 2 ? name : null) : name.length >= 3 ? name : null;
}

function detect(raw: string, known: ReadonlySet<string> = new Set()): Span[] {
  // Full-width digits and letters are read as half-width; the mapping keeps every offset.
  const text = raw.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
  const all = [...numericSpans(text), ...nameSpans(text), ...knownNameSpans(text, known)].sort(
    (a, b) => a.start - b.start || a.rank - b.rank || b.end - a.end,
  );
  const chosen: Span[] = [];
  for (const s of all) {
    const last = chosen[chosen.length - 1];
    if (last && s.start < last.end) continue;
    chosen.push(s);
  }
  return chosen;
}

/**
 * Redacts PII and reports what was found. Replacing a span can expose a new boundary
 * (a number that was glued to an e-mail), so passes repeat until nothing changes; that
 * is what makes `redact` idempotent.
 */
export function redactWithReport(text: string): RedactionResult {
  let current = text;
  // origin[i] = offset in the original text of current[i]; -1 inside placeholders.
  let origin = Array.from({ length: text.length }, (_, i) => i);
  const found: PiiFinding[] = [];
  const known = new Set<string>();
  for (let pass = 0; pass < 8; pass++) {
    const spans = detect(current, known);
    if (spans.length === 0) break;
    for (const s of spans) {
      const name = s.type === 'CUSTOMER_NAME' ? nameOf(current.slice(s.start, s.end)) : null;
      if (name) known.add(name);
    }
    let next = '';
    const nextOrigin: number[] = [];
    let cursor = 0;
    for (const s of spans) {
      next += current.slice(cursor, s.start);
      nextOrigin.push(...origin.slice(cursor, s.start));
      const ph = placeholder(s.type, current.slice(0, s.start), current.slice(s.start, s.end));
      next += ph;
      for (let i = 0; i < ph.length; i++) nextOrigin.push(-1);
      const first = origin.slice(s.start, s.end).find((o) => o >= 0) ?? 0;
      const last = [...origin.slice(s.start, s.end)].reverse().find((o) => o >= 0) ?? first;
      found.push({ type: s.type, start: first, end: last + 1 });
      // A name dropped after "customer" must not leave two spaces behind.
      cursor = ph === '' && /\s$/.test(next) && /^\s/.test(current.slice(s.end, s.end + 1)) ? s.end + 1 : s.end;
    }
    next += current.slice(cursor);
    nextOrigin.push(...origin.slice(cursor));
    current = next;
    origin = nextOrigin;
  }
  found.sort((a, b) => a.start - b.start);
  return { text: current, found };
}

export function redact(text: string): string {
  return redactWithReport(text).text;
}
