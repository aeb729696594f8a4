/** Modal and toast feedback, the same on every page. */
import Taro from '@tarojs/taro';
import { toCloudError } from '@/services/cloud';

/** Asks before an action that cannot be undone. */
export async function confirmAction(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  try {
    const res = await Taro.showModal({ title, content, confirmText, confirmColor: '#c8161d', cancelText: '取消' });
    return res.confirm;
  } catch {
    return false;
  }
}

/** A failure's message as a toast. */
export function toastError(err: unknown): void {
  void Taro.showToast({ title: toCloudError(err).message, icon: 'none', duration: 2500 });
}

export function toastOk(title: string): void {
  void Taro.showToast({ title, icon: 'success' });
}

/** Runs the task under a loading toast, hidden however it ends. */
export async function withLoading<T>(title: string, task: () => Promise<T>): Promise<T> {
  void Taro.showLoading({ title });
  try {
    return await task();
  } finally {
    void Taro.hideLoading();
  }
}
