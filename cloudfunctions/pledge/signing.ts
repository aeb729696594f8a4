/** After scanning the branch's QR code: the sign page, and signing the 四带头 pledge. */
import { FOUR_LEADS, FOUR_LEAD_NAMES, type FourLead, type MemberPledge, type Signature } from '../../types/models';
import { pledgeProblems, type SignPageView } from '../../types/pledge';
import { shanghaiDay } from '../../types/time';
import { ERROR_MESSAGES } from '../../types/errors';
import { assertTextSafe } from '../shared/content-security';
import { AppError } from '../shared/errors';
import { memberPledgeId, memberPledges } from '../shared/repositories/member-pledges';
import { orgs } from '../shared/repositories/orgs';
import { roles } from '../shared/repositories/roles';
import { tempFileURLs } from '../shared/storage';
import { cadresPending, resolveScan, type Scanned } from './common';
import { checkSignatureImage, signatureFolder } from './signature';

type Items = Record<FourLead, string[]>;

/** Unbound callers go to binding; a staff account (roles but no roster entry) is simply not a member. */
async function requireMember(scanned: Scanned, openid: string): Promise<NonNullable<Scanned['member']>> {
  if (scanned.member) return scanned.member;
  const grants = await roles.ofOpenid(openid);
  if (grants.length > 0) throw new AppError('FORBIDDEN', '你不是该团支部的团员');
  throw new AppError('NOT_BOUND', ERROR_MESSAGES.NOT_BOUND);
}

export async function scan(p: { scene: string }, openid: string): Promise<SignPageView> {
  const scanned = await resolveScan(p.scene, openid);
  const member = await requireMember(scanned, openid);
  const { session, campaign, round } = scanned;
  const [branch, pending, mine] = await Promise.all([
    orgs.byId(session.branchId),
    cadresPending(campaign._id, round.key, session.branchId),
    memberPledges.byId(memberPledgeId(campaign._id, round.key, member._id)),
  ]);
  let signatureUrl: string | null = null;
  if (mine?.signature.kind === 'image') [signatureUrl] = await tempFileURLs([mine.signature.fileID]);
  return {
    sessionKey: session.key,
    branchId: session.branchId,
    branchName: branch?.name ?? '',
    roundKey: round.key,
    theme: round.theme,
    deadline: round.deadline,
    isCadre: member.isCadre,
    rule: member.isCadre ? campaign.rules.cadre : campaign.rules.member,
    cadresPending: pending,
    mine: mine ? { items: mine.items, signatureUrl, signedAt: new Date(mine.signedAt).toISOString() } : null,
  };
}

export async function sign(
  p: { scene: string; items: Items; signature: Signature },
  openid: string,
): Promise<{ signedAt: string; replaced: boolean }> {
  const scanned = await resolveScan(p.scene, openid, 'sign');
  const member = await requireMember(scanned, openid);
  const { session, campaign, round } = scanned;

  const now = new Date();
  if (shanghaiDay(now) > round.deadline) throw new AppError('DEADLINE_PASSED', `本轮承诺已于 ${round.deadline} 截止签署`);

  const items = Object.fromEntries(FOUR_LEADS.map((lead) => [lead, p.items[lead].map((t) => t.trim()).filter(Boolean)])) as Items;
  const rule = member.isCadre ? campaign.rules.cadre : campaign.rules.member;
  const [problem] = pledgeProblems(items, rule);
  if (problem) {
    const who = member.isCadre ? '（团干部标准）' : '';
    throw new AppError('INVALID_ARGUMENT', `${FOUR_LEAD_NAMES[problem.lead]}：${problem.reason}${who}`, `items.${problem.lead}`);
  }

  if (p.signature.kind === 'name' && p.signature.name.trim() !== member.name) {
    throw new AppError('INVALID_ARGUMENT', '签名须与名册中的姓名一致', 'signature.name');
  }

  if (!member.isCadre && (await cadresPending(campaign._id, round.key, session.branchId)) > 0) {
    throw new AppError('CONFLICT', '请等待本支部团干部先签署承诺');
  }

  await assertTextSafe(
    FOUR_LEADS.flatMap((lead) => items[lead]),
    openid,
    'items',
  );
  const signature: Signature =
    p.signature.kind === 'image' ? { kind: 'image', fileID: p.signature.fileID } : { kind: 'name', name: member.name };
  if (signature.kind === 'image') await checkSignatureImage(signature.fileID, signatureFolder(campaign._id, round.key, member._id));

  const pledge: MemberPledge = {
    _id: memberPledgeId(campaign._id, round.key, member._id),
    campaignId: campaign._id,
    roundKey: round.key,
    branchId: session.branchId,
    memberId: member._id,
    name: member.name,
    isCadre: member.isCadre,
    items,
    signature,
    signedAt: now,
  };
  const { replaced } = await memberPledges.sign(pledge);
  return { signedAt: now.toISOString(), replaced };
}
