import Taro, { useRouter } from '@tarojs/taro';

/** A query parameter of the current page ('' when absent), decoded once. */
export function useParam(name: string): string {
  const router = useRouter();
  const value = router.params[name];
  if (typeof value !== 'string') return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Asks before an action that cannot be undone. */
export async function confirmAction(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  try {
    const res = await Taro.showModal({ title, content, confirmText, confirmColor: '#c8161d', cancelText: '取消' });
    return res.confirm;
  } catch {
    return false;
  }
}
