/**
 * The one declaration of every collection and its indexes. The emulator creates and enforces these at
 * start; scripts/deploy prints them for the cloud console. Pure data: no I/O here.
 */
export interface IndexDecl {
  name: string;
  /** Field paths in key order, 1 ascending / -1 descending. */
  fields: Record<string, 1 | -1>;
  unique?: boolean;
  /** With unique: documents where any indexed field is null or missing are not constrained. */
  sparse?: boolean;
}

export interface CollectionDecl {
  name: string;
  indexes: IndexDecl[];
}

export const COLLECTIONS: CollectionDecl[] = [
  {
    name: 'orgs',
    indexes: [
      { name: 'parent', fields: { parentId: 1, order: 1 } },
      { name: 'ancestors', fields: { ancestors: 1 } },
    ],
  },
  {
    name: 'members',
    indexes: [
      { name: 'studentNo', fields: { studentNo: 1 }, unique: true },
      { name: 'openid', fields: { openid: 1 }, unique: true, sparse: true },
      { name: 'branch', fields: { branchId: 1, studentNo: 1 } },
      { name: 'orgPath', fields: { orgPath: 1 } },
    ],
  },
  {
    name: 'roles',
    indexes: [
      { name: 'openid', fields: { openid: 1 } },
      { name: 'grant', fields: { holderId: 1, role: 1, orgId: 1 }, unique: true },
      { name: 'org', fields: { orgId: 1, role: 1 } },
    ],
  },
  {
    name: 'staff',
    indexes: [
      { name: 'openid', fields: { openid: 1 }, unique: true, sparse: true },
      { name: 'inviteCode', fields: { inviteCode: 1 }, unique: true, sparse: true },
    ],
  },
  { name: 'bindAttempts', indexes: [] },
  { name: 'releaseRequests', indexes: [{ name: 'branch', fields: { branchId: 1, status: 1 } }] },
  { name: 'imports', indexes: [{ name: 'scope', fields: { scopeOrgId: 1, createdAt: -1 } }] },
  { name: 'importChunks', indexes: [{ name: 'job', fields: { jobId: 1, index: 1 }, unique: true }] },
  { name: 'campaigns', indexes: [{ name: 'active', fields: { active: 1 } }] },
  { name: 'plans', indexes: [{ name: 'org', fields: { campaignId: 1, orgId: 1 } }] },
  { name: 'meetings', indexes: [{ name: 'org', fields: { campaignId: 1, orgId: 1, date: -1 } }] },
  { name: 'orgPledges', indexes: [{ name: 'round', fields: { campaignId: 1, roundKey: 1, orgId: 1 } }] },
  {
    name: 'signSessions',
    indexes: [
      { name: 'key', fields: { key: 1 }, unique: true },
      { name: 'branch', fields: { branchId: 1, roundKey: 1, status: 1 } },
    ],
  },
  { name: 'memberPledges', indexes: [{ name: 'branch', fields: { campaignId: 1, roundKey: 1, branchId: 1 } }] },
  {
    name: 'audit',
    indexes: [
      { name: 'target', fields: { target: 1, at: -1 } },
      { name: 'scope', fields: { scope: 1, at: -1 } },
    ],
  },
];

export type CollectionName =
  | 'orgs'
  | 'members'
  | 'roles'
  | 'staff'
  | 'bindAttempts'
  | 'releaseRequests'
  | 'imports'
  | 'importChunks'
  | 'campaigns'
  | 'plans'
  | 'meetings'
  | 'orgPledges'
  | 'signSessions'
  | 'memberPledges'
  | 'audit';
