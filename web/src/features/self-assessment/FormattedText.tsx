/**
 * The approach's formatted text, shown as React elements (never as HTML): paragraphs separated by an empty line,
 * lines starting with "- " or "* " as a bullet list, **bold**. The same subset the server's PDF and DOCX read.
 */
interface Span {
  text: string;
  bold: boolean;
}
type Block = { kind: 'paragraph'; lines: Span[][] } | { kind: 'list'; items: Span[][] };

const BULLET = /^\s*[-*]\s+/;

const spansOf = (line: string): Span[] => {
  const parts = line.split('**');
  if (parts.length % 2 === 0) return line ? [{ text: line, bold: false }] : [];
  return parts.map((text, index) => ({ text, bold: index % 2 === 1 })).filter((span) => span.text.length > 0);
};

const blocksOf = (source: string): Block[] => {
  const blocks: Block[] = [];
  let paragraph: Span[][] = [];
  let list: Span[][] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', lines: paragraph });
    if (list.length > 0) blocks.push({ kind: 'list', items: list });
    paragraph = [];
    list = [];
  };
  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') flush();
    else if (BULLET.test(line)) {
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

function Spans({ spans }: { spans: Span[] }) {
  return (
    <>
      {spans.map((span, index) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: spans are positional and never reordered
        span.bold ? <strong key={index}>{span.text}</strong> : <span key={index}>{span.text}</span>,
      )}
    </>
  );
}

export function FormattedText({ text }: { text: string }) {
  return (
    <div className="formatted-text">
      {blocksOf(text).map((block, index) =>
        block.kind === 'paragraph' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks are positional and never reordered
          <p key={index}>
            {block.lines.map((line, lineIndex) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
              <span key={lineIndex}>
                {lineIndex > 0 && <br />}
                <Spans spans={line} />
              </span>
            ))}
          </p>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks are positional and never reordered
          <ul key={index}>
            {block.items.map((item, itemIndex) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: items are positional
              <li key={itemIndex}>
                <Spans spans={item} />
              </li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}
