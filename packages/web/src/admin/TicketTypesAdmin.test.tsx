// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import type { TicketType } from '@banzu/contract';
import { fakeApi } from '../testing/dom';
import { TicketTypesAdmin } from './TicketTypesAdmin';

/** Types as these tests serve them; whether a type proposes knowledge base articles plays no part here. */
const types: Omit<TicketType, 'proposesArticle'>[] = [
  { code: 'complaint', name: '投诉', sla: { hours: 48, basis: 'clock', byPriority: { urgent: 24 } }, register: false },
  { code: 'repair', name: '报修', sla: { hours: 24, basis: 'working', byPriority: { urgent: 8 } }, register: false },
  { code: 'mayor_hotline', name: '市长专线', sla: { hours: 48, basis: 'clock', byPriority: {} }, register: true },
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
  it('lists each type’s time allowed, clock or working time, by priority, and the registers', async () => {
    serve();
    const complaint = await row('投诉');
    expect(within(complaint).getByText('48 小时 · 自然小时')).toBeTruthy();
    expect(within(complaint).getByText('紧急 24 小时')).toBeTruthy();
    expect(within(await row('报修')).getByText('24 小时 · 工作时间')).toBeTruthy();
    expect(within(await row('市长专线')).getByText('登记簿')).toBeTruthy();
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
    expect(sent[0]).toEqual(['PUT', '/api/v1/ticket-types/complaint', { name: '投诉', sla: { hours: 36, basis: 'working', byPriority: { high: 12 } }, register: false }]);
  });

  it('adds a register type of its own', async () => {
    const sent = serve();
    await row('投诉');
    fireEvent.click(screen.getByRole('button', { name: /新建工单类型/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('类型名称'), { target: { value: '信访件' } });
    fireEvent.change(within(dialog).getByLabelText('类型编码'), { target: { value: 'petition' } });
    fireEvent.change(within(dialog).getByLabelText('处理时限（小时）'), { target: { value: '72' } });
    fireEvent.click(within(dialog).getByRole('switch'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual(['PUT', '/api/v1/ticket-types/petition', { name: '信访件', sla: { hours: 72, basis: 'clock', byPriority: {} }, register: true }]);
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
    expect(sent.at(-1)).toEqual(['PUT', '/api/v1/ticket-types', [types[0], types[2]]]);
    expect(screen.getByText('报修')).toBeTruthy();
  });
});
