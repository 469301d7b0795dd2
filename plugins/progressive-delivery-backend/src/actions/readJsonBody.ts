import { CustomErrorBase, InputError } from '@backstage/errors';
import type { Request } from 'express';

export const MAX_ACTION_BODY_BYTES = 16 * 1024;

/** 413: the error middleware maps `statusCode` of unknown errors. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413;
}

/**
 * Reads a JSON body with a size cap. Unlike express.json(), failures come back as values
 * so the action route can audit malformed and oversized requests like any other attempt.
 */
export async function readJsonBody(
  req: Request,
  maxBytes = MAX_ACTION_BODY_BYTES,
): Promise<{ body?: unknown; error?: Error }> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    await drain(req, maxBytes);
    return { error: new InputError('Content-Type must be application/json') };
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    req.resume();
    return {
      error: new PayloadTooLargeError(
        `Request body larger than ${maxBytes} bytes`,
      ),
    };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      req.resume();
      return {
        error: new PayloadTooLargeError(
          `Request body larger than ${maxBytes} bytes`,
        ),
      };
    }
    chunks.push(chunk as Buffer);
  }
  try {
    return { body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { error: new InputError('Request body is not valid JSON') };
  }
}

async function drain(req: Request, maxBytes: number) {
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) break;
  }
  req.resume();
}
