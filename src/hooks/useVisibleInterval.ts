import { useEffect, useRef, useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';

/**
 * Calls `tick` every `ms` while the page is on screen: paused when the page is hidden (another page on
 * top, the app in the background, in H5 also a hidden browser tab) and run once at once when it shows
 * again. `ms` null: stopped.
 */
export function useVisibleInterval(tick: () => void, ms: number | null): void {
  const tickRef = useRef(tick);
  tickRef.current = tick;
  const [shown, setShown] = useState(true);
  const [tabVisible, setTabVisible] = useState(() => !IS_H5 || typeof document === 'undefined' || document.visibilityState !== 'hidden');
  const wasHidden = useRef(false);

  useDidShow(() => setShown(true));
  useDidHide(() => setShown(false));

  useEffect(() => {
    if (!IS_H5 || typeof document === 'undefined') return undefined;
    const onChange = () => setTabVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);

  const visible = shown && tabVisible;
  useEffect(() => {
    if (!visible || ms === null) {
      wasHidden.current = true;
      return undefined;
    }
    if (wasHidden.current) {
      wasHidden.current = false;
      tickRef.current();
    }
    const timer = setInterval(() => tickRef.current(), ms);
    return () => clearInterval(timer);
  }, [visible, ms]);
}
