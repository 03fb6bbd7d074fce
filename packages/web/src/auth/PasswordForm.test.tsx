// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../testing/dom';
import { PasswordForm } from './PasswordForm';

const fill = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('changing the own password', () => {
  it('checks the repeat in the browser, shows the server’s reason under its field, and says when it is done', async () => {
    const sent: unknown[] = [];
    fakeApi((_method, _path, body) => {
      sent.push(body);
      if ((body as { currentPassword: string }).currentPassword !== 'old-pass-123')
        return [400, { error: { code: 'invalid_request', message: '当前密码不正确', details: { field: 'currentPassword' } } }];
      return [204, null];
    });
    render(
      <App>
        <PasswordForm />
      </App>,
    );
    fill('当前密码', 'wrong');
    fill('新密码', '柳絮-风筝-42');
    fill('再次输入新密码', '柳絮-风筝-43');
    fireEvent.click(screen.getByRole('button', { name: '修改密码' }));
    expect(await screen.findByText('两次输入的新密码不一致')).toBeTruthy();
    expect(sent).toEqual([]);

    fill('再次输入新密码', '柳絮-风筝-42');
    fireEvent.click(screen.getByRole('button', { name: '修改密码' }));
    expect(await screen.findByText('当前密码不正确')).toBeTruthy();

    fill('当前密码', 'old-pass-123');
    fireEvent.click(screen.getByRole('button', { name: '修改密码' }));
    expect(await screen.findByText('密码已修改，其他设备上的登录已退出')).toBeTruthy();
    await waitFor(() => expect((screen.getByLabelText('新密码') as HTMLInputElement).value).toBe(''));
    expect(sent.at(-1)).toEqual({ currentPassword: 'old-pass-123', newPassword: '柳絮-风筝-42' });
  });
});
