import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';

/** A leader sees how many customers a campaign would hold before creating it, and edits or deletes a draft. */
describe.each(backends)('campaign drafts ($name)', (backend) => {
  let h: TestApp;
  let manager: string;
  let leader: string;
  let otherLeader: string;
  let teamId: string;

  async function customers(tag: string, numbers: (string | null)[]): Promise<void> {
    for (const [i, n] of numbers.entries()) {
      const id = randomUUID();
      await h.t.store.query(`INSERT INTO customers (id, name, class_code, tags, team_id) VALUES ($1, $2, 'prospect', $3, $4)`, [id, `客户${tag}${i}`, [tag], teamId]);
      if (n) await h.t.store.query('INSERT INTO customer_phones (customer_id, number_e164) VALUES ($1, $2)', [id, n]);
    }
  }
  const body = (tag: string, extra: Record<string, unknown> = {}) => ({ name: `草稿 ${tag}`, teamId, source: { kind: 'filter', classCodes: [], tags: [tag] }, ...extra });
  const campaignCount = async () => ((await h.call(manager, 'GET', '/api/v1/campaigns')).json() as unknown[]).length;

  beforeAll(async () => {
    h = await openTestApp(backend);
    manager = await h.login('manager');
    leader = await h.login('leader1');
    otherLeader = await h.login('leader2');
    teamId = (await h.call(leader, 'GET', '/api/v1/auth/me')).json().teamId;
  });
  afterAll(() => h.close());

  it('counts the customers before creating, the same as creating does, and creates nothing', async () => {
    await customers('preview', ['+8613800000001', '+8613800000002', null]);
    const before = await campaignCount();
    const preview = await h.call(leader, 'POST', '/api/v1/campaigns/preview', body('preview'));
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toEqual({ customers: 2, withoutPhone: 1 });
    expect(await campaignCount()).toBe(before);
    const created = await h.call(leader, 'POST', '/api/v1/campaigns', body('preview'));
    expect(created.json()).toMatchObject({ customers: 2, withoutPhone: 1 });
    const nobody = await h.call(leader, 'POST', '/api/v1/campaigns/preview', body('no-such-tag'));
    expect(nobody.statusCode).toBe(400);
  });

  it('edits a draft’s name, script and do-not-call list, and refuses once it has started', async () => {
    await customers('edit', ['+8613800000011', '+8613800000012']);
    const { campaign } = (await h.call(leader, 'POST', '/api/v1/campaigns', body('edit'))).json() as { campaign: { id: string } };
    const edited = await h.call(leader, 'PATCH', `/api/v1/campaigns/${campaign.id}`, { name: '春季回访', script: '您好，这里是班组', rules: { doNotCall: ['13800000011'] } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ name: '春季回访', script: '您好，这里是班组', counts: { open: 1, dnc: 1 } });
    expect((await h.call(otherLeader, 'PATCH', `/api/v1/campaigns/${campaign.id}`, { name: '别组' })).statusCode).toBe(403);
    expect((await h.call(leader, 'PATCH', `/api/v1/campaigns/${campaign.id}`, { rules: { doNotCall: ['abc'] } })).statusCode).toBe(400);
    await h.t.store.query(`UPDATE campaigns SET status = 'paused' WHERE id = $1`, [campaign.id]);
    const late = await h.call(leader, 'PATCH', `/api/v1/campaigns/${campaign.id}`, { name: '改不了' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('草稿');
    expect((await h.call(leader, 'GET', `/api/v1/campaigns/${campaign.id}`)).json().name).toBe('春季回访');
  });

  it('deletes a draft with its list, audited, but not a started campaign nor another team’s', async () => {
    await customers('delete', ['+8613800000021']);
    const draft = ((await h.call(leader, 'POST', '/api/v1/campaigns', body('delete'))).json() as { campaign: { id: string } }).campaign.id;
    expect((await h.call(otherLeader, 'DELETE', `/api/v1/campaigns/${draft}`)).statusCode).toBe(403);
    expect((await h.call(leader, 'DELETE', `/api/v1/campaigns/${draft}`)).statusCode).toBe(204);
    expect((await h.call(leader, 'GET', `/api/v1/campaigns/${draft}`)).statusCode).toBe(404);
    const audit = (await h.call(manager, 'GET', '/api/v1/audit?action=delete&subject=campaigns')).json() as { detail: { campaignId: string } }[];
    expect(audit.map((a) => a.detail.campaignId)).toContain(draft);

    const started = ((await h.call(leader, 'POST', '/api/v1/campaigns', body('delete'))).json() as { campaign: { id: string } }).campaign.id;
    await h.t.store.query(`UPDATE campaigns SET status = 'finished' WHERE id = $1`, [started]);
    expect((await h.call(leader, 'DELETE', `/api/v1/campaigns/${started}`)).statusCode).toBe(409);
    expect((await h.call(leader, 'GET', `/api/v1/campaigns/${started}`)).statusCode).toBe(200);
  });
});
