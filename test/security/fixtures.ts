/**
 * Fresh things for each authorisation case, written straight through the SDK (already pointed at the
 * test emulator by the seed), so that a call allowed to change them changes nothing another case uses.
 */
import type { ImportJob, Member, Org, RoleGrant, SignSession, Staff } from '../../types/models';
import { sceneOf } from '../../types/pledge';

export interface Fixtures {
  group(branchId: string): Promise<string>;
  /** A new branch beside the given one (same college). */
  siblingBranch(branchId: string): Promise<string>;
  /** A secretary grant on a new sibling branch, held by a new member. */
  secretaryGrant(branchId: string): Promise<string>;
  member(branchId: string, bound?: boolean): Promise<string>;
  staff(): Promise<string>;
  leaderGrant(orgId: string): Promise<string>;
  rosterFile(orgId: string): Promise<string>;
  importJob(orgId: string): Promise<string>;
  /** An open 四带头 signing session of round-1 for the branch. */
  session(branchId: string): Promise<{ id: string; scene: string }>;
}

const COLLEGE_OF: Record<string, string> = { 'org-cs-1': 'org-cs', 'org-fl-1': 'org-fl' };

export function fixtures(): Fixtures {
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  const db = cloud.database();
  let n = 0;
  const next = () => String(++n).padStart(4, '0');
  const put = async <T extends { _id: string }>(collection: string, doc: T): Promise<string> => {
    const { _id, ...rest } = doc;
    await db.collection(collection).doc(_id).set({ data: rest });
    return _id;
  };
  const pathOf = (branchId: string) => ['org-committee', COLLEGE_OF[branchId], branchId];

  return {
    group: (branchId) =>
      put<Org>('orgs', {
        _id: `fx-group-${next()}`,
        name: '临时小组',
        level: 'group',
        parentId: branchId,
        ancestors: pathOf(branchId),
        archived: false,
        order: 9,
      }),
    siblingBranch: (branchId) =>
      put<Org>('orgs', {
        _id: `fx-branch-${next()}`,
        name: `临时${next()}班团支部`,
        level: 'branch',
        parentId: COLLEGE_OF[branchId],
        ancestors: ['org-committee', COLLEGE_OF[branchId]],
        archived: false,
        order: 9,
      }),
    secretaryGrant: async (branchId) => {
      const sibling = await put<Org>('orgs', {
        _id: `fx-branch-${next()}`,
        name: '临时班团支部',
        level: 'branch',
        parentId: COLLEGE_OF[branchId],
        ancestors: ['org-committee', COLLEGE_OF[branchId]],
        archived: false,
        order: 9,
      });
      return put<RoleGrant>('roles', {
        _id: `role-fx-${next()}`,
        role: 'secretary',
        orgId: sibling,
        holderId: `m-fx-${next()}`,
        name: '临时书记',
        openid: null,
      });
    },
    member: (branchId, bound = false) => {
      const no = `20990000${next()}`;
      return put<Member>('members', {
        _id: `m-${no}`,
        studentNo: no,
        name: '临时团员',
        branchId,
        groupId: null,
        orgPath: pathOf(branchId),
        isLeagueMember: true,
        isCadre: false,
        post: null,
        openid: bound ? `fx-openid-${no}` : null,
      });
    },
    staff: () => put<Staff>('staff', { _id: `s-fx-${next()}`, name: '临时老师', title: '辅导员', openid: null, inviteCode: null }),
    leaderGrant: async (orgId) => {
      const holderId = await put<Staff>('staff', {
        _id: `s-fx-${next()}`,
        name: '临时领导',
        title: '领导小组成员',
        openid: null,
        inviteCode: null,
      });
      return put<RoleGrant>('roles', { _id: `role-fx-${next()}`, role: 'leader', orgId, holderId, name: '临时领导', openid: null });
    },
    rosterFile: async (orgId) => {
      const csv = '学号,姓名,学院,班级\n2099123401,测试同学,计算机学院,计科2301班\n';
      const res = (await cloud.uploadFile({ cloudPath: `roster-imports/${orgId}/${next()}.csv`, fileContent: Buffer.from(csv) })) as {
        fileID: string;
      };
      return res.fileID;
    },
    session: async (branchId) => {
      const key = `Fx${next()}${'abcdef'.slice(0, 6)}`;
      const _id = `session-fx-${next()}`;
      // A stored QR image: actions that answer with the session view fetch its URL.
      const { fileID: qrFileID } = await cloud.uploadFile({ cloudPath: `pledge-qr/${_id}.png`, fileContent: Buffer.from('fixture') });
      const id = await put<SignSession>('signSessions', {
        _id,
        key,
        campaignId: 'campaign-demo',
        roundKey: 'round-1',
        branchId,
        status: 'open',
        openedBy: 'fixture',
        createdAt: new Date(),
        qrFileID,
      });
      return { id, scene: sceneOf(key) };
    },
    importJob: (orgId) => {
      const now = new Date();
      return put<ImportJob>('imports', {
        _id: `job-fx-${next()}`,
        scopeOrgId: orgId,
        fileID: 'cloud://none',
        fileName: '名单.csv',
        createdBy: 'fixture',
        status: 'done',
        total: 0,
        valid: 0,
        errorCount: 0,
        errors: [],
        chunkCount: 0,
        cursor: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        createdAt: now,
        updatedAt: now,
      });
    },
  };
}
