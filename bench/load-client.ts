import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * The load generator's HTTP/1.1 client: keep-alive connections, each request written as one buffer, each response
 * read for its status, headers and body (Content-Length or chunked; no compression is asked for). It shares the
 * machine's two cores with the server and PostgreSQL, so every microsecond it spends is taken from what it
 * measures: node:http's client cost several times more per request (`clientCpuMsPerRequest` in the results).
 */
export interface LoadAnswer {
  /** 0 when no answer came (timeout, network error). */
  status: number;
  /** From the moment the request was due to the end of the answer (ms); a client-side wait counts. */
  ms: number;
  /** The error code of a refusal (its JSON body's `code`), `client_timeout`, or a network error's code. */
  code?: string;
  body: string;
  /** Header names in lower case; `set-cookie` as a list. */
  headers: Record<string, string | string[] | undefined>;
}

export interface SendOptions {
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** When the request was due (performance.now()); its latency counts from then. Default: now. */
  dueAt?: number;
}

interface Pending {
  started: number;
  timeoutMs: number;
  resolve(answer: LoadAnswer): void;
}

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');

/** Where a response ends in `buffer`, or -1 while it is incomplete; answers the parsed response with it. */
const parseResponse = (
  buffer: Buffer,
): { end: number; status: number; headers: LoadAnswer['headers']; body: Buffer } | undefined => {
  const headEnd = buffer.indexOf(HEAD_END);
  if (headEnd < 0) return undefined;
  const lines = buffer.toString('latin1', 0, headEnd).split('\r\n');
  const status = Number(lines[0]!.split(' ')[1]);
  const headers: LoadAnswer['headers'] = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'set-cookie') headers[name] = [...((headers[name] as string[] | undefined) ?? []), value];
    else headers[name] = value;
  }
  const bodyStart = headEnd + HEAD_END.length;
  if (String(headers['transfer-encoding'] ?? '').toLowerCase() === 'chunked') {
    const chunks: Buffer[] = [];
    let at = bodyStart;
    for (;;) {
      const sizeEnd = buffer.indexOf(CRLF, at);
      if (sizeEnd < 0) return undefined;
      const size = Number.parseInt(buffer.toString('latin1', at, sizeEnd), 16);
      const dataStart = sizeEnd + CRLF.length;
      if (buffer.length < dataStart + size + CRLF.length) return undefined;
      if (size === 0) return { end: dataStart + CRLF.length, status, headers, body: Buffer.concat(chunks) };
      chunks.push(buffer.subarray(dataStart, dataStart + size));
      at = dataStart + size + CRLF.length;
    }
  }
  const length = Number(headers['content-length'] ?? 0);
  if (buffer.length < bodyStart + length) return undefined;
  return { end: bodyStart + length, status, headers, body: buffer.subarray(bodyStart, bodyStart + length) };
};

/** A refusal's machine-readable code, from its JSON body. */
const codeOf = (status: number, body: string): string | undefined => {
  if (status === 200 || status === 201) return undefined;
  try {
    return (JSON.parse(body) as { code?: string }).code;
  } catch {
    return undefined;
  }
};

/** One HTTP client for a whole run, to 127.0.0.1:port: a connection per request in flight, kept alive after it. */
export const createLoadClient = (port: number) => {
  const idle: Socket[] = [];
  const open = new Set<Socket>();
  let closed = false;

  /** Sends one request on `socket` and answers its response, or its failure (the socket is then dropped). */
  const exchange = (socket: Socket, request: Buffer, pending: Pending) => {
    let received: Buffer = Buffer.alloc(0);
    let timer: NodeJS.Timeout | undefined;
    const finish = (answer: LoadAnswer, reusable: boolean) => {
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.removeListener('close', onClose);
      socket.removeListener('error', onError);
      if (reusable && !closed) idle.push(socket);
      else socket.destroy();
      pending.resolve(answer);
    };
    const onData = (chunk: Buffer) => {
      received = received.length === 0 ? chunk : Buffer.concat([received, chunk]);
      const response = parseResponse(received);
      if (!response) return;
      const body = response.body.toString('utf8');
      finish(
        {
          status: response.status,
          ms: performance.now() - pending.started,
          code: codeOf(response.status, body),
          body,
          headers: response.headers,
        },
        String(response.headers.connection ?? '').toLowerCase() !== 'close' &&
          response.end === received.length,
      );
    };
    let failure = 'ECONNRESET';
    const onError = (error: NodeJS.ErrnoException) => {
      failure = error.code ?? 'network_error';
    };
    const onClose = () =>
      finish(
        { status: 0, ms: performance.now() - pending.started, code: failure, body: '', headers: {} },
        false,
      );
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
    timer = setTimeout(() => {
      failure = 'client_timeout';
      socket.destroy();
    }, pending.timeoutMs);
    socket.write(request);
  };

  const connection = (): Socket => {
    const socket = idle.pop();
    if (socket) return socket;
    const fresh = connect({ host: '127.0.0.1', port, noDelay: true });
    open.add(fresh);
    fresh.on('close', () => {
      open.delete(fresh);
      const index = idle.indexOf(fresh);
      if (index >= 0) idle.splice(index, 1);
    });
    // Errors are reported by the exchange under way; one on an idle socket only closes it.
    fresh.on('error', () => {});
    return fresh;
  };

  const send = (method: string, path: string, options: SendOptions = {}): Promise<LoadAnswer> =>
    new Promise((resolve) => {
      const started = options.dueAt ?? performance.now();
      const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
      const headers: Record<string, string> = {
        host: `127.0.0.1:${port}`,
        ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
        ...options.headers,
      };
      const head =
        `${method} ${path} HTTP/1.1\r\n` +
        Object.entries(headers)
          .map(([name, value]) => `${name}: ${value}\r\n`)
          .join('') +
        '\r\n';
      const request = payload
        ? Buffer.concat([Buffer.from(head, 'latin1'), payload])
        : Buffer.from(head, 'latin1');
      exchange(connection(), request, { started, timeoutMs: options.timeoutMs ?? 30_000, resolve });
    });

  return {
    send,
    close: () => {
      closed = true;
      for (const socket of open) socket.destroy();
    },
  };
};
