import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../store/testing';
import { openTestApp, type TestApp } from './testing';

/** Answers travel compressed when the browser accepts it (issue 20, item 17): the first load on a busy floor network. */
describe('compressed answers', () => {
  let h: TestApp;
  let token: string;
  beforeAll(async () => {
    h = await openTestApp(backends[0]!);
    token = await h.login('manager');
  });
  afterAll(() => h.close());

  const get = (encoding: string) => h.app.inject({ method: 'GET', url: '/api/v1/customers', headers: { authorization: `Bearer ${token}`, 'accept-encoding': encoding } });

  it('sends brotli to a browser that accepts it, and the same JSON comes out', async () => {
    const plain = await get('identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await get('br, gzip');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
  });

  it('falls back to gzip, and leaves an answer too small to gain uncompressed', async () => {
    const gz = await get('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toHaveProperty('customers');
    const small = await h.app.inject({ method: 'GET', url: '/health', headers: { 'accept-encoding': 'br' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toEqual({ status: 'ok' });
  });
});
