/** The one formatter of reminder values: each keyword type at and over its limit, and the emulator's check agrees with it. */
import {
  formatCharacterString,
  formatDate,
  formatMessage,
  formatName,
  formatPhrase,
  formatThing,
  formatTime,
  isQuietHour,
  keywordValueValid,
  NOTIFY_EVENTS,
  TEMPLATES,
  templatesOf,
} from '../../types/notify';

describe('thing: ≤ 20 characters', () => {
  it('keeps 20 and cuts 21 to 19 + …', () => {
    expect(formatThing('一'.repeat(20))).toBe('一'.repeat(20));
    expect(formatThing('一'.repeat(21))).toBe(`${'一'.repeat(19)}…`);
    expect([...formatThing('一'.repeat(21))]).toHaveLength(20);
    expect(keywordValueValid('thing', formatThing('a'.repeat(50)))).toBe(true);
    expect(keywordValueValid('thing', 'a'.repeat(21))).toBe(false);
  });
  it('flattens line breaks and refuses empty text', () => {
    expect(formatThing(' 学习\n交流 ')).toBe('学习 交流');
    expect(() => formatThing('  ')).toThrow();
  });
});

describe('phrase: ≤ 5 Han characters, Han only', () => {
  it('keeps 5, cuts 6, drops what is not Han', () => {
    expect(formatPhrase('点评总结中')).toBe('点评总结中');
    expect(formatPhrase('点评总结进行')).toBe('点评总结进');
    expect(formatPhrase('第2阶段')).toBe('第阶段');
    expect(keywordValueValid('phrase', '点评总结进行')).toBe(false);
    expect(keywordValueValid('phrase', 'OK')).toBe(false);
    expect(() => formatPhrase('123')).toThrow();
  });
});

describe('name: ≤ 10 Han characters (or 20 letters)', () => {
  it('keeps 10 Han, cuts 11, allows 20 letters', () => {
    expect(formatName('欧阳'.repeat(5))).toBe('欧阳'.repeat(5));
    expect(formatName('欧阳'.repeat(5) + '娜')).toBe('欧阳'.repeat(5));
    expect(formatName('A'.repeat(21))).toBe('A'.repeat(20));
    expect(keywordValueValid('name', '欧阳'.repeat(5) + '娜')).toBe(false);
    expect(keywordValueValid('name', '张三')).toBe(true);
  });
});

describe('character_string: ≤ 32 letters, digits or symbols', () => {
  it('keeps 32, cuts 33, drops other characters', () => {
    expect(formatCharacterString('A'.repeat(32))).toBe('A'.repeat(32));
    expect(formatCharacterString('A'.repeat(33))).toBe('A'.repeat(32));
    expect(formatCharacterString('编号 AB-12')).toBe('AB-12');
    expect(keywordValueValid('character_string', 'A'.repeat(33))).toBe(false);
    expect(keywordValueValid('character_string', '编号')).toBe(false);
  });
});

describe('time and date: formatted in Shanghai', () => {
  it('formats instants and days', () => {
    expect(formatTime('2026-12-07T00:30:00Z')).toBe('2026年12月7日 08:30');
    expect(formatTime('2026-12-31')).toBe('2026年12月31日 23:59');
    expect(formatDate('2026-12-07')).toBe('2026年12月7日');
    expect(formatDate(new Date('2026-12-06T16:30:00Z'))).toBe('2026年12月7日');
    expect(keywordValueValid('time', '2026年12月7日 08:30')).toBe(true);
    expect(keywordValueValid('time', '明天早上')).toBe(false);
    expect(() => formatTime('not a date')).toThrow();
  });
});

describe('templates and events', () => {
  it('every event formats with its template, and every formatted value passes the check', () => {
    const values = {
      thing1: '党团共建、创先争优活动第一阶段“牢记宗旨为民服务”',
      thing2: '计算机学院计科2301班团支部',
      thing3: '牢记宗旨为民服务、庆祝建党90周年',
      thing4: '请关注',
      phrase2: '公开承诺',
      date3: '2026-12-07',
      time2: '2026-12-31',
      time4: '2026-12-07T00:30:00Z',
      name3: '张子涵',
      character_string3: 'R-2026-001',
    };
    for (const [key, def] of Object.entries(TEMPLATES)) {
      const data = formatMessage(key as keyof typeof TEMPLATES, values);
      expect(Object.keys(data).sort()).toEqual(Object.keys(def.keywords).sort());
      for (const [keyword, type] of Object.entries(def.keywords)) expect(keywordValueValid(type, data[keyword].value)).toBe(true);
    }
    expect(() => formatMessage('stage', { thing1: 'x' })).toThrow(/phrase2/);
    expect(templatesOf(['stageStart', 'pledgeDue1d', 'pledgeDue3d'])).toEqual(['stage', 'deadline']);
    expect(Object.values(NOTIFY_EVENTS).every((e) => e.page.startsWith('pages/'))).toBe(true);
  });
  it('quiet hours are 22:00–07:00 in Shanghai', () => {
    expect(isQuietHour(new Date('2026-12-07T13:59:00Z'))).toBe(false); // 21:59
    expect(isQuietHour(new Date('2026-12-07T14:00:00Z'))).toBe(true); // 22:00
    expect(isQuietHour(new Date('2026-12-07T22:59:00Z'))).toBe(true); // 06:59
    expect(isQuietHour(new Date('2026-12-07T23:00:00Z'))).toBe(false); // 07:00
  });
});
