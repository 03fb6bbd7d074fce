// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import type { Queue } from '@banzu/contract';
import { fakeApi } from '../testing/dom';
import { inboundNumberProblem } from './numbers';
import { QueuesAdmin } from './QueuesAdmin';

const presales: Queue = {
  id: 'q1',
  name: '售前咨询',
  requiredSkills: [{ skillId: 'k1', minLevel: 2 }],
  slThresholdSeconds: 20,
  slTarget: 0.8,
  priority: 5,
  routing: { strategy: 'linear', ringTimeoutSeconds: 20 },
  inboundNumbers: ['4008001001'],
  disabled: false,
};

const agents = [
  { id: 'a1', username: '8001', displayName: '张伟', role: 'agent', employeeNo: '8001', teamId: 't1', disabled: false, skills: [] },
  { id: 'a2', username: '8002', displayName: '李娜', role: 'agent', employeeNo: '8002', teamId: 't1', disabled: false, skills: [] },
];

const skills = [
  { id: 'k1', name: '售前', description: '' },
  { id: 'k2', name: '英语', description: '' },
];

function serve(sent: { method: string; path: string; body: unknown }[], refuse?: [number, string]) {
  fakeApi((method, path, body) => {
    if (method !== 'GET') {
      sent.push({ method, path, body });
      if (refuse) return [refuse[0], { error: { code: 'conflict', message: refuse[1] } }];
    }
    if (path === '/api/v1/queues') return [200, [presales]];
    if (path === '/api/v1/skills') return [200, skills];
    if (path === '/api/v1/users') return [200, agents];
    return [method === 'DELETE' ? 204 : 200, presales];
  });
  render(
    <App>
      <QueuesAdmin />
    </App>,
  );
}

const typeNumbers = (text: string) => fireEvent.change(within(screen.getByLabelText('接入号码').closest('.ant-select')!).getByRole('combobox'), { target: { value: text } });

