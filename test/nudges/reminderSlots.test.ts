// Which reminder a typed time sets, one-day times, weekend and "too many" wishes, and "暂停3天" counted in days
// that have reminders: each phrase typed to the console engine at a fixed instant (never the clock) → the stored
// preferences, what the scheduler (nudgesFor) would send, and the reply.
//
// Calendar facts (chinese-days, CN): Mon 2026-12-07 … Fri 12-11 and Mon 12-14 … Fri 12-18 are working days, Sat/Sun
// 12-12/13 are not. 2026-09-28 (Mon) … 09-30 (Wed, September's last working day) work, 10-01 … 10-07 National Day,
// 10-08 (Thu, October's first working day) back, 10-10 (Sat) a make-up working day, 10-11 (Sun) off.
// Asia/Shanghai is UTC+8 all year: 18:00 local = 10:00Z the same day, 07:50 local = 23:50Z the day before.
import { describe, expect, it } from 'vitest';
import { nudgesFor } from '../../src/nudges/schedule';
import { agent, teams, useNudgeChat } from './helpers';

// fixture(): a1 (zh-CN) and a2 (en) are agents, l1 leads team t1; all Asia/Shanghai, CN calendar.
const { say, stored } = useNudgeChat();

/** Shanghai wall-clock instant (UTC+8). */
const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);
/** What the scheduler sends `id` on `date` with the stored preferences: kind @ UTC instant. */
const sent = async (date: string, id = 'a1') => {
  const prefs = await stored(id);
  const person = id === 'l1' ? agent('l1', { role: 'lead' }) : agent(id);
  return nudgesFor(date, [person], prefs ? { [id]: prefs } : {}, {}, { teams }).map((n) => `${n.kind}@${n.at}`);
};

describe('bug 1: with after-work words, or for the check-in, an hour 1–11 is p.m.', () => {
  it('"下班的时候提醒我打卡,6点" on Mon 12-07 sets the check-in at 18:00, not 06:00, and leaves the morning alone', async () => {
    const reply = await say('a1', '下班的时候提醒我打卡,6点', at('2026-12-07'));
    expect(reply.intent).toBe('nudges');
    const prefs = await stored();
    expect(prefs).toMatchObject({ endOfDay: true, endOfDayTime: '18:00' });
    expect(prefs?.time).toBeUndefined();
    // Tue 12-08: morning 09:00 = 01:00Z, check-in 18:00 = 10:00Z.
    expect(await sent('2026-12-08')).toEqual(['agent_morning@2026-12-08T01:00:00.000Z', 'agent_end_of_day@2026-12-08T10:00:00.000Z']);
    expect(reply.text).toContain('已开启下班前打卡提醒,每个工作日 18:00。');
    // Said at 10:00 on a working day: the next one is tonight's check-in.
    expect(reply.text).toContain('下一次提醒:12月7日 周一 18:00(下班打卡)');
  });

  it('"remind me to check in at 6 after work" in English', async () => {
    const reply = await say('a2', 'remind me to check in at 6 after work', at('2026-12-07'));
    expect(await stored('a2')).toMatchObject({ endOfDay: true, endOfDayTime: '18:00' });
    expect(reply.text).toContain('End-of-day check-in on, every working day at 18:00.');
  });

  it('"晚上6点" is 18:00 anywhere', async () => {
    await say('a1', '晚上6点提醒我', at('2026-12-07'));
    expect(await stored()).toMatchObject({ endOfDay: true, endOfDayTime: '18:00' });
  });
});

