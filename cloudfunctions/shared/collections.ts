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

/** One collection: its name stays a literal type, so CollectionName below is derived from this list. */
const collection = <N extends string>(name: N, indexes: IndexDecl[] = []): CollectionDecl & { name: N } => ({ name, indexes });

export const COLLECTIONS = [
  collection('orgs', [
    { name: 'parent', fields: { parentId: 1, order: 1 } },
    { name: 'ancestors', fields: { ancestors: 1 } },
  ]),
  collection('members', [
    { name: 'studentNo', fields: { studentNo: 1 }, unique: true },
    { name: 'openid', fields: { openid: 1 }, unique: true, sparse: true },
    { name: 'branch', fields: { branchId: 1, studentNo: 1 } },
    { name: 'orgPath', fields: { orgPath: 1 } },
  ]),
  collection('roles', [
    { name: 'openid', fields: { openid: 1 } },
    { name: 'grant', fields: { holderId: 1, role: 1, orgId: 1 }, unique: true },
    { name: 'org', fields: { orgId: 1, role: 1 } },
  ]),
  collection('staff', [
    { name: 'openid', fields: { openid: 1 }, unique: true, sparse: true },
    { name: 'inviteCode', fields: { inviteCode: 1 }, unique: true, sparse: true },
  ]),
  collection('bindAttempts'),
  collection('releaseRequests', [{ name: 'branch', fields: { branchId: 1, status: 1 } }]),
  collection('imports', [{ name: 'scope', fields: { scopeOrgId: 1, createdAt: -1 } }]),
  collection('importChunks', [{ name: 'job', fields: { jobId: 1, index: 1 }, unique: true }]),
  collection('campaigns', [{ name: 'active', fields: { active: 1 } }]),
  collection('plans', [{ name: 'org', fields: { campaignId: 1, orgId: 1 } }]),
  collection('meetings', [{ name: 'org', fields: { campaignId: 1, orgId: 1, date: -1 } }]),
  collection('orgPledges', [{ name: 'round', fields: { campaignId: 1, roundKey: 1, orgId: 1 } }]),
  collection('signSessions', [
    { name: 'key', fields: { key: 1 }, unique: true },
    { name: 'branch', fields: { branchId: 1, roundKey: 1, status: 1 } },
  ]),
  collection('memberPledges', [{ name: 'branch', fields: { campaignId: 1, roundKey: 1, branchId: 1 } }]),
  // Reminders: the consent ledger, events and one job per (event, person); see types/notify.ts.
  collection('consents', [{ name: 'openid', fields: { openid: 1 } }]),
  collection('notifyEvents', [
    { name: 'status', fields: { status: 1, createdAt: 1 } },
    { name: 'recent', fields: { createdAt: -1 } },
  ]),
  collection('notifyJobs', [
    { name: 'due', fields: { status: 1, notBefore: 1 } },
    { name: 'lane', fields: { status: 1, lane: 1, notBefore: 1 } },
    { name: 'batch', fields: { batch: 1, status: 1 } },
    { name: 'event', fields: { eventId: 1, orgPath: 1, status: 1 } },
  ]),
  collection('activities', [
    { name: 'feed', fields: { orgPath: 1, archived: 1, postedAt: -1 } },
    { name: 'round', fields: { campaignId: 1, roundKey: 1, orgId: 1 } },
    { name: 'attendee', fields: { 'attendees.id': 1 } },
    { name: 'trace', fields: { 'photos.traceId': 1 } },
    { name: 'attendKey', fields: { attendKey: 1 }, unique: true, sparse: true },
  ]),
  collection('checkIns', [
    { name: 'member', fields: { campaignId: 1, roundKey: 1, memberId: 1 } },
    { name: 'branch', fields: { campaignId: 1, roundKey: 1, branchId: 1 } },
    { name: 'trace', fields: { 'photos.traceId': 1 } },
  ]),
  collection('reviews', [{ name: 'scope', fields: { campaignId: 1, roundKey: 1, scopeId: 1 } }]),
  collection('summaries', [
    { name: 'parent', fields: { campaignId: 1, roundKey: 1, parentId: 1 } },
    { name: 'trace', fields: { 'photos.traceId': 1 } },
  ]),
  collection('audit', [
    { name: 'target', fields: { target: 1, at: -1 } },
    { name: 'scope', fields: { scope: 1, at: -1 } },
  ]),
  // 督促检查: inspections with findings, spot-check draws, rectifications (types/supervise.ts).
  collection('inspections', [{ name: 'org', fields: { orgPath: 1, date: -1 } }]),
  collection('draws', [{ name: 'scope', fields: { scopePath: 1, frozenAt: -1 } }]),
  collection('rectifications', [
    { name: 'scope', fields: { orgPath: 1, status: 1, deadline: 1 } },
    { name: 'due', fields: { status: 1, deadline: 1 } },
    { name: 'trace', fields: { 'answer.photos.traceId': 1 } },
  ]),
  // 进度看板: the materialised roll-up, one row per org and round (cloudfunctions/dashboard/refresh.ts).
  collection('rollups', [
    { name: 'org', fields: { orgId: 1, roundKey: 1 } },
    { name: 'current', fields: { current: 1, orgId: 1 } },
    { name: 'parent', fields: { parentId: 1, roundKey: 1 } },
    { name: 'lagging', fields: { ancestors: 1, level: 1, roundKey: 1, score: 1 } },
  ]),
  // Image-check verdicts that arrived before their photo's document was saved, by trace id (fulfil).
  collection('mediaVerdicts'),
  // 群众评议: ballots carry no voter and no time; a marker (HMAC id) says that someone voted (types/evaluate.ts).
  collection('evaluations', [
    { name: 'electorate', fields: { electorateOrgs: 1, opensAt: -1 } },
    { name: 'scope', fields: { scope: 1, opensAt: -1 } },
    { name: 'due', fields: { state: 1, closesAt: 1 } },
  ]),
  collection('ballots', [
    { name: 'evaluation', fields: { evaluationId: 1 } },
    { name: 'receipt', fields: { evaluationId: 1, receipt: 1 }, unique: true },
  ]),
  collection('ballotMarkers', [{ name: 'unit', fields: { evaluationId: 1, unitId: 1 } }]),
  collection('evaluationResults'),
  // 评比表彰 and 先进典型: see types/commend.ts.
  collection('commendations', [{ name: 'campaign', fields: { campaignId: 1, openedAt: -1 } }]),
  collection('nominations', [
    { name: 'subtree', fields: { commendationId: 1, orgPath: 1 } },
    { name: 'status', fields: { commendationId: 1, status: 1 } },
  ]),
  collection('commendSlots'),
  collection('objections', [{ name: 'commendation', fields: { commendationId: 1, status: 1 } }]),
  collection('awards', [
    { name: 'code', fields: { code: 1 }, unique: true },
    { name: 'subject', fields: { subjectId: 1, issuedAt: -1 } },
  ]),
  collection('stories', [
    { name: 'feed', fields: { archived: 1, postedAt: -1 } },
    { name: 'trace', fields: { 'photos.traceId': 1 } },
  ]),
];

/** Every collection's name, from the one declaration above: a repository cannot name a collection that is not declared. */
export type CollectionName = (typeof COLLECTIONS)[number]['name'];
