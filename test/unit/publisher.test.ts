import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { DEFAULT_CONFIG, type CalendarConfig } from '../../src/core/config';
import type { PlatformId, SentPart } from '../../src/core/model';
import type { PostWriter } from '../../src/core/ports';
import { applyEdits } from '../../src/core/textEdits';
import { MediaProbe } from '../../src/services/media';
import { Publisher, type PublishCalendar } from '../../src/services/publish/publisher';
import { SendError, type Outgoing, type Sender } from '../../src/services/publish/sender';
import { InMemoryWorkspace } from './inMemoryWorkspace';
import { FakeClock, MemorySecrets } from './publishPorts';
import { lintText } from './helpers';
import { PUBLISHED_NETWORKS, REPEATABLE_NETWORKS } from '../../src/core/publish/networks';
import { createSender } from '../../src/services/publish/senders';

const ROOT = '/cal';
const FILE = '/cal/posts/launch.md';
const CONFIG: CalendarConfig = { ...DEFAULT_CONFIG, timezone: 'Europe/Paris' };

/** Post files written through the in-memory workspace, as a host's writer does. */
class MemoryWriter implements PostWriter {
  constructor(private readonly workspace: InMemoryWorkspace) {}
  async read(path: string): Promise<string> {
    return new TextDecoder().decode(await this.workspace.read(path, 1 << 20));
  }
  async apply(path: string, before: string, edits: Parameters<PostWriter['apply']>[2]): Promise<void> {
    assert.equal(await this.read(path), before);
    this.workspace.set(path, applyEdits(before, edits));
  }
}

/** A sender playing a script: each call to `send` takes the next behaviour. */
class ScriptedSender implements Sender {
  readonly calls: Outgoing[] = [];
  readonly stored: SentPart[] = [];
  constructor(
    readonly network: PlatformId,
    readonly idempotent: boolean,
    private readonly script: Array<'ok' | SendError | { failAt: number; error: SendError }>,
  ) {}
  async connect() {
    return { name: `@nova on ${this.network}` };
  }
  async send(post: Outgoing, sent: (part: SentPart) => Promise<void>): Promise<void> {
    this.calls.push(post);
    const step = this.script.shift() ?? 'ok';
    if (step instanceof SendError) throw step;
    for (let i = post.sent.length; i < post.parts.length; i++) {
      if (step !== 'ok' && step.failAt === i) throw step.error;
      const part = { id: `${this.network}-${i + 1}`, url: `https://${this.network}.example/${i + 1}` };
      this.stored.push(part);
      await sent(part);
    }
  }
}

function setup(text: string, senders: Sender[], now = '2026-12-01T08:31:00Z') {
  const workspace = new InMemoryWorkspace({ '/cal/.editorial.yaml': 'timezone: Europe/Paris\n', '/cal/media/nova.png': 'png', [FILE]: text });
  const clock = new FakeClock(Date.parse(now));
  const writer = new MemoryWriter(workspace);
  const publisher = new Publisher({ workspace, writer, clock, sender: (network) => senders.find((s) => s.network === network) });
  const calendar: PublishCalendar = { root: ROOT, config: CONFIG, media: new MediaProbe(workspace, ROOT) };
  return { publisher, calendar, clock, file: () => writer.read(FILE) };
}

const post = (fields: string, body = 'Nova 2 arrive #Nova') => `---\ndate: 2026-12-01T09:30\nplatforms: [bluesky, x]\nstatus: approved\n${fields}---\n${body}\n`;
const frontmatter = (text: string) => parse(text.split('---\n')[1]!) as Record<string, unknown>;

