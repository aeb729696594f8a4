import Taro, { useRouter } from '@tarojs/taro';
import { ORG_LEVEL_NAMES, type OrgLevel } from '@contract/models';
import { toCloudError } from '@/services/cloud';

/** Asks before a destructive action. */
export async function confirmAction(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  try {
    const res = await Taro.showModal({ title, content, confirmText, confirmColor: '#c8161d', cancelText: '取消' });
    return res.confirm;
  } catch {
    return false;
  }
}

export function toastError(err: unknown): void {
  void Taro.showToast({ title: toCloudError(err).message, icon: 'none', duration: 2500 });
}

export function toastOk(title: string): void {
  void Taro.showToast({ title, icon: 'success' });
}

/** A query parameter of the current page ('' when absent). */
export function useParam(name: string): string {
  const router = useRouter();
  const value = router.params[name];
  return typeof value === 'string' ? decodeURIComponent(value) : '';
}

/** One character for the level badge. */
export const LEVEL_BADGE: Record<OrgLevel, string> = { committee: '委', general: '总', branch: '支', group: '组' };

export function levelName(level: OrgLevel): string {
  return ORG_LEVEL_NAMES[level];
}

/** The level a child of this level has, or null for groups (no children). */
export function childLevel(level: OrgLevel): OrgLevel | null {
  if (level === 'committee') return 'general';
  if (level === 'general') return 'branch';
  if (level === 'branch') return 'group';
  return null;
}
