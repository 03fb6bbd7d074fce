import type { Random } from '@banzu/core';
import { nameInitials } from '../crm/pinyin';
import type { Queryable } from '../store/index';

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程魏苏吕丁任沈姚卢欧阳';
const given = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '秀英',
  '晓东',
  '海燕',
  '建华',
  '志强',
  '春梅',
  '国庆',
  '玉兰',
  '文博',
  '子涵',
];
const tagPool = ['老客户', '团购', '企业客户', '价格敏感', '已投诉', '空调', '冰箱', '洗衣机', '以旧换新', '延保'];
const products = [
  ['变频空调 KFR-35GW', 329900],
  ['对开门冰箱 BCD-520', 459900],
  ['滚筒洗衣机 XQG100', 289900],
  ['燃气热水器 JSQ25', 199900],
  ['延保服务 3年', 29900],
] as const;
const serviceSubjects = [
  ['repair', '空调不制冷', '更换电容后恢复'],
  ['installation', '新机安装', '安装到位，客户满意'],
  ['maintenance', '年度清洗保养', ''],
  ['complaint', '上门迟到两小时', '已致歉并赠送延保'],
  ['return', '运输磕碰退货', '已换新机'],
] as const;
const opinions = ['觉得价格偏高，想等活动', '对节能款有兴趣', '需要和家人商量', '已比较三家，倾向我们', '暂时不需要'];
const intentions = ['high', 'medium', 'low', 'none'] as const;

const uuid = (random: Random) => {
  const hex = Array.from({ length: 32 }, () => random.int(16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
};

/**
 * The demo center's customers: Chinese names, mobile numbers of the kind the simulated callers
 * have (so some callers are known and pop up), classes with a few VIPs, tags, orders, repairs and
 * after-sales records with feedback, and field visits. Most belong to no team (everyone sees them).
 *
 * @example
 * await seedDemoCustomers(tx, seededRandom(2029), { count: 3000, teamIds, salesUserIds, now: Date.now() });
 */
export async function seedDemoCustomers(db: Queryable, random: Random, options: { count: number; teamIds: string[]; salesUserIds: string[]; now: number }): Promise<number> {
  const prefixes = ['138', '139', '150', '186', '135', '177', '189', '158'];
  const day = 86_400_000;
  const numbers = new Set<string>();
  const customers = [];
  const phones = [];
  const orders = [];
  const services = [];
  const visits = [];
  for (let i = 0; i < options.count; i++) {
    const id = uuid(random);
    const surname = random.next() < 0.02 ? '欧阳' : surnames[random.int(surnames.length - 2)]!;
    const name = `${surname}${given[random.int(given.length)]}`;
    const r = random.next();
    const classCode = r < 0.15 ? 'high_value' : r < 0.35 ? 'prospect' : r < 0.97 ? 'ordinary' : 'blacklisted';
    const vipLevel = classCode === 'high_value' && random.next() < 0.2 ? 8 : null;
    const tags = tagPool.filter(() => random.next() < 0.12);
    let mobile: string;
    do mobile = `+86${prefixes[random.int(prefixes.length)]}${String(random.int(100_000_000)).padStart(8, '0')}`;
    while (numbers.has(mobile));
    numbers.add(mobile);
    const since = options.now - (30 + random.int(1500)) * day;
    customers.push({
      id,
      external_id: `DEMO-${String(i + 1).padStart(5, '0')}`,
      name,
      initials: nameInitials(name),
      class_code: classCode,
      vip_level: vipLevel,
      tags,
      team_id: random.next() < 0.1 ? options.teamIds[random.int(options.teamIds.length)]! : null,
      created_at: new Date(since).toISOString(),
    });
    phones.push({ id, n: mobile, kind: 'mobile', pos: 0 });
    if (random.next() < 0.1) phones.push({ id, n: `+8621${String(50_000_000 + random.int(40_000_000))}`, kind: 'landline', pos: 1 });
    for (let k = random.next() < 0.5 ? 1 + random.int(3) : 0; k > 0; k--) {
      const [product, cents] = products[random.int(products.length)]!;
      orders.push({ id, no: `SO${100000 + orders.length}`, product, cents, at: new Date(since + random.int(Math.max(1, options.now - since))).toISOString() });
    }
    if (random.next() < 0.25) {
      const [kind, subject, feedback] = serviceSubjects[random.int(serviceSubjects.length)]!;
      const opened = options.now - random.int(300) * day;
      services.push({
        id,
        kind,
        subject,
        feedback,
        status: feedback ? 'closed' : 'open',
        opened: new Date(opened).toISOString(),
        satisfaction: feedback ? 3 + random.int(3) : null,
      });
    }
    if (classCode === 'prospect' && random.next() < 0.5 && options.salesUserIds.length > 0) {
      const at = options.now - random.int(60) * day;
      visits.push({
        id,
        by: options.salesUserIds[random.int(options.salesUserIds.length)]!,
        at: new Date(at).toISOString(),
        remote: random.next() < 0.4,
        opinion: opinions[random.int(opinions.length)]!,
        intention: intentions[random.int(intentions.length)]!,
        expected: new Date(at + (7 + random.int(60)) * day).toISOString().slice(0, 10),
        next: '电话回访确认需求',
      });
    }
  }
  await db.query(
    `INSERT INTO customers (id, external_id, name, name_initials, class_code, vip_level, tags, team_id, created_at, updated_at)
     SELECT id, external_id, name, initials, class_code, vip_level, ARRAY(SELECT jsonb_array_elements_text(tags)), team_id, created_at, created_at
     FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, external_id text, name text, initials text, class_code text, vip_level int, tags jsonb, team_id text, created_at timestamptz)`,
    [JSON.stringify(customers)],
  );
  await db.query(
    `INSERT INTO customer_phones (customer_id, number_e164, kind, position)
     SELECT id, n, kind, pos FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, n text, kind text, pos int) ON CONFLICT DO NOTHING`,
    [JSON.stringify(phones)],
  );
  await db.query(
    `INSERT INTO orders (customer_id, order_no, product, amount_cents, status, ordered_at)
     SELECT id, no, product, cents, 'delivered', at FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, no text, product text, cents bigint, at timestamptz)`,
    [JSON.stringify(orders)],
  );
  await db.query(
    `INSERT INTO service_records (customer_id, kind, subject, status, opened_at, closed_at, feedback, satisfaction)
     SELECT id, kind, subject, status, opened, CASE WHEN status = 'closed' THEN opened + interval '2 days' END, feedback, satisfaction
     FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, kind text, subject text, feedback text, status text, opened timestamptz, satisfaction int)`,
    [JSON.stringify(services)],
  );
  await db.query(
    `INSERT INTO field_visits (customer_id, by_user_id, visited_at, remote, opinion, intention, expected_date, next_step)
     SELECT id, by, at, remote, opinion, intention, expected, next
     FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, by text, at timestamptz, remote boolean, opinion text, intention text, expected date, next text)`,
    [JSON.stringify(visits)],
  );
  return customers.length;
}
