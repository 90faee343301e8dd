import { storedEntryContent, zipEntries } from './zip-entries';

/** The media type stored and served for each kind of file we accept. */
export const ACCEPTED_KINDS = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  text: 'text/plain; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
} as const;

export type AcceptedKind = keyof typeof ACCEPTED_KINDS;
export type FileMediaType = (typeof ACCEPTED_KINDS)[AcceptedKind];
/** What a refused file was found to be. */
export type RefusedKind = 'empty' | 'executable' | 'svg' | 'html' | 'office_with_macros' | 'zip' | 'unknown';

export type Sniffed =
  | { accepted: true; kind: AcceptedKind; mediaType: FileMediaType }
  | { accepted: false; kind: RefusedKind };

const accept = (kind: AcceptedKind): Sniffed => ({ accepted: true, kind, mediaType: ACCEPTED_KINDS[kind] });
const refuse = (kind: RefusedKind): Sniffed => ({ accepted: false, kind });

const ascii = (text: string) => [...text].map((character) => character.charCodeAt(0));

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length &&
  signature.every((byte, index) => bytes[offset + index] === byte);

const EXECUTABLE_SIGNATURES: readonly (readonly number[])[] = [
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0xfe, 0xed, 0xfa, 0xce],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe], // Mach-O
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O universal, Java class
  [0x00, 0x61, 0x73, 0x6d], // WebAssembly
  ascii('#!'), // script with an interpreter line
];

/** Tags a browser takes as the start of an HTML document (the WHATWG sniffing list). */
const HTML_START =
  /^<(!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--)[\s>]/i;

/** The UTF-8 text of the bytes, or undefined when they are not valid UTF-8 or hold a NUL. */
const utf8Text = (bytes: Uint8Array): string | undefined => {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
};

/** Markup that a browser would render (and run) rather than show as text. */
const markupKind = (text: string): 'svg' | 'html' | undefined => {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  if (/<svg[\s>]/i.test(head)) return 'svg';
  if (HTML_START.test(head.trimStart())) return 'html';
  return undefined;
};

const ODF_TYPES: Record<string, AcceptedKind> = {
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
};

/** An office document is a ZIP recognised by its entries: OOXML's content types and part folder, or ODF's mimetype. */
const officeKind = (bytes: Uint8Array): Sniffed => {
  const entries = zipEntries(bytes);
  if (!entries) return refuse('unknown');
  const names = new Set(entries.map((entry) => entry.name));
  const under = (folder: string) => entries.some((entry) => entry.name.startsWith(folder));
  if (names.has('[Content_Types].xml')) {
    // Macros run when the document is opened: a macro-enabled document is refused whatever its kind.
    if (entries.some((entry) => /(^|\/)vbaProject\.bin$/i.test(entry.name)))
      return refuse('office_with_macros');
    if (under('word/')) return accept('docx');
    if (under('xl/')) return accept('xlsx');
    if (under('ppt/')) return accept('pptx');
    return refuse('zip');
  }
  const mimetype = entries.find((entry) => entry.name === 'mimetype');
  if (mimetype) {
    if (entries.some((entry) => entry.name.startsWith('Basic/') || entry.name.startsWith('Scripts/'))) {
      return refuse('office_with_macros');
    }
    const content = storedEntryContent(bytes, mimetype);
    const kind = content && ODF_TYPES[new TextDecoder().decode(content).trim()];
    if (kind) return accept(kind);
  }
  return refuse('zip');
};

/** What the bytes are, read from their content only (never a name or a declared type). */
export const sniffFile = (bytes: Uint8Array): Sniffed => {
  if (bytes.length === 0) return refuse('empty');
  if (startsWith(bytes, ascii('%PDF-'))) return accept('pdf');
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return accept('png');
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return accept('jpeg');
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return accept('webp');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return officeKind(bytes);
  if (EXECUTABLE_SIGNATURES.some((signature) => startsWith(bytes, signature))) return refuse('executable');
  const text = utf8Text(bytes);
  // A DOS/Windows executable starts with "MZ", as a text may: only binary bytes after it make it one.
  if (text === undefined) return refuse(startsWith(bytes, ascii('MZ')) ? 'executable' : 'unknown');
  const markup = markupKind(text);
  return markup ? refuse(markup) : accept('text');
};
