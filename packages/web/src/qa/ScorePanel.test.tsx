// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { expect, it } from 'vitest';
import type { QaForm } from '@banzu/contract';
import '../testing/dom';
import { ScorePanel } from './ScorePanel';

const form: QaForm = {
  id: 'f1',
  name: '服务质量评分表',
  version: 1,
  fatalScope: 'evaluation',
  points: 10,
  archived: false,
  createdAt: '2026-01-05T01:00:00Z',
  sections: [{ name: '服务', items: [{ key: 'greeting', text: '标准开场白', points: 10, type: 'yes_no', allowNA: false, fatal: false }] }],
};

it('keeps 提交评分 disabled while the sheet is on its way, so a second click cannot score the call twice; a refusal frees it again', async () => {
  const posts: unknown[] = [];
  let answer: (res: Response) => void = () => undefined;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    if (init?.method === 'POST') {
      posts.push(JSON.parse(String(init.body)));
      return new Promise<Response>((resolve) => {
        answer = resolve;
      });
    }
    const json = path === '/api/v1/qa/forms' ? [form] : {};
    return new Response(JSON.stringify(json), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  render(
    <App>
      <ScorePanel callId="c1" onScored={() => undefined} />
    </App>,
  );
  await screen.findByText('标准开场白');
  const submit = () => screen.getByRole('button', { name: /提交评分/ });
  fireEvent.click(submit());
  await waitFor(() => expect((submit() as HTMLButtonElement).disabled).toBe(true));
  fireEvent.click(submit());
  expect(posts).toHaveLength(1);

  answer(
    new Response(JSON.stringify({ error: { code: 'conflict', message: '这通电话已由 质检员 于 2026-01-05 10:00 评分（评分记录 e1）' } }), {
      status: 409,
      headers: { 'content-type': 'application/json' },
    }),
  );
  expect(await screen.findByText('这通电话已由 质检员 于 2026-01-05 10:00 评分（评分记录 e1）')).toBeTruthy();
  await waitFor(() => expect((submit() as HTMLButtonElement).disabled).toBe(false));
});
