import { Request, Response } from 'express';
import { MemoizedJson } from './JsonResponseMemo';

/** Below this size compressing costs more than it saves (the compression middleware's default). */
const GZIP_THRESHOLD_BYTES = 1024;

/**
 * Sends a memoized body with its ETag: 304 when the client has it already, otherwise the
 * precompressed encoding when the client accepts gzip (the compression middleware leaves
 * bodies that carry a Content-Encoding alone).
 */
export function sendMemoizedJson(
  req: Request,
  res: Response,
  body: MemoizedJson,
): void {
  res.setHeader('ETag', body.etag);
  res.vary('Accept-Encoding');
  res.type('application/json');
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  if (
    body.json.length >= GZIP_THRESHOLD_BYTES &&
    req.acceptsEncodings('gzip', 'identity') === 'gzip'
  ) {
    res.setHeader('Content-Encoding', 'gzip');
    res.send(body.gzip());
    return;
  }
  res.send(body.json);
}
