import { ROLE_NAMES, ROLES, type Role } from '../../types/models';
import type { EmulatorDatabase } from '../db';
import { isRecord } from '../http/body';

export interface LocalIdentity {
  openid: string;
  label: string;
  description: string;
  /** The heading the sign-in page lists the identity under: its most senior role, 团干部, 团员 or 未绑定. */
  group: string;
}

export const VISITOR_OPENID = 'demo-visitor';
export const LOCAL_VISITOR_GROUP = '未绑定';
const PAGE = 1000;

type Doc = Record<string, unknown>;

async function readAll(db: EmulatorDatabase, collectionName: string): Promise<Doc[]> {
  const docs: Doc[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const reply = await db.handle('database.getDocument', { collectionName, queryType: 'WHERE', limit: PAGE, offset });
    const data = isRecord(reply.data) ? reply.data : {};
    const list = Array.isArray(data.list) ? data.list : [];
    for (const item of list) {
      const doc: unknown = typeof item === 'string' ? JSON.parse(item) : item;
      if (isRecord(doc)) docs.push(doc);
    }
    if (list.length < PAGE) return docs;
  }
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The demo people one can sign in as locally: everyone with a `demo-` openid in `members` or
 * `roles`, plus an unbound visitor. Most senior role first (admin … leader), then members, by name.
 */
export async function listIdentities(db: EmulatorDatabase): Promise<LocalIdentity[]> {
  const [members, roles, orgs] = await Promise.all([readAll(db, 'members'), readAll(db, 'roles'), readAll(db, 'orgs')]);
  const orgName = new Map(orgs.map((o) => [text(o._id), text(o.name)]));
  const byOpenid = new Map<
    string,
    { label: string; roles: { name: string; orgId: string }[]; rank: number; member: string | null; branchId: string; cadre: boolean }
  >();
  const entry = (openid: string) => {
    let e = byOpenid.get(openid);
    if (!e) {
      e = { label: '', roles: [], rank: ROLES.length, member: null, branchId: '', cadre: false };
      byOpenid.set(openid, e);
    }
    return e;
  };
  for (const m of members) {
    const openid = text(m.openid);
    if (!openid.startsWith('demo-')) continue;
    const e = entry(openid);
    e.label = text(m.name) || e.label;
    e.branchId = text(m.branchId);
    e.cadre = m.isCadre === true;
    const branch = orgName.get(e.branchId) ?? '';
    e.member = [branch, text(m.post) || (m.isLeagueMember === false ? '青年' : '团员'), text(m.studentNo)].filter(Boolean).join(' · ');
  }
  for (const r of roles) {
    const openid = text(r.openid);
    if (!openid.startsWith('demo-')) continue;
    const e = entry(openid);
    if (!e.label) e.label = text(r.name);
    const role = text(r.role);
    const roleName = role in ROLE_NAMES ? ROLE_NAMES[role as Role] : role;
    const rank = ROLES.indexOf(role as Role);
    if (rank >= 0) e.rank = Math.min(e.rank, rank);
    e.roles.push({ name: roleName, orgId: text(r.orgId) });
  }
  const identities = [...byOpenid.entries()]
    .map(([openid, e]) => ({
      openid,
      label: e.label || openid,
      // A secretary's own branch is already in the member line; name other orgs beside the role.
      description: [
        ...e.roles.map((r) => (r.orgId === e.branchId ? r.name : `${r.name}（${orgName.get(r.orgId) ?? r.orgId}）`)),
        ...(e.member ? [e.member] : []),
      ].join('；'),
      rank: e.rank,
      group: e.rank < ROLES.length ? ROLE_NAMES[ROLES[e.rank]] : e.cadre ? '团干部' : '团员',
    }))
    .sort((a, b) => a.rank - b.rank || a.label.localeCompare(b.label, 'zh-CN'))
    .map(({ openid, label, description, group }) => ({ openid, label, description, group }));
  identities.push({
    openid: VISITOR_OPENID,
    label: '访客（未绑定）',
    description: '尚未绑定团员名册的微信用户',
    group: LOCAL_VISITOR_GROUP,
  });
  return identities;
}
