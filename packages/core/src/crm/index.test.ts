import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader, CustomerRowChecker, mappingProblems, normalizePhone, parseCustomerQuery, parseDate, phoneVariants, suggestMapping, type ImportContext } from './index';

describe('phone numbers', () => {
  it('normalises Chinese mobiles and landlines as people type them, China being the default country', () => {
    for (const text of ['13812345678', '138-1234-5678', '138 1234 5678', '+86 138 1234 5678', '008613812345678', '１３８１２３４５６７８']) {
      expect(normalizePhone(text), text).toEqual({ ok: true, e164: '+8613812345678', kind: 'mobile', country: 'CN' });
    }
    expect(normalizePhone('010-12345678')).toMatchObject({ ok: true, e164: '+861012345678', kind: 'landline' });
    expect(normalizePhone('0755-8888 6666')).toMatchObject({ ok: true, e164: '+8675588886666', kind: 'landline' });
    expect(normalizePhone('+1 650 253 0000')).toMatchObject({ ok: true, e164: '+16502530000', country: 'US' });
  });

  it('refuses what is not a number with a typed reason', () => {
    expect(normalizePhone('')).toMatchObject({ ok: false, problem: 'empty' });
    expect(normalizePhone('张三')).toMatchObject({ ok: false, problem: 'not_a_number' });
    expect(normalizePhone('call me')).toMatchObject({ ok: false, problem: 'not_a_number' });
    expect(normalizePhone('12345')).toMatchObject({ ok: false, problem: 'too_short' });
    expect(normalizePhone('1381234567890123456')).toMatchObject({ ok: false, problem: 'too_long' });
    expect(normalizePhone('1381234567')).toMatchObject({ ok: false, problem: 'invalid' });
  });

  it('gives the E.164 of any number it accepts, and accepts that again unchanged', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[+]?[0-9 -]{0,20}$/), (text) => {
        const phone = normalizePhone(text);
        if (!phone.ok) return;
        expect(phone.e164).toMatch(/^\+\d{6,15}$/);
        expect(normalizePhone(phone.e164)).toEqual(phone);
      }),
    );
  });

  it('lists the forms a switch may report a number in', () => {
    expect(phoneVariants('+8613812345678')).toEqual(['+8613812345678', '8613812345678', '13812345678', '013812345678']);
  });
});

describe('search text', () => {
  it('reads a phone number, the start of one, pinyin initials or part of a name', () => {
    expect(parseCustomerQuery('138 1234 5678')).toEqual({ kind: 'phone', e164: '+8613812345678' });
    expect(parseCustomerQuery('1381234')).toEqual({ kind: 'phone_prefix', prefix: '+861381234' });
    expect(parseCustomerQuery('010-1234')).toEqual({ kind: 'phone_prefix', prefix: '+86101234' });
    expect(parseCustomerQuery('ZS')).toEqual({ kind: 'initials', initials: 'zs', name: 'ZS' });
    expect(parseCustomerQuery(' 张 ')).toEqual({ kind: 'name', name: '张' });
    expect(parseCustomerQuery('   ')).toBeNull();
  });
});

