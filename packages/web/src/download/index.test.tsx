// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../testing/dom';
import { ExportButton } from './index';

describe('an export button', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows the server’s refusal on the page instead of opening its JSON, and saves nothing', async () => {
    fakeApi(() => [400, { error: { code: 'bad_request', message: '一次最多导出 10,000 张工单，当前筛选有 12,345 张，请缩小范围' } }]);
    const saved = vi.spyOn(HTMLAnchorElement.prototype, 'click');
    render(
      <App>
        <ExportButton href="/api/v1/tickets/export.xlsx?view=all">导出 Excel</ExportButton>
      </App>,
    );
    const button = screen.getByRole('link', { name: /导出 Excel/ });
    expect(button.getAttribute('href')).toBe('/api/v1/tickets/export.xlsx?view=all');
    fireEvent.click(button);
    expect(await screen.findByText(/一次最多导出 10,000 张工单/)).toBeTruthy();
    expect(saved).not.toHaveBeenCalled();
  });

  it('saves the file under the name the server gave it', async () => {
    globalThis.fetch = (async () =>
      new Response('xlsx', { status: 200, headers: { 'content-disposition': 'attachment; filename="banzu-tickets-2026-12-06.xlsx"' } })) as typeof fetch;
    URL.createObjectURL = () => 'blob:banzu/1';
    URL.revokeObjectURL = () => {};
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    render(
      <App>
        <ExportButton href="/api/v1/tickets/export.xlsx">导出 Excel</ExportButton>
      </App>,
    );
    fireEvent.click(screen.getByRole('link', { name: /导出 Excel/ }));
    await waitFor(() => expect(names).toEqual(['banzu-tickets-2026-12-06.xlsx']));
  });
});
