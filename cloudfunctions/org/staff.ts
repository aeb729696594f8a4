import { randomBytes } from 'node:crypto';
import type { Org, Staff } from '../../types/models';
import type { AuditView, StaffView } from '../../types/org';
import { newInviteCode } from '../shared/invite-code';
import type { ActionContext } from '../shared/router';
import { audit } from '../shared/repositories/audit';
import { isDuplicateKey } from '../shared/repositories/db-errors';
import { staff } from '../shared/repositories/staff';
import { withAudit } from '../shared/repositories/unit-of-work';

const toStaffView = (s: Staff): StaffView => ({
  id: s._id,
  name: s.name,
  title: s.title,
  bound: Boolean(s.openid),
  inviteCode: s.inviteCode,
});

/** A staff account with a fresh invite code; the unique index settles the rare collision. */
export async function createStaff(ctx: ActionContext, name: string, title: string): Promise<StaffView> {
  for (let attempt = 0; ; attempt++) {
    const doc: Staff = { _id: `s-${randomBytes(6).toString('hex')}`, name, title, openid: null, inviteCode: newInviteCode() };
    try {
      await withAudit(ctx.openid, async (w) => {
        await w.insert(staff, doc);
        await w.audit({ action: 'createStaff', target: doc._id, before: null, after: { name, title } });
      });
    } catch (err) {
      if (isDuplicateKey(err) && attempt < 5) continue;
      throw err;
    }
    return toStaffView(doc);
  }
}

export async function listStaff(): Promise<StaffView[]> {
  return (await staff.all({})).map(toStaffView);
}

const AUDIT_PAGE = 20;

/** Changes anywhere in the org's subtree, newest first, 20 a page. */
export async function auditLog(org: Org, skip: number): Promise<{ items: AuditView[]; nextSkip: number | null }> {
  const rows = await audit.page({ scope: org._id }, { skip, limit: AUDIT_PAGE + 1, order: { field: 'at', direction: 'desc' } });
  const items = rows.slice(0, AUDIT_PAGE).map((e) => ({
    id: e._id,
    at: new Date(e.at).toISOString(),
    actor: e.actor,
    action: e.action,
    target: e.target,
    before: e.before,
    after: e.after,
  }));
  return { items, nextSkip: rows.length > AUDIT_PAGE ? skip + AUDIT_PAGE : null };
}