describe('CSV', () => {
  it('reads quoted fields with commas, quotes and line breaks, CRLF, and a byte-order mark', () => {
    const text = '\ufeffname,notes\r\n"张三","说 ""你好"", 再见"\r\n李四,"两\n行"\r\n\r\n';
    const csv = new CsvReader();
    expect([...csv.push(text), ...csv.end()]).toEqual([
      ['name', 'notes'],
      ['张三', '说 "你好", 再见'],
      ['李四', '两\n行'],
    ]);
  });

  it('gives the same records however the text is cut into pieces', () => {
    const rows = fc.array(fc.array(fc.string({ unit: fc.constantFrom('a', '张', ',', '"', '\n', ' ') }), { minLength: 2, maxLength: 3 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(rows, fc.array(fc.nat(), { maxLength: 5 }), (records, cuts) => {
        const text = records.map((r) => r.map((f) => `"${f.replaceAll('"', '""')}"`).join(',')).join('\r\n');
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const csv = new CsvReader();
        const out: string[][] = [];
        let from = 0;
        for (const p of [...points, text.length]) {
          out.push(...csv.push(text.slice(from, p)));
          from = p;
        }
        out.push(...csv.end());
        expect(out).toEqual(records);
      }),
    );
  });
});

describe('import rows', () => {
  const context: ImportContext = {
    classes: [
      { code: 'prospect', nameZh: '意向客户', nameEn: 'Prospect' },
      { code: 'high_value', nameZh: '优质客户', nameEn: 'High value' },
    ],
    owners: new Map([['8001', 'u-8001']]),
  };
  const mapping = { externalId: '编号', name: '姓名', phone: '手机', phone2: '座机', class: '类别', vipLevel: 'VIP', tags: '标签', owner: '负责人', since: '建档日期' };

  it('suggests a mapping from Chinese or English headers and says what is wrong with one', () => {
    expect(suggestMapping(['客户编号', '姓名', '手机', '备注', 'VIP等级'])).toEqual({ externalId: '客户编号', name: '姓名', phone: '手机', notes: '备注', vipLevel: 'VIP等级' });
    expect(suggestMapping(['Name', 'Mobile', 'Tags'])).toEqual({ name: 'Name', phone: 'Mobile', tags: 'Tags' });
    expect(mappingProblems({ phone: '手机' }, ['手机'])).toEqual(['name: map a column to the customer name']);
    expect(mappingProblems({ name: 'x', notes: 'x' }, ['x'])).toEqual(['notes: column "x" is already mapped to name']);
    expect(mappingProblems({ name: '姓名', phone: 'Tel' }, ['姓名'])).toEqual(['phone: the file has no column "Tel"']);
  });

  it('turns a good row into a customer: class by code or name, tags split, owner by 工号, date normalised', () => {
    const check = new CustomerRowChecker(mapping, context);
    const { customer, errors } = check.row(2, {
      编号: 'C1',
      姓名: '张三',
      手机: '13812345678',
      座机: '010-12345678',
      类别: '优质客户',
      VIP: 3,
      标签: '老客户，团购; 北京',
      负责人: '8001',
      建档日期: '2025/3/9',
    });
    expect(errors).toEqual([]);
    expect(customer).toEqual({
      row: 2,
      externalId: 'C1',
      name: '张三',
      phones: [
        { e164: '+8613812345678', kind: 'mobile' },
        { e164: '+861012345678', kind: 'landline' },
      ],
      classCode: 'high_value',
      vipLevel: 3,
      tags: ['老客户', '团购', '北京'],
      ownerUserId: 'u-8001',
      notes: '',
      since: '2025-03-09',
    });
  });

  it('names row, column and problem for each kind of bad cell, and duplicates against earlier rows', () => {
    const check = new CustomerRowChecker(mapping, context);
    check.row(2, { 编号: 'C1', 姓名: '张三', 手机: '13812345678' });
    const bad = check.row(3, { 编号: 'C1', 姓名: '', 手机: '138-1234-5678', 座机: 'abc', 类别: '金牌客户', VIP: '10', 负责人: 'nobody', 建档日期: '2025-02-30' });
    expect(bad.customer).toBeNull();
    expect(bad.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, '姓名', 'missing_name'],
      [3, '编号', 'duplicate_external_id'],
      [3, '手机', 'duplicate_phone'],
      [3, '座机', 'bad_phone'],
      [3, '类别', 'unknown_class'],
      [3, 'VIP', 'bad_vip_level'],
      [3, '负责人', 'unknown_owner'],
      [3, '建档日期', 'bad_date'],
    ]);
    expect(bad.errors[2]!.message).toContain('row 2');
  });

  it('reads dates as typed or as Excel stores them, refusing impossible days', () => {
    expect(parseDate('2026年1月5日')).toBe('2026-01-05');
    expect(parseDate(new Date(Date.UTC(2026, 0, 5)))).toBe('2026-01-05');
    expect(parseDate('2026-13-01')).toBeNull();
    expect(parseDate('yesterday')).toBeNull();
  });
});
