/** Small DOM helpers for the component tests. */
import { act, fireEvent, waitFor } from '@testing-library/react';
import { envelope } from './api-server';

export const byId = (id: string): HTMLElement | null => document.getElementById(id);

/** Types into a Taro <Input> (taro-input-core wraps a real <input>; it re-emits `input` with detail.value). */
export async function typeInto(id: string, value: string): Promise<void> {
  // Stencil renders the inner <input> asynchronously.
  const inner = await waitFor(() => {
    const el = byId(id)?.querySelector('input');
    if (!el) throw new Error(`#${id} has no <input> inside yet`);
    return el;
  });
  act(() => {
    inner.value = value;
    inner.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export function click(id: string): void {
  const el = byId(id);
  if (!el) throw new Error(`no element #${id}`);
  fireEvent.click(el);
}

/** Chooses a file on a plain <input type=file>. */
export function chooseFile(input: HTMLInputElement, file: File): void {
  Object.defineProperty(input, 'files', { configurable: true, value: [file] });
  fireEvent.change(input);
}

/** A reply carrying a failed envelope. */
export function failure(
  code: string,
  message: string,
  requestId = 'req-err',
): { body: { result: { ok: false; code: string; message: string; requestId: string }; requestId: string } } {
  return { body: { result: { ok: false, code, message, requestId }, requestId } };
}

/** A reply carrying a successful envelope. */
export function success<T>(data: T): { body: ReturnType<typeof envelope<T>> } {
  return { body: envelope(data) };
}
