// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import type { Profile } from '@banzu/contract';
import { fakeApi } from '../testing/dom';
import { SipPasswordButton } from './SipPasswordButton';

const agent: Profile = { id: 'u8001', username: '8001', displayName: '张伟', role: 'agent', teamId: 't1', employeeNo: '8001', disabled: false, skills: [] };

function open() {
  render(
    <App>
      <SipPasswordButton agent={agent} />
    </App>,
  );
  fireEvent.click(screen.getByRole('button', { name: '设置 SIP 密码' }));
}

const type = (password: string) => fireEvent.change(screen.getByLabelText('新 SIP 密码'), { target: { value: password } });
const save = () => fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));

describe('setting an agent’s SIP password on the people list', () => {
  it('sends the new password for that agent and says it is set', async () => {
    const sent: [string, string, unknown][] = [];
    fakeApi((method, path, body) => {
      sent.push([method, path, body]);
      return [200, { agentId: 'u8001', user: '8001', passwordSet: true, updatedAt: '2026-01-05T01:00:00.000Z' }];
    });
    open();
    expect(await screen.findByText('设置 8001 张伟 的 SIP 密码')).toBeTruthy();
    type('desk-phone-8001');
    save();
    expect(await screen.findByText('已设置 8001 的 SIP 密码')).toBeTruthy();
    expect(sent).toEqual([['PUT', '/api/v1/users/u8001/sip-password', { password: 'desk-phone-8001' }]]);
  });

  it('refuses a short password before asking the server, and shows the server’s refusal', async () => {
    const sent: unknown[] = [];
    fakeApi((_m, _p, body) => {
      sent.push(body);
      return [403, { error: { code: 'forbidden', message: 'manager 不能修改坐席的 SIP 密码', details: null } }];
    });
    open();
    type('short');
    save();
    expect(await screen.findByText('SIP 密码至少 8 个字符')).toBeTruthy();
    expect(sent).toEqual([]);
    type('long-enough-1');
    save();
    expect(await screen.findByText('manager 不能修改坐席的 SIP 密码')).toBeTruthy();
  });
});
