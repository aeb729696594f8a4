/** The signature pad: the stroke model on its own, and the pad's mouse input and 清除 in jsdom (no real canvas). */
import { act, fireEvent, render, waitFor } from '@testing-library/react';
import SignaturePad from '../../src/package-pledge/components/SignaturePad';
import { StrokeModel, drawStrokes, type Ctx2D } from '../../src/package-pledge/components/SignaturePad/model';
import { byId, click } from './helpers';

beforeAll(() => {
  // jsdom has no 2D context; the pad must still record strokes.
  Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', { configurable: true, value: () => null });
});

test('the stroke model records strokes, ignores jitter and clears', () => {
  const m = new StrokeModel();
  expect(m.isEmpty()).toBe(true);
  expect(m.extend({ x: 5, y: 5 })).toBeNull(); // not drawing
  m.begin({ x: 10, y: 10 });
  expect(m.extend({ x: 10.5, y: 10.5 })).toBeNull(); // jitter
  expect(m.extend({ x: 20, y: 15 })).toEqual([
    { x: 10, y: 10 },
    { x: 20, y: 15 },
  ]);
  m.extend({ x: 30, y: 25 });
  m.end();
  expect(m.extend({ x: 40, y: 40 })).toBeNull(); // lifted
  m.begin({ x: 50, y: 50 });
  m.extend({ x: 60, y: 52 });
  m.end();
  expect(m.strokes.length).toBe(2);
  expect(m.pointCount).toBe(5);
  expect(m.isSigned()).toBe(true);
  m.clear();
  expect(m.isEmpty()).toBe(true);
  expect(m.isSigned()).toBe(false);
});

test('a single tap is not a signature', () => {
  const m = new StrokeModel();
  m.begin({ x: 1, y: 1 });
  m.end();
  expect(m.isEmpty()).toBe(false);
  expect(m.isSigned()).toBe(false);
});

test('drawStrokes paints the background and replays every stroke', () => {
  const calls: string[] = [];
  const ctx: Ctx2D = {
    lineWidth: 0,
    lineCap: '',
    lineJoin: '',
    strokeStyle: '',
    fillStyle: '',
    beginPath: () => calls.push('begin'),
    moveTo: (x, y) => calls.push(`move ${x},${y}`),
    lineTo: (x, y) => calls.push(`line ${x},${y}`),
    arc: () => calls.push('arc'),
    stroke: () => calls.push('stroke'),
    fill: () => calls.push('fill'),
    fillRect: (x, y, w, h) => calls.push(`rect ${x},${y},${w},${h}`),
    clearRect: () => calls.push('clear'),
  };
  drawStrokes(
    ctx,
    [
      [
        { x: 1, y: 2 },
        { x: 3, y: 4 },
      ],
      [{ x: 9, y: 9 }],
    ],
    100,
    50,
  );
  expect(calls).toEqual(['clear', 'rect 0,0,100,50', 'begin', 'move 1,2', 'line 3,4', 'stroke', 'begin', 'arc', 'fill']);
});

test('mouse strokes on the pad are counted; 清除 empties it', async () => {
  const changes: boolean[] = [];
  const unavailable = jest.fn();
  render(<SignaturePad onChange={(s) => changes.push(s)} onUnavailable={unavailable} />);
  const canvas = await waitFor(() => {
    const el = byId('signature-canvas');
    if (!el) throw new Error('no canvas yet');
    return el;
  });
  expect(unavailable).toHaveBeenCalled(); // no 2D context in jsdom: the page offers 以姓名确认
  const pad = byId('signature-pad');
  act(() => {
    fireEvent.mouseDown(canvas, { clientX: 10, clientY: 10 });
    fireEvent.mouseMove(window, { clientX: 30, clientY: 20 });
    fireEvent.mouseMove(window, { clientX: 60, clientY: 40 });
    fireEvent.mouseUp(window);
  });
  await waitFor(() => expect(pad?.getAttribute('data-strokes')).toBe('1'));
  act(() => {
    fireEvent.mouseDown(canvas, { clientX: 80, clientY: 10 });
    fireEvent.mouseMove(window, { clientX: 90, clientY: 50 });
    fireEvent.mouseUp(window);
  });
  await waitFor(() => expect(pad?.getAttribute('data-strokes')).toBe('2'));
  expect(changes[changes.length - 1]).toBe(true);
  expect(document.querySelector('.signature-placeholder')).toBeNull();

  click('signature-clear');
  await waitFor(() => expect(pad?.getAttribute('data-strokes')).toBe('0'));
  expect(changes[changes.length - 1]).toBe(false);
  expect(document.querySelector('.signature-placeholder')?.textContent).toBe('请在此处手写签名');
});
