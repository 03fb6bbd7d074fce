import { seededRandom } from '@banzu/core';
import { hashPassword } from '../auth/password';
import { createCenter, createQueue, createSite, createSkill, createTeam, createUser, type NewUser } from '../org/index';
import type { Store } from '../store/index';
import { chineseNames } from './names';

export const demoTeamSizes = [13, 14, 12];
/** 工号 of the first demo agent; the others follow in order. */
export const firstDemoEmployeeNo = 8001;

export interface DemoSummary {
  teams: number;
  agents: number;
  logins: string[];
}

/**
 * The demo center created on first start: four queues, three teams of 12-14 agents with
 * Chinese names and 工号, their team leaders, a QA analyst and a manager, all with one password.
 *
 * @example
 * await seedDemoCenter(store, 'demo-pass');
 */
export async function seedDemoCenter(store: Store, password: string): Promise<DemoSummary> {
  const random = seededRandom(2026);
  const agentCount = demoTeamSizes.reduce((a, b) => a + b, 0);
  const names = chineseNames(agentCount + demoTeamSizes.length + 2, random);
  const people: NewUser[] = [
    { username: 'manager', displayName: names.pop()!, role: 'manager', password },
    { username: 'qa1', displayName: names.pop()!, role: 'qa', password },
  ];

  return store.transaction(async (tx) => {
    await createCenter(tx, {
      id: 'default',
      name: '班组示范中心 Banzu Demo Center',
      timeZone: 'Asia/Shanghai',
      hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]])),
      holidays: [],
    });
    const siteId = await createSite(tx, { name: '上海 Shanghai', centerId: 'default' });

    const skill = {
      presales: await createSkill(tx, { name: '售前 Presales', description: '产品咨询与购买 product questions and purchases' }),
      aftersales: await createSkill(tx, { name: '售后 After-sales', description: '维修与退换 repairs and returns' }),
      complaints: await createSkill(tx, { name: '投诉 Complaints', description: '投诉处理 complaint handling' }),
      vip: await createSkill(tx, { name: 'VIP 贵宾', description: '贵宾会员服务 VIP members' }),
    };
    await createQueue(tx, { name: '售前咨询', requiredSkills: [{ skillId: skill.presales, minLevel: 1 }], slThresholdSeconds: 20, slTarget: 0.8 });
    await createQueue(tx, { name: '售后服务', requiredSkills: [{ skillId: skill.aftersales, minLevel: 1 }], slThresholdSeconds: 20, slTarget: 0.8 });
    await createQueue(tx, { name: '投诉建议', requiredSkills: [{ skillId: skill.complaints, minLevel: 2 }], slThresholdSeconds: 30, slTarget: 0.8, priority: 5 });
    await createQueue(tx, { name: 'VIP专线', requiredSkills: [{ skillId: skill.vip, minLevel: 3 }], slThresholdSeconds: 10, slTarget: 0.9, priority: 10 });

    let employeeNo = firstDemoEmployeeNo;
    for (const [index, size] of demoTeamSizes.entries()) {
      const teamId = await createTeam(tx, { name: `客服${'一二三'[index]}组 Team ${index + 1}`, siteId });
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

    // One salted hash per person, computed in parallel on libuv's thread pool.
    const hashes = await Promise.all(people.map((p) => hashPassword(p.password)));
    for (const [i, person] of people.entries()) await createUser(tx, person, hashes[i]);

    return {
      teams: demoTeamSizes.length,
      agents: agentCount,
      logins: people.map((p) => p.username ?? p.employeeNo!),
    };
  });
}
