import { defaultRules, type Actor } from '@banzu/core';
import { hashPassword } from '../auth/password';
import { createCampaign, setCampaignStatus } from '../campaigns/manage';
import { addOrder, addServiceRecord, addVisit, createCustomer } from '../crm/index';
import { orderSchema, serviceRecordSchema, visitSchema } from '../crm/records';
import { createCenter, createQueue, createSite, createSkill, createTeam, createUser, type NewUser } from '../org/index';
import { seedSipPasswords } from '../sip-accounts/index';
import type { Queryable, Store } from '../store/index';

const aroundTheClock = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]));

/** The inbound teams (客服一组, 二组, 三组) and their agents' names; 工号 run from 8001 in this order. */
const inboundTeams = [
  ['王芳', '李娜', '刘洋', '陈静'],
  ['杨磊', '黄艳', '赵勇'],
  ['吴杰', '周娟', '徐涛'],
];
/** The telemarketing team (电话营销组): agents without inbound skills who work the campaign; the first is in the first two weeks of the job. */
const telemarketers = ['孙明', '马超', '朱霞'];

/**
 * The CRM's customers of no team, by class: numbers 186 1000 0001 onward in this order, so the
 * first high-value customer (C-0001) is a known VIP caller (level 8), the others take the class's 5.
 */
const customerNames = {
  high_value: ['何建华', '林志强', '罗春梅', '高国庆', '梁玉兰'],
  prospect: ['谢文博', '宋子涵', '唐晓东', '许海燕', '韩秀英', '冯伟', '邓芳', '曹娜'],
  ordinary: ['彭静', '曾丽', '肖强', '田磊', '董洋', '袁艳', '潘勇', '蔡军', '蒋杰', '余娟', '于明', '杜超'],
  blacklisted: ['叶平'],
} as const;
/** Customers of one inbound team each: an agent sees the own team's and those of no team. */
const teamCustomerNames = [
  ['程刚', '魏霞', '苏敏'],
  ['吕伟', '丁芳'],
  ['任静', '沈磊'],
];
/** The running campaign's list: the telemarketing team's prospects of the spring promotion. */
const campaignCustomerNames = ['姚洋', '卢艳', '欧阳勇', '王军', '李杰', '张明', '刘超', '陈霞', '杨平', '黄刚'];

/**
 * A small contact center for product tests, made only with the product's own functions, the same
 * on every run: four queues (售前咨询, 售后服务, 投诉建议, VIP专线) with their skills; three inbound
 * teams (客服一组 of 4 agents, 二组 and 三组 of 3) whose agents are members of every queue; a
 * telemarketing team (电话营销组) of 3 agents with quotas, working a running campaign of 10
 * customers; 33 more customers in the CRM (every class, a VIP, customers of each inbound team,
 * orders, service records, a visit).
 * Logins, all with `password`: manager, qa1, trainer1, leader1-leader3 (inbound), leader4
 * (telemarketing), agents by 工号 8001-8010 (inbound) and 8011-8013 (telemarketing).
 *
 * @example
 * await seedTestCenter(t.store, 'test-pass-123');
 */
