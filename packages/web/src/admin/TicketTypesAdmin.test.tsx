// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import type { TicketType } from '@banzu/contract';
import { fakeApi } from '../testing/dom';
import { TicketTypesAdmin } from './TicketTypesAdmin';

const types: TicketType[] = [
  { code: 'complaint', name: '投诉', sla: { hours: 48, basis: 'clock', byPriority: { urgent: 24 } }, register: false, proposesArticle: false },
  { code: 'repair', name: '报修', sla: { hours: 24, basis: 'working', byPriority: { urgent: 8 } }, register: false, proposesArticle: false },
  { code: 'consultation', name: '咨询', sla: { hours: 8, basis: 'working', byPriority: {} }, register: false, proposesArticle: true },
  { code: 'mayor_hotline', name: '市长专线', sla: { hours: 48, basis: 'clock', byPriority: {} }, register: true, proposesArticle: false },
];

type Answer = [number, unknown];
function serve(answer: (method: string, path: string, body: unknown) => Answer | undefined = () => undefined) {
  const sent: [string, string, unknown][] = [];
  fakeApi((method, path, body) => {
    if (method === 'GET') return [200, types];
    sent.push([method, path, body]);
    return answer(method, path, body) ?? [200, types];
  });
  render(
    <App>
      <TicketTypesAdmin />
    </App>,
  );
  return sent;
}

const row = async (name: string) => (await screen.findByText(name)).closest('tr')!;

describe('ticket types administration', () => {
  it('lists each type’s time allowed, clock or working time, by priority, the registers and the types that propose articles', async () => {
    serve();
    const complaint = await row('投诉');
    expect(within(complaint).getByText('48 小时 · 自然小时')).toBeTruthy();
    expect(within(complaint).getByText('紧急 24 小时')).toBeTruthy();
    expect(within(await row('报修')).getByText('24 小时 · 工作时间')).toBeTruthy();
    expect(within(await row('市长专线')).getByText('登记簿')).toBeTruthy();
    expect(within(await row('咨询')).getByText('提议文章')).toBeTruthy();
  });

  it('changes a type’s hours, its basis and the urgent hours, and keeps its code', async () => {
    const sent = serve();
    fireEvent.click(within(await row('投诉')).getByRole('button', { name: '修 改' }));
    const dialog = await screen.findByRole('dialog');
    expect((within(dialog).getByLabelText('类型编码') as HTMLInputElement).disabled).toBe(true);
    fireEvent.change(within(dialog).getByLabelText('处理时限（小时）'), { target: { value: '36' } });
    fireEvent.click(within(dialog).getByLabelText('工作时间（只计工作日的后台办公时间）'));
    fireEvent.change(within(dialog).getByLabelText('紧急'), { target: { value: '' } });
    fireEvent.change(within(dialog).getByLabelText('高'), { target: { value: '12' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual([
      'PUT',
      '/api/v1/ticket-types/complaint',
      { name: '投诉', sla: { hours: 36, basis: 'working', byPriority: { high: 12 } }, register: false, proposesArticle: false },
    ]);
  });

  it('adds a register type of its own, and lets consultations stop proposing articles', async () => {
    const sent = serve();
    await row('投诉');
    fireEvent.click(screen.getByRole('button', { name: /新建工单类型/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('类型名称'), { target: { value: '信访件' } });
    fireEvent.change(within(dialog).getByLabelText('类型编码'), { target: { value: 'petition' } });
    fireEvent.change(within(dialog).getByLabelText('处理时限（小时）'), { target: { value: '72' } });
    fireEvent.click(within(dialog).getByRole('switch', { name: '单独登记' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual([
      'PUT',
      '/api/v1/ticket-types/petition',
      { name: '信访件', sla: { hours: 72, basis: 'clock', byPriority: {} }, register: true, proposesArticle: false },
    ]);

    fireEvent.click(within(await row('咨询')).getByRole('button', { name: '修 改' }));
    const consultation = await screen.findByRole('dialog', { name: '修改工单类型「咨询」' });
    const proposes = within(consultation).getByRole('switch', { name: '办结时提议知识库文章' });
    expect(proposes.getAttribute('aria-checked')).toBe('true');
    fireEvent.click(proposes);
    fireEvent.click(within(consultation).getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]).toEqual([
      'PUT',
      '/api/v1/ticket-types/consultation',
      { name: '咨询', sla: { hours: 8, basis: 'working', byPriority: {} }, register: false, proposesArticle: false },
    ]);
  });

  it('shows the server’s refusal: a code it cannot take, a type that has tickets', async () => {
    const sent = serve((method, path) => {
      if (path.endsWith('/ticket-types/%E4%BF%A1%E8%AE%BF')) return [400, { error: { code: 'invalid_request', message: '工单类型编码“信访”不合法' } }];
      if (method === 'PUT' && path === '/api/v1/ticket-types') return [409, { error: { code: 'conflict', message: '已有工单的类型不能删除：repair' } }];
      return undefined;
    });
    await row('投诉');
    fireEvent.click(screen.getByRole('button', { name: /新建工单类型/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('类型名称'), { target: { value: '信访件' } });
    fireEvent.change(within(dialog).getByLabelText('类型编码'), { target: { value: '信访' } });
    fireEvent.change(within(dialog).getByLabelText('处理时限（小时）'), { target: { value: '72' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    expect(await screen.findByText('操作失败：工单类型编码“信访”不合法')).toBeTruthy();
    // The dialog stays open to correct the code.
    expect(screen.getByRole('dialog')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    fireEvent.click(within(await row('报修')).getByRole('button', { name: '删 除' }));
    fireEvent.click((await screen.findAllByRole('button', { name: '删 除' })).at(-1)!);
    expect(await screen.findByText('操作失败：已有工单的类型不能删除：repair')).toBeTruthy();
    // Deleting sends the other types, in their order.
    expect(sent.at(-1)).toEqual(['PUT', '/api/v1/ticket-types', [types[0], types[2], types[3]]]);
    expect(screen.getByText('报修')).toBeTruthy();
  });
});
