// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import '../testing/dom';
import { WrapUpForm } from './WrapUpForm';

const dispositions = [
  { code: 'inquiry', label: '咨询' },
  { code: 'repair', label: '报修' },
];

async function pickDisposition(label: string) {
  fireEvent.mouseDown(within(screen.getByTestId('disposition')).getByRole('combobox'));
  fireEvent.click(await screen.findByTitle(label));
}

describe('wrap-up form', () => {
  it('asks whether the issue was resolved and saves the answer with the disposition (一次性解决)', async () => {
    const onSave = vi.fn(async () => true);
    render(<WrapUpForm callId="c1" dispositions={dispositions} onSave={onSave} />);
    expect(screen.getByText('问题已解决？')).toBeTruthy();
    await pickDisposition('报修');
    fireEvent.click(screen.getByLabelText('未解决'));
    fireEvent.click(screen.getByText('保存并完成'));
    await waitFor(() => expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ code: 'repair', resolved: false }), true));
  });

  it('leaves "resolved" out when the agent does not answer it', async () => {
    const onSave = vi.fn(async () => true);
    render(<WrapUpForm callId="c2" dispositions={dispositions} onSave={onSave} />);
    await pickDisposition('咨询');
    // antd spaces a two-character button label: 保 存.
    fireEvent.click(screen.getByRole('button', { name: /^保\s?存$/ }));
    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect((onSave.mock.calls[0] as unknown as [{ resolved?: boolean }])[0].resolved).toBeUndefined();
  });
});