export async function seedTestCenter(store: Store, password: string): Promise<void> {
  // One hash for everyone: scrypt is slow by design, and a test's users share the password anyway.
  const passwordHash = await hashPassword(password);
  await store.transaction(async (tx) => {
    await createCenter(tx, { id: 'default', name: '测试中心 Test Center', timeZone: 'Asia/Shanghai', hours: aroundTheClock, holidays: [] });
    const siteId = await createSite(tx, { name: '上海 Shanghai', centerId: 'default' });
    const skill = {
      presales: await createSkill(tx, { name: '售前 Presales' }),
      aftersales: await createSkill(tx, { name: '售后 After-sales' }),
      complaints: await createSkill(tx, { name: '投诉 Complaints' }),
      vip: await createSkill(tx, { name: 'VIP 贵宾' }),
    };
    const user = (person: Omit<NewUser, 'password'>) => createUser(tx, { ...person, password }, passwordHash);

    await user({ username: 'manager', displayName: '郑经理', role: 'manager' });
    await user({ username: 'qa1', displayName: '质检员', role: 'qa' });
    await user({ username: 'trainer1', displayName: '培训师', role: 'trainer' });
    let employeeNo = 8001;
    const inboundAgents: string[] = [];
    const teamIds: string[] = [];
    for (const [index, names] of inboundTeams.entries()) {
      const teamId = await createTeam(tx, { name: `客服${'一二三'[index]}组 Team ${index + 1}`, siteId });
      teamIds.push(teamId);
      await user({ username: `leader${index + 1}`, displayName: `${'一二三'[index]}组组长`, role: 'team_leader', teamId });
      for (const [i, displayName] of names.entries()) {
        // Half presales first, half after-sales; every team's first agent also takes complaints and VIPs.
        const [primary, secondary] = i % 2 === 0 ? [skill.presales, skill.aftersales] : [skill.aftersales, skill.presales];
        const skills = [
          { skillId: primary, level: 4 },
          { skillId: secondary, level: 2 },
        ];
        if (i === 0) skills.push({ skillId: skill.complaints, level: 3 }, { skillId: skill.vip, level: 4 });
        inboundAgents.push(await user({ displayName, role: 'agent', teamId, employeeNo: String(employeeNo++), skills }));
      }
    }
    const telemarketingTeam = await createTeam(tx, { name: '电话营销组 Telemarketing', siteId });
    const leaderId = await user({ username: 'leader4', displayName: '营销组长', role: 'team_leader', teamId: telemarketingTeam });
    const leader: Actor = { userId: leaderId, role: 'team_leader', teamId: telemarketingTeam };
    const sales: string[] = [];
    for (const displayName of telemarketers) sales.push(await user({ displayName, role: 'agent', teamId: telemarketingTeam, employeeNo: String(employeeNo++) }));
    // Their phones and softphones register with the same password.
    await seedSipPasswords(tx, password);

    // The inbound queues take the inbound teams only: the telemarketing team dials out.
    const routing = { agents: inboundAgents };
    await createQueue(tx, { name: '售前咨询', requiredSkills: [{ skillId: skill.presales, minLevel: 1 }], slThresholdSeconds: 20, slTarget: 0.8, routing });
    await createQueue(tx, { name: '售后服务', requiredSkills: [{ skillId: skill.aftersales, minLevel: 1 }], slThresholdSeconds: 20, slTarget: 0.8, routing });
    await createQueue(tx, { name: '投诉建议', requiredSkills: [{ skillId: skill.complaints, minLevel: 2 }], slThresholdSeconds: 30, slTarget: 0.8, priority: 5, routing });
    await createQueue(tx, { name: 'VIP专线', requiredSkills: [{ skillId: skill.vip, minLevel: 3 }], slThresholdSeconds: 10, slTarget: 0.9, priority: 10, routing });

    const customers = await seedCustomers(tx, teamIds, telemarketingTeam, sales[0]!);

    // Quotas as of the test clock's day, 2026-01-05: the first telemarketer is new (30 effective calls a day), the others 50.
    // No product function writes quotas but the HTTP route: the same row it writes.
    for (const [i, agentId] of sales.entries()) await tx.query('INSERT INTO quotas (agent_id, employed_since) VALUES ($1, $2)', [agentId, i === 0 ? '2025-12-31' : '2024-06-01']);
    const { campaign } = await createCampaign(tx, leader, {
      name: '春季促销回访',
      script: '您好，我是测试中心的客服专员。春季促销期间净水器限时八折，请问您有这方面的需要吗？',
      teamId: telemarketingTeam,
      source: { kind: 'filter', classCodes: [], tags: ['春季促销'] },
      agentIds: sales,
      // Around the clock, so the campaign can be worked whatever time a test's clock shows.
      rules: { ...defaultRules, callingHours: aroundTheClock },
    });
    await setCampaignStatus(tx, campaign.id, 'running');

    // createCustomer stamps the transaction's one instant: distinct dates make lists (the campaign's, by creation) the same on every run.
    await tx.query(
      `UPDATE customers SET created_at = timestamptz '2025-01-01 00:00:00+00' + n * interval '1 day' FROM unnest($1::uuid[]) WITH ORDINALITY AS c(id, n) WHERE customers.id = c.id`,
      [customers],
    );
  });
}

