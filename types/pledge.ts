import type { FourLead, PledgeRule, Signature } from './models';

/** The pledge domain: 四带头 member pledges signed by scanning the branch's QR code. */

/** The QR scene: `k=` and the session's short key; WeChat allows at most 32 characters. */
export const SCENE_PREFIX = 'k=';
export const SCENE_MAX = 32;
export const SESSION_KEY_LENGTH = 12;

export function sceneOf(key: string): string {
  return `${SCENE_PREFIX}${key}`;
}

/** The key in a scene, or null when it is not one of ours (tampered, truncated, foreign). */
export function keyOfScene(scene: string): string | null {
  const m = /^k=([A-Za-z0-9]{12})$/.exec(scene);
  return m ? m[1] : null;
}

/** The page a signing QR code opens, in the pledge sub-package. */
export const SIGN_PAGE = 'package-pledge/sign/index';

/** Problems with a member's commitments under the rule that applies to them; empty when fine. */
export function pledgeProblems(items: Record<FourLead, string[]>, rule: PledgeRule): { lead: FourLead; reason: string }[] {
  const problems: { lead: FourLead; reason: string }[] = [];
  for (const lead of Object.keys(items) as FourLead[]) {
    const filled = items[lead].map((t) => t.trim()).filter(Boolean);
    if (filled.length < rule.itemsPerLead) problems.push({ lead, reason: `至少填写 ${rule.itemsPerLead} 条承诺` });
    else if (filled.some((t) => [...t].length < rule.minLength)) problems.push({ lead, reason: `每条承诺至少 ${rule.minLength} 个字` });
  }
  return problems;
}

export interface SessionView {
  id: string;
  key: string;
  scene: string;
  page: string;
  branchId: string;
  branchName: string;
  roundKey: string;
  theme: string;
  status: 'open' | 'closed';
  qr: { fileID: string; url: string };
}

/** What the sign page needs after scanning. */
export interface SignPageView {
  sessionKey: string;
  branchId: string;
  branchName: string;
  roundKey: string;
  theme: string;
  deadline: string;
  isCadre: boolean;
  rule: PledgeRule;
  /** Cadres of the branch who have not signed yet: members wait for them. */
  cadresPending: number;
  mine: { items: Record<FourLead, string[]>; signatureUrl: string | null; signedAt: string } | null;
}

export interface SheetRow {
  memberId: string;
  name: string;
  studentNo: string;
  isCadre: boolean;
  post: string | null;
  items: Record<FourLead, string[]> | null;
  signature: { kind: 'image'; url: string } | { kind: 'name'; name: string } | null;
  signedAt: string | null;
}

export interface SheetView {
  branchId: string;
  branchName: string;
  roundKey: string;
  theme: string;
  total: number;
  signedCount: number;
  /** Cadres first, then by student number. */
  rows: SheetRow[];
}

export interface PledgeApi {
  /** Secretary: the open session of the branch and round (opened now if none), with its QR code. */
  openSession: { payload: { branchId: string; roundKey: string }; result: SessionView };
  /** Closes the session and opens a new one with a new key: old QR codes stop working. */
  rotateSession: { payload: { sessionId: string }; result: SessionView };
  closeSession: { payload: { sessionId: string }; result: { closed: true } };
  /** After scanning: who may sign what, and the caller's own pledge if signed. */
  scan: { payload: { scene: string }; result: SignPageView };
  /** Sign (or re-sign before the deadline, replacing). Signing twice at once creates one pledge. */
  sign: {
    payload: { scene: string; items: Record<FourLead, string[]>; signature: Signature };
    result: { signedAt: string; replaced: boolean };
  };
  sheet: { payload: { branchId: string; roundKey: string }; result: SheetView };
}