describe('bug 2: end-of-day words, or an afternoon/evening time, set the check-in, not the morning nudge', () => {
  it('"下午5点半提醒我打卡" turns the check-in on at 17:30; the morning nudge stays at 09:00', async () => {
    const reply = await say('a1', '下午5点半提醒我打卡', at('2026-12-07'));
    const prefs = await stored();
    expect(prefs).toMatchObject({ endOfDay: true, endOfDayTime: '17:30' });
    expect(prefs?.time).toBeUndefined();
    // 17:30 local = 09:30Z.
    expect(await sent('2026-12-08')).toEqual(['agent_morning@2026-12-08T01:00:00.000Z', 'agent_end_of_day@2026-12-08T09:30:00.000Z']);
    expect(reply.text).toContain('早间提醒:开启,时间 09:00;下班打卡:开启(17:30)。');
  });

  it('"晚上6点提醒我填数据" and "remind me at 5:30pm to log my numbers" do the same', async () => {
    await say('a1', '晚上6点提醒我填数据', at('2026-12-07'));
    expect(await stored()).toMatchObject({ endOfDay: true, endOfDayTime: '18:00' });
    expect((await stored())?.time).toBeUndefined();
    await say('a2', 'end of day reminder at 5:30', at('2026-12-07'));
    expect(await stored('a2')).toMatchObject({ endOfDay: true, endOfDayTime: '17:30' });
  });

  it('"晚上6点提醒我" names no reminder: the check-in, and the reply says the morning nudge is unchanged', async () => {
    const reply = await say('a1', '晚上6点提醒我', at('2026-12-07'));
    expect(reply.text).toContain('下午和晚上的时间是下班打卡提醒的时间,所以我设的是下班打卡;早间提醒还是每个工作日 09:00。');
    const en = await say('a2', 'remind me at 6pm', at('2026-12-07'));
    expect(await stored('a2')).toMatchObject({ endOfDay: true, endOfDayTime: '18:00' });
    expect(en.text).toContain('An afternoon or evening time is for the end-of-day check-in, so that is what I set; your morning nudge stays at 09:00 every working day.');
  });

  it('a morning time or the morning named still moves the morning nudge', async () => {
    await say('a1', '每天8点半提醒我', at('2026-12-07'));
    expect(await stored()).toMatchObject({ time: '08:30' });
    expect((await stored())?.endOfDay).toBeUndefined();
  });

  it("a lead's only nudge is the digest: an evening time with no reminder named moves it", async () => {
    const reply = await say('l1', '晚上6点提醒我', at('2026-12-07'));
    expect(await stored('l1')).toMatchObject({ time: '18:00' });
    expect(await sent('2026-12-08', 'l1')).toEqual(['lead_digest@2026-12-08T10:00:00.000Z']);
    expect(reply.text).toContain('团队晨报改为每个工作日 18:00 发给你');
  });

  it('a lead asking for the check-in is told leads get the digest only, and nothing is stored', async () => {
    const reply = await say('l1', '下午5点半提醒我打卡', at('2026-12-07'));
    expect(reply.text).toContain('带团队的人只收团队晨报,所以设置没有改动。');
    expect(await stored('l1')).toBeNull();
    expect(await sent('2026-12-08', 'l1')).toEqual(['lead_digest@2026-12-08T00:45:00.000Z']);
  });
});

