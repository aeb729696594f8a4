/**
 * Handwritten signature pad. H5: a real <canvas> (mouse and touch); weapp: Taro <Canvas type="2d">
 * (touch). Strokes live in StrokeModel, so the pad works (and is testable) even where the canvas
 * cannot draw; the image comes from canvas.toBlob (H5) or Taro.canvasToTempFilePath (weapp).
 * Stable ids/classes: #signature-pad / .signature-pad (data-strokes = stroke count),
 *   #signature-canvas (the canvas element), #signature-clear (清除), .signature-placeholder.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Canvas, Text, View } from '@tarojs/components';
import type { CanvasTouchEvent } from '@tarojs/components';
import type { PickedFile } from '@/services/storage';
import { StrokeModel, drawDot, drawSegment, drawStrokes, type Ctx2D, type Point } from './model';
import './index.scss';

const CSS_HEIGHT = 180;

export interface SignaturePadHandle {
  /** Enough ink to count as a signature. */
  isSigned(): boolean;
  clear(): void;
  /** The drawing as a PNG, ready for uploadFile. Rejects when the canvas cannot export. */
  toFile(): Promise<PickedFile>;
}

interface Surface {
  ctx: Ctx2D | null;
  width: number;
  height: number;
  exportFile: () => Promise<PickedFile>;
}

export interface SignaturePadProps {
  onChange?: (signed: boolean) => void;
  /** Called once when no drawing surface can be set up (offer name confirmation instead). */
  onUnavailable?: () => void;
}

