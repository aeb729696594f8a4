/** Which management screens 我的 offers, from the roles whoami reports. */
import type { WhoAmI } from '@contract/system';
import { routes } from '@/routes';

export interface ManageEntry {
  /** Stable key, also used for the element id: mine-entry-<key>. */
  key: string;
  title: string;
  hint: string;
  url: string;
}

export function managementEntries(me: WhoAmI): ManageEntry[] {
  const entries: ManageEntry[] = [];
  const seen = new Set<string>();
  const push = (entry: ManageEntry) => {
    if (seen.has(entry.key)) return;
    seen.add(entry.key);
    entries.push(entry);
  };
  const isAdmin = me.roles.some((r) => r.role === 'admin');
  if (isAdmin) {
    push({ key: 'org', title: '组织管理', hint: '组织树、书记任命', url: routes.org() });
    push({ key: 'leaders', title: '领导小组', hint: '成员与联系点', url: routes.leaders() });
    push({ key: 'staff', title: '工作人员', hint: '账号与邀请码', url: routes.staff() });
    push({ key: 'campaign', title: '活动设置', hint: '阶段、承诺轮次与标准', url: routes.campaign() });
    const adminOrg = me.roles.find((r) => r.role === 'admin')?.orgId ?? '';
    push({
      key: 'mobilize',
      title: '动员部署',
      hint: '实施方案与动员会',
      url: routes.mobilize(adminOrg),
    });
    push({ key: 'reach', title: '提醒送达', hint: '未收到提醒的名单', url: routes.reach(adminOrg) });
  }
  const contactPoints = me.roles.filter((r) => r.role === 'leader');
  if (contactPoints.length > 0) {
    push({ key: 'contacts', title: '我的联系点', hint: `${contactPoints.length} 个组织 · 承诺进展`, url: routes.contacts() });
  }
  const secretaryRoles = me.roles.filter((r) => r.role === 'generalSecretary' || r.role === 'secretary');
  for (const r of secretaryRoles) {
    const suffix = secretaryRoles.length > 1 ? `-${r.orgId}` : '';
    if (!isAdmin) push({ key: `org${suffix}`, title: '组织管理', hint: r.orgName, url: routes.org(r.orgId) });
    push({ key: `members${suffix}`, title: '花名册', hint: r.orgName, url: routes.members(r.orgId) });
    push({ key: `import${suffix}`, title: '导入花名册', hint: r.orgName, url: routes.import(r.orgId) });
    if (r.role === 'generalSecretary') {
      push({ key: `mobilize${suffix}`, title: '动员部署', hint: r.orgName, url: routes.mobilize(r.orgId) });
    }
    push({ key: `reach${suffix}`, title: '提醒送达', hint: r.orgName, url: routes.reach(r.orgId) });
    if (r.role === 'secretary') {
      push({
        key: `pledge-session${suffix}`,
        title: '四带头签名',
        hint: r.orgName,
        url: routes.session({ branchId: r.orgId }),
      });
    }
  }
  // 督促检查: the committee and the colleges see overdue (escalated) rectifications; a branch secretary answers its own.
  const adminOrg = me.roles.find((r) => r.role === 'admin')?.orgId;
  if (adminOrg) push({ key: 'rectify', title: '督促检查', hint: '逾期整改', url: routes.rectify({ orgId: adminOrg, filter: 'overdue' }) });
  for (const r of secretaryRoles) {
    const suffix = secretaryRoles.length > 1 ? `-${r.orgId}` : '';
    push({ key: `rectify${suffix}`, title: '限期整改', hint: r.orgName, url: routes.rectify({ orgId: r.orgId }) });
  }
  // 进度看板 for every role that oversees an org (its screen starts at the caller's own scope).
  if (me.roles.some((r) => r.role !== 'member'))
    push({ key: 'dashboard', title: '进度看板', hint: '各组织进展 · 导出名单', url: routes.dashboard() });
  return entries;
}