describe('bug 3: a time for one day ("明早7点50叫我") changes that day only, with one tap to make it daily', () => {
  it('Mon 12-07: tomorrow Tue 12-08 at 07:50, Wed 12-09 back at 09:00; the button makes it every day', async () => {
    const reply = await say('a1', '明早7点50叫我', at('2026-12-07'));
    const prefs = await stored();
    expect(prefs).toMatchObject({ once: { date: '2026-12-08', time: '07:50', slot: 'morning' } });
    expect(prefs?.time).toBeUndefined();
    // 07:50 on 12-08 local = 2026-12-07T23:50Z; 09:00 on 12-09 = 01:00Z.
    expect(await sent('2026-12-08')).toEqual(['agent_morning@2026-12-07T23:50:00.000Z']);
    expect(await sent('2026-12-09')).toEqual(['agent_morning@2026-12-09T01:00:00.000Z']);
    expect(reply.text).toContain('好的,12月8日(周二)的早间提醒改在 07:50,只改这一天;其他工作日还是 09:00。');
    expect(reply.text).toContain('早间提醒:开启,时间 09:00;下班打卡:关闭。12月8日(周二)的早间提醒改在 07:50(仅这一天)。');
    expect(reply.text).toContain('下一次提醒:12月8日 周二 07:50(早间提醒)');
    const daily = reply.actions?.find((a) => a.id === 'every_day');
    expect(daily).toMatchObject({ label: '以后每天 07:50', text: '每天07:50提醒我' });

    // The tap: every working day at 07:50, and the one-day time is gone.
    await say('a1', daily!.text!, at('2026-12-07'));
    expect(await stored()).toMatchObject({ time: '07:50' });
    expect((await stored())?.once).toBeUndefined();
    expect(await sent('2026-12-09')).toEqual(['agent_morning@2026-12-08T23:50:00.000Z']);
  });

  it('in English', async () => {
    const reply = await say('a2', 'wake me at 7:50 tomorrow morning', at('2026-12-07'));
    expect(await stored('a2')).toMatchObject({ once: { date: '2026-12-08', time: '07:50', slot: 'morning' } });
    expect(reply.text).toContain('Done — on Tue 8 Dec only, your morning nudge comes at 07:50; other working days stay at 09:00.');
    expect(reply.actions?.find((a) => a.id === 'every_day')).toMatchObject({ label: 'Every day at 07:50', text: 'remind me at 07:50 every day' });
  });

  it('"今晚6点提醒我打卡": the check-in tonight only, while the daily check-in stays off', async () => {
    const reply = await say('a1', '今晚6点提醒我打卡', at('2026-12-07'));
    expect(await stored()).toMatchObject({ once: { date: '2026-12-07', time: '18:00', slot: 'end_of_day' } });
    expect((await stored())?.endOfDay).toBeUndefined();
    expect(await sent('2026-12-07')).toEqual(['agent_morning@2026-12-07T01:00:00.000Z', 'agent_end_of_day@2026-12-07T10:00:00.000Z']);
    expect(await sent('2026-12-08')).toEqual(['agent_morning@2026-12-08T01:00:00.000Z']);
    expect(reply.text).toContain('好的,12月7日(周一) 18:00 提醒你下班打卡,只这一次;平时的下班打卡提醒仍是关闭的。');
    expect(reply.text).toContain('下一次提醒:12月7日 周一 18:00(下班打卡)');
  });

  it('refused, nothing saved: tomorrow is Saturday (said Fri 12-11), or the time has passed today', async () => {
    const sat = await say('a1', '明早7点50叫我', at('2026-12-11'));
    expect(sat.text).toContain('12月12日(周六)不是你的工作日,那天没有提醒,设置没有改动。');
    const past = await say('a1', '今天早上8点提醒我', at('2026-12-07'));
    expect(past.text).toContain('12月7日(周一) 08:00 已经过了,提醒设置没有改动。');
    // Today's 09:00 nudge went out an hour ago: it is not sent twice, so 11:00 today is refused.
    const sentAlready = await say('a1', '今天11点提醒我', at('2026-12-07'));
    expect(sentAlready.text).toContain('12月7日(周一)的早间提醒已经在 09:00 发过了,设置没有改动。');
    // Already so: tomorrow's nudge is at 09:00 anyway.
    const same = await say('a1', '明早9点叫我', at('2026-12-07'));
    expect(same.text).toContain('12月8日(周二)的提醒本来就是 09:00,设置没有改动。');
    expect(await stored()).toBeNull();
  });

  it('"周六8点提醒我" said Wed 10-07 sets the make-up working Saturday 10-10 only (08:00 = 00:00Z)', async () => {
    await say('a1', '周六8点提醒我', at('2026-10-07'));
    expect(await stored()).toMatchObject({ once: { date: '2026-10-10', time: '08:00', slot: 'morning' } });
    expect(await sent('2026-10-10')).toEqual(['agent_morning@2026-10-10T00:00:00.000Z']);
    expect(await sent('2026-10-12')).toEqual(['agent_morning@2026-10-12T01:00:00.000Z']);
  });

  it('"明天起每天7点50提醒我" is every day', async () => {
    await say('a1', '明天起每天7点50提醒我', at('2026-12-07'));
    expect(await stored()).toMatchObject({ time: '07:50' });
    expect((await stored())?.once).toBeUndefined();
  });
});

