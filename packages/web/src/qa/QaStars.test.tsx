// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../testing/dom';
import { QaStars } from './QaStars';

describe('the QA stars (质检明星)', () => {
  it('reads the stars again while the wallboard stays open, keeping the last ones through a failed reading', async () => {
    let star = '杨磊';
    let failing = false;
    let failed = 0;
    fakeApi((_method, path) => {
      if (failing && ++failed) return [503, { error: { code: 'store_unavailable', message: '数据库暂时无法连接' } }];
      if (path === '/api/v1/qa/stars?period=day') return [200, [{ teamId: 't2', teamName: '客服二组', agentId: 'a', agentName: star, average: 97.5, evaluations: 4 }]];
      return [200, []];
    });
    render(<QaStars everyMs={30} />);
    expect(await screen.findByText('杨磊')).toBeTruthy();
    // A score confirmed meanwhile makes another agent the star of the day.
    star = '王芳';
    expect(await screen.findByText('王芳')).toBeTruthy();
    failing = true;
    await waitFor(() => expect(failed).toBeGreaterThanOrEqual(4));
    expect(screen.getByText('王芳')).toBeTruthy();
  });
});
