/**
 * The approach's formatted text: a small subset, stored as plain text and never as HTML.
 * - paragraphs, separated by an empty line (a single line break stays a line break inside the paragraph);
 * - bullet lists: consecutive lines starting with "- " or "* ";
 * - bold: **between two pairs of asterisks**.
 * Everything else is text as typed: every renderer (web page, PDF, DOCX) writes text runs, never markup.
 */
export interface Span {
  text: string;
  bold: boolean;
}
export type Block = { kind: 'paragraph'; lines: Span[][] } | { kind: 'list'; items: Span[][] };

const BULLET = /^\s*[-*]\s+/;

/** The spans of one line: text and bold alternate on `**`; an unpaired `**` stays as typed. */
export const spansOf = (line: string): Span[] => {
  const parts = line.split('**');
  if (parts.length % 2 === 0) return line ? [{ text: line, bold: false }] : [];
  return parts.map((text, index) => ({ text, bold: index % 2 === 1 })).filter((span) => span.text.length > 0);
};

/** The blocks of a formatted text, in order. */
export const parseFormattedText = (source: string): Block[] => {
  const blocks: Block[] = [];
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let paragraph: Span[][] = [];
  let list: Span[][] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', lines: paragraph });
    if (list.length > 0) blocks.push({ kind: 'list', items: list });
    paragraph = [];
    list = [];
  };
  for (const line of lines) {
    if (line.trim() === '') {
      flush();
    } else if (BULLET.test(line)) {
      if (paragraph.length > 0) flush();
      list.push(spansOf(line.replace(BULLET, '').trim()));
    } else {
      if (list.length > 0) flush();
      paragraph.push(spansOf(line.trim()));
    }
  }
  flush();
  return blocks;
};

/** The text without its marks, for a search or a plain export. */
export const plainText = (source: string): string =>
  parseFormattedText(source)
    .map((block) =>
      block.kind === 'paragraph'
        ? block.lines.map((line) => line.map((span) => span.text).join('')).join('\n')
        : block.items.map((item) => `• ${item.map((span) => span.text).join('')}`).join('\n'),
    )
    .join('\n\n');
