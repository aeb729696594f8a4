/**
 * Draws the tab bar icons (81×81 PNG, grey and league red) with pngjs.
 * Run: node src/assets/tab/generate.cjs — the PNGs are committed as source assets.
 * Each icon is one colour at 17 opacities, so it is written as an indexed PNG (palette + tRNS): the same
 * pixels in about half the bytes of pngjs's RGBA output, and the icons ship in the main package.
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { PNG } = require('pngjs');

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => (buf.reduce((c, b) => crcTable[(c ^ b) & 0xff] ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0;
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** An RGBA image with at most 256 distinct pixels as an 8-bit indexed PNG, every row filtered None, Sub or Up (the smallest). */
function indexedPng(png) {
  const { width, height, data } = png;
  const palette = new Map();
  const indices = Buffer.alloc(width * height);
  for (let i = 0; i < width * height; i++) {
    const key = data.readUInt32BE(i * 4);
    if (!palette.has(key)) palette.set(key, palette.size);
    indices[i] = palette.get(key);
  }
  if (palette.size > 256) throw new Error('more than 256 colours');
  const before = [() => 0, (y, x) => (x > 0 ? indices[y * width + x - 1] : 0), (y, x) => (y > 0 ? indices[(y - 1) * width + x] : 0)];
  const idat = before
    .map((prior, filter) => {
      const raw = Buffer.alloc(height * (width + 1));
      for (let y = 0; y < height; y++) {
        raw[y * (width + 1)] = filter;
        for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = (indices[y * width + x] - prior(y, x)) & 0xff;
      }
      return zlib.deflateSync(raw, { level: 9 });
    })
    .reduce((a, b) => (b.length < a.length ? b : a));
  const keys = [...palette.keys()];
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 3, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('PLTE', Buffer.from(keys.flatMap((k) => [k >>> 24, (k >>> 16) & 0xff, (k >>> 8) & 0xff]))),
    chunk('tRNS', Buffer.from(keys.map((k) => k & 0xff))),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

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
    fs.writeFileSync(file, indexedPng(png));
  }
}
console.log('tab icons written to', __dirname);
