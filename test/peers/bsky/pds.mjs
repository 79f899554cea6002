// A real Bluesky PDS (@atproto/pds) and the did:plc directory it registers accounts with, both
// in-process and on 127.0.0.1 only, for the publishing tests. Types: pds.d.mts.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HOST = '127.0.0.1';
// Nothing listens on port 1 (privileged), so the AppView and moderation service the PDS proxies
// app.bsky.* calls to are refused at once rather than reached on the internet.
const CLOSED = `http://${HOST}:1`;

// Resolved from this folder, so the peer's own pinned versions win over the extension's.
const require = createRequire(import.meta.url);

/** One of this folder's packages; missing ones fail the tests (CI must not skip them). */
function peerPackage(name) {
  if (!existsSync(new URL(`./node_modules/${name}/package.json`, import.meta.url))) {
    throw new Error(`The Bluesky test peer is not installed (${name} missing): run npm ci --prefix test/peers/bsky`);
  }
  return require(name);
}

export async function loadTid() {
  return peerPackage('@atproto/common-web').TID;
}

/** An HTTP server already listening on 127.0.0.1 (an ephemeral port) that hands requests to `app` once set. */
async function listenLocal() {
  const server = createServer();
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, HOST, resolve));
  const url = `http://${HOST}:${server.address().port}`;
  const close = () => new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections(); // keep-alive sockets would hold close() (and mocha) open
  });
  return { server, url, port: server.address().port, close };
}

export async function startPds(options = {}) {
  const { PDS, envToCfg, envToSecrets } = peerPackage('@atproto/pds');
  const plc = peerPackage('@did-plc/server');
  const { Secp256k1Keypair } = peerPackage('@atproto/crypto');

  const closers = [];
  const close = async () => {
    for (const c of closers.splice(0).reverse()) await c();
  };
  try {
    const plcServer = plc.PlcServer.create({ db: plc.Database.mock() });
    const plcHttp = await listenLocal();
    plcHttp.server.on('request', plcServer.app);
    closers.push(plcHttp.close, () => plcServer.ctx.db.close());

    const dataDirectory = await mkdtemp(join(tmpdir(), 'edcal-pds-'));
    closers.push(() => rm(dataDirectory, { recursive: true, force: true }));

    // The PDS writes its own URL into every account's DID document, so its port is taken first.
    const http = await listenLocal();
    closers.push(http.close);
    const plcKey = await Secp256k1Keypair.create({ exportable: true });
    const env = {
      port: http.port,
      hostname: 'localhost',
      dataDirectory,
      blobstoreDiskLocation: join(dataDirectory, 'blobs'),
      didPlcUrl: plcHttp.url,
      serviceHandleDomains: ['.test'],
      inviteRequired: false,
      // Lets the PDS have an http:// URL, and turns off the SSRF protection that would refuse
      // the PLC directory on loopback.
      devMode: true,
      bskyAppViewUrl: CLOSED,
      bskyAppViewDid: 'did:example:appview',
      modServiceUrl: CLOSED,
      modServiceDid: 'did:example:moderation',
      rateLimitsEnabled: options.rateLimits === true,
      jwtSecret: randomBytes(16).toString('hex'),
      adminPassword: randomBytes(16).toString('hex'),
      plcRotationKeyK256PrivateKeyHex: Buffer.from(await plcKey.export()).toString('hex'),
    };
    const cfg = envToCfg(env);
    // hostname 'localhost' would give http://localhost:PORT, which may resolve to ::1 where
    // nothing listens; clients follow this URL from the DID document.
    cfg.service.publicUrl = cfg.oauth.issuer = http.url;
    const pds = await PDS.create(cfg, envToSecrets(env));
    // PDS.start() would listen on all interfaces: do its work here on our 127.0.0.1 server.
    await pds.ctx.sequencer.start();
    http.server.keepAliveTimeout = 90_000;
    http.server.on('request', pds.app);
    closers.push(() => pds.destroy());

    return {
      url: http.url,
      createAccount: (handle) => createAccount(http.url, handle),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

async function xrpc(url, method, body, token) {
  const res = await fetch(`${url}/xrpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const data = await res.json();
  if (!res.ok) throw new Error(`${method}: ${res.status} ${data.error}: ${data.message}`);
  return data;
}

async function createAccount(url, handle) {
  if (!handle.endsWith('.test')) throw new Error(`${handle}: the test PDS only serves handles ending in .test`);
  const password = randomBytes(12).toString('hex');
  const account = await xrpc(url, 'com.atproto.server.createAccount', { handle, password, email: `${handle}@example.com` });
  const app = await xrpc(url, 'com.atproto.server.createAppPassword', { name: 'edcal tests' }, account.accessJwt);
  return { did: account.did, handle: account.handle, password, appPassword: app.password };
}
