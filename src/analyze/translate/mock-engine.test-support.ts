import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TranslationError } from '../../core/translator.js';

/** One request the mock engine received, body already read. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** Answers one request like the real service would. */
export type MockHandler = (request: ReceivedRequest, response: ServerResponse) => void;

/** A loopback HTTP server standing in for a translation engine in tests. */
export interface MockEngine {
  url: string;
  requests: ReceivedRequest[];
  /** Sets how the next requests are answered. */
  respond(handler: MockHandler): void;
  close(): Promise<void>;
}

/** Starts a mock engine on 127.0.0.1 and a free port. */
export async function startMockEngine(): Promise<MockEngine> {
  const requests: ReceivedRequest[] = [];
  let handler: MockHandler = (_req, res) => sendJson(res, 500, { error: 'no handler set' });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const received: ReceivedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, json: parseJson(body) };
      requests.push(received);
      handler(received, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respond(next) {
      handler = next;
    },
    close() {
      // Requests a test abandoned (timeouts) still hold sockets; without this vitest would not exit.
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** Writes a JSON answer with the given status and extra headers. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Writes a body as is, for garbage answers (HTML error pages from a proxy). */
export function sendRaw(res: ServerResponse, status: number, body: string, contentType = 'text/html'): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(body);
}

/** Answers only after `ms`, and forgets the answer if the client hangs up first. */
export function answerLater(res: ServerResponse, ms: number, answer: () => void): void {
  const timer = setTimeout(answer, ms);
  res.on('close', () => clearTimeout(timer));
}

/** The TranslationError a call failed with; anything else (success, another error) fails the test. */
export async function caught(call: Promise<unknown>): Promise<TranslationError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TranslationError) return error;
    throw error;
  }
  throw new Error('expected a TranslationError, but the call succeeded');
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
