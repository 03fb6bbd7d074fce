// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../testing/dom';
import { AuditLog } from './AuditLog';

const entries = [
  {
    id: '2',
    at: '2026-12-05T13:37:06.407Z',
    userId: 'u1',
    userName: '王经理',
    action: 'export',
    subject: 'customers',
    rowCount: 120,
    detail: { filter: { tag: 'vip' } },
  },
  { id: '1', at: '2026-12-04T16:05:00.000Z', userId: null, userName: null, action: 'import', subject: 'customers', rowCount: 3000, detail: {} },
];

function serve(audit: (path: string) => [number, unknown]) {
  const asked: string[] = [];
  fakeApi((_method, path) => {
    if (path === '/api/v1/center') return [200, { timeZone: 'Asia/Shanghai' }];
    if (path === '/api/v1/users') return [200, [{ id: 'u1', displayName: '王经理', role: 'manager', employeeNo: null, teamId: null, skills: [] }]];
    asked.push(path);
    return audit(path);
  });
  render(
    <App>
      <AuditLog />
    </App>,
  );
  return asked;
}

describe('audit log', () => {
  it('shows who did what, in Chinese, at the center’s local time', async () => {
    serve(() => [200, entries]);
    const row = (await screen.findByText('王经理', { selector: 'td' })).closest('tr')!;
    expect(within(row).getByText('2026-12-05 21:37:06')).toBeTruthy();
    expect(within(row).getByText('导出')).toBeTruthy();
    expect(within(row).getByText('客户资料')).toBeTruthy();
    const night = screen.getByText('2026-12-05 00:05:00').closest('tr')!;
    expect(within(night).getByText('系统')).toBeTruthy();
    expect(within(night).getByText('导入')).toBeTruthy();
    expect(screen.getByText('时间为中心时区（Asia/Shanghai）')).toBeTruthy();
  });

  it('filters by action, user and center-local dates, both days included', async () => {
    const asked = serve(() => [200, []]);
    await waitFor(() => expect(asked).toHaveLength(1));
    fireEvent.mouseDown(screen.getByLabelText('操作'));
    fireEvent.click(await screen.findByTitle('导出'));
    fireEvent.mouseDown(screen.getByLabelText('操作人'));
    fireEvent.click(await screen.findByTitle('王经理'));
    fireEvent.change(screen.getByLabelText('开始日期'), { target: { value: '2026-12-01' } });
    fireEvent.change(screen.getByLabelText('结束日期'), { target: { value: '2026-12-05' } });
    fireEvent.click(screen.getByText('查 询'));
    await waitFor(() => expect(asked).toHaveLength(2));
    const query = new URLSearchParams(asked[1]!.split('?')[1]);
    expect(Object.fromEntries(query)).toEqual({
      limit: '100',
      offset: '0',
      action: 'export',
      userId: 'u1',
      from: '2026-11-30T16:00:00.000Z',
      to: '2026-12-05T16:00:00.000Z',
    });
  });

  it('says so when the server refuses', async () => {
    serve(() => [403, { error: { code: 'forbidden', message: '没有权限查看审计日志' } }]);
    expect(await screen.findByText(/没有权限查看审计日志/)).toBeTruthy();
  });
});
