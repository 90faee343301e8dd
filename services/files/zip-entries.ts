/**
 * Reads the entry names of a ZIP archive from its central directory, and the content of a stored (uncompressed)
 * entry: enough to tell an office document from any other ZIP, without inflating anything.
 */

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
/** The end record is 22 bytes plus a comment of at most 65,535. */
const END_SEARCH_SPAN = 22 + 0xffff;
/** An office document has a few hundred entries; more is not one we need to recognise. */
const MAX_ENTRIES = 10_000;

export interface ZipEntry {
  name: string;
  /** 0: stored, 8: deflated. */
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The entries of a ZIP archive, or undefined when the bytes are not a readable one. */
export const zipEntries = (bytes: Uint8Array): ZipEntry[] | undefined => {
  if (bytes.length < 22) return undefined;
  const data = view(bytes);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - END_SEARCH_SPAN); at--) {
    if (data.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = data.getUint16(end + 10, true);
  const directoryOffset = data.getUint32(end + 16, true);
  if (count > MAX_ENTRIES) return undefined;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let index = 0; index < count; index++) {
    if (at + 46 > bytes.length || data.getUint32(at, true) !== CENTRAL_DIRECTORY_ENTRY) return undefined;
    const nameLength = data.getUint16(at + 28, true);
    const extraLength = data.getUint16(at + 30, true);
    const commentLength = data.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) return undefined;
    entries.push({
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: data.getUint16(at + 10, true),
      compressedSize: data.getUint32(at + 20, true),
      localHeaderOffset: data.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
};

/** The bytes of a stored (uncompressed) entry, or undefined when compressed or out of bounds. */
export const storedEntryContent = (bytes: Uint8Array, entry: ZipEntry): Uint8Array | undefined => {
  if (entry.method !== 0) return undefined;
  const data = view(bytes);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || data.getUint32(at, true) !== LOCAL_FILE_HEADER) return undefined;
  const start = at + 30 + data.getUint16(at + 26, true) + data.getUint16(at + 28, true);
  const finish = start + entry.compressedSize;
  return finish <= bytes.length ? bytes.subarray(start, finish) : undefined;
};
