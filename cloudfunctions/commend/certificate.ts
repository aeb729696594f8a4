/**
 * Certificates: each award has a short verification code; its 小程序码 carries `c=<code>` (the QR scene holds
 * 32 characters) and opens a public page that asks `verify`. The code is drawn from the crypto RNG over an
 * alphabet without look-alikes; the unique index on it turns a collision into a duplicate key (another draw).
 */
import { randomInt } from 'node:crypto';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  VERIFY_PAGE,
  isAwardCode,
  verifySceneOf,
  type Award,
  type AwardView,
  type CertificateView,
  type VerifyResult,
} from '../../types/commend';
import { sdk } from '../shared/cloud';
import { AppError, forbidden } from '../shared/errors';
import { awards } from '../shared/repositories/awards';
import type { LoadedContext } from '../shared/router';
import { tempFileURLs, uploadFile } from '../shared/storage';

export function newAwardCode(): string {
  let out = '';
  for (let i = 0; i < CODE_LENGTH; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return out;
}

export function awardView(a: Award): AwardView {
  return {
    id: a._id,
    code: a.code,
    commendationTitle: a.commendationTitle,
    awardName: a.awardName,
    subject: a.subject,
    subjectName: a.subjectName,
    branchName: a.branchName,
    issuedOn: a.issuedOn,
  };
}

/** The certificate's 小程序码, drawn once and kept in storage. */
async function qrOf(a: Award): Promise<string> {
  if (a.qrFileID) return a.qrFileID;
  const res = (await sdk().openapi.wxacode.getUnlimited({ scene: verifySceneOf(a.code), page: VERIFY_PAGE, checkPath: false })) as {
    buffer?: unknown;
  };
  if (!Buffer.isBuffer(res.buffer)) throw new Error('wxacode.getUnlimited returned no image');
  const fileID = await uploadFile(`commend-qr/${a.code}.png`, res.buffer);
  await awards.setQr(a._id, fileID);
  return fileID;
}

/**
 * A certificate, for the winner (a member award: only the winner among plain members; an org award: the
 * branch's members), the secretaries above them and the committee.
 */
export async function certificate(ctx: LoadedContext<Award>): Promise<CertificateView> {
  const a = ctx.loaded;
  const staff = ctx.roles.some((r) => r !== 'member');
  if (!staff && a.subject === 'member') {
    const { member } = await ctx.caller();
    if (member?._id !== a.subjectId) throw forbidden('只能查看本人的荣誉证书');
  }
  const [url] = await tempFileURLs([await qrOf(a)]);
  if (!url) throw new AppError('INTERNAL', '证书二维码获取失败，请稍后再试');
  return { ...awardView(a), scene: verifySceneOf(a.code), page: VERIFY_PAGE, qrUrl: url, issuer: a.issuer };
}

/** Anyone: a real code names its award; anything else (forged, mistyped) is simply not valid. */
export async function verify(code: string): Promise<VerifyResult> {
  const normal = code.trim().toUpperCase();
  if (!isAwardCode(normal)) return { valid: false };
  const a = await awards.byCode(normal);
  return a ? { valid: true, award: awardView(a), issuer: a.issuer } : { valid: false };
}
