// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import type { QaLibraryEntry } from '@banzu/contract';
import { fakeApi } from '../testing/dom';
import { LibraryTab } from './LibraryTab';

const entry = (id: string, kind: 'good' | 'bad', category: string, agentName: string, mayEdit = true): QaLibraryEntry => ({
  id,
  callId: `c-${id}`,
  kind,
  category,
  note: `${agentName}的录音`,
  evaluationId: null,
  agentName,
  createdBy: '质检员',
  createdAt: '2026-01-05T02:00:00Z',
  mayEdit,
});

describe('the model-call library (录音库)', () => {
  it('filters by category, re-categorises an entry and takes one out', async () => {
    // 王芳's call is another librarian's, which this user may not change.
    let library = [entry('l1', 'good', '开场白', '王芳', false), entry('l2', 'bad', '投诉处理', '李强'), entry('l3', 'good', '投诉处理', '杨磊')];
    const asked: string[] = [];
    const changed: [string, string, unknown][] = [];
    fakeApi((method, path, body) => {
      if (method !== 'GET') {
        changed.push([method, path, body]);
        const id = path.split('/').pop()!;
        if (method === 'DELETE') library = library.filter((e) => e.id !== id);
        else library = library.map((e) => (e.id === id ? { ...e, ...(body as object) } : e));
        return method === 'DELETE' ? [204, null] : [200, library.find((e) => e.id === id)];
      }
      if (path === '/api/v1/qa/library/categories') {
        const counts = new Map<string, number>();
        for (const e of library) counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
        return [200, [...counts].map(([category, count]) => ({ category, count }))];
      }
      asked.push(path);
      const category = new URL(path, 'http://x').searchParams.get('category');
      return [200, library.filter((e) => !category || e.category === category)];
    });
    render(
      <App>
        <LibraryTab timeZone="Asia/Shanghai" />
      </App>,
    );
    expect(await screen.findByText('王芳')).toBeTruthy();
    const item = (name: string) => screen.getByText(name).closest('.ant-list-item') as HTMLElement;
    // Only the entries the server says this user may change offer the buttons.
    expect(within(item('王芳')).queryByText('修改分类')).toBeNull();
    expect(within(item('王芳')).queryByText('移出录音库')).toBeNull();
    expect(within(item('李强')).getByText('修改分类')).toBeTruthy();
    fireEvent.mouseDown(screen.getByLabelText('按分类筛选'));
    fireEvent.click(await screen.findByTitle('投诉处理（2）'));
    await waitFor(() => expect(screen.queryByText('王芳')).toBeNull());
    expect(asked.at(-1)).toBe(`/api/v1/qa/library?category=${encodeURIComponent('投诉处理')}`);
    expect(screen.getByText('李强')).toBeTruthy();

    // 李强's call is a lesson in soothing, not in handling: it moves to a new category.
    fireEvent.click(within(item('李强')).getByText('修改分类'));
    const dialog = (await screen.findByText('修改分类', { selector: '.ant-modal-title' })).closest('.ant-modal') as HTMLElement;
    fireEvent.change(within(dialog).getByLabelText('分类'), { target: { value: '投诉安抚' } });
    fireEvent.click(within(dialog).getByText('OK'));
    await waitFor(() => expect(changed).toHaveLength(1));
    expect(changed[0]).toEqual(['PATCH', '/api/v1/qa/library/l2', { kind: 'bad', category: '投诉安抚', note: '李强的录音' }]);
    await waitFor(() => expect(screen.queryByText('李强')).toBeNull());

    fireEvent.click(within(item('杨磊')).getByText('移出录音库'));
    fireEvent.click(await screen.findByText('OK', { selector: '.ant-popconfirm button span' }));
    await waitFor(() => expect(changed[1]).toEqual(['DELETE', '/api/v1/qa/library/l3', undefined]));
    // Nothing is left in 投诉处理: the filter lets go and the whole library shows again.
    expect(await screen.findByText('王芳')).toBeTruthy();
    expect(screen.getByText('李强')).toBeTruthy();
    expect(screen.queryByText('杨磊')).toBeNull();
  });
});
