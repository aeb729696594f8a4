import { useCallback, useEffect, useRef, useState } from 'react';
import { type CloudError, toCloudError } from '@/services/cloud';

export interface ActionState {
  /** True while a task runs; a second run meanwhile is ignored. */
  busy: boolean;
  /** The last task's failure (cleared when the next one starts), or a problem set with setError. */
  error: CloudError | null;
  setError: (error: CloudError | null) => void;
  /** Runs the task unless one is running; never rejects. */
  run: (task: () => Promise<void>) => Promise<void>;
}

/**
 * A form's submit: busy while the task runs, its failure as a CloudError, nothing set after unmount.
 * `onError` also sees each failure (e.g. to show it as a toast or next to a field).
 */
export function useAction(options: { onError?: (error: CloudError) => void } = {}): ActionState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CloudError | null>(null);
  const running = useRef(false);
  const mounted = useRef(true);
  const onError = useRef(options.onError);
  onError.current = options.onError;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async (task: () => Promise<void>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (err) {
      const e = toCloudError(err);
      if (mounted.current) setError(e);
      onError.current?.(e);
    } finally {
      running.current = false;
      if (mounted.current) setBusy(false);
    }
  }, []);

  return { busy, error, setError, run };
}
