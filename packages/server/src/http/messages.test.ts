import { describe, expect, it } from 'vitest';
import { importProblem, message, missing, roleName, said, words } from './messages';

describe('messages in the user’s language', () => {
  it('says a desk refusal in Chinese by default and in English when asked, and nothing for a code it does not know', () => {
    expect(message('disposition_required', 'zh')).toBe('请先保存本次通话的处理结果，才能置闲');
    expect(message('disposition_required', 'en')).toBe('save the disposition of the call before going ready');
    expect(message('agent_not_ready', 'zh')).toBe('对方座席不是空闲状态');
    expect(message('invalid_request', 'zh')).toBeNull();
  });

  it('says an import problem from its code and parameters, the phone problem inside it too', () => {
    const duplicate = { code: 'duplicate_phone', message: '138 is also on row 3', params: { value: '13800138000', first: 3 } };
    expect(importProblem(duplicate, 'zh')).toBe('13800138000 与第 3 行重复');
    expect(importProblem(duplicate, 'en')).toBe('13800138000 is also on row 3');
    const phone = { code: 'bad_phone', message: '"12": too few digits for a phone number', params: { value: '12', problem: 'phone.too_short' } };
    expect(importProblem(phone, 'zh')).toBe('“12”：位数太少');
    expect(importProblem({ code: 'too_long', message: 'x', params: { variant: 'tags', tags: 20, tag: 30 } }, 'zh')).toBe('最多 20 个标签，每个最多 30 个字符');
    // A problem stored before problems carried parameters keeps the words it was written with.
    expect(importProblem({ code: 'missing_name', message: 'the customer has no name' }, 'zh')).toBe('the customer has no name');
  });

  it('says what a request named that is missing, and words of the catalogue inside other words, in the same language', () => {
    expect(said(missing('customer', 'c-1'), 'zh')).toBe('找不到客户：c-1');
    expect(said(missing('customer', 'c-1'), 'en')).toBe('customer c-1 not found');
    const refused = words('role_forbidden_route', { role: roleName('team_leader'), route: 'GET /api/v1/users' });
    expect(said(refused, 'zh')).toBe('班组长不能使用 GET /api/v1/users');
    expect(said(refused, 'en')).toBe('the team leader role may not call GET /api/v1/users');
  });
});
