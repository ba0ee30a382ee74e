#!/usr/bin/env node
// Draws the Marketplace icon, media/icon.png (256×256 RGBA): a rounded teal square with a white pulse line.
// Shapes are rendered from signed distances, which gives anti-aliased edges without a graphics library, and
// the PNG is encoded by hand (zlib for the image data), so the output is byte-for-byte reproducible.
// Run with `node scripts/generate-icon.mjs` after changing the drawing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 256;
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'media', 'icon.png');

const square = { inset: 8, radius: 52 };
const top = [20, 184, 166]; // teal
const bottom = [15, 76, 92]; // deep blue-green
const line = [255, 255, 255];
const lineHalfWidth = 9;
/** The pulse: flat, a small rise, the sharp spike down and up, then flat again. */
const pulse = [
  [38, 138],
  [88, 138],
  [104, 108],
  [124, 188],
  [148, 68],
  [166, 138],
  [218, 138],
];

/** Signed distance from (x, y) to a rounded rectangle; negative inside. */
function roundedSquareDistance(x, y) {
  const half = (SIZE - 2 * square.inset) / 2;
  const cx = SIZE / 2;
  const qx = Math.abs(x - cx) - (half - square.radius);
  const qy = Math.abs(y - cx) - (half - square.radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - square.radius;
}

/** Distance from (x, y) to the nearest point of the polyline; round caps and joins come for free. */
function polylineDistance(x, y, points) {
  let best = Infinity;
  for (let i = 1; i < points.length; i++) {
    const [ax, ay] = points[i - 1];
    const [bx, by] = points[i];
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
  }
  return best;
}

/** Pixel coverage of a shape edge at signed distance d (in pixels), a one-pixel linear ramp. */
function coverage(d) {
  return Math.max(0, Math.min(1, 0.5 - d));
}

function mix(a, b, t) {
  return a.map((v, i) => v + (b[i] - v) * t);
}

function render() {
  const rows = [];
  for (let py = 0; py < SIZE; py++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0 (None), then RGBA
    const background = mix(top, bottom, py / (SIZE - 1));
    for (let px = 0; px < SIZE; px++) {
      const x = px + 0.5;
      const y = py + 0.5;
      const alpha = coverage(roundedSquareDistance(x, y));
      const ink = coverage(polylineDistance(x, y, pulse) - lineHalfWidth);
      const color = mix(background, line, ink);
      const o = 1 + px * 4;
      row[o] = Math.round(color[0]);
      row[o + 1] = Math.round(color[1]);
      row[o + 2] = Math.round(color[2]);
      row[o + 3] = Math.round(alpha * 255);
    }
    rows.push(row);
  }
  return Buffer.concat(rows);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(dirname(out), { recursive: true });
const png = encodePng(render());
writeFileSync(out, png);
console.log(`Wrote media/icon.png (${SIZE}×${SIZE}, ${png.length} bytes)`);
