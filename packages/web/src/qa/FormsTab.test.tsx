// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import type { QaForm } from '@banzu/contract';
import { fakeApi } from '../testing/dom';
import { FormsTab } from './FormsTab';

const sheet = (id: string, name: string): QaForm => ({
  id,
  name,
  version: 1,
  fatalScope: 'evaluation',
  points: 10,
  archived: false,
  createdAt: '2026-01-05T01:00:00Z',
  sections: [{ name: '服务', items: [{ key: 'greeting', text: '标准开场白', points: 10, type: 'yes_no', allowNA: false, fatal: false }] }],
});

describe('scoring sheets (评分表)', () => {
  it('archives a sheet no longer used, after asking, and brings it back', async () => {
    let forms = [sheet('f1', '服务质量评分表'), sheet('f2', '2025 版评分表')];
    const patched: [string, unknown][] = [];
    fakeApi((method, path, body) => {
      if (method === 'PATCH') {
        patched.push([path, body]);
        const id = path.split('/').pop()!;
        forms = forms.map((f) => (f.id === id ? { ...f, archived: (body as { archived: boolean }).archived } : f));
        return [200, forms.find((f) => f.id === id)];
      }
      if (path === '/api/v1/qa/forms?archived=true') return [200, forms.filter((f) => f.archived)];
      if (path === '/api/v1/qa/forms') return [200, forms.filter((f) => !f.archived)];
      return [200, []];
    });
    render(
      <App>
        <FormsTab />
      </App>,
    );
    const row = (await screen.findByText(/2025 版评分表 · 第 1 版/)).closest('.ant-list-item') as HTMLElement;
    expect(screen.queryByText(/已停用的评分表/)).toBeNull();
    fireEvent.click(within(row).getByText('停 用'));
    expect(await screen.findByText('停用后不能再用它评分，已有的评分保留。确定停用“2025 版评分表”？')).toBeTruthy();
    fireEvent.click(screen.getByText('OK', { selector: '.ant-popconfirm button span' }));
    await waitFor(() => expect(patched).toEqual([['/api/v1/qa/forms/f2', { archived: true }]]));
    expect(await screen.findByText('已停用“2025 版评分表”')).toBeTruthy();
    fireEvent.click(await screen.findByText('已停用的评分表（1）'));
    const archived = (await screen.findByText(/2025 版评分表 · 第 1 版/)).closest('.ant-list-item') as HTMLElement;
    expect(screen.getAllByText(/服务质量评分表 · 第 1 版/)).toHaveLength(1);
    fireEvent.click(within(archived).getByText('恢复使用'));
    await waitFor(() => expect(patched[1]).toEqual(['/api/v1/qa/forms/f2', { archived: false }]));
    await waitFor(() => expect(screen.queryByText(/已停用的评分表/)).toBeNull());
  });
});
