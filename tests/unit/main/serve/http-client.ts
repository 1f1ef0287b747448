/**
 * A raw HTTP client for the loopback server tests: node:http sends the path exactly as
 * given (fetch would normalise `/../x` away before it left the process).
 */
import { request as httpRequest } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends one request to 127.0.0.1:`port`; `host` overrides the Host header. */
export function raw(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Opens an event stream and resolves with the status and the first `event:` frame (if any). */
export function firstEvent(port: number, path: string, onOpen: () => void): Promise<{ status: number; frame: string | null }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        resolve({ status: res.statusCode ?? 0, frame: null });
        return;
      }
      let text = '';
      let opened = false;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (!opened && text.includes(': connected')) {
          opened = true;
          onOpen();
        }
        const frame = /event: [^\n]+\ndata: [^\n]+\n\n/.exec(text);
        if (frame) {
          req.destroy();
          resolve({ status: 200, frame: frame[0] });
        }
      });
    });
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    req.end();
  });
}
