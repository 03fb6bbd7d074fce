// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../testing/dom';
import { KbPage } from './KbPage';

vi.mock('../auth/AuthProvider', () => ({ useAuth: () => ({ user: { id: 'tr1', role: 'trainer', displayName: '培训师' } }) }));

const proposal = {
  id: 'a1',
  title: '光猫重启方法',
  body: '断电十秒后再通电。',
  category: '故障处理',
  tags: ['光猫'],
  queueIds: [],
  products: [],
  validFrom: null,
  validTo: null,
  status: 'pending',
  version: 1,
  authorId: 'u1',
  authorName: '王芳',
  approvedBy: null,
  opened: 0,
  helpful: 0,
  createdAt: '2026-01-05T01:00:00.000Z',
  updatedAt: '2026-01-05T01:00:00.000Z',
};

describe('the knowledge base page', () => {
  it('shows a trainer the agents’ proposals first, with their versions, and approves one', async () => {
    const asked: [string, string][] = [];
    fakeApi((method, path) => {
      asked.push([method, path]);
      if (path === '/api/v1/kb/articles?status=pending') return [200, { items: [proposal] }];
      if (path === '/api/v1/kb/articles/a1/versions') return [200, { items: [{ version: 1, title: proposal.title, body: proposal.body, at: proposal.createdAt, byName: '王芳' }] }];
      if (path === '/api/v1/kb/articles/a1/approve') return [200, { ...proposal, status: 'published' }];
      return [200, { items: [] }];
    });
    render(
      <App>
        <KbPage />
      </App>,
    );
    fireEvent.click(await screen.findByText('光猫重启方法'));
    await screen.findByText('v1 · 王芳 · 2026-01-05 09:00');
    fireEvent.click(screen.getByRole('button', { name: '审核发布' }));
    await waitFor(() => expect(asked).toContainEqual(['POST', '/api/v1/kb/articles/a1/approve']));
  });
});