/** The CRM's customers, in order of creation; returns their ids in that order. */
async function seedCustomers(tx: Queryable, teamIds: string[], telemarketingTeam: string, salesAgent: string): Promise<string[]> {
  const ids: string[] = [];
  let n = 0;
  const mobile = () => `+86186${String(10_000_000 + ++n)}`;
  for (const [classCode, names] of Object.entries(customerNames)) {
    for (const name of names) {
      const externalId = `C-${String(ids.length + 1).padStart(4, '0')}`;
      // Every fifth customer also has a landline, as some families do.
      const phones = [{ number: mobile() }, ...(ids.length % 5 === 4 ? [{ number: `+8621${60_000_000 + ids.length}` }] : [])];
      const vipLevel = externalId === 'C-0001' ? 8 : null;
      ids.push(await createCustomer(tx, null, { externalId, name, classCode, vipLevel, phones, tags: classCode === 'high_value' ? ['老客户'] : [] }));
    }
  }
  for (const [index, names] of teamCustomerNames.entries()) {
    for (const name of names) {
      const externalId = `T-${String(ids.length + 1).padStart(4, '0')}`;
      ids.push(await createCustomer(tx, null, { externalId, name, teamId: teamIds[index]!, phones: [{ number: mobile() }] }));
    }
  }
  for (const [i, name] of campaignCustomerNames.entries()) {
    const classCode = i % 3 === 0 ? 'ordinary' : 'prospect';
    ids.push(await createCustomer(tx, null, { name, classCode, tags: ['春季促销'], teamId: telemarketingTeam, phones: [{ number: mobile() }] }));
  }

  // The VIP's history for the screen pop and the profile: an order, a repair with feedback, an open complaint; a prospect's visit.
  const [vip, second, prospect] = [ids[0]!, ids[1]!, ids[5]!];
  await addOrder(tx, vip, orderSchema.parse({ orderNo: 'SO100001', product: '变频空调', amountCents: 329_900, status: 'delivered', orderedAt: '2025-10-01T02:00:00Z' }));
  await addOrder(tx, second, orderSchema.parse({ orderNo: 'SO100002', product: '对开门冰箱', amountCents: 459_900, status: 'delivered', orderedAt: '2025-11-11T04:00:00Z' }));
  const repair = { kind: 'repair', subject: '空调不制冷', openedAt: '2025-12-01T02:00:00Z', closedAt: '2025-12-03T02:00:00Z' };
  await addServiceRecord(tx, null, vip, serviceRecordSchema.parse({ ...repair, status: 'closed', feedback: '更换电容后恢复', satisfaction: 5 }));
  await addServiceRecord(tx, null, second, serviceRecordSchema.parse({ kind: 'complaint', subject: '上门迟到两小时', openedAt: '2025-12-20T06:00:00Z' }));
  const sales: Actor = { userId: salesAgent, role: 'agent', teamId: telemarketingTeam };
  const visit = { visitedAt: '2025-12-15T06:00:00Z', remote: true, opinion: '对节能款有兴趣', intention: 'medium', expectedDate: '2026-02-01', nextStep: '电话回访确认需求' };
  await addVisit(tx, sales, prospect, visitSchema.parse(visit));
  return ids;
}