describe('the publisher', () => {
  it('sends each network, records every part and the time, and marks the post published (comments kept)', async () => {
    const bluesky = new ScriptedSender('bluesky', true, ['ok']);
    const x = new ScriptedSender('x', false, ['ok']);
    const { publisher, calendar, file } = setup(post('campaign: nova # the launch\n', 'Un\n\n---\n\nDeux'), [bluesky, x]);
    const outcome = await publisher.publish(calendar, FILE, { due: true });
    assert.deepEqual(outcome.networks.map((n) => [n.network, n.kind]), [['bluesky', 'published'], ['x', 'published']]);
    const text = await file();
    assert.match(text, /campaign: nova # the launch\n/);
    const data = frontmatter(text);
    assert.equal(data['status'], 'published');
    const results = data['results'] as Record<string, Record<string, unknown>>;
    assert.deepEqual(results['x'], {
      state: 'published',
      id: 'x-1',
      url: 'https://x.example/1',
      parts: [{ id: 'x-1', url: 'https://x.example/1' }, { id: 'x-2', url: 'https://x.example/2' }],
      at: '2026-12-01T08:31:00.000Z',
    });
    assert.equal(results['bluesky']!['state'], 'published');
    assert.ok(text.endsWith('---\nUn\n\n---\n\nDeux\n'), 'the body is untouched');
  });

  it('leaves the status to a person when a network is not published by this tool', async () => {
    const x = new ScriptedSender('x', false, ['ok']);
    const { publisher, calendar, file } = setup(post('media:\n  - { file: ../media/nova.png, alt: Nova }\n').replace('[bluesky, x]', '[x, pinterest]'), [x]);
    const outcome = await publisher.publish(calendar, FILE, { due: true });
    assert.equal(outcome.gate.kind, 'ready', JSON.stringify(outcome.gate));
    assert.deepEqual(outcome.networks.map((n) => [n.network, n.kind]), [['x', 'published'], ['pinterest', 'not-supported']]);
    assert.equal(frontmatter(await file())['status'], 'approved');
  });

  it('sends nothing that is not approved, has errors, has no time, or is not due yet', async () => {
    const cases: Array<[string, string, string]> = [
      [post('').replace('approved', 'review'), 'not-approved', '2026-12-01T08:31:00Z'],
      [post('', 'x'.repeat(400)), 'errors', '2026-12-01T08:31:00Z'],
      [post('').replace('2026-12-01T09:30', '2026-12-01'), 'no-time', '2026-12-01T08:31:00Z'],
      [post(''), 'early', '2026-12-01T08:29:00Z'],
    ];
    for (const [text, kind, now] of cases) {
      const x = new ScriptedSender('x', false, []);
      const { publisher, calendar, file } = setup(text, [x], now);
      const outcome = await publisher.publish(calendar, FILE, { due: true });
      assert.equal(outcome.gate.kind, kind);
      assert.equal(x.calls.length, 0);
      assert.equal(await file(), text, 'the file is not touched');
    }
  });

  it('records a post past its window as missed, and never sends it', async () => {
    const x = new ScriptedSender('x', false, []);
    const { publisher, calendar, file } = setup(post('notAfter: 30m\n'), [x], '2026-12-01T09:01:00Z');
    const outcome = await publisher.publish(calendar, FILE, { due: false });
    assert.equal(outcome.gate.kind, 'missed');
    assert.equal(x.calls.length, 0);
    const results = frontmatter(await file())['results'] as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(results), ['bluesky', 'x']);
    assert.equal(results['x']!['state'], 'missed');
    // The next run leaves it alone.
    assert.equal((await publisher.publish(calendar, FILE, { due: false })).gate.kind, 'done');
  });

  it('retries only what failed, from the part that failed, and clears the failure once sent', async () => {
    const bluesky = new ScriptedSender('bluesky', true, [{ failAt: 1, error: new SendError('server', 'InternalServerError', 500) }, 'ok']);
    const x = new ScriptedSender('x', false, ['ok']);
    const { publisher, calendar, file } = setup(post('', 'Un\n\n---\n\nDeux\n\n---\n\nTrois'), [bluesky, x]);
    const first = await publisher.publish(calendar, FILE, { due: true });
    assert.deepEqual(first.networks.map((n) => n.kind), ['failed', 'published']);
    let data = frontmatter(await file());
    const failed = (data['results'] as Record<string, Record<string, unknown>>)['bluesky']!;
    assert.equal(failed['state'], 'failed');
    assert.equal(failed['status'], 500);
    assert.match(String(failed['error']), /Bluesky failed on its side \(InternalServerError\)/);
    assert.equal((failed['parts'] as unknown[]).length, 1);
    assert.notEqual(data['status'], 'published');

    const second = await publisher.publish(calendar, FILE, { due: true });
    assert.deepEqual(second.networks.map((n) => [n.network, n.kind]), [['bluesky', 'published'], ['x', 'already']]);
    assert.deepEqual(bluesky.calls[1]!.sent.map((p) => p.id), ['bluesky-1'], 'the second run starts after the part already sent');
    assert.equal(x.calls.length, 1, 'X is not sent again');
    data = frontmatter(await file());
    const done = (data['results'] as Record<string, Record<string, unknown>>)['bluesky']!;
    assert.equal(done['state'], 'published');
    assert.equal(done['error'], undefined);
    assert.equal(done['status'], undefined);
    assert.deepEqual((done['parts'] as Array<{ id: string }>).map((p) => p.id), ['bluesky-1', 'bluesky-2', 'bluesky-3']);
    assert.equal(data['status'], 'published');
  });

  it('never sends again blindly where a call went unanswered on a network without idempotency', async () => {
    const x = new ScriptedSender('x', false, [{ failAt: 1, error: new SendError('no-answer', 'ECONNRESET') }]);
    const { publisher, calendar, file } = setup(post('', 'Un\n\n---\n\nDeux').replace('[bluesky, x]', '[x]'), [x]);
    const first = await publisher.publish(calendar, FILE, { due: true });
    assert.equal(first.networks[0]!.kind, 'unknown');
    const results = frontmatter(await file())['results'] as Record<string, Record<string, unknown>>;
    assert.equal(results['x']!['state'], 'sending');
    const second = await publisher.publish(calendar, FILE, { due: true });
    assert.equal(second.networks[0]!.kind, 'unknown');
    assert.match((second.networks[0] as { message: string }).message, /Unknown whether posts\/launch\.md went out on X/);
    assert.equal(x.calls.length, 1, 'sent once, never again');
  });

  it('reruns an idempotent network that stopped mid-call (same key, the parts recorded kept)', async () => {
    const bluesky = new ScriptedSender('bluesky', true, [{ failAt: 1, error: new SendError('no-answer', 'ECONNRESET') }, 'ok']);
    const { publisher, calendar } = setup(post('', 'Un\n\n---\n\nDeux').replace('[bluesky, x]', '[bluesky]'), [bluesky]);
    assert.equal((await publisher.publish(calendar, FILE, { due: true })).networks[0]!.kind, 'failed');
    assert.equal((await publisher.publish(calendar, FILE, { due: true })).networks[0]!.kind, 'published');
    assert.equal(bluesky.calls[0]!.key, bluesky.calls[1]!.key);
  });

  it('sends nothing when it could not record the result (results shared through an anchor)', async () => {
    const x = new ScriptedSender('x', false, []);
    const text = '---\ndate: 2026-12-01T09:30\nplatforms: [x]\nstatus: approved\nresults: &r\n  bluesky: { id: "1" }\ncopy: *r\n---\nNova\n';
    const { publisher, calendar, file } = setup(text, [x]);
    const outcome = await publisher.publish(calendar, FILE, { due: true });
    assert.equal(outcome.gate.kind, 'ready');
    assert.equal(outcome.networks[0]!.kind, 'failed');
    assert.match((outcome.networks[0] as { message: string }).message, /results/);
    assert.equal(x.calls.length, 0);
    assert.equal(await file(), text);
  });

  it('waits, across runs, as long as a rate limit asked, then tries again', async () => {
    const limited = new SendError('rate-limited', 'Too Many Requests', 429, Date.parse('2026-12-01T08:46:00Z'));
    const x = new ScriptedSender('x', false, [limited, 'ok']);
    const { publisher, calendar, clock, file } = setup(post('').replace('[bluesky, x]', '[x]'), [x]);
    await publisher.publish(calendar, FILE, { due: true });
    assert.match(await file(), /retryAfter: 2026-12-01T08:46:00\.000Z/);
    clock.time = Date.parse('2026-12-01T08:40:00Z');
    const early = await publisher.publish(calendar, FILE, { due: true });
    assert.match((early.networks[0] as { message: string }).message, /X asked to wait: not tried again before 2026-12-01 09:46/);
    assert.equal(x.calls.length, 1);
    clock.time = Date.parse('2026-12-01T08:47:00Z');
    assert.equal((await publisher.publish(calendar, FILE, { due: true })).networks[0]!.kind, 'published');
    assert.doesNotMatch(await file(), /retryAfter/);
  });

  it('records an expired login as one "reconnect" message', async () => {
    const x = new ScriptedSender('x', false, [new SendError('auth', 'Unauthorized', 401)]);
    const { publisher, calendar, file } = setup(post('').replace('[bluesky, x]', '[x]'), [x]);
    const outcome = await publisher.publish(calendar, FILE, { due: true });
    assert.match((outcome.networks[0] as { message: string }).message, /X refused the credentials \(Unauthorized\): reconnect the account/);
    assert.match(await file(), /state: failed/);
  });
});