const SignaturePad = forwardRef<SignaturePadHandle, SignaturePadProps>(function SignaturePad({ onChange, onUnavailable }, ref) {
  const model = useRef(new StrokeModel());
  const surface = useRef<Surface | null>(null);
  const host = useRef<HTMLElement | null>(null);
  const [count, setCount] = useState(0);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const onUnavailableRef = useRef(onUnavailable);
  onUnavailableRef.current = onUnavailable;

  const changed = () => {
    setCount(model.current.strokes.length);
    onChangeRef.current?.(model.current.isSigned());
  };

  const begin = (p: Point) => {
    model.current.begin(p);
    const ctx = surface.current?.ctx;
    if (ctx) drawDot(ctx, p);
  };
  const extend = (p: Point) => {
    const seg = model.current.extend(p);
    const ctx = surface.current?.ctx;
    if (seg && ctx) drawSegment(ctx, seg);
  };
  const end = () => {
    if (!model.current.isDrawing) return;
    model.current.end();
    changed();
  };
  const clear = () => {
    model.current.clear();
    const s = surface.current;
    if (s?.ctx) drawStrokes(s.ctx, [], s.width, s.height);
    changed();
  };

  useImperativeHandle(ref, () => ({
    isSigned: () => model.current.isSigned(),
    clear,
    toFile: async () => {
      const s = surface.current;
      if (!s?.ctx) throw new Error('canvas unavailable');
      // Replay on a clean white background so the exported image has no transparent holes.
      drawStrokes(s.ctx, model.current.strokes, s.width, s.height);
      return s.exportFile();
    },
  }));

  // H5: a real canvas element inside the host, with mouse and touch input.
  useEffect(() => {
    const parent = host.current;
    if (!IS_H5 || !parent || typeof document === 'undefined') return undefined;
    const canvas = document.createElement('canvas');
    canvas.id = 'signature-canvas';
    canvas.className = 'signature-canvas';
    parent.appendChild(canvas);
    const width = parent.clientWidth || 320;
    const height = CSS_HEIGHT;
    const dpr = typeof window !== 'undefined' && window.devicePixelRatio ? window.devicePixelRatio : 1;
    canvas.style.width = '100%';
    canvas.style.height = `${height}px`;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    let ctx: CanvasRenderingContext2D | null = null;
    try {
      ctx = canvas.getContext('2d');
    } catch {
      ctx = null;
    }
    if (ctx) {
      ctx.scale(dpr, dpr);
      drawStrokes(ctx, [], width, height);
    } else {
      onUnavailableRef.current?.();
    }
    surface.current = {
      ctx,
      width,
      height,
      exportFile: () =>
        new Promise<PickedFile>((resolve, reject) => {
          if (typeof canvas.toBlob !== 'function') {
            reject(new Error('toBlob unavailable'));
            return;
          }
          canvas.toBlob((blob) => {
            if (blob) resolve({ kind: 'blob', blob, name: 'signature.png', size: blob.size });
            else reject(new Error('toBlob failed'));
          }, 'image/png');
        }),
    };
    const at = (clientX: number, clientY: number): Point => {
      const r = canvas.getBoundingClientRect();
      const sx = r.width ? width / r.width : 1;
      const sy = r.height ? height / r.height : 1;
      return { x: (clientX - r.left) * sx, y: (clientY - r.top) * sy };
    };
    const onMouseDown = (e: MouseEvent) => {
      e.preventDefault();
      begin(at(e.clientX, e.clientY));
    };
    const onMouseMove = (e: MouseEvent) => {
      if (model.current.isDrawing) extend(at(e.clientX, e.clientY));
    };
    const onMouseUp = () => end();
    const onTouchStart = (e: TouchEvent) => {
      const t = e.touches[0];
      if (!t) return;
      e.preventDefault(); // no page scroll, no emulated mouse events
      begin(at(t.clientX, t.clientY));
    };
    const onTouchMove = (e: TouchEvent) => {
      const t = e.touches[0];
      if (!t) return;
      e.preventDefault();
      extend(at(t.clientX, t.clientY));
    };
    const onTouchEnd = () => end();
    canvas.addEventListener('mousedown', onMouseDown);
    window.addEventListener('mousemove', onMouseMove);
    window.addEventListener('mouseup', onMouseUp);
    canvas.addEventListener('touchstart', onTouchStart, { passive: false });
    canvas.addEventListener('touchmove', onTouchMove, { passive: false });
    canvas.addEventListener('touchend', onTouchEnd);
    canvas.addEventListener('touchcancel', onTouchEnd);
    return () => {
      canvas.removeEventListener('mousedown', onMouseDown);
      window.removeEventListener('mousemove', onMouseMove);
      window.removeEventListener('mouseup', onMouseUp);
      canvas.removeEventListener('touchstart', onTouchStart);
      canvas.removeEventListener('touchmove', onTouchMove);
      canvas.removeEventListener('touchend', onTouchEnd);
      canvas.removeEventListener('touchcancel', onTouchEnd);
      canvas.remove();
      surface.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // weapp: the Canvas 2D node, found once the page has rendered it.
  useEffect(() => {
    if (IS_H5) return undefined;
    let cancelled = false;
    const timer = setTimeout(() => {
      Taro.createSelectorQuery()
        .select('#signature-canvas')
        .fields({ node: true, size: true })
        .exec((res: unknown[]) => {
          if (cancelled) return;
          const info = res[0] as { node?: Taro.Canvas; width?: number; height?: number } | null | undefined;
          const node = info?.node;
          if (!node) {
            onUnavailableRef.current?.();
            return;
          }
          const width = info?.width ?? 320;
          const height = info?.height ?? CSS_HEIGHT;
          const dpr = Taro.getSystemInfoSync().pixelRatio || 2;
          node.width = Math.round(width * dpr);
          node.height = Math.round(height * dpr);
          const ctx = node.getContext('2d') as unknown as (Ctx2D & { scale(x: number, y: number): void }) | null;
          if (!ctx) {
            onUnavailableRef.current?.();
            return;
          }
          ctx.scale(dpr, dpr);
          drawStrokes(ctx, [], width, height);
          surface.current = {
            ctx,
            width,
            height,
            exportFile: async () => {
              const out = await Taro.canvasToTempFilePath({ canvas: node, fileType: 'png' });
              return { kind: 'path', path: out.tempFilePath, name: 'signature.png', size: 0 };
            },
          };
        });
    }, 50);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, []);

  const touchPoint = (e: CanvasTouchEvent): Point | null => {
    const t = e.touches[0];
    return t ? { x: t.x, y: t.y } : null;
  };

  return (
    <View id="signature-pad" className="signature-pad" data-strokes={count}>
      <View className="signature-box">
        {IS_H5 ? (
          <View ref={host} className="signature-host" />
        ) : (
          <Canvas
            type="2d"
            id="signature-canvas"
            className="signature-canvas"
            disableScroll
            onTouchStart={(e) => {
              const p = touchPoint(e);
              if (p) begin(p);
            }}
            onTouchMove={(e) => {
              const p = touchPoint(e);
              if (p) extend(p);
            }}
            onTouchEnd={() => end()}
            onTouchCancel={() => end()}
          />
        )}
        {count === 0 ? <Text className="signature-placeholder">请在此处手写签名</Text> : null}
      </View>
      <View className="signature-tools">
        <Text className="signature-tip">用手指（或鼠标）在框内书写姓名</Text>
        <Text id="signature-clear" className="signature-clear" onClick={clear}>
          清除
        </Text>
      </View>
    </View>
  );
});

export default SignaturePad;
