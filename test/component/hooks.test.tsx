/** The app's hooks: useParam never throws, useAction runs one task at a time, useReloadOnShow skips the first show. */
import { act, renderHook, waitFor } from '@testing-library/react';
import { useAction } from '@/hooks/useAction';
import { useParam } from '@/hooks/useParam';
import { useReloadOnShow } from '@/hooks/useReloadOnShow';
import { CloudError } from '@/services/cloud';
import { emitDidShow, setRouterParams } from './taro-shim';

test('useParam decodes once, answers "" when absent and keeps a malformed % as it came', () => {
  setRouterParams({ orgId: 'org%2F1', scene: 'k%3DAbC%25', bad: '100%', worse: '%E4%B8' });
  expect(renderHook(() => useParam('orgId')).result.current).toBe('org/1');
  expect(renderHook(() => useParam('scene')).result.current).toBe('k=AbC%');
  expect(renderHook(() => useParam('bad')).result.current).toBe('100%');
  expect(renderHook(() => useParam('worse')).result.current).toBe('%E4%B8');
  expect(renderHook(() => useParam('missing')).result.current).toBe('');
});

test('useAction: busy while the task runs, a second run meanwhile is ignored, a failure becomes its error', async () => {
  const onError = jest.fn();
  const { result } = renderHook(() => useAction({ onError }));
  let finish: () => void = () => undefined;
  const calls: string[] = [];
  let first: Promise<void> = Promise.resolve();
  act(() => {
    first = result.current.run(
      () =>
        new Promise<void>((resolve) => {
          calls.push('first');
          finish = resolve;
        }),
    );
  });
  expect(result.current.busy).toBe(true);
  await act(() => result.current.run(async () => void calls.push('second')));
  expect(calls).toEqual(['first']);
  await act(async () => {
    finish();
    await first;
  });
  expect(result.current.busy).toBe(false);
  expect(result.current.error).toBeNull();

  await act(() =>
    result.current.run(async () => {
      throw new CloudError('CONFLICT', '这个学号已被绑定');
    }),
  );
  expect(result.current.error?.code).toBe('CONFLICT');
  expect(onError).toHaveBeenCalledWith(result.current.error);

  // The next run starts clean; an unknown failure is INTERNAL.
  await act(() =>
    result.current.run(async () => {
      throw new Error('boom');
    }),
  );
  expect(result.current.error?.code).toBe('INTERNAL');
});

test('useAction sets nothing after unmount', async () => {
  const { result, unmount } = renderHook(() => useAction());
  let fail: (err: unknown) => void = () => undefined;
  let running: Promise<void> = Promise.resolve();
  act(() => {
    running = result.current.run(() => new Promise<void>((_, reject) => (fail = reject)));
  });
  unmount();
  fail(new CloudError('NETWORK'));
  await running;
  expect(result.current.busy).toBe(true);
  expect(result.current.error).toBeNull();
});

test('useReloadOnShow reloads each time the page is shown again, not on its first show', async () => {
  const reload = jest.fn();
  renderHook(() => useReloadOnShow(reload));
  expect(reload).not.toHaveBeenCalled();
  act(() => emitDidShow());
  act(() => emitDidShow());
  await waitFor(() => expect(reload).toHaveBeenCalledTimes(2));
});
