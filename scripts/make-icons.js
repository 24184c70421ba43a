/**
 * Draws the add-in's icons (a white report page with a red check mark on a red tile) and writes them as
 * PNG files into assets/. Only Node's zlib: no image packages. Shapes are sampled 4×4 per pixel for
 * anti-aliasing. Run: node scripts/make-icons.js
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const RED = [200, 16, 46];
const WHITE = [255, 255, 255];
const FOLD = [238, 206, 212];
const LINE = [222, 160, 170];

/** Coverage tests in unit coordinates (0..1, y down). */
function inRoundedRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function distanceToSegment(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

// The page: a rectangle whose top-right corner is folded over.
const PAGE = { x0: 0.24, y0: 0.14, x1: 0.76, y1: 0.86, fold: 0.16 };
const inPage = (x, y) =>
  x >= PAGE.x0 &&
  x <= PAGE.x1 &&
  y >= PAGE.y0 &&
  y <= PAGE.y1 &&
  x - PAGE.x1 + PAGE.fold <= y - PAGE.y0;
const inFold = (x, y) =>
  x <= PAGE.x1 &&
  y >= PAGE.y0 &&
  x >= PAGE.x1 - PAGE.fold &&
  y <= PAGE.y0 + PAGE.fold &&
  x - PAGE.x1 + PAGE.fold >= y - PAGE.y0;
const CHECK = [
  [0.34, 0.6],
  [0.46, 0.72],
  [0.67, 0.46],
];
const inCheck = (x, y, width) =>
  distanceToSegment(x, y, CHECK[0], CHECK[1]) <= width / 2 ||
  distanceToSegment(x, y, CHECK[1], CHECK[2]) <= width / 2;
/** Two "text lines" on the page; dropped at 16 px where they would only blur. */
const inTextLine = (x, y, height) =>
  x >= 0.32 && x <= 0.58 && [0.27, 0.36].some((ly) => y >= ly && y <= ly + height);

/** The colour at a point, or undefined outside the tile. */
function colourAt(x, y, size) {
  if (!inRoundedRect(x, y, 0.02, 0.02, 0.98, 0.98, 0.18)) return undefined;
  const checkWidth = size <= 16 ? 0.14 : 0.1;
  if (inPage(x, y)) {
    if (inCheck(x, y, checkWidth)) return RED;
    if (size > 16 && inTextLine(x, y, 0.045)) return LINE;
    return WHITE;
  }
  if (inFold(x, y)) return FOLD;
  return RED;
}

function render(size) {
  const samples = 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt(
            (px + (sx + 0.5) / samples) / size,
            (py + (sy + 0.5) / samples) / size,
            size
          );
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          covered++;
        }
      }
      const i = (py * size + px) * 4;
      if (covered > 0) {
        rgba[i] = Math.round(r / covered);
        rgba[i + 1] = Math.round(g / covered);
        rgba[i + 2] = Math.round(b / covered);
      }
      rgba[i + 3] = Math.round((255 * covered) / (samples * samples));
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  // Each scanline is prefixed with filter type 0 (none).
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++)
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const OUTPUTS = {
  "icon-16.png": 16,
  "icon-32.png": 32,
  "icon-64.png": 64,
  "icon-80.png": 80,
  "icon-128.png": 128,
  "logo-filled.png": 300,
};
const dir = path.join(__dirname, "..", "assets");
fs.mkdirSync(dir, { recursive: true });
for (const [name, size] of Object.entries(OUTPUTS)) {
  fs.writeFileSync(path.join(dir, name), encodePng(size, render(size)));
  console.log(`assets/${name} ${size}×${size}`);
}