describe('queue administration', () => {
  it('lists a queue with its numbers, skills, service level and after-hours routing', async () => {
    serve([]);
    const row = (await screen.findByText('售前咨询')).closest('tr')!;
    expect(within(row).getByText('4008001001')).toBeTruthy();
    await waitFor(() => expect(within(row).getByText('售前 ≥ 2')).toBeTruthy());
    expect(within(row).getByText('80% / 20 s')).toBeTruthy();
    expect(within(row).getByText('默认（播放下班提示）')).toBeTruthy();
  });

  it('changes only what the manager changed: a second number and after-hours forwarding, keeping the other routing settings', async () => {
    const sent: { method: string; path: string; body: unknown }[] = [];
    serve(sent);
    const row = (await screen.findByText('售前咨询')).closest('tr')!;
    fireEvent.click(within(row).getByText(/^修\s?改$/));
    expect(await screen.findByDisplayValue('售前咨询')).toBeTruthy();
    typeNumbers('4008001009,');
    fireEvent.mouseDown(screen.getByLabelText('非工作时间'));
    fireEvent.click(await screen.findByTitle('呼叫转移'));
    fireEvent.change(await screen.findByLabelText('转移到号码'), { target: { value: '138 0013 8000' } });
    fireEvent.click(screen.getByText('保 存'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: 'PATCH',
      path: '/api/v1/queues/q1',
      body: {
        inboundNumbers: ['4008001001', '4008001009'],
        routing: { strategy: 'linear', ringTimeoutSeconds: 20, afterHoursAction: { kind: 'forward', number: '13800138000' } },
      },
    });
  });

  it('sets the strategy, clears the ring timeout back to the default and turns recording off', async () => {
    const sent: { method: string; path: string; body: unknown }[] = [];
    serve(sent);
    fireEvent.click(within((await screen.findByText('售前咨询')).closest('tr')!).getByText(/^修\s?改$/));
    await screen.findByDisplayValue('售前咨询');
    expect((screen.getByLabelText('振铃超时（秒）') as HTMLInputElement).value).toBe('20');
    fireEvent.mouseDown(screen.getByLabelText('分配策略'));
    fireEvent.click(await screen.findByTitle('同时振铃'));
    fireEvent.change(screen.getByLabelText('振铃超时（秒）'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('switch', { name: '录音' }));
    fireEvent.click(screen.getByText('保 存'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ method: 'PATCH', path: '/api/v1/queues/q1', body: { routing: { strategy: 'ring_all', record: false } } });
  });

  it('sends a call that waited too long to a callback, asking after how long first', async () => {
    const sent: { method: string; path: string; body: unknown }[] = [];
    serve(sent);
    fireEvent.click(within((await screen.findByText('售前咨询')).closest('tr')!).getByText(/^修\s?改$/));
    await screen.findByDisplayValue('售前咨询');
    fireEvent.mouseDown(screen.getByLabelText('排队超时转出'));
    fireEvent.click(await screen.findByTitle('改为预约回拨'));
    expect(await screen.findByLabelText('排队超过（秒）')).toBeTruthy();
    fireEvent.click(screen.getByText('保 存'));
    expect(await screen.findByText('请填写排队多少秒后转出', undefined, { timeout: 5000 })).toBeTruthy();
    expect(sent).toEqual([]);
    fireEvent.change(screen.getByLabelText('排队超过（秒）'), { target: { value: '90' } });
    fireEvent.click(screen.getByText('保 存'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: 'PATCH',
      path: '/api/v1/queues/q1',
      body: { routing: { strategy: 'linear', ringTimeoutSeconds: 20, maxWait: { seconds: 90, action: { kind: 'callback' } } } },
    });
  });

  it('refuses a number callers cannot dial, in Chinese, and sends nothing', async () => {
    const sent: unknown[] = [];
    serve(sent as never);
    fireEvent.click(await screen.findByText('新建队列'));
    fireEvent.change(await screen.findByLabelText('队列名称'), { target: { value: '售后服务' } });
    typeNumbers('400-800,');
    fireEvent.click(screen.getByText('保 存'));
    expect(await screen.findByText(/「400800」不是有效的接入号码/)).toBeTruthy();
    expect(sent).toEqual([]);
  });

  it('creates a queue with a required skill and level, priority and service level', async () => {
    const sent: { method: string; path: string; body: unknown }[] = [];
    serve(sent);
    fireEvent.click(await screen.findByText('新建队列'));
    fireEvent.change(await screen.findByLabelText('队列名称'), { target: { value: '英语热线' } });
    typeNumbers('+862161234567,');
    fireEvent.click(screen.getByText('添加技能'));
    fireEvent.mouseDown(within((await screen.findByLabelText('技能 1')).closest('.ant-select')!).getByRole('combobox'));
    fireEvent.click(await screen.findByTitle('英语'));
    fireEvent.change(screen.getByLabelText('最低等级 1'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('服务水平目标（%）'), { target: { value: '90' } });
    fireEvent.change(screen.getByLabelText('优先级'), { target: { value: '10' } });
    fireEvent.click(screen.getByText('保 存'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: 'POST',
      path: '/api/v1/queues',
      body: {
        name: '英语热线',
        inboundNumbers: ['+862161234567'],
        requiredSkills: [{ skillId: 'k2', minLevel: 3 }],
        priority: 10,
        slThresholdSeconds: 20,
        slTarget: 0.9,
        routing: {},
        disabled: false,
      },
    });
  });

  it('names the agents who serve the queue, in order, and widens by its own steps', async () => {
    const sent: { method: string; path: string; body: unknown }[] = [];
    serve(sent);
    fireEvent.click(within((await screen.findByText('售前咨询')).closest('tr')!).getByText(/^修\s?改$/));
    await screen.findByDisplayValue('售前咨询');
    const members = within(screen.getByLabelText('服务座席').closest('.ant-select')!).getByRole('combobox');
    fireEvent.mouseDown(members);
    fireEvent.click(await screen.findByTitle('8002 李娜'));
    fireEvent.click(await screen.findByTitle('8001 张伟'));
    fireEvent.mouseDown(within(screen.getByLabelText('等级放宽').closest('.ant-select')!).getByRole('combobox'));
    fireEvent.click(await screen.findByTitle('自定义'));
    fireEvent.click(screen.getByText('保 存'));
    expect(await screen.findByText('请至少添加一步，或选择默认、不放宽', undefined, { timeout: 5000 })).toBeTruthy();
    expect(sent).toEqual([]);
    fireEvent.click(screen.getByText('添加一步'));
    fireEvent.change(await screen.findByLabelText('等待 1'), { target: { value: '45' } });
    fireEvent.change(screen.getByLabelText('放宽 1'), { target: { value: '2' } });
    fireEvent.click(screen.getByText('保 存'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: 'PATCH',
      path: '/api/v1/queues/q1',
      body: { routing: { strategy: 'linear', ringTimeoutSeconds: 20, agents: ['a2', 'a1'], widening: [{ afterSeconds: 45, minLevelDrop: 2 }] } },
    });
  });

  it('turns widening off, and takes a queue out of service after asking', async () => {
    const sent: { method: string; path: string; body: unknown }[] = [];
    serve(sent);
    const row = (await screen.findByText('售前咨询')).closest('tr')!;
    expect(within(row).getByText('所有具备技能的座席')).toBeTruthy();
    expect(within(row).getByText('启用')).toBeTruthy();
    fireEvent.click(within(row).getByText(/^停\s?用$/));
    fireEvent.click((await screen.findAllByText(/^停\s?用$/)).at(-1)!);
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ method: 'PATCH', path: '/api/v1/queues/q1', body: { disabled: true } });
    fireEvent.click(within(row).getByText(/^修\s?改$/));
    await screen.findByDisplayValue('售前咨询');
    fireEvent.mouseDown(within(screen.getByLabelText('等级放宽').closest('.ant-select')!).getByRole('combobox'));
    fireEvent.click(await screen.findByTitle('不放宽，只由达到等级的座席接'));
    fireEvent.click(screen.getByText('保 存'));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]).toEqual({ method: 'PATCH', path: '/api/v1/queues/q1', body: { routing: { strategy: 'linear', ringTimeoutSeconds: 20, widening: [] } } });
  });

  it('shows why a queue cannot be deleted', async () => {
    const sent: { method: string; path: string; body: unknown }[] = [];
    serve(sent, [409, '队列「售后服务」溢出到该队列，无法删除']);
    const row = (await screen.findByText('售前咨询')).closest('tr')!;
    fireEvent.click(within(row).getByText(/^删\s?除$/));
    fireEvent.click((await screen.findAllByText(/^删\s?除$/)).at(-1)!);
    expect(await screen.findByText(/溢出到该队列，无法删除/)).toBeTruthy();
    expect(sent).toEqual([{ method: 'DELETE', path: '/api/v1/queues/q1', body: undefined }]);
  });

  it('accepts 400/800, E.164, landline, mobile and hotline numbers and nothing else', () => {
    for (const ok of ['4008001001', '8008001001', '+862161234567', '02161234567', '13800138000', '95588']) expect(inboundNumberProblem(ok)).toBeNull();
    for (const bad of ['400800', '+0861234', '12345', 'abc', '4008001001x', '']) expect(inboundNumberProblem(bad)).toBe('invalid');
  });
});
