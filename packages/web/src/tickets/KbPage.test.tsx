// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import type { KbArticle, KbVersion } from '@banzu/contract';
import { fakeApi } from '../testing/dom';
import { KbPage } from './KbPage';

/** An article as these tests serve it; the ticket an article came from plays no part here. */
type Article = Omit<KbArticle, 'fromTicket'>;

vi.mock('../auth/AuthProvider', () => ({ useAuth: () => ({ user: { id: 'tr1', role: 'trainer', displayName: '培训师' } }) }));

const proposal: Article = {
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
      if (path === '/api/v1/queues') return [200, []];
      if (path === '/api/v1/kb/articles?status=pending') return [200, { items: [proposal] }];
      if (path === '/api/v1/kb/articles/a1/versions') return [200, { items: [{ ...proposal, at: proposal.createdAt, byName: '王芳' }] }];
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

const queues = [
  { id: 'q-after', name: '售后服务' },
  { id: 'q-vip', name: 'VIP专线' },
  { id: 'q-pre', name: '售前咨询' },
];
const scoped: Article = {
  ...proposal,
  id: 'a2',
  title: '千兆宽带装机须知',
  body: '装机前确认光猫型号。',
  queueIds: ['q-after', 'q-vip'],
  products: ['千兆宽带'],
  validFrom: '2026-01-01',
  validTo: '2026-06-30',
  status: 'published',
  version: 2,
};
const versionOf = (article: Article, at: string, byName: string): KbVersion => ({ ...article, at, byName });

function serveScoped() {
  const saved: unknown[] = [];
  fakeApi((method, path, body) => {
    if (path === '/api/v1/queues') return [200, queues];
    if (path === '/api/v1/kb/articles?status=pending') return [200, { items: [scoped] }];
    if (path === '/api/v1/kb/articles/a2/versions')
      return [
        200,
        {
          items: [
            versionOf(scoped, '2026-01-06T02:00:00.000Z', '培训师'),
            versionOf({ ...scoped, version: 1, queueIds: ['q-after'], products: [], validFrom: null, validTo: null }, '2026-01-05T01:00:00.000Z', '王芳'),
          ],
        },
      ];
    if (method === 'PUT' && path === '/api/v1/kb/articles/a2') {
      saved.push(body);
      return [200, { ...scoped, ...(body as object), version: 3 }];
    }
    return [200, { items: [] }];
  });
  render(
    <App>
      <KbPage />
    </App>,
  );
  return saved;
}

describe('the knowledge base editor', () => {
  it('keeps an article’s queues, products and validity when only its text changes, and lists what each version applied to', async () => {
    const saved = serveScoped();
    fireEvent.click(await screen.findByText('千兆宽带装机须知'));
    // The history names what v2 changed and what each version applied to.
    expect(await screen.findByText('修改了：适用队列、适用产品、有效期')).toBeTruthy();
    expect(screen.getByText('队列：售后服务、VIP专线；产品：千兆宽带；有效期：2026-01-01 ~ 2026-06-30')).toBeTruthy();
    expect(screen.getByText('队列：售后服务；产品：不限产品；有效期：长期有效')).toBeTruthy();
    const form = screen.getByRole('dialog');
    expect(within(form).getByText('售后服务')).toBeTruthy();
    expect((within(form).getByLabelText('失效日期') as HTMLInputElement).value).toBe('2026-06-30');
    fireEvent.change(within(form).getByLabelText('正文'), { target: { value: '装机前确认光猫型号和网线类别。' } });
    fireEvent.click(within(form).getByRole('button', { name: '保 存' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toEqual({
      title: '千兆宽带装机须知',
      category: '故障处理',
      tags: ['光猫'],
      queueIds: ['q-after', 'q-vip'],
      products: ['千兆宽带'],
      validFrom: '2026-01-01',
      validTo: '2026-06-30',
      body: '装机前确认光猫型号和网线类别。',
    });
  });

  it('changes an article’s queues, products and validity', async () => {
    const saved = serveScoped();
    fireEvent.click(await screen.findByText('千兆宽带装机须知'));
    const form = await screen.findByRole('dialog');
    await within(form).findByText('VIP专线');
    // VIP专线 off, 售前咨询 on.
    const vipTag = within(form).getByText('VIP专线').closest('.ant-select-selection-item')!;
    fireEvent.click(within(vipTag as HTMLElement).getByLabelText('close'));
    fireEvent.mouseDown(within(form).getByLabelText('适用队列'));
    fireEvent.click(await screen.findByTitle('售前咨询'));
    // A second product, typed.
    const products = within(form).getByLabelText('适用产品');
    fireEvent.change(products, { target: { value: '融合套餐' } });
    fireEvent.keyDown(products, { key: 'Enter', code: 'Enter', keyCode: 13 });
    // Valid from a later date, and no end date any more.
    const from = within(form).getByLabelText('生效日期');
    fireEvent.mouseDown(from);
    fireEvent.change(from, { target: { value: '2026-02-01' } });
    fireEvent.keyDown(from, { key: 'Enter', code: 'Enter', keyCode: 13 });
    fireEvent.click(within(form).getByLabelText('失效日期').closest('.ant-picker')!.querySelector('.ant-picker-clear')!);
    fireEvent.click(within(form).getByRole('button', { name: '保 存' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({ queueIds: ['q-after', 'q-pre'], products: ['千兆宽带', '融合套餐'], validFrom: '2026-02-01', validTo: null });
  });
});
