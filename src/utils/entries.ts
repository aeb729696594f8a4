/** Which management screens 我的 offers, from the roles whoami reports. */
import type { WhoAmI } from '../../types/system';

export interface ManageEntry {
  /** Stable key, also used for the element id: mine-entry-<key>. */
  key: string;
  title: string;
  hint: string;
  url: string;
}

export const ADMIN_ROOT = '/package-admin';

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
    push({ key: 'org', title: '组织管理', hint: '组织树、书记任命', url: `${ADMIN_ROOT}/org/index` });
    push({ key: 'leaders', title: '领导小组', hint: '成员与联系点', url: `${ADMIN_ROOT}/leaders/index` });
    push({ key: 'staff', title: '工作人员', hint: '账号与邀请码', url: `${ADMIN_ROOT}/staff/index` });
  }
  const secretaryRoles = me.roles.filter((r) => r.role === 'generalSecretary' || r.role === 'secretary');
  for (const r of secretaryRoles) {
    const q = `orgId=${encodeURIComponent(r.orgId)}`;
    const suffix = secretaryRoles.length > 1 ? `-${r.orgId}` : '';
    if (!isAdmin) push({ key: `org${suffix}`, title: '组织管理', hint: r.orgName, url: `${ADMIN_ROOT}/org/index?${q}` });
    push({ key: `members${suffix}`, title: '花名册', hint: r.orgName, url: `${ADMIN_ROOT}/members/index?${q}` });
    push({ key: `import${suffix}`, title: '导入花名册', hint: r.orgName, url: `${ADMIN_ROOT}/import/index?${q}` });
  }
  return entries;
}
