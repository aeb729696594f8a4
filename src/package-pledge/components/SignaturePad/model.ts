/**
 * The signature's stroke model, independent of any canvas: pointer input becomes strokes (lists of
 * points in CSS pixels), and `drawStrokes` replays them onto any 2D context. Tested without a canvas.
 */
export interface Point {
  x: number;
  y: number;
}

/** The part of CanvasRenderingContext2D the pad uses (H5 canvas and weapp Canvas 2D both have it). */
export interface Ctx2D {
  lineWidth: number;
  lineCap: string;
  lineJoin: string;
  strokeStyle: string | object;
  fillStyle: string | object;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, r: number, start: number, end: number): void;
  stroke(): void;
  fill(): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  clearRect(x: number, y: number, w: number, h: number): void;
}

export const INK = '#1f2329';
export const INK_WIDTH = 3;
/** Points closer than this to the previous one are dropped (jitter). */
const MIN_STEP = 1.5;

export class StrokeModel {
  private list: Point[][] = [];
  private drawing = false;

  get strokes(): readonly (readonly Point[])[] {
    return this.list;
  }

  get isDrawing(): boolean {
    return this.drawing;
  }

  /** Total points drawn; a few scribbled points are not a signature. */
  get pointCount(): number {
    return this.list.reduce((n, s) => n + s.length, 0);
  }

  isEmpty(): boolean {
    return this.list.length === 0;
  }

  /** Enough ink to count as a signature: some movement, not a single tap. */
  isSigned(): boolean {
    return this.pointCount >= 4;
  }

  begin(p: Point): void {
    this.drawing = true;
    this.list.push([round(p)]);
  }

  /** Adds a point to the current stroke; returns the segment to draw, or null. */
  extend(p: Point): [Point, Point] | null {
    if (!this.drawing) return null;
    const stroke = this.list[this.list.length - 1];
    const last = stroke[stroke.length - 1];
    const next = round(p);
    if (Math.hypot(next.x - last.x, next.y - last.y) < MIN_STEP) return null;
    stroke.push(next);
    return [last, next];
  }

  end(): void {
    this.drawing = false;
  }

  clear(): void {
    this.list = [];
    this.drawing = false;
  }
}

function round(p: Point): Point {
  return { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 };
}

export function prepareInk(ctx: Ctx2D): void {
  ctx.lineWidth = INK_WIDTH;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = INK;
  ctx.fillStyle = INK;
}

/** Draws one segment (live drawing). */
export function drawSegment(ctx: Ctx2D, [a, b]: [Point, Point]): void {
  prepareInk(ctx);
  ctx.beginPath();
  ctx.moveTo(a.x, a.y);
  ctx.lineTo(b.x, b.y);
  ctx.stroke();
}

/** Draws a dot where a stroke starts (a tap leaves a mark). */
export function drawDot(ctx: Ctx2D, p: Point): void {
  prepareInk(ctx);
  ctx.beginPath();
  ctx.arc(p.x, p.y, INK_WIDTH / 2, 0, Math.PI * 2);
  ctx.fill();
}

/** Paints a white background and replays every stroke (export, redraw after resize). */
export function drawStrokes(ctx: Ctx2D, strokes: readonly (readonly Point[])[], width: number, height: number): void {
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  for (const stroke of strokes) {
    if (stroke.length === 0) continue;
    if (stroke.length === 1) {
      drawDot(ctx, stroke[0]);
      continue;
    }
    prepareInk(ctx);
    ctx.beginPath();
    ctx.moveTo(stroke[0].x, stroke[0].y);
    for (let i = 1; i < stroke.length; i++) ctx.lineTo(stroke[i].x, stroke[i].y);
    ctx.stroke();
  }
}
