import express from 'express';
import request from 'supertest';
import { get, IncomingHttpHeaders } from 'node:http';
import { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { JsonResponseMemo, memoizedJson } from './JsonResponseMemo';
import { sendMemoizedJson } from './sendMemoizedJson';

describe('JsonResponseMemo', () => {
  function setup() {
    let stamp = 'a';
    let now = 0;
    let produced = 0;
    const memo = new JsonResponseMemo({
      ttlMs: 1_000,
      maxEntries: 2,
      now: () => now,
    });
    const read = (key: string) =>
      memo.get(
        key,
        stamp,
        async () => ({ key, n: ++produced, items: [1, 2, 3] }),
        v => v.items.length,
      );
    return {
      read,
      setStamp: (s: string) => (stamp = s),
      advance: (ms: number) => (now += ms),
      produced: () => produced,
    };
  }

  it('serves the same body while the stamp holds and the entry is fresh', async () => {
    const t = setup();
    const first = await t.read('x');
    t.advance(999);
    const second = await t.read('x');
    expect(second).toBe(first);
    expect(t.produced()).toBe(1);
    expect(JSON.parse(first.json)).toEqual({
      key: 'x',
      n: 1,
      items: [1, 2, 3],
    });
    expect(first.count).toBe(3);
  });

  it('recomputes when the data changed (stamp) or the entry is too old', async () => {
    const t = setup();
    const first = await t.read('x');
    t.setStamp('b');
    const second = await t.read('x');
    expect(second).not.toBe(first);
    expect(JSON.parse(second.json).n).toBe(2);
    t.advance(1_000);
    expect(JSON.parse((await t.read('x')).json).n).toBe(3);
  });

  it('keys entries separately and stays bounded', async () => {
    const t = setup();
    await t.read('x');
    await t.read('y');
    expect(t.produced()).toBe(2);
    await t.read('z'); // over maxEntries: the fresh entries are dropped, not grown
    await t.read('x');
    expect(t.produced()).toBe(4);
  });

  it('does not memoize a failed read', async () => {
    const memo = new JsonResponseMemo();
    await expect(
      memo.get(
        'k',
        's',
        async () => {
          throw new Error('boom');
        },
        () => 0,
      ),
    ).rejects.toThrow('boom');
    const ok = await memo.get(
      'k',
      's',
      async () => [1],
      v => v.length,
    );
    expect(ok.json).toBe('[1]');
  });
});

describe('sendMemoizedJson', () => {
  const small = memoizedJson(JSON.stringify({ ok: true }), 1);
  const large = memoizedJson(
    JSON.stringify({
      items: Array.from({ length: 200 }, (_, i) => `item-${i}`),
    }),
    200,
  );
  const app = express();
  app.get('/small', (req, res) => sendMemoizedJson(req, res, small));
  app.get('/large', (req, res) => sendMemoizedJson(req, res, large));

  it('sends JSON with its ETag and answers 304 to a matching If-None-Match', async () => {
    const first = await request(app)
      .get('/small')
      .set('Accept-Encoding', 'identity');
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toMatch(/application\/json/);
    expect(first.headers.etag).toBe(small.etag);
    expect(first.body).toEqual({ ok: true });
    const again = await request(app)
      .get('/small')
      .set('If-None-Match', small.etag);
    expect(again.status).toBe(304);
    const other = await request(app)
      .get('/small')
      .set('If-None-Match', large.etag);
    expect(other.status).toBe(200);
  });

  it('sends the precompressed body to clients that accept gzip, plain JSON otherwise', async () => {
    // Raw bytes: supertest would decompress them for us.
    const server = app.listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const gz = await fetchRaw(`http://127.0.0.1:${port}/large`, 'gzip');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.headers.vary).toMatch(/Accept-Encoding/);
      expect(gunzipSync(gz.body).toString()).toBe(large.json);
    } finally {
      server.close();
    }

    const plain = await request(app)
      .get('/large')
      .set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.items).toHaveLength(200);
  });
});

function fetchRaw(
  url: string,
  acceptEncoding: string,
): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'Accept-Encoding': acceptEncoding } }, res => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ headers: res.headers, body: Buffer.concat(chunks) }),
      );
    }).on('error', reject);
  });
}
