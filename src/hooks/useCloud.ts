import { type Dispatch, type SetStateAction, useCallback, useEffect, useRef, useState } from 'react';
import { type CloudError, toCloudError } from '@/services/cloud';

export interface CloudState<T> {
  loading: boolean;
  data: T | null;
  error: CloudError | null;
  /** Runs the request again; resolves when it settles (never rejects). */
  reload: () => Promise<void>;
  /** Changes the data on screen after an action (a later reload replaces it). */
  setData: Dispatch<SetStateAction<T | null>>;
}

/**
 * Runs `fetcher` on mount, whenever one of `deps` changes, and on `reload()`. Only the latest request
 * may update the state, and nothing is set after unmount.
 */
export function useCloud<T>(fetcher: () => Promise<T>, deps: readonly unknown[] = []): CloudState<T> {
  const [loading, setLoading] = useState(true);
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<CloudError | null>(null);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  const seq = useRef(0);
  const mounted = useRef(true);

  const reload = useCallback(async () => {
    const id = ++seq.current;
    setLoading(true);
    setError(null);
    try {
      const result = await fetcherRef.current();
      if (mounted.current && id === seq.current) setData(result);
    } catch (err) {
      if (mounted.current && id === seq.current) setError(toCloudError(err));
    } finally {
      if (mounted.current && id === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reload, ...deps]);

  return { loading, data, error, reload, setData };
}
