/**
 * Reading a request body with a size limit. Uploads travel as base64 inside JSON, so the
 * limit is generous (a 24-hour two-signal record is ~125 MB of base64), but the body is
 * counted as it streams in and the request is cut off as soon as it passes the limit,
 * so an endless body cannot exhaust memory.
 */
import type { IncomingMessage } from 'node:http';
import { AppError } from '../../shared/errors';

/** Largest request body accepted, in bytes (~600 MB). */
export const MAX_BODY_BYTES = 600 * 1024 * 1024;

/**
 * The body as text, or undefined when it is empty (a call without argument).
 * @throws AppError 'file/too-large' past `limit` bytes, 'ipc/invalid-argument' when the
 * body is not JSON.
 */
export async function readJsonBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const { chunks, size } = await collect(request, limit);
  if (size === 0) return undefined;
  let text: string;
  try {
    text = Buffer.concat(chunks, size).toString('utf8');
  } catch {
    // V8 caps strings at ~512 MiB: a body that cannot become one string is too large too.
    throw tooLarge(limit);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError('ipc/invalid-argument', `The request body is not JSON: ${(error as Error).message}`);
  }
}

/**
 * Gathers the body's chunks, rejecting as soon as they pass `limit`. Listeners rather than
 * `for await`: leaving an async iterator early destroys the socket, and the 413 answer
 * must still reach the client (the caller then closes the connection).
 */
function collect(request: IncomingMessage, limit: number): Promise<{ chunks: Buffer[]; size: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        request.pause();
        chunks.length = 0;
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve({ chunks, size }));
    request.once('error', reject);
  });
}

function tooLarge(limit: number): AppError {
  return new AppError('file/too-large', `The request is larger than the limit of ${Math.round(limit / 1024 / 1024)} MB; upload fewer or smaller files.`, { limitBytes: limit });
}
