import { randomUUID } from 'node:crypto';
import { defaultRules, type Actor, type Random } from '@banzu/core';
import { createCampaign, setCampaignStatus } from '../campaigns/index';
import { nameInitials } from '../crm/index';
import type { Queryable } from '../store/index';

const products = ['净水器', '空气净化器', '扫地机器人', '智能门锁', '洗碗机'];
const mobilePrefixes = ['138', '139', '150', '186', '135', '177', '189', '158'];

/**
 * The demo's running campaign: a few hundred customers (prospects and ordinary customers from a
 * spring promotion), worked by the telemarketing team with seed 000's quotas — most of them long
 * employed (50 effective calls a day), two in their first two weeks (30).
 *
 * @example
 * await seedDemoCampaign(tx, { leader, agentIds, names, random, today: '2026-01-05' });
 */
export async function seedDemoCampaign(
  tx: Queryable,
  demo: { leader: Actor; agentIds: string[]; names: string[]; random: Random; today: string },
): Promise<{ campaignId: string; customers: number }> {
  const { random } = demo;
  const customers = demo.names.map((name, i) => ({
    id: randomUUID(),
    name,
    initials: nameInitials(name),
    cls: random.next() < 0.4 ? 'prospect' : random.next() < 0.15 ? 'high_value' : 'ordinary',
    tags: ['春季促销', products[i % products.length]!],
    phone: `+86${mobilePrefixes[random.int(mobilePrefixes.length)]}${String(random.int(100_000_000)).padStart(8, '0')}`,
    // List order is the order of creation.
    at: new Date(Date.UTC(2025, 11, 1) + i * 1000).toISOString(),
  }));
  const rows = JSON.stringify(customers);
  await tx.query(
    `INSERT INTO customers (id, name, name_initials, class_code, tags, team_id, created_at, updated_at)
     SELECT id, name, initials, cls, ARRAY(SELECT jsonb_array_elements_text(tags)), $2, at, at
     FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, name text, initials text, cls text, tags jsonb, at timestamptz)`,
    [rows, demo.leader.teamId],
  );
  await tx.query(
    `INSERT INTO customer_phones (customer_id, number_e164, kind, position)
     SELECT id, phone, 'mobile', 0 FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, phone text)`,
    [rows],
  );
  for (const [i, agentId] of demo.agentIds.entries()) {
    const since = i < 2 ? shiftDate(demo.today, -5) : shiftDate(demo.today, -400);
    await tx.query('INSERT INTO quotas (agent_id, employed_since) VALUES ($1, $2)', [agentId, since]);
  }
  const { campaign, customers: listed } = await createCampaign(tx, demo.leader, {
    name: '春季促销回访',
    script:
      '您好，我是班组示范中心的客服专员，打扰您一分钟。我们春季促销期间，净水器、扫地机器人等产品限时八折，并提供免费上门安装。' +
      '请问您家里目前有这方面的需要吗？\n— 有意向：约定上门演示时间，记录需求。\n— 暂时不需要：感谢，询问是否可以之后再联系。',
    teamId: demo.leader.teamId,
    source: { kind: 'filter', classCodes: ['prospect', 'ordinary', 'high_value'], tags: ['春季促销'] },
    agentIds: demo.agentIds,
    // The demo runs around the clock so it shows work whenever it is opened; a real campaign keeps seed 000's hours.
    rules: { ...defaultRules, callingHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]])) },
  });
  await setCampaignStatus(tx, campaign.id, 'running');
  return { campaignId: campaign.id, customers: listed };
}

function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
