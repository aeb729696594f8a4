/** Small pure helpers shared by the 承诺 tab and the pledge sub-package. */
import { routes } from '@/routes';

/** Roster member id from a student number (whoami carries no member id). */
export function memberIdOf(studentNo: string): string {
  return `m-${studentNo}`;
}

/** Where a member's drawn signature is stored. */
export function signaturePath(campaignId: string, roundKey: string, memberId: string, at: number): string {
  return `pledge-signatures/${campaignId}/${roundKey}/${memberId}/${at}.png`;
}

/** H5 local mode: the link a signing QR code encodes, for a desktop user who cannot scan (hash router). */
export function signLink(origin: string, scene: string): string {
  return `${origin}/#${routes.sign(scene)}`;
}
