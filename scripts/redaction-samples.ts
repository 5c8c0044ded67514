// Generated sentences for measuring redaction like a DLP product (issue 26): identifiers in varied formats
// and positions, zh and en, that must go; and amounts, dates, rates and counts that must stay. Seeded, so
// every run measures the same 2,000 + 2,000 sentences. Used by `npm run eval:redaction` and the CI floor.
import fc from 'fast-check';

export interface Sample {
  text: string;
  /** Substrings that must not survive (identifiers, names). */
  secrets: string[];
  /** Substrings that must survive (what the coach needs). */
  keep: string[];
  kind: string;
}

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const group = (s: string, sizes: number[], sep: string) => {
  const out: string[] = [];
  let at = 0;
  for (const size of sizes) {
    out.push(s.slice(at, at + size));
    at += size;
  }
  if (at < s.length) out.push(s.slice(at));
  return out.filter(Boolean).join(sep);
};

const mobile = fc
  .tuple(fc.constantFrom('13', '15', '17', '18', '19', '16', '14'), digits(9), fc.integer({ min: 0, max: 6 }))
  .map(([head, rest, style]) => {
    const n = head + rest;
    return [n, group(n, [3, 4, 4], ' '), group(n, [3, 4, 4], '-'), `+86 ${group(n, [3, 4, 4], ' ')}`, `+86${n}`, group(n, [4, 3, 4], ' '), fullWidth(n)][style];
  });
const landline = fc
  .tuple(fc.constantFrom('010', '021', '0755', '0571', '028'), fc.integer({ min: 2, max: 9 }), digits(7), fc.integer({ min: 0, max: 2 }))
  .map(([area, first, rest, style]) => {
    const local = `${first}${rest}`;
    return [`${area}-${local}`, `(${area})${local}`, `${area} ${local.slice(0, 4)} ${local.slice(4)}`][style];
  });
const idCard = fc
  .tuple(digits(17), fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', 'x'), fc.integer({ min: 0, max: 2 }))
  .map(([body, check, style]) => {
    const id = body + check;
    return [id, group(id, [6, 8, 4], ' '), fullWidth(id)][style];
  });
const card = fc
  .tuple(fc.integer({ min: 16, max: 19 }), fc.integer({ min: 0, max: 2 }))
  .chain(([length, style]) => digits(length).map((n) => ['62' + n.slice(2), group('62' + n.slice(2), [4, 4, 4, 4], ' '), group('62' + n.slice(2), [4, 4, 4, 4], '-')][style]));
const longNumber = fc.integer({ min: 12, max: 20 }).chain((n) => digits(n)).map((d) => (d[0] === '0' ? `9${d.slice(1)}` : d));
const email = fc
  .tuple(fc.constantFrom('wang', 'li.na', 'zhang_wei', 'anna.lee', 'k88'), fc.integer({ min: 1, max: 999 }), fc.constantFrom('example.com', 'qq.com', '163.com', 'corp.cn'))
  .map(([user, n, domain]) => `${user}${n}@${domain}`);
const social = fc
  .tuple(fc.constantFrom('微信 ', '微信号:', 'wechat: ', 'WeChat ID ', 'QQ ', 'qq号'), fc.constantFrom('abc_123', 'wxid_88k2', 'lee2026', 'Zhang-Wei9'), digits(9))
  .map(([cue, id, qq]) => (cue.toLowerCase().startsWith('qq') ? { whole: `${cue}${qq.replace(/^0/, '8')}`, secret: qq.replace(/^0/, '8') } : { whole: `${cue}${id}`, secret: id }));
const passport = fc.tuple(fc.constantFrom('E', 'G', 'P'), digits(8)).map(([p, d]) => `${p}${d}`);
const plate = fc.tuple(fc.constantFrom('沪', '京', '粤', '浙', '苏'), fc.constantFrom('A', 'B', 'C'), fc.constantFrom('12345', 'D8K21', '9X7Y3', '88888')).map(([p, l, r]) => `${p}${l}${r}`);
const address = fc
  .tuple(fc.constantFrom('南京', '中山', '解放', '人民', '建设'), fc.constantFrom('路', '街', '大道'), fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 101, max: 2508 }))
  .map(([name, kind, no, building, unit, room]) => `${name}${kind}${no}号${building}栋${unit}单元${room}室`);
