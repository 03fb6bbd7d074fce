import { localDate, seededRandom } from '@banzu/core';
import { hashPassword } from '../auth/password';
import { createCenter, createQueue, createSite, createSkill, createTeam, createUser, type NewUser } from '../org/index';
import { seedSipPasswords } from '../sip-accounts/index';
import type { Store } from '../store/index';
import { seedDemoCampaign } from './campaign';
import { seedDemoCustomers } from './customers';
import { chineseNames } from './names';

export const demoTeamSizes = [13, 14, 12];
/** The telemarketing team (电话营销组): agents without inbound skills who work the demo campaign. */
export const demoTelemarketers = 8;
/** Customers on the demo campaign's list. */
const demoCustomers = 300;
/** Customers of the CRM, some of whom call in (screen pop, VIP priority). */
const demoCrmCustomers = 3000;
const timeZone = 'Asia/Shanghai';
/** 工号 of the first demo agent; the others follow in order. */
export const firstDemoEmployeeNo = 8001;

export interface DemoSummary {
  teams: number;
  agents: number;
  logins: string[];
}

/**
 * The demo center created on first start: four queues, three teams of 12-14 agents with
 * Chinese names and 工号, their team leaders, a QA analyst, a trainer and a manager, all with one password;
 * and a telemarketing team working a running campaign of a few hundred customers.
 *
 * @example
 * await seedDemoCenter(store, 'demo-pass');
 */
export async function seedDemoCenter(store: Store, password: string, now = Date.now()): Promise<DemoSummary> {
  const random = seededRandom(2026);
  const agentCount = demoTeamSizes.reduce((a, b) => a + b, 0) + demoTelemarketers;
  const names = chineseNames(agentCount + demoTeamSizes.length + 3, random);
  const people: NewUser[] = [
    { username: 'manager', displayName: names.pop()!, role: 'manager', password },
    { username: 'qa1', displayName: names.pop()!, role: 'qa', password },
    // A name of its own seed: drawn from the agents' list, it would change every name after it.
    { username: 'trainer1', displayName: chineseNames(1, seededRandom(2030))[0]!, role: 'trainer', password },
  ];

  return store.transaction(async (tx) => {
    await createCenter(tx, {
      id: 'default',
      name: '班组示范中心',
      timeZone,
      hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]])),
      holidays: [],
    });
    const siteId = await createSite(tx, { name: '上海', centerId: 'default' });

    const skill = {
      presales: await createSkill(tx, { name: '售前', description: '产品咨询与购买' }),
      aftersales: await createSkill(tx, { name: '售后', description: '维修与退换' }),
      complaints: await createSkill(tx, { name: '投诉', description: '投诉处理' }),
      vip: await createSkill(tx, { name: '贵宾', description: '贵宾会员服务' }),
    };
    await createQueue(tx, { name: '售前咨询', inboundNumbers: ['4008001001'], requiredSkills: [{ skillId: skill.presales, minLevel: 1 }], slThresholdSeconds: 20, slTarget: 0.8 });
    await createQueue(tx, {
      name: '售后服务',
      inboundNumbers: ['4008001002'],
      requiredSkills: [{ skillId: skill.aftersales, minLevel: 1 }],
      slThresholdSeconds: 20,
      slTarget: 0.8,
    });
    await createQueue(tx, {
      name: '投诉建议',
      inboundNumbers: ['4008001003'],
      requiredSkills: [{ skillId: skill.complaints, minLevel: 2 }],
      slThresholdSeconds: 30,
      slTarget: 0.8,
      priority: 5,
    });
    await createQueue(tx, {
      name: 'VIP专线',
      inboundNumbers: ['4008001004'],
      requiredSkills: [{ skillId: skill.vip, minLevel: 3 }],
      slThresholdSeconds: 10,
      slTarget: 0.9,
      priority: 10,
    });

    let employeeNo = firstDemoEmployeeNo;
    for (const [index, size] of demoTeamSizes.entries()) {
      const teamId = await createTeam(tx, { name: `客服${'一二三'[index]}组`, siteId });
      people.push({ username: `leader${index + 1}`, displayName: names.pop()!, role: 'team_leader', teamId, password });
      for (let i = 0; i < size; i++) {
        const primary = i % 2 === 0 ? skill.presales : skill.aftersales;
        const secondary = primary === skill.presales ? skill.aftersales : skill.presales;
        const skills = [
          { skillId: primary, level: 2 + random.int(4) },
          { skillId: secondary, level: 1 + random.int(3) },
        ];
        if (i % 3 === 0) skills.push({ skillId: skill.complaints, level: 2 + random.int(4) });
        if (i < 3) skills.push({ skillId: skill.vip, level: 3 + random.int(3) });
        people.push({ displayName: names.pop()!, role: 'agent', teamId, employeeNo: String(employeeNo++), password, skills });
      }
    }

    const telemarketingTeam = await createTeam(tx, { name: '电话营销组', siteId });
    const telemarketing = people.length;
    people.push({ username: `leader${demoTeamSizes.length + 1}`, displayName: names.pop()!, role: 'team_leader', teamId: telemarketingTeam, password });
    for (let i = 0; i < demoTelemarketers; i++) {
      people.push({ displayName: names.pop()!, role: 'agent', teamId: telemarketingTeam, employeeNo: String(employeeNo++), password });
    }

    // One salted hash per person, computed in parallel on libuv's thread pool.
    const hashes = await Promise.all(people.map((p) => hashPassword(p.password)));
    const ids: string[] = [];
    for (const [i, person] of people.entries()) ids.push(await createUser(tx, person, hashes[i]));
    // Agents' desk phones and softphones register with the demo password too.
    await seedSipPasswords(tx, password);

    // The inbound queues take the inbound teams only: the telemarketing team dials out.
    const inboundAgents = ids.slice(0, telemarketing).filter((_, i) => people[i]!.role === 'agent');
    await tx.query(`UPDATE queues SET routing = jsonb_set(routing, '{agents}', $1::jsonb)`, [JSON.stringify(inboundAgents)]);
    await seedDemoCampaign(tx, {
      leader: { userId: ids[telemarketing]!, role: 'team_leader', teamId: telemarketingTeam },
      agentIds: ids.slice(telemarketing + 1),
      names: chineseNames(demoCustomers, seededRandom(2027)),
      random: seededRandom(2028),
      today: localDate(now, timeZone),
    });
    const teamIds = (await tx.query<{ id: string }>('SELECT id FROM teams ORDER BY name')).map((t) => t.id);
    await seedDemoCustomers(tx, seededRandom(2029), { count: demoCrmCustomers, teamIds, salesUserIds: ids.slice(telemarketing + 1), now });

    return {
      teams: demoTeamSizes.length + 1,
      agents: agentCount,
      logins: people.map((p) => p.username ?? p.employeeNo!),
    };
  });
}
