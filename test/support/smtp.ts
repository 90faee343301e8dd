import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the test server received it, with its parts decoded. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  headers: Map<string, string>;
  subject: string;
  messageId: string;
  text: string;
  html: string;
}

/** What the server answers to a message: accept it, refuse it with an SMTP code, or hold it (no answer yet). */
export type Verdict = 'accept' | { code: number; message: string } | { hold: Promise<void> };

export interface TestSmtpServer {
  port: number;
  url: string;
  /** Every message whose DATA arrived, answered or not. */
  received: ReceivedMail[];
  /** Messages the server accepted (answered 250). */
  accepted: ReceivedMail[];
  /** Decides the answer to each message in turn (default: accept). */
  answer(verdict: (mail: ReceivedMail, index: number) => Verdict): void;
  /** Resolves when `count` messages have arrived (DATA received). */
  waitForReceived(count: number): Promise<void>;
  close(): Promise<void>;
}

const parseHeaders = (block: string) => {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
};

const splitEntity = (entity: string) => {
  const end = entity.search(/\r?\n\r?\n/);
  const headerBlock = end < 0 ? entity : entity.slice(0, end);
  const body = end < 0 ? '' : entity.slice(end).replace(/^\r?\n\r?\n/, '');
  return { headers: parseHeaders(headerBlock), body };
};

const decodeQuotedPrintable = (value: string) =>
  Buffer.from(
    value
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

const decodeBody = (headers: Map<string, string>, body: string) => {
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
};

/** Decodes an RFC 2047 encoded word (=?UTF-8?Q?…?= or =?UTF-8?B?…?=), as subjects with accents are sent. */
const decodeWords = (value: string) =>
  value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replaceAll('_', ' ')),
    );

/** Splits a message into its text and HTML parts (a multipart/alternative as nodemailer writes it). */
export const parseMail = (raw: string) => {
  const { headers, body } = splitEntity(raw);
  const parts = { text: '', html: '' };
  const contentType = headers.get('content-type') ?? '';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  const entities = boundary
    ? body
        .split(`--${boundary}`)
        .slice(1)
        .filter((part) => !part.startsWith('--'))
    : [raw];
  for (const entity of entities) {
    const part = splitEntity(entity.replace(/^\r?\n/, ''));
    const type = part.headers.get('content-type') ?? '';
    const decoded = decodeBody(part.headers, part.body.replace(/\r?\n$/, ''));
    if (type.startsWith('text/plain')) parts.text = decoded.replace(/\r\n/g, '\n');
    if (type.startsWith('text/html')) parts.html = decoded;
  }
  return {
    headers,
    subject: decodeWords(headers.get('subject') ?? ''),
    messageId: headers.get('message-id') ?? '',
    ...parts,
  };
};

/** A real SMTP server on 127.0.0.1 (the `smtp-server` package), no TLS, no authentication. */
export const startSmtpServer = async (): Promise<TestSmtpServer> => {
  const received: ReceivedMail[] = [];
  const accepted: ReceivedMail[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let verdict: (mail: ReceivedMail, index: number) => Verdict = () => 'accept';

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
          ...parseMail(raw),
        };
        const index = received.length;
        received.push(mail);
        for (const waiter of waiters.filter((candidate) => received.length >= candidate.count)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
        const answer = verdict(mail, index);
        const respond = (value: Exclude<Verdict, { hold: Promise<void> }>) => {
          if (value === 'accept') {
            accepted.push(mail);
            callback(null, `Ok: queued as T${index}`);
            return;
          }
          const error = Object.assign(new Error(value.message), { responseCode: value.code });
          callback(error);
        };
        if (typeof answer === 'object' && 'hold' in answer) {
          answer.hold.then(() => respond({ code: 451, message: 'Held, then given up' }));
        } else {
          respond(answer);
        }
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    accepted,
    answer(next) {
      verdict = next;
    },
    waitForReceived(count) {
      if (received.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