const addressEn = fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.constantFrom('Nanjing', 'Park', 'Huaihai Middle', 'Oak'), fc.constantFrom('Road', 'Street', 'Avenue')).map(([n, name, kind]) => `${n} ${name} ${kind}`);

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['建国', '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '桂兰'];
const zhName = fc.tuple(fc.constantFrom(...SURNAMES), fc.constantFrom(...GIVEN)).map(([s, g]) => s + g);
const zhNamed = fc
  .tuple(zhName, fc.constantFrom(...SURNAMES), fc.integer({ min: 0, max: 4 }))
  .map(([full, surname, style]) =>
    [
      { text: `客户${full}说利率太高`, secret: full },
      { text: `${surname}先生说再考虑考虑`, secret: `${surname}先生` },
      { text: `${surname}女士嫌手续费贵`, secret: `${surname}女士` },
      { text: `那个姓${surname}的客户又挂了`, secret: `姓${surname}` },
      { text: `${surname}总说下周再谈`, secret: `${surname}总` },
    ][style],
  );
const EN_FIRST = ['Anna', 'David', 'Wei', 'Grace', 'Tom', 'Lily', 'Jason', 'Mary'];
const EN_LAST = ['Lee', 'Smith', 'Zhang', 'Wang', 'Brown', 'Chen', 'Liu', 'Taylor'];
const enNamed = fc
  .tuple(fc.constantFrom(...EN_FIRST), fc.constantFrom(...EN_LAST), fc.integer({ min: 0, max: 2 }))
  .map(([first, last, style]) =>
    [
      { text: `customer ${first} ${last} said the rate is too high`, secret: `${first} ${last}` },
      { text: `Mr. ${last} wants to think about it`, secret: `Mr. ${last}` },
      { text: `a client called ${first} ${last} hung up on me`, secret: `${first} ${last}` },
    ][style],
  );

const ZH_AROUND = [
  ['客户留的', ',他说年化12%太高,我该怎么回?'],
  ['他给了', ',说再考虑考虑'],
  ['记一下:', ' 明天回访'],
  ['', '是客户的,别外传'],
];
const EN_AROUND = [
  ['the customer gave me ', ' and said 12% APR is too high'],
  ['call back ', ' tomorrow at 3pm'],
  ['', ' is on file, what do I say?'],
];

const identifier = fc.oneof(
  mobile.map((v) => ({ v, kind: 'mobile' })),
  landline.map((v) => ({ v, kind: 'landline' })),
  idCard.map((v) => ({ v, kind: 'id card' })),
  card.map((v) => ({ v, kind: 'bank card' })),
  longNumber.map((v) => ({ v, kind: 'long number' })),
  email.map((v) => ({ v, kind: 'e-mail' })),
  passport.map((v) => ({ v, kind: 'passport' })),
  plate.map((v) => ({ v, kind: 'plate' })),
  address.map((v) => ({ v, kind: 'address' })),
  addressEn.map((v) => ({ v, kind: 'address' })),
);

const piiSample: fc.Arbitrary<Sample> = fc.oneof(
  fc.tuple(identifier, fc.constantFrom(...ZH_AROUND, ...EN_AROUND)).map(([{ v, kind }, [before, after]]) => ({
    text: `${before}${v}${after}`,
    secrets: [v],
    keep: /12%/.test(after) ? ['12%'] : [],
    kind,
  })),
  social.map(({ whole, secret }) => ({ text: `加我${whole}聊`, secrets: [secret], keep: [], kind: 'wechat/qq' })),
  zhNamed.map(({ text, secret }) => ({ text, secrets: [secret], keep: [], kind: 'name (zh)' })),
  enNamed.map(({ text, secret }) => ({ text, secrets: [secret], keep: [], kind: 'name (en)' })),
);

const SAFE_VALUES = fc.constantFrom(
  '3万', '1.2万', '两万五', '12,000元', '30000', '年化12%', '0.6%', '85个电话', '接通30个', '成交2单', '2026-03-04', '3月5日', '8:30',
  '13期', '第2周', '12k', '9 grand', '45 connects', '4.2%', '720元', '1万元分12期', '月底前', '99999', '1,500,000', '2026年3月',
  '周五下午3点', 'ranked 3rd', '18800', '790,000', '12 months', '60元', '95588',
);
const safeSample: fc.Arbitrary<Sample> = fc
  .tuple(SAFE_VALUES, SAFE_VALUES, fc.constantFrom('客户说{a}太高,我今天{b}', 'my target is {a} and I did {b}', '{a},还有{b},怎么跟进', 'log {a} then {b}'))
  .map(([a, b, template]) => ({ text: template.replace('{a}', a).replace('{b}', b), secrets: [], keep: [a, b], kind: 'safe' }));

/** 2,000 sentences with identifiers and 2,000 without, always the same ones (fixed seed). */
export function redactionSamples(count = 2000, seed = 26): { pii: Sample[]; safe: Sample[] } {
  return { pii: fc.sample(piiSample, { seed, numRuns: count }), safe: fc.sample(safeSample, { seed: seed + 1, numRuns: count }) };
}

export interface RedactionFigures {
  secrets: number;
  leaked: number;
  recall: number;
  kept: number;
  removed: number;
  falseRemoval: number;
  byKind: Record<string, { n: number; leaked: number }>;
  leaks: string[];
}

export function measureRedaction(redact: (text: string) => string, samples = redactionSamples()): RedactionFigures {
  let secrets = 0;
  let leaked = 0;
  let kept = 0;
  let removed = 0;
  const byKind: Record<string, { n: number; leaked: number }> = {};
  const leaks: string[] = [];
  for (const sample of [...samples.pii, ...samples.safe]) {
    const out = redact(sample.text);
    const kind = (byKind[sample.kind] ??= { n: 0, leaked: 0 });
    for (const secret of sample.secrets) {
      secrets++;
      kind.n++;
      if (out.includes(secret)) {
        leaked++;
        kind.leaked++;
        if (leaks.length < 20) leaks.push(`${sample.text} → ${out}`);
      }
    }
    for (const value of sample.keep) {
      if (out.includes(value)) kept++;
      else removed++;
    }
  }
  return { secrets, leaked, recall: 1 - leaked / secrets, kept, removed, falseRemoval: removed / (kept + removed), byKind, leaks };
}
