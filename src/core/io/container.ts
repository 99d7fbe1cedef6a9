/**
 * The container every model file shares, whatever the method:
 *
 *   offset 0   8 bytes   magic "MADDNESS"
 *          8   u32 LE    format version
 *         12   u32 LE    H, byte length of the header
 *         16   H bytes   UTF-8 JSON header with a `method` field, space-padded to 8 bytes
 *          …   body      the method's arrays, each padded to 8 bytes
 *   end − 4    u32 LE    CRC-32 of every byte before it
 *
 * This module checks the frame (magic, version, checksum, header length, JSON) and leaves the
 * header's meaning to the method's own reader.
 * @module
 */
import { crc32 } from '../crc32.js';
import { BadModelFileError } from '../errors.js';
import { checkBytes } from './bytes.js';

export const MAGIC = 'MADDNESS';

/** A verified frame: the parsed header and where the body starts. */
export interface Frame {
  readonly version: number;
  readonly header: Record<string, unknown>;
  readonly headerLength: number;
  /** Byte offset of the body (16 + header length). */
  readonly bodyStart: number;
}

/**
 * Verifies the frame of model bytes.
 * @param newest the newest format version this library reads
 * @throws BadModelFileError naming the first problem found
 */
export function readFrame(bytes: Uint8Array, source: string, newest: number): Frame {
  const fail = (problem: string): never => {
    throw new BadModelFileError(source, problem);
  };
  checkBytes(bytes);
  if (bytes.length < 20) fail(`too short (${bytes.length} bytes) to be a model file`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) {
    fail('not a maddness model (wrong magic bytes)');
  }
  const version = view.getUint32(8, true);
  if (version > newest) {
    fail(`format version ${version} is newer than this library's ${newest}`);
  }
  if (version < 1) fail(`format version ${version} does not exist`);
  const stored = view.getUint32(bytes.length - 4, true);
  if (crc32(bytes.subarray(0, bytes.length - 4)) !== stored) {
    fail('checksum mismatch (the file is damaged or truncated)');
  }
  const headerLength = view.getUint32(12, true);
  if (headerLength > bytes.length - 20) fail(`header length ${headerLength} exceeds the file`);
  let header: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true })
      .decode(bytes.subarray(16, 16 + headerLength));
    header = JSON.parse(text);
  } catch {
    return fail('header is not valid JSON');
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    fail('header is not a JSON object');
  }
  return { version, header: header as Record<string, unknown>, headerLength,
    bodyStart: 16 + headerLength };
}

/** Frames a header and a body: magic, version, padded header, body, checksum. */
export function writeFrame(version: number, header: object, bodyLength: number,
  writeBody: (view: DataView, bytes: Uint8Array, at: number) => void): Uint8Array {
  let json = JSON.stringify(header);
  const pad = Math.ceil((16 + json.length) / 8) * 8 - 16 - json.length;
  json += ' '.repeat(pad);
  const headerBytes = new TextEncoder().encode(json);
  const size = 16 + headerBytes.length + bodyLength;
  const out = new Uint8Array(size + 4);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(8, version, true);
  view.setUint32(12, headerBytes.length, true);
  out.set(headerBytes, 16);
  writeBody(view, out, 16 + headerBytes.length);
  view.setUint32(size, crc32(out.subarray(0, size)), true);
  return out;
}
