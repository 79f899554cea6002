import { HttpFailure, type Http } from '../core/ports';

/** Connection errors that prove the request never reached a server. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * The HTTP port on Node's fetch, with a timeout per request. Answers of any status resolve; only
 * no answer rejects, with an `HttpFailure` saying whether the request surely never left.
 */
export class NodeHttp implements Http {
  constructor(private readonly timeoutMs = 60_000) {}

  async request(request: Parameters<Http['request']>[0]): ReturnType<Http['request']> {
    let response: Response;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: { 'user-agent': 'edcal', ...request.headers },
        ...(request.body !== undefined ? { body: request.body } : {}),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      const code = cause?.code ?? (error as Error).name;
      throw new HttpFailure(request.url, NOT_SENT.has(code), code);
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
    let body: Uint8Array;
    try {
      body = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw new HttpFailure(request.url, false, (error as Error).name);
    }
    return { status: response.status, headers, body };
  }
}
