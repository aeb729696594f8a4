/**
 * The demo university that local mode starts with: a committee, 3 colleges, 8 class branches with two
 * groups each, 200 members (cadres and secretaries among them), a leading group and one campaign whose
 * stages sit around today. Pure and deterministic (apart from the dates), so ids are stable.
 */
import { DEFAULT_RULES } from '../types/campaign';
import { addDays, shanghaiDay } from '../types/time';
import type { Campaign, Member, Org, RoleGrant, Staff, StageKey } from '../types/models';

export interface DemoData {
  orgs: Org[];
  members: Member[];
  roles: RoleGrant[];
  staff: Staff[];
  campaigns: Campaign[];
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
const GIVEN =
  '子涵 欣怡 梓萱 浩然 宇轩 思远 雨桐 俊杰 嘉怡 博文 一诺 雅琪 天佑 明轩 诗涵 泽宇 可馨 晨曦 志强 佳琪 昊天 若曦 文博 梦瑶 思彤 家豪 静怡 子墨 安琪 振华'.split(
    ' ',
  );
const CADRE_POSTS = ['团支书', '组织委员', '宣传委员'];

const COLLEGES = [
  { key: 'cs', name: '计算机学院团总支', classes: ['计科2301班', '计科2302班', '软工2301班'] },
  { key: 'em', name: '经济管理学院团总支', classes: ['会计2301班', '金融2301班', '工商2301班'] },
  { key: 'fl', name: '外国语学院团总支', classes: ['英语2301班', '日语2301班'] },
];
const MEMBERS_PER_BRANCH = 25;

/** A Shanghai calendar day relative to today, as the functions reckon days. */
function day(offset: number, base: Date): string {
  return addDays(shanghaiDay(base), offset);
}

export function demoData(today = new Date()): DemoData {
  const orgs: Org[] = [];
  const members: Member[] = [];
  const roles: RoleGrant[] = [];
  const staff: Staff[] = [];
  // Staff hold roles without a roster entry; in the demo they are already bound to demo identities.
  const addStaff = (key: string, name: string, title: string): Staff => {
    const s: Staff = { _id: `s-${key}`, name, title, openid: `demo-${key}`, inviteCode: null };
    staff.push(s);
    return s;
  };
  const committee: Org = {
    _id: 'org-committee',
    name: '校团委',
    level: 'committee',
    parentId: null,
    ancestors: [],
    archived: false,
    order: 0,
  };
  orgs.push(committee);
  const admin = addStaff('admin', '王建国', '校团委书记');
  roles.push({ _id: 'role-admin', role: 'admin', orgId: committee._id, holderId: admin._id, name: admin.name, openid: admin.openid });

  let serial = 0;
  COLLEGES.forEach((college, ci) => {
    const general: Org = {
      _id: `org-${college.key}`,
      name: college.name,
      level: 'general',
      parentId: committee._id,
      ancestors: [committee._id],
      archived: false,
      order: ci,
    };
    orgs.push(general);
    const gs = addStaff(`general-${college.key}`, `${SURNAMES[ci + 3]}老师`, '学院团总支书记');
    roles.push({
      _id: `role-general-${college.key}`,
      role: 'generalSecretary',
      orgId: general._id,
      holderId: gs._id,
      name: gs.name,
      openid: gs.openid,
    });

    college.classes.forEach((className, bi) => {
      const branchId = `${general._id}-${bi + 1}`;
      const branchAncestors = [committee._id, general._id];
      orgs.push({
        _id: branchId,
        name: `${className}团支部`,
        level: 'branch',
        parentId: general._id,
        ancestors: branchAncestors,
        archived: false,
        order: bi,
      });
      const groups = [1, 2].map((g) => ({
        _id: `${branchId}-g${g}`,
        name: `第${g === 1 ? '一' : '二'}团小组`,
        level: 'group' as const,
        parentId: branchId,
        ancestors: [...branchAncestors, branchId],
        archived: false,
        order: g,
      }));
      orgs.push(...groups);

      for (let i = 0; i < MEMBERS_PER_BRANCH; i++) {
        serial += 1;
        const studentNo = `2023${String(ci + 1).padStart(2, '0')}${String(bi + 1).padStart(2, '0')}${String(i + 1).padStart(2, '0')}`;
        const isCadre = i < CADRE_POSTS.length;
        // Cadres and the first few members are already bound, so local mode has people to sign in as.
        const bound = i < 6;
        members.push({
          _id: `m-${studentNo}`,
          studentNo,
          name: SURNAMES[serial % SURNAMES.length] + GIVEN[(serial * 7) % GIVEN.length],
          branchId,
          groupId: groups[i % 2]._id,
          orgPath: [...branchAncestors, branchId],
          isLeagueMember: i % 10 !== 9,
          isCadre,
          post: isCadre ? CADRE_POSTS[i] : null,
          openid: bound ? `demo-${studentNo}` : null,
        });
        if (i === 0) {
          const m = members[members.length - 1];
          roles.push({
            _id: `role-secretary-${studentNo}`,
            role: 'secretary',
            orgId: branchId,
            holderId: m._id,
            name: m.name,
            openid: m.openid,
          });
        }
      }
    });
  });

  // The leading group: each leader follows two grassroots branches as contact points.
  const leaders = [
    { key: 'leader-1', name: '赵书记', title: '校党委副书记', points: ['org-cs-1', 'org-em-2'] },
    { key: 'leader-2', name: '钱副书记', title: '校团委副书记', points: ['org-fl-1', 'org-cs-3'] },
  ];
  for (const l of leaders) {
    const s = addStaff(l.key, l.name, l.title);
    for (const orgId of l.points)
      roles.push({ _id: `role-${l.key}-${orgId}`, role: 'leader', orgId, holderId: s._id, name: s.name, openid: s.openid });
  }
  // One invited staff member who has not redeemed the code yet.
  staff.push({ _id: 's-invited', name: '孙老师', title: '外国语学院团总支副书记', openid: null, inviteCode: 'DEMO2026' });

  const stageDays: [StageKey, number, number][] = [
    ['mobilize', -20, -11],
    ['pledge', -10, 4],
    ['review', 5, 30],
    ['evaluate', 31, 45],
    ['commend', 46, 60],
  ];
  const campaigns: Campaign[] = [
    {
      _id: 'campaign-demo',
      title: '“党团共建、创先争优”活动',
      active: true,
      phases: [
        { key: 'phase-1', name: '第一阶段：庆祝建党90周年', start: day(-20, today), end: day(45, today) },
        { key: 'phase-2', name: '第二阶段：喜迎党的十八大', start: day(46, today), end: day(150, today) },
      ],
      rules: DEFAULT_RULES,
      stages: stageDays.map(([key, s, e]) => ({ key, start: day(s, today), end: day(e, today) })),
      rounds: [
        { key: 'round-1', theme: '牢记宗旨为民服务、庆祝建党90周年', start: day(-10, today), deadline: day(4, today) },
        { key: 'round-2', theme: '做贡献创佳绩、喜迎党的十八大', start: day(46, today), deadline: day(90, today) },
      ],
    },
  ];
  return { orgs, members, roles, staff, campaigns };
}
