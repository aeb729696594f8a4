import { useCallback, useEffect, useState } from 'react';
import type { LocalClock, LocalClockChange, LocalClockMoved } from '@contract/app';
import { type CloudError, toCloudError } from '@/services/cloud';
import { getClock, moveClock } from '@/services/local';

/**
 * One copy of the emulator's clock for every mounted page, so a move on 本地工具 shows at once on the
 * pages beneath it (我的, their banners) without polling.
 */
let latest: LocalClock | null = null;
const listeners = new Set<(clock: LocalClock) => void>();

function publish(clock: LocalClock): void {
  latest = clock;
  for (const listener of listeners) listener(clock);
}

export interface LocalClockState {
  clock: LocalClock | null;
  error: CloudError | null;
  reload: () => Promise<void>;
}

/** The emulator's clock, read on mount when `enabled` (local mode); follows every later move. */
export function useLocalClock(enabled: boolean): LocalClockState {
  const [clock, setClock] = useState<LocalClock | null>(latest);
  const [error, setError] = useState<CloudError | null>(null);

  const reload = useCallback(async () => {
    setError(null);
    try {
      publish(await getClock());
    } catch (err) {
      setError(toCloudError(err));
    }
  }, []);

  useEffect(() => {
    if (!enabled) return undefined;
    listeners.add(setClock);
    void reload();
    return () => {
      listeners.delete(setClock);
    };
  }, [enabled, reload]);

  return { clock, error, reload };
}

/** Moves the clock and tells every page showing it. */
export async function changeLocalClock(change: LocalClockChange): Promise<LocalClockMoved> {
  const moved = await moveClock(change);
  publish({ now: moved.now, offsetMs: moved.offsetMs });
  return moved;
}
