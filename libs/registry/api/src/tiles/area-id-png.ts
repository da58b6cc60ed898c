import { PNG } from 'pngjs';

/**
 * A square raster of area ids (ordinal + 1, row-major) as an 8-bit RGB PNG, each id a 24-bit
 * big-endian number (R high byte). No gamma or colour-space chunk: browsers then hand the bytes
 * to canvas and WebGL unchanged, as ids must be.
 */
export function encodeAreaIdPng(ids: Uint32Array, size: number): Buffer {
  const rgb = Buffer.allocUnsafe(ids.length * 3);
  for (let i = 0, o = 0; i < ids.length; i++, o += 3) {
    const id = ids[i];
    rgb[o] = (id >>> 16) & 0xff;
    rgb[o + 1] = (id >>> 8) & 0xff;
    rgb[o + 2] = id & 0xff;
  }
  // A PNG without pixels of its own (the constructor would allocate RGBA for nothing).
  const png = Object.assign(new PNG(), { width: size, height: size, data: rgb });
  return PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false });
}
