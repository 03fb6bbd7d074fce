import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexGrams, kbDocument, kbNotesQuery, kbQuery, kbScore, queryGrams } from './index';

const broadband = kbDocument({
  title: '宽带故障报修流程',
  body: '客户报修宽带断网时，先确认光猫指示灯，再派工上门。',
  tags: ['宽带', '派工'],
  category: '故障处理',
  initials: 'kdgzbxlc',
});
const billing = kbDocument({ title: '话费账单查询', body: '登录网上营业厅可以查询近六个月的账单。', tags: ['账单'], category: '咨询', initials: 'hfzdcx' });

describe('knowledge base search', () => {
  it('finds Chinese titles from words typed with spaces, characters in between or not', () => {
    expect(kbScore(kbQuery('宽带 报修'), broadband)).toBe(1);
    expect(kbScore(kbQuery('宽带报修'), broadband)).toBeGreaterThan(0);
    expect(kbScore(kbQuery('宽带 报修'), billing)).toBe(0);
    // A word only in the body counts less than one in the title.
    expect(kbScore(kbQuery('光猫'), broadband)).toBeGreaterThan(0);
    expect(kbScore(kbQuery('光猫'), broadband)).toBeLessThan(kbScore(kbQuery('故障'), broadband));
    // Full-width and upper case are the same text.
    expect(indexGrams('ＡＢＣ 123')).toEqual(['abc', '123']);
  });

  it('matches pinyin initials of the title', () => {
    expect(kbScore(kbQuery('kdgz'), broadband)).toBeGreaterThan(0);
    expect(kbScore(kbQuery('KDGZ'), broadband)).toBeGreaterThan(0);
    expect(kbScore(kbQuery('kdgz'), billing)).toBe(0);
  });

  it('asks the index only for grams an article with the words has', () => {
    expect(queryGrams(kbQuery('宽带 报修'))).toEqual(['宽带', '报修']);
    expect(queryGrams(kbQuery('修'))).toEqual(['修']);
    expect(kbQuery('  ，。 ').terms).toEqual([]);
    expect(kbScore(kbQuery(''), broadband)).toBe(0);
  });

  it('reads an agent’s notes, written without spaces, by their character pairs: the article about them first', () => {
    const notes = kbNotesQuery('客户说宽带断网了要报修，光猫红灯');
    expect(kbScore(notes, broadband)).toBeGreaterThan(0);
    expect(kbScore(notes, billing)).toBe(0);
    // As one query term the same words are too long to match a title that has them apart.
    expect(kbScore(kbQuery('客户说宽带断网了要报修'), kbDocument({ title: '宽带故障报修流程', body: '' }))).toBe(0);
    expect(kbScore(kbNotesQuery('客户说宽带断网了要报修'), kbDocument({ title: '宽带故障报修流程', body: '' }))).toBeGreaterThan(0);
    expect(kbScore(kbNotesQuery('客户要查上个月的话费账单'), billing)).toBeGreaterThan(kbScore(kbNotesQuery('客户要查上个月的话费账单'), broadband));
    expect(kbNotesQuery('报修 报修 宽').terms.map((t) => t.text)).toEqual(['报修']);
  });

  it('always finds an article by any piece of its title', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'宽带故障报修流程话费账单查询'), minLength: 2, maxLength: 12 }), fc.nat(), fc.nat(), (title, a, b) => {
        const chars = [...title];
        const start = a % chars.length;
        const piece = chars.slice(start, start + 1 + (b % (chars.length - start))).join('');
        const doc = kbDocument({ title, body: '' });
        const grams = new Set(indexGrams(title));
        expect(queryGrams(kbQuery(piece)).every((g) => grams.has(g))).toBe(true);
        expect(kbScore(kbQuery(piece), doc)).toBe(1);
      }),
    );
  });
});
