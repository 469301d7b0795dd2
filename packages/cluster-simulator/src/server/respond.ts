import type { ServerResponse } from 'node:http';
import { toJson } from '../store/objectUtil';
import { ApiError, statusBody } from './status';

/** Every answer is JSON, as client-node's deserializer requires a Content-Type. */
export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
): void {
  sendJsonText(res, code, toJson(body));
}

/** Sends already serialized JSON. */
export function sendJsonText(
  res: ServerResponse,
  code: number,
  text: string,
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: ApiError): void {
  if (err.code === 401)
    res.setHeader('WWW-Authenticate', 'Bearer realm="kubernetes"');
  sendJson(res, err.code, statusBody(err));
}
