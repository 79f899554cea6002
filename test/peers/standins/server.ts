/**
 * The plumbing every stand-in server shares (X, LinkedIn, Mastodon…): an HTTP server on
 * 127.0.0.1 and an ephemeral port, every request recorded, JSON answers, and the test hooks:
 * `failNext` (answer instead of acting: a 500 before the work, a 429 with its headers) and
 * `hangNext` (act fully, then drop the connection without answering: a crash between the call
 * and its answer). A network's stand-in extends `StandinServer` and implements `handle`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the stand-in received it. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query, e.g. `/rest/images?action=initializeUpload`. */
  readonly path: string;
  /** The path without the query. */
  readonly pathname: string;
  readonly query: URLSearchParams;
  /** Header names in lower case; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
  /** The body as UTF-8 text. */
  readonly text: string;
}

/** What a stand-in answers. */
export interface Answer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** An object is sent as JSON; a string or bytes as they are; absent, an empty body. */
  readonly body?: unknown;
}

/**
 * Which requests a hook applies to: `'POST /2/tweets'` (method and path, query ignored),
 * `'/2/tweets'` (any method), a RegExp tested on `'METHOD /path?query'`, or a predicate.
 */
export type RequestMatch = string | RegExp | ((request: RecordedRequest) => boolean);

interface Hook {
  readonly match: RequestMatch;
  readonly answer?: Answer;
  left: number;
}

/** A stand-in's server and test hooks; a network's stand-in implements `handle`. */
export abstract class StandinServer {
  /** Every request received, in order, whatever was answered (hooks included). */
  readonly requests: RecordedRequest[] = [];
  private readonly hooks: Hook[] = [];
  private server: Server | undefined;
  private origin = '';

  /** The network's behaviour for one request. */
  protected abstract handle(request: RecordedRequest): Answer | Promise<Answer>;

  /** Headers added to every answer the stand-in makes (not to injected ones; an answer's own win). */
  protected headersFor(_request: RecordedRequest, _answer: Answer): Record<string, string> {
    return {};
  }

  /** Starts listening on 127.0.0.1, on a port the system picks. */
  async listen(): Promise<this> {
    const server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  /** `http://127.0.0.1:<port>`, the base URL a sender is pointed at. */
  get url(): string {
    if (!this.origin) throw new Error('The stand-in is not listening: await listen() first.');
    return this.origin;
  }

  /**
   * Answers the next `times` matching requests with `answer`, exactly as given (no rate-limit
   * headers added), without acting on them.
   */
  failNext(match: RequestMatch, answer: Answer, times = 1): void {
    this.hooks.push({ match, answer, left: times });
  }

  /** Acts fully on the next `times` matching requests, then drops the connection unanswered. */
  hangNext(match: RequestMatch, times = 1): void {
    this.hooks.push({ match, left: times });
  }

  /** The requests matching `match`, in order. */
  requestsTo(match: RequestMatch): RecordedRequest[] {
    return this.requests.filter((r) => matches(match, r));
  }

  /** Stops the server, closing kept-alive connections too. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = await record(req);
    this.requests.push(request);
    const hook = this.hooks.find((h) => h.left > 0 && matches(h.match, request));
    if (hook) hook.left--;
    let answer: Answer;
    if (hook?.answer) {
      answer = hook.answer;
    } else {
      try {
        answer = await this.handle(request);
      } catch (error) {
        answer = { status: 500, body: { error: `stand-in failure: ${(error as Error).message}` } };
      }
    }
    if (hook && !hook.answer) {
      res.socket?.destroy();
      return;
    }
    const { body, type } = encode(answer.body);
    // An injected answer goes out exactly as the test wrote it, headers included.
    const extra = hook ? {} : this.headersFor(request, answer);
    res.writeHead(answer.status, { ...(type ? { 'content-type': type } : {}), ...extra, ...answer.headers });
    res.end(body);
  }
}

/** The bearer token of a request (`Authorization: Bearer …`), or undefined. */
export function bearer(request: RecordedRequest): string | undefined {
  const match = /^Bearer (.+)$/.exec(request.headers['authorization'] ?? '');
  return match?.[1];
}

/** The request's body as JSON, or undefined when it is not JSON. */
export function jsonBody(request: RecordedRequest): unknown {
  try {
    return JSON.parse(request.text) as unknown;
  } catch {
    return undefined;
  }
}

function matches(match: RequestMatch, request: RecordedRequest): boolean {
  if (typeof match === 'function') return match(request);
  if (match instanceof RegExp) return match.test(`${request.method} ${request.path}`);
  return match.includes(' ') ? match === `${request.method} ${request.pathname}` : match === request.pathname;
}

async function record(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = new Uint8Array(Buffer.concat(chunks));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  const url = new URL(req.url ?? '/', 'http://stand-in');
  return {
    method: req.method ?? 'GET',
    path: url.pathname + url.search,
    pathname: url.pathname,
    query: url.searchParams,
    headers,
    body,
    text: new TextDecoder().decode(body),
  };
}

function encode(body: unknown): { body: string | Uint8Array; type?: string } {
  if (body === undefined) return { body: '' };
  if (typeof body === 'string') return { body, type: 'text/plain; charset=utf-8' };
  if (body instanceof Uint8Array) return { body, type: 'application/octet-stream' };
  return { body: JSON.stringify(body), type: 'application/json; charset=utf-8' };
}
