import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../store/testing';
import { openTestApp, type TestApp } from './testing';

describe('refusals the handler words', () => {
  let h: TestApp;
  let manager: string;
  beforeAll(async () => {
    h = await openTestApp(backends[0]!);
    manager = await h.login('manager');
  });
  afterAll(() => h.close());

  it('says catalogue words in Chinese, or English with ?lang=en, and keeps a plain message under a generic code as it was written', async () => {
    expect((await h.call(manager, 'GET', '/api/v1/teams/nope')).json().error).toEqual({ code: 'not_found', message: '找不到班组：nope' });
    expect((await h.call(manager, 'GET', '/api/v1/teams/nope?lang=en')).json().error).toEqual({ code: 'not_found', message: 'team nope not found' });
    // A 404 worded where it is raised (tickets) is not replaced by the catalogue's not_found.
    expect((await h.call(manager, 'GET', '/api/v1/tickets/nope')).json().error).toEqual({ code: 'not_found', message: '工单 nope 不存在' });
  });
});