describe('bug 4: wishes the settings cannot grant as such get a plain answer', () => {
  it('"周末也提醒我" says working days come from the calendar and the roster, how to get a weekend day, and names the next working Saturday', async () => {
    // Said Mon 09-28: the next Saturday or Sunday that is a working day is the make-up Saturday 10-10.
    const reply = await say('a1', '周末也提醒我', at('2026-09-28'));
    expect(reply.intent).toBe('nudges');
    expect(reply.text).toContain('你的工作日来自团队的日历(国家法定工作日,含调休)和排班');
    expect(reply.text).toContain('请组长在排班里把那天设为上班');
    expect(reply.text).toContain('提醒设置没有改动。接下来10月10日(周六)是上班日,会照常提醒。');
    expect(await stored()).toBeNull();
    const en = await say('a2', 'remind me on weekends too', at('2026-12-07'));
    expect(en.text).toContain('ask your team lead to mark it as a working day in the roster');
    expect(en.text).toContain('Nothing was changed.');
    expect(await stored('a2')).toBeNull();
  });

  it('"提醒太烦了" changes nothing and offers pause, skip tomorrow, check-in off (when on) and stop as buttons', async () => {
    let reply = await say('a1', '提醒太烦了', at('2026-12-07'));
    expect(reply.text).toContain('提醒设置没有改动。想少收点提醒,可以:暂停几天');
    expect(reply.actions?.map((a) => a.id)).toEqual(['pause', 'skip_tomorrow', 'stop']);
    expect(await stored()).toBeNull();
    await say('a1', '打开下班总结', at('2026-12-07'));
    reply = await say('a1', '提醒太烦了', at('2026-12-07'));
    expect(reply.actions?.map((a) => [a.id, a.text])).toEqual([
      ['pause', '暂停提醒3天'], ['skip_tomorrow', '明天别提醒我'], ['eod_off', '关闭下班打卡提醒'], ['stop', '停止每日提醒'],
    ]);
    // Each button's text does what it says.
    await say('a1', '关闭下班打卡提醒', at('2026-12-07'));
    expect(await stored()).toMatchObject({ endOfDay: false });
    const en = await say('a2', 'too many reminders', at('2026-12-07'));
    expect(en.text).toContain('Nothing was changed. To get fewer nudges you can pause');
    expect(en.actions?.map((a) => a.text)).toEqual(['pause reminders for 3 days', 'no reminder tomorrow', 'stop daily reminders']);
  });
});

describe('bug 5: "暂停3天" skips three days that have reminders, and the reply names the day they resume', () => {
  it('said on Sat 12-12: Mon 12-14 … Wed 12-16 skipped, back Thu 12-17 (not Sat–Mon)', async () => {
    const reply = await say('a1', '暂停提醒3天', at('2026-12-12'));
    expect(await stored()).toMatchObject({ pausedUntil: '2026-12-17', stopped: false });
    for (const day of ['2026-12-14', '2026-12-15', '2026-12-16']) expect(await sent(day)).toEqual([]);
    expect(await sent('2026-12-17')).toEqual(['agent_morning@2026-12-17T01:00:00.000Z']);
    expect(reply.text).toContain('好的,暂停提醒 3 个工作日:12月14日(周一)至12月16日(周三)不提醒,12月17日(周四)起恢复提醒。');
    const en = await say('a2', 'pause reminders for 3 days', at('2026-12-12'));
    expect(await stored('a2')).toMatchObject({ pausedUntil: '2026-12-17' });
    expect(en.text).toContain('Paused for your next 3 working days (Mon 14 Dec to Wed 16 Dec); nudges resume on Thu 17 Dec.');
  });

  it("today counts while a nudge is still to come: Mon 12-07 at 08:00 skips 12-07 … 12-09; at 10:00 12-08 … 12-10", async () => {
    await say('a1', '暂停提醒3天', at('2026-12-07', '08:00'));
    expect(await stored()).toMatchObject({ pausedUntil: '2026-12-10' });
    // At 10:00 the 09:00 nudge is gone and the check-in is off: today has nothing left to skip.
    await say('a2', 'pause reminders for 3 days', at('2026-12-07'));
    expect(await stored('a2')).toMatchObject({ pausedUntil: '2026-12-11' });
  });

  it('over National Day (said Mon 09-28 20:00): 09-29, 09-30, 10-08 skipped; back Fri 10-09', async () => {
    const reply = await say('a1', '暂停提醒3天', at('2026-09-28', '20:00'));
    expect(await stored()).toMatchObject({ pausedUntil: '2026-10-09' });
    expect(reply.text).toContain('9月29日(周二)至10月8日(周四)不提醒,10月9日(周五)起恢复提醒。');
  });

  it('"暂停1天" on Sat 12-12 skips Monday; weeks stay calendar weeks (a week from Sat 12-12 is Sat 12-19)', async () => {
    const one = await say('a1', '暂停1天', at('2026-12-12'));
    expect(await stored()).toMatchObject({ pausedUntil: '2026-12-15' });
    expect(one.text).toContain('好的,暂停提醒 1 个工作日:12月14日(周一)不提醒,12月15日(周二)起恢复提醒。');
    await say('a2', 'pause for a week', at('2026-12-12'));
    expect(await stored('a2')).toMatchObject({ pausedUntil: '2026-12-19' });
  });
});
