import { FOUR_LEAD_NAMES, type FourLead, type PledgeRule, type Signature } from './models';

/** The pledge domain: 四带头 member pledges signed by scanning the branch's QR code. */

/** The QR scene: `k=` and the session's short key; WeChat allows at most 32 characters. */
export const SCENE_PREFIX = 'k=';
export const SCENE_MAX = 32;
export const SESSION_KEY_LENGTH = 12;

/**
 * 自动更换: while the session page is open it asks for a new key every ROTATE_EVERY_MS. A replaced key still
 * opens the sign page for KEY_GRACE_MS (a scan during the change works), and no automatic key opens it once
 * it is KEY_MAX_AGE_MS old (the page went away): a forwarded screenshot dies within about two minutes.
 * Someone who scanned in time has SIGN_WINDOW_MS more to write and sign.
 */
export const ROTATE_EVERY_MS = 60_000;
export const KEY_GRACE_MS = 30_000;
export const KEY_MAX_AGE_MS = 120_000;
export const SIGN_WINDOW_MS = 15 * 60_000;
/** The answer to a scan of an automatic key that is too old (the sign page shows it as its own state). */
export const QR_STALE = '二维码已自动更换，截图或转发的二维码很快就会失效';

export function sceneOf(key: string): string {
  return `${SCENE_PREFIX}${key}`;
}

/**
 * Whether a scanned key still opens the sign page at `nowMs` (server clock): 'open'; 'replaced' (an
 * automatic key inside its grace: valid while the branch's signing is still open); 'stale' (an automatic
 * key too old or past its grace); 'closed' (changed by hand or signing ended). `extraMs` widens the
 * windows for signing after a timely scan (SIGN_WINDOW_MS).
 */
export function keyState(
  s: { status: 'open' | 'closed'; auto?: boolean; createdAt: Date | string; replacedAt?: Date | string },
  nowMs: number,
  extraMs = 0,
): 'open' | 'replaced' | 'stale' | 'closed' {
  const young = nowMs - new Date(s.createdAt).getTime() <= KEY_MAX_AGE_MS + extraMs;
  if (s.status === 'open') return !s.auto || young ? 'open' : 'stale';
  if (!s.replacedAt) return 'closed';
  return young && nowMs - new Date(s.replacedAt).getTime() <= KEY_GRACE_MS + extraMs ? 'replaced' : 'stale';
}

/** The key in a scene, or null when it is not one of ours (tampered, truncated, foreign). */
export function keyOfScene(scene: string): string | null {
  const m = /^k=([A-Za-z0-9]{12})$/.exec(scene);
  return m ? m[1] : null;
}

/** The page a signing QR code opens, in the pledge sub-package. */
export const SIGN_PAGE = 'package-pledge/sign/index';

/**
 * The characters that carry meaning in a commitment: letters (Han characters included) and digits. Emoji,
 * punctuation, spaces and symbols do not count toward the rule's minimum length, so ten emoji are not a
 * commitment.
 */
export function meaningfulLength(text: string): number {
  return (text.match(/[\p{L}\p{Nd}]/gu) ?? []).length;
}

/** A commitment as compared with the others: its meaningful characters, lower-case. */
function gist(text: string): string {
  return (text.match(/[\p{L}\p{Nd}]/gu) ?? []).join('').toLowerCase();
}

/** One phrase said again and again ("学习学习学习"): padding, not a longer commitment. */
function repeatsItself(text: string): boolean {
  const g = gist(text);
  return g.length >= 2 && /^(.+?)\1+$/u.test(g);
}

/** How the rule reads before anyone fails it (the sign page states it above the form). */
export function ruleText(rule: PledgeRule): string {
  return `每项至少填写 ${rule.itemsPerLead} 条具体承诺，每条不少于 ${rule.minLength} 个字（只计汉字、字母和数字），各条承诺不能重复`;
}

/**
 * Problems with a member's commitments under the rule that applies to them; empty when fine. Length
 * counts meaningful characters only, and a commitment that repeats another one of the same pledge (under
 * any lead, ignoring spaces, punctuation and emoji) or repeats itself is refused with the reason.
 */
export function pledgeProblems(items: Record<FourLead, string[]>, rule: PledgeRule): { lead: FourLead; reason: string }[] {
  const problems: { lead: FourLead; reason: string }[] = [];
  const seen = new Map<string, { lead: FourLead; n: number }>();
  for (const lead of Object.keys(items) as FourLead[]) {
    const filled = items[lead].map((t) => t.trim()).filter(Boolean);
    const where = (n: number) => (filled.length > 1 ? `第 ${n} 条` : '这条承诺');
    let reason: string | null = null;
    if (filled.length < rule.itemsPerLead) reason = `至少填写 ${rule.itemsPerLead} 条承诺`;
    for (const [i, t] of filled.entries()) {
      if (reason) break;
      const g = gist(t);
      const first = seen.get(g);
      if (meaningfulLength(t) < rule.minLength) {
        reason = `${where(i + 1)}只有 ${meaningfulLength(t)} 个字，每条至少 ${rule.minLength} 个字（只计汉字、字母和数字，不计表情和标点）`;
      } else if (repeatsItself(t)) {
        reason = `${where(i + 1)}在重复同一句话，请写具体的承诺`;
      } else if (first) {
        const other = first.lead === lead ? `本项第 ${first.n} 条` : `“${FOUR_LEAD_NAMES[first.lead]}”中的一条`;
        reason = `${where(i + 1)}与${other}重复，每条承诺须各不相同`;
      } else {
        seen.set(g, { lead, n: i + 1 });
      }
    }
    if (reason) problems.push({ lead, reason });
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
  /** 自动更换 is on: the page calls tickSession and the key changes every ROTATE_EVERY_MS. */
  auto: boolean;
  /** When this key was issued (server clock). */
  issuedAt: string;
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
  /** Turns 自动更换 on (a fresh automatic key at once) or off (the key on screen stays until changed). */
  setAutoRotate: { payload: { sessionId: string; auto: boolean }; result: SessionView };
  /**
   * The session page asks every few seconds while it is visible: the automatic key on screen is replaced
   * once it is ROTATE_EVERY_MS old (the old one keeps its grace); otherwise the session as it is.
   */
  tickSession: { payload: { sessionId: string }; result: SessionView };
  /** After scanning: who may sign what, and the caller's own pledge if signed. */
  scan: { payload: { scene: string }; result: SignPageView };
  /** Sign (or re-sign before the deadline, replacing). Signing twice at once creates one pledge. */
  sign: {
    payload: { scene: string; items: Record<FourLead, string[]>; signature: Signature };
    result: { signedAt: string; replaced: boolean };
  };
  sheet: { payload: { branchId: string; roundKey: string }; result: SheetView };
}
