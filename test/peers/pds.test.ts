import assert from 'node:assert/strict';
import type { Pds } from './bsky/pds.mjs';

/** The PDS's answer to one XRPC call: status, headers and JSON body. */
async function xrpc(pds: Pds, method: string, body: unknown, token?: string) {
  const res = await fetch(`${pds.url}/xrpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

async function getRecord(pds: Pds, repo: string, rkey: string) {
  const q = new URLSearchParams({ repo, collection: 'app.bsky.feed.post', rkey });
  const res = await fetch(`${pds.url}/xrpc/com.atproto.repo.getRecord?${q}`);
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe('the Bluesky test peer (a real PDS on 127.0.0.1)', () => {
  let pds: Pds;
  let session: { did: string; accessJwt: string };
  let rkey: (µs: number) => string;

  before(async () => {
    const peer = await import('./bsky/pds.mjs');
    const TID = await peer.loadTid();
    rkey = (µs) => TID.fromTime(µs, 7).toString();
    pds = await peer.startPds();
    assert.match(pds.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const account = await pds.createAccount('alice.test');
    const login = await xrpc(pds, 'com.atproto.server.createSession', { identifier: account.handle, password: account.appPassword });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.equal(login.body.did, account.did);
    session = { did: login.body.did, accessJwt: login.body.accessJwt };
  });

  after(() => pds?.close());

  it("puts its 127.0.0.1 URL in the account's DID document, which clients follow", async () => {
    const res = await fetch(`${pds.url}/xrpc/com.atproto.repo.describeRepo?repo=${session.did}`);
    const { didDoc } = (await res.json()) as { didDoc: { service: { id: string; serviceEndpoint: string }[] } };
    assert.deepEqual(didDoc.service.map((s) => [s.id, s.serviceEndpoint]), [['#atproto_pds', pds.url]]);
  });

  const post = (text: string, key: string) => ({
    repo: session.did,
    collection: 'app.bsky.feed.post',
    rkey: key,
    record: { $type: 'app.bsky.feed.post', text, createdAt: '2026-11-23T09:00:00.000Z' },
  });

  it('writes a post under a TID key, reads it back, and gives the same CID when the same put is retried', async () => {
    const key = rkey(Date.UTC(2026, 10, 23, 9) * 1000);
    const first = await xrpc(pds, 'com.atproto.repo.putRecord', post('Hello from edcal 👋', key), session.accessJwt);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.uri, `at://${session.did}/app.bsky.feed.post/${key}`);

    const read = await getRecord(pds, session.did, key);
    assert.equal(read.status, 200, JSON.stringify(read.body));
    assert.equal(read.body.cid, first.body.cid);
    assert.equal(read.body.value.text, 'Hello from edcal 👋');

    const retry = await xrpc(pds, 'com.atproto.repo.putRecord', post('Hello from edcal 👋', key), session.accessJwt);
    assert.equal(retry.status, 200, JSON.stringify(retry.body));
    assert.equal(retry.body.cid, first.body.cid);
  });

  it('rejects a 301-grapheme text with 400 and says why', async () => {
    const res = await xrpc(pds, 'com.atproto.repo.putRecord', post('é'.normalize('NFD').repeat(301), rkey(Date.UTC(2026, 10, 24) * 1000)), session.accessJwt);
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'InvalidRequest');
    assert.match(res.body.message, /grapheme too big \(maximum 300, got 301\)/);
  });
});

describe('the Bluesky test peer with rate limits', () => {
  let pds: Pds;
  before(async () => {
    pds = await (await import('./bsky/pds.mjs')).startPds({ rateLimits: true });
  });
  after(() => pds?.close());

  it('answers the 31st login on one handle with 429 and ratelimit-* headers', async () => {
    const { handle, appPassword } = await pds.createAccount('bob.test');
    const login = () => xrpc(pds, 'com.atproto.server.createSession', { identifier: handle, password: appPassword });
    // Side by side: each login hashes the password (scrypt), 30 in a row take seconds.
    const first30 = await Promise.all(Array.from({ length: 30 }, login));
    assert.deepEqual(first30.map((l) => l.status), Array(30).fill(200));
    const last = await login();
    assert.equal(last.status, 429);
    assert.equal(last.body.error, 'RateLimitExceeded');
    assert.equal(last.headers.get('ratelimit-limit'), '30');
    assert.equal(last.headers.get('ratelimit-remaining'), '0');
    assert.equal(last.headers.get('ratelimit-policy'), '30;w=300');
    // An absolute Unix time in seconds, not a delay.
    assert.ok(Math.abs(Number(last.headers.get('ratelimit-reset')) - (Date.now() / 1000 + 300)) < 60);
  });
});
