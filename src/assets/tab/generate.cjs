/**
 * Draws the tab bar icons (81×81 PNG, grey and league red) with pngjs.
 * Run: node src/assets/tab/generate.cjs — the PNGs are committed as source assets.
 */
const fs = require('fs');
const path = require('path');
const { PNG } = require('pngjs');

const SIZE = 81;
const SAMPLES = 4;
const COLORS = { normal: [0x86, 0x90, 0x9c], active: [0xc8, 0x16, 0x1d] };

function inPolygon(x, y, pts) {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
const rect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const ellipse = (x, y, cx, cy, rx, ry) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;

function star(cx, cy, outer, inner) {
  const pts = [];
  for (let k = 0; k < 10; k++) {
    const r = k % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    pts.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return pts;
}
const STAR = star(40.5, 43, 33, 14);

const SHAPES = {
  home: (x, y) =>
    (inPolygon(x, y, [
      [40.5, 9],
      [6, 40],
      [75, 40],
    ]) ||
      rect(x, y, 16, 36, 65, 72)) &&
    !rect(x, y, 34, 50, 47, 73),
  pledge: (x, y) =>
    rect(x, y, 14, 8, 20, 74) ||
    inPolygon(x, y, [
      [20, 10],
      [70, 10],
      [58, 27],
      [70, 44],
      [20, 44],
    ]),
  evaluate: (x, y) => inPolygon(x, y, STAR),
  mine: (x, y) => ellipse(x, y, 40.5, 25, 15, 15) || (ellipse(x, y, 40.5, 76, 30, 30) && y <= 72),
};

for (const [name, inside] of Object.entries(SHAPES)) {
  for (const [variant, rgb] of Object.entries(COLORS)) {
    const png = new PNG({ width: SIZE, height: SIZE });
    for (let py = 0; py < SIZE; py++) {
      for (let px = 0; px < SIZE; px++) {
        let hits = 0;
        for (let sy = 0; sy < SAMPLES; sy++) {
          for (let sx = 0; sx < SAMPLES; sx++) {
            if (inside(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES)) hits++;
          }
        }
        const i = (py * SIZE + px) * 4;
        png.data[i] = rgb[0];
        png.data[i + 1] = rgb[1];
        png.data[i + 2] = rgb[2];
        png.data[i + 3] = Math.round((255 * hits) / (SAMPLES * SAMPLES));
      }
    }
    const file = path.join(__dirname, variant === 'active' ? `${name}-active.png` : `${name}.png`);
    fs.writeFileSync(file, PNG.sync.write(png));
  }
}
console.log('tab icons written to', __dirname);
