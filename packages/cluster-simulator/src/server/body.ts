import type { IncomingMessage } from 'node:http';
import yaml from 'js-yaml';
import { errors } from './status';

/** The real API server's request body limit (3 MiB). */
export const DEFAULT_MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Reads the whole body, failing with 413 as soon as it exceeds `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(errors.tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        req.pause();
        reject(errors.tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks));
    });
    req.on('error', err => {
      if (done) return;
      done = true;
      reject(err);
    });
  });
}

/** The media type without parameters, lower-cased (`application/json; charset=utf-8` → `application/json`). */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/** Decodes a create/update body: JSON, or YAML as kubectl may send. */
export function decodeObjectBody(
  buf: Buffer,
  contentType: string | undefined,
): unknown {
  const type = mediaType(contentType);
  const text = buf.toString('utf8');
  if (type === '' || type === 'application/json' || type === '*/*')
    return parseJson(text);
  if (type === 'application/yaml' || type === 'application/x-yaml') {
    let value: unknown;
    try {
      value = yaml.load(text, { schema: yaml.JSON_SCHEMA });
    } catch (e) {
      throw errors.badRequest(`error decoding YAML: ${(e as Error).message}`);
    }
    return checkComplexity(value);
  }
  throw errors.unsupportedMediaType(
    `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`,
  );
}

export function parseJson(text: string): unknown {
  if (text.trim() === '') throw errors.badRequest('the request body is empty');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw errors.badRequest(
      `couldn't get version/kind; json parse error: ${(e as Error).message}`,
    );
  }
  return checkComplexity(value);
}

export const MAX_NESTING_DEPTH = 1000;
export const MAX_NODES = 1_000_000;

/**
 * Rejects documents nested deeper than the store's recursive copies can take, and YAML alias
 * bombs (a few KiB that expand to billions of nodes when serialized). Iterative, so hostile
 * input cannot overflow the stack here.
 */
export function checkComplexity<T>(value: T): T {
  const stack: Array<[unknown, number]> = [[value, 1]];
  let nodes = 0;
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (++nodes > MAX_NODES) {
      throw errors.badRequest('the request body has too many elements');
    }
    if (depth > MAX_NESTING_DEPTH) {
      throw errors.badRequest(
        `the request body is nested deeper than ${MAX_NESTING_DEPTH} levels`,
      );
    }
    if (v && typeof v === 'object') {
      for (const child of Object.values(v)) stack.push([child, depth + 1]);
    }
  }
  return value;
}