describe('publishing results on the post', () => {
  it('shows a failed network and an unanswered call as warnings on results, not as errors', () => {
    const text = '---\ndate: 2026-12-01T09:30\nplatforms: [bluesky, x, mastodon]\nstatus: approved\nresults:\n  bluesky:\n    state: failed\n    error: "Bluesky refused the post: InvalidRequest"\n    status: 400\n  x:\n    state: sending\n    parts: [{ id: "1" }]\n  mastodon:\n    state: sending\n---\nNova\n';
    const result = lintText(text);
    const found = result.diagnostics.filter((d) => d.code.startsWith('publish.')).map((d) => [d.code, d.severity, d.platform, d.message]);
    assert.deepEqual(found, [
      ['publish.failed', 'warning', 'bluesky', 'Not published on Bluesky: Bluesky refused the post: InvalidRequest (publish again to retry).'],
      ['publish.unknown', 'warning', 'x', 'Unknown whether this post went out on X: a publishing run stopped during a call (1 part(s) recorded). Check the account before publishing again.'],
    ]);
  });

  it('has each sender say it can repeat a call exactly where the core says so', () => {
    const ports = { http: { request: async () => ({ status: 500, headers: {}, body: new Uint8Array() }) }, secrets: new MemorySecrets({}), clock: new FakeClock() };
    for (const network of PUBLISHED_NETWORKS) {
      const sender = createSender(network, { ...CONFIG, platforms: { mastodon: { instance: 'http://127.0.0.1:1' } } }, ports);
      assert.equal(sender?.idempotent, REPEATABLE_NETWORKS.includes(network), network);
    }
  });
});
