import { useRef } from 'react';
import { useDidShow } from '@tarojs/taro';

/** Calls `reload` whenever the page is shown again (back from another page, tab switched to), not on its first show. */
export function useReloadOnShow(reload: () => void): void {
  const firstShow = useRef(true);
  useDidShow(() => {
    if (firstShow.current) {
      firstShow.current = false;
      return;
    }
    reload();
  });
}
