// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../testing/dom';
import { SkillsAdmin, TeamsAdmin } from './TeamsSkillsAdmin';

describe('teams and skills administration', () => {
  it('renames a team and moves it to another site', async () => {
    const sent: unknown[] = [];
    fakeApi((method, path, body) => {
      if (method !== 'GET') sent.push({ method, path, body });
      if (path === '/api/v1/sites')
        return [
          200,
          [
            { id: 's1', name: '上海' },
            { id: 's2', name: '成都' },
          ],
        ];
      if (path === '/api/v1/teams') return [200, [{ id: 't1', name: '客服一组', siteId: 's1', leaderIds: [], agentCount: 13 }]];
      return [200, {}];
    });
    render(
      <App>
        <TeamsAdmin />
      </App>,
    );
    const row = (await screen.findByText('客服一组')).closest('tr')!;
    await waitFor(() => expect(within(row).getByText('上海')).toBeTruthy());
    fireEvent.click(within(row).getByText(/^修\s?改$/));
    fireEvent.change(await screen.findByLabelText('班组名称'), { target: { value: '客服五组' } });
    fireEvent.mouseDown(screen.getByLabelText('场地'));
    fireEvent.click(await screen.findByTitle('成都'));
    fireEvent.click(screen.getByText('保 存'));
    await waitFor(() => expect(sent).toEqual([{ method: 'PATCH', path: '/api/v1/teams/t1', body: { name: '客服五组', siteId: 's2' } }]));
  });

  it('adds a skill, and shows why a skill a queue requires cannot be deleted', async () => {
    const sent: unknown[] = [];
    fakeApi((method, path, body) => {
      if (method !== 'GET') sent.push({ method, path, body });
      if (method === 'DELETE') return [409, { error: { code: 'conflict', message: '队列「售前咨询」需要该技能' } }];
      if (path === '/api/v1/skills') return [200, [{ id: 'k1', name: '售前', description: '' }]];
      return [201, {}];
    });
    render(
      <App>
        <SkillsAdmin />
      </App>,
    );
    const row = (await screen.findByText('售前')).closest('tr')!;
    fireEvent.click(screen.getByText('新建技能'));
    fireEvent.change(await screen.findByLabelText('技能名称'), { target: { value: '英语' } });
    fireEvent.click(screen.getByText('保 存'));
    await waitFor(() => expect(sent[0]).toEqual({ method: 'POST', path: '/api/v1/skills', body: { name: '英语', description: '' } }));

    fireEvent.click(within(row).getByText('删 除'));
    fireEvent.click(await screen.findByText(/^保\s?留$/).then(() => screen.getAllByText(/^删\s?除$/).at(-1)!));
    expect(await screen.findByText(/队列「售前咨询」需要该技能/)).toBeTruthy();
  });
});
