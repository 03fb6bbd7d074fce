import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KbArticle, KbSearchResult, KbVersion, Ticket } from '@banzu/contract';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';

describe.each(backends)('knowledge base ($name)', (backend) => {
  let h: TestApp;
  let agent: string;
  let trainer: string;
  let queues: { id: string; name: string }[];

  beforeAll(async () => {
    h = await openTestApp(backend);
    [agent, trainer] = (await Promise.all(['8001', 'trainer1'].map((u) => h.login(u)))) as [string, string];
    queues = (await h.call(trainer, 'GET', '/api/v1/queues')).json();
  });
  afterAll(() => h.close());

  const json = async <T>(token: string, method: string, url: string, body?: unknown, status = 200): Promise<T> => {
    const res = await h.call(token, method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return (res.body === '' ? null : res.json()) as T;
  };
  const search = (q: string, extra = '') => json<KbSearchResult>(agent, 'GET', `/api/v1/kb/search?q=${encodeURIComponent(q)}${extra}`).then((r) => r.items.map((i) => i.title));
  const queue = (name: string) => queues.find((q) => q.name === name)!.id;

  it('answers Chinese queries: words with spaces, pinyin initials, best match first, only published and valid articles', async () => {
    const broadband = await json<KbArticle>(
      trainer,
      'POST',
      '/api/v1/kb/articles',
      { title: '宽带故障报修流程', body: '先确认光猫指示灯，再登记报修派工。', category: '故障处理', tags: ['宽带'], queueIds: [queue('售后服务')] },
      201,
    );
    expect(broadband).toMatchObject({ status: 'published', version: 1, approvedBy: expect.any(String) });
    await json(trainer, 'POST', '/api/v1/kb/articles', { title: '宽带资费说明', body: '包年套餐可报修上门。', category: '资费', queueIds: [queue('售前咨询')] }, 201);
    await json(trainer, 'POST', '/api/v1/kb/articles', { title: '话费账单查询', body: '网上营业厅查询近六个月账单。', category: '咨询' }, 201);
    await json(trainer, 'POST', '/api/v1/kb/articles', { title: '旧版宽带报修电话', body: '已停用', validFrom: '2025-01-01', validTo: '2025-12-31' }, 201);

    const res = await json<KbSearchResult>(agent, 'GET', `/api/v1/kb/search?q=${encodeURIComponent('宽带 报修')}`);
    expect(res.items[0]).toEqual({ id: broadband.id, title: '宽带故障报修流程', score: 1, category: '故障处理', snippet: expect.stringContaining('光猫') });
    // Out of date (the test clock is in January 2026): not found.
    expect(res.items.map((i) => i.title)).not.toContain('旧版宽带报修电话');
    expect(await search('kdgz')).toEqual(['宽带故障报修流程']);
    expect(await search('账单')).toEqual(['话费账单查询']);
    expect(await search('洗衣机')).toEqual([]);
    // Within a queue: its articles and those for every queue.
    expect(await search('宽带', `&queueId=${queue('售前咨询')}`)).toEqual(['宽带资费说明']);
    const empty = await h.call(agent, 'GET', '/api/v1/kb/search?q=%20');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toBe('querystring.q: 请输入要搜索的内容');
    expect((await h.call(agent, 'GET', '/api/v1/kb/search')).json().error.message).toBe('querystring.q: 请输入要搜索的内容');
  });

  it('refuses in the user’s language: Chinese by default, English with ?lang=en', async () => {
    expect((await h.call(agent, 'GET', '/api/v1/kb/search?q=%20&lang=en')).json().error.message).toBe('querystring.q: enter what to search for');
    const backwards = { title: '有效期颠倒', validFrom: '2026-02-01', validTo: '2026-01-01' };
    const zh = await h.call(trainer, 'POST', '/api/v1/kb/articles', backwards);
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.message).toBe('有效期的结束日期早于开始日期');
    expect((await h.call(trainer, 'POST', '/api/v1/kb/articles?lang=en', backwards)).json().error.message).toBe('the article stops being valid before it starts');
    const article = await json<KbArticle>(trainer, 'POST', '/api/v1/kb/articles', { title: '已发布的文章' }, 201);
    expect((await h.call(trainer, 'POST', `/api/v1/kb/articles/${article.id}/approve`)).json().error.message).toBe('文章已发布');
    expect((await h.call(trainer, 'POST', `/api/v1/kb/articles/${article.id}/approve?lang=en`)).json().error.message).toBe('the article is published already');
    const missing = (await h.call(agent, 'GET', '/api/v1/kb/articles/nope?lang=en')).json().error;
    expect(missing).toMatchObject({ code: 'not_found', message: 'knowledge base article nope not found' });
    expect((await h.call(agent, 'GET', '/api/v1/kb/articles/nope')).json().error.message).toBe('知识库文章 nope 不存在');
    // Archived, so that the lists of the other tests do not count it.
    await json(trainer, 'POST', `/api/v1/kb/articles/${article.id}/archive`);
  });

  it('suggests the queue’s articles for the words of the notes, and its most helpful ones without words', async () => {
    const [article] = (await json<KbSearchResult>(agent, 'GET', `/api/v1/kb/search?q=${encodeURIComponent('账单')}`)).items;
    await json(agent, 'POST', `/api/v1/kb/articles/${article!.id}/usage`, { kind: 'helpful' }, 204);
    // Notes as an agent types them, without spaces: the article they are about, not the most helpful one.
    const byNotes = await json<KbSearchResult>(agent, 'GET', `/api/v1/kb/suggestions?queueId=${queue('售后服务')}&text=${encodeURIComponent('客户说宽带断网要报修')}`);
    expect(byNotes.items.map((i) => i.title)).toEqual(['宽带故障报修流程']);
    expect(byNotes.items[0]!.score).toBeGreaterThan(0);
    const none = await json<KbSearchResult>(agent, 'GET', `/api/v1/kb/suggestions?queueId=${queue('VIP专线')}`);
    expect(none.items[0]!.title).toBe('话费账单查询');
  });

  it('keeps agents’ proposals for approval, every version, and proposes the answer of a consultation closed without an article', async () => {
    const proposal = await json<KbArticle>(agent, 'POST', '/api/v1/kb/articles', { title: '光猫重启方法', body: '断电十秒后再通电。' }, 201);
    expect(proposal.status).toBe('pending');
    expect(await search('光猫重启')).toEqual([]);
    expect((await h.call(agent, 'POST', `/api/v1/kb/articles/${proposal.id}/approve`)).statusCode).toBe(403);
    await json(trainer, 'POST', `/api/v1/kb/articles/${proposal.id}/approve`);
    expect(await search('光猫重启')).toEqual(['光猫重启方法']);
    expect((await h.call(trainer, 'POST', `/api/v1/kb/articles/${proposal.id}/approve`)).statusCode).toBe(409);

    const changed = await json<KbArticle>(trainer, 'PUT', `/api/v1/kb/articles/${proposal.id}`, { title: '光猫重启方法', body: '拔掉电源十秒后再插上，等待三分钟。' });
    expect(changed.version).toBe(2);
    const versions = await json<{ items: KbVersion[] }>(agent, 'GET', `/api/v1/kb/articles/${proposal.id}/versions`);
    expect(versions.items.map((v) => [v.version, v.body])).toEqual([
      [2, '拔掉电源十秒后再插上，等待三分钟。'],
      [1, '断电十秒后再通电。'],
    ]);
    expect((await h.call(agent, 'PUT', `/api/v1/kb/articles/${proposal.id}`, { title: 'x' })).statusCode).toBe(403);

    // What a version applied to is kept too: widened to a queue with a product and an end date, then narrowed again.
    const scoped = await json<KbArticle>(trainer, 'PUT', `/api/v1/kb/articles/${proposal.id}`, {
      title: '光猫重启方法',
      body: '拔掉电源十秒后再插上，等待三分钟。',
      queueIds: [queue('售后服务'), queue('VIP专线')],
      products: ['千兆宽带'],
      validFrom: '2026-01-01',
      validTo: '2026-06-30',
    });
    expect(scoped).toMatchObject({ version: 3, queueIds: [queue('售后服务'), queue('VIP专线')], products: ['千兆宽带'], validFrom: '2026-01-01', validTo: '2026-06-30' });
    await json(trainer, 'PUT', `/api/v1/kb/articles/${proposal.id}`, {
      title: '光猫重启方法',
      body: '拔掉电源十秒后再插上，等待三分钟。',
      queueIds: [queue('售后服务')],
      validTo: '2026-03-31',
    });
    const scopes = await json<{ items: KbVersion[] }>(trainer, 'GET', `/api/v1/kb/articles/${proposal.id}/versions`);
    expect(scopes.items.map((v) => [v.version, v.queueIds, v.products, v.validFrom, v.validTo])).toEqual([
      [4, [queue('售后服务')], [], null, '2026-03-31'],
      [3, [queue('售后服务'), queue('VIP专线')], ['千兆宽带'], '2026-01-01', '2026-06-30'],
      [2, [], [], null, null],
      [1, [], [], null, null],
    ]);
    expect((await h.call(trainer, 'GET', '/api/v1/kb/articles/nope')).statusCode).toBe(404);
    expect((await h.call(trainer, 'POST', '/api/v1/kb/articles', { title: '日期', validFrom: '2026-02-01', validTo: '2026-01-01' })).statusCode).toBe(400);

    // The loop: a consultation answered without an article proposes one; one answered with an article does not.
    const asked = await json<Ticket>(agent, 'POST', '/api/v1/tickets', { type: 'consultation', title: '积分如何兑换话费', description: '客户咨询积分兑换' }, 201);
    await json(agent, 'POST', `/api/v1/tickets/${asked.id}/close`, { resolution: '营业厅App-我的-积分商城兑换' });
    const helped = await json<Ticket>(agent, 'POST', '/api/v1/tickets', { type: 'consultation', title: '光猫怎么重启' }, 201);
    await json(agent, 'POST', `/api/v1/tickets/${helped.id}/articles`, { articleId: proposal.id });
    await json(agent, 'POST', `/api/v1/tickets/${helped.id}/close`, {});
    const pending = await json<{ items: KbArticle[] }>(trainer, 'GET', '/api/v1/kb/articles?status=pending');
    expect(pending.items.map((a) => [a.title, a.body])).toEqual([['积分如何兑换话费', '客户咨询积分兑换\n\n营业厅App-我的-积分商城兑换']]);
    // The reviewer sees which ticket it came from; the agent who wrote the answer reads the proposal without it.
    expect(pending.items[0]!.fromTicket).toEqual({ id: asked.id, no: asked.no, title: '积分如何兑换话费', typeName: '咨询' });
    expect((await json<KbArticle>(agent, 'GET', `/api/v1/kb/articles/${pending.items[0]!.id}`)).fromTicket).toBeNull();
    expect((await json<KbArticle>(trainer, 'GET', `/api/v1/kb/articles/${proposal.id}`)).fromTicket).toBeNull();
  });

  it('proposes articles from the ticket types flagged so, whatever their code: not from 咨询 once the flag is off', async () => {
    const manager = await h.login('manager');
    type TypeOut = { code: string; proposesArticle: boolean };
    const types = await json<TypeOut[]>(manager, 'GET', '/api/v1/ticket-types');
    expect(types.filter((t) => t.proposesArticle).map((t) => t.code)).toEqual(['consultation']);
    await json(manager, 'PUT', '/api/v1/ticket-types', { code: 'faq', name: '常见问题', sla: { hours: 8, basis: 'working' }, proposesArticle: true });
    await json(manager, 'PUT', '/api/v1/ticket-types', { code: 'consultation', sla: { hours: 8, basis: 'working' }, proposesArticle: false });
    // A change that does not name the flag keeps it.
    const kept = await json<TypeOut[]>(manager, 'PUT', '/api/v1/ticket-types', { code: 'faq', sla: { hours: 4, basis: 'working' } });
    expect(kept.filter((t) => t.proposesArticle).map((t) => t.code)).toEqual(['faq']);

    const before = (await json<{ items: KbArticle[] }>(trainer, 'GET', '/api/v1/kb/articles?status=pending')).items.length;
    const consultation = await json<Ticket>(agent, 'POST', '/api/v1/tickets', { type: 'consultation', title: '停机保号怎么办理' }, 201);
    await json(agent, 'POST', `/api/v1/tickets/${consultation.id}/close`, { resolution: '营业厅办理' });
    const faq = await json<Ticket>(agent, 'POST', '/api/v1/tickets', { type: 'faq', title: '携号转网的条件' }, 201);
    await json(agent, 'POST', `/api/v1/tickets/${faq.id}/close`, { resolution: '在网满 120 天且无欠费' });
    const pending = (await json<{ items: KbArticle[] }>(trainer, 'GET', '/api/v1/kb/articles?status=pending')).items;
    expect(pending).toHaveLength(before + 1);
    expect(pending.find((a) => a.fromTicket?.id === faq.id)).toMatchObject({ title: '携号转网的条件', category: '常见问题', fromTicket: { no: faq.no, typeName: '常见问题' } });
  });
});
