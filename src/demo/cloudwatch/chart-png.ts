// Draws a queue-depth line chart as a PNG (no fonts, no dependencies): what GetMetricWidgetImage answers in the demo.

import { crc32, deflateSync } from 'node:zlib';
import type { DepthSample } from './simulated-alarm.ts';

type Rgb = readonly [number, number, number];

/** A real RGB PNG (IHDR, IDAT, IEND) drawn pixel by pixel. */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => Rgb): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolour, deflate, no filter, no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set(pixel(x, y), y * (width * 3 + 1) + 1 + x * 3);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const WHITE: Rgb = [255, 255, 255];
const GRID: Rgb = [232, 232, 232];
const AXIS: Rgb = [110, 110, 110];
const LINE: Rgb = [31, 119, 180];
const FILL: Rgb = [214, 231, 244];

/** The samples in [from, to] as a filled line chart, y from 0 to a little above the maximum. */
export function depthChartPng(
  samples: readonly DepthSample[],
  window: { readonly from: number; readonly to: number },
  size = { width: 600, height: 240 },
): Buffer {
  const { width, height } = size;
  const left = 10;
  const bottom = height - 12;
  const top = 10;
  const span = Math.max(1, window.to - window.from);
  const shown = samples.filter((s) => s.at >= window.from && s.at <= window.to);
  const max = Math.max(1, ...shown.map((s) => s.value)) * 1.1;
  // The value at each column: the last sample at or before it (a step line), undefined before the first sample.
  const columns: (number | undefined)[] = [];
  let next = 0;
  let current: number | undefined;
  for (let x = left; x < width; x++) {
    const at = window.from + ((x - left) / (width - left - 1)) * span;
    while (next < shown.length && (shown[next]?.at ?? Number.POSITIVE_INFINITY) <= at) current = shown[next++]?.value;
    columns[x] = current;
  }
  const yOf = (value: number) => Math.round(bottom - (value / max) * (bottom - top));
  return encodePng(width, height, (x, y) => {
    if (x === left || y === bottom) return AXIS;
    if (x < left || y > bottom) return WHITE;
    const value = columns[x];
    if (value !== undefined) {
      const lineY = yOf(value);
      const previous = columns[x - 1];
      const fromY = previous === undefined ? lineY : yOf(previous);
      if (y >= Math.min(lineY, fromY) - 1 && y <= Math.max(lineY, fromY) + 1) return LINE;
      if (y > lineY) return FILL;
    }
    return (bottom - y) % 40 === 0 || (x - left) % 100 === 0 ? GRID : WHITE;
  });
}
