import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { DEFAULT_CONFIG, type CalendarConfig } from '../../src/core/config';
import type { PostWriter } from '../../src/core/ports';
import { applyEdits } from '../../src/core/textEdits';
import { NodeHttp } from '../../src/node/http';
import { MediaProbe } from '../../src/services/media';
import { Publisher, type PublishCalendar } from '../../src/services/publish/publisher';
import { retrying } from '../../src/services/publish/retry';
import { createSender } from '../../src/services/publish/senders';
import { ThreadsStandin } from '../peers/standins/threads';
import { InMemoryWorkspace } from './inMemoryWorkspace';
import { FakeClock, MemorySecrets } from './publishPorts';

const TOKEN = 'threads-user-token-publisher';

class MemoryWriter implements PostWriter {
  constructor(private readonly workspace: InMemoryWorkspace) {}
  async read(path: string): Promise<string> {
    return new TextDecoder().decode(await this.workspace.read(path, 1 << 20));
  }
  async apply(path: string, before: string, edits: Parameters<PostWriter['apply']>[2]): Promise<void> {
    this.workspace.set(path, applyEdits(before, edits));
  }
}

const results = (text: string) => (parse(text.split('---\n')[1]!) as { results?: Record<string, Record<string, unknown>> }).results ?? {};

/** The publisher with the real Threads sender (as the CLI and VS Code build it), against the stand-in. */
describe('publishing to Threads through the publisher', () => {
  let clock: FakeClock;
  let threads: ThreadsStandin;
  beforeEach(async () => {
    clock = new FakeClock(Date.parse('2026-12-01T08:31:00Z'));
    threads = await ThreadsStandin.start({ token: TOKEN, now: () => clock.now() });
  });
  afterEach(() => threads.close());

  function setup(calendars: Record<string, string | undefined>) {
    const files: Record<string, string> = {};
    const configs: Record<string, PublishCalendar> = {};
    const workspace = new InMemoryWorkspace();
    for (const [root, mediaBaseUrl] of Object.entries(calendars)) {
      const config: CalendarConfig = { ...DEFAULT_CONFIG, timezone: 'Europe/Paris', platforms: { threads: { service: threads.url } }, ...(mediaBaseUrl !== undefined ? { mediaBaseUrl } : {}) };
      files[`${root}/posts/launch.md`] = '---\ndate: 2026-12-01T09:30\nplatforms: [threads]\nstatus: approved\nmedia: [{ file: ../media/chat.png, alt: Un chat }]\n---\nUn #Nova\n\n---\n\nDeux\n';
      files[`${root}/media/chat.png`] = 'not really a PNG';
      configs[root] = { root, config, media: new MediaProbe(workspace, root) };
    }
    for (const [path, text] of Object.entries(files)) workspace.set(path, text);
    const writer = new MemoryWriter(workspace);
    const ports = { http: retrying(new NodeHttp(5000), clock), secrets: new MemorySecrets({ 'threads/access-token': TOKEN, 'threads/user-id': threads.user.id }), clock };
    const publisher = new Publisher({ workspace, writer, clock, sender: (network, config) => createSender(network, config, ports) });
    return { publisher, configs, read: (root: string) => writer.read(`${root}/posts/launch.md`) };
  }

  it('publishes a thread with its image at each calendar\'s own public address, and records every part', async () => {
    const { publisher, configs, read } = setup({ '/a': 'https://cdn.nova.app/a/', '/b': 'https://static.nova.app/b' });
    for (const root of ['/a', '/b']) {
      const outcome = await publisher.publish(configs[root]!, `${root}/posts/launch.md`, { due: true });
      assert.deepEqual(outcome.networks.map((n) => n.kind), ['published'], root);
      const recorded = results(await read(root))['threads']!;
      assert.equal(recorded['state'], 'published');
      assert.equal((recorded['parts'] as unknown[]).length, 2);
    }
    // One sender per calendar: each image went by its own calendar's address.
    assert.deepEqual(threads.posts.filter((p) => p.images.length > 0).map((p) => p.images[0]!.url), ['https://cdn.nova.app/a/media/chat.png', 'https://static.nova.app/b/media/chat.png']);
    assert.deepEqual(threads.posts.map((p) => [p.text, p.topicTag ?? null]), [['Un #Nova', 'Nova'], ['Deux', null], ['Un #Nova', 'Nova'], ['Deux', null]]);
  });

  it('leaves a post whose publication went unanswered as unknown (state: sending), and never publishes it again', async () => {
    const { publisher, configs, read } = setup({ '/a': 'https://cdn.nova.app/a/' });
    threads.hangNext(`POST /${threads.user.id}/threads_publish`);
    const first = await publisher.publish(configs['/a']!, '/a/posts/launch.md', { due: true });
    assert.equal(first.networks[0]!.kind, 'unknown');
    assert.equal(results(await read('/a'))['threads']!['state'], 'sending');
    const second = await publisher.publish(configs['/a']!, '/a/posts/launch.md', { due: true });
    assert.equal(second.networks[0]!.kind, 'unknown');
    assert.deepEqual([threads.posts.length, threads.requestsTo(`POST /${threads.user.id}/threads_publish`).length], [1, 1]);
  });

  it('records a container that failed before publication as failed, and the next run sends it', async () => {
    const { publisher, configs, read } = setup({ '/a': 'https://cdn.nova.app/a/' });
    threads.hangNext(`POST /${threads.user.id}/threads`);
    const first = await publisher.publish(configs['/a']!, '/a/posts/launch.md', { due: true });
    assert.equal(first.networks[0]!.kind, 'failed');
    assert.equal(results(await read('/a'))['threads']!['state'], 'failed');
    const second = await publisher.publish(configs['/a']!, '/a/posts/launch.md', { due: true });
    assert.equal(second.networks[0]!.kind, 'published');
    assert.equal(threads.posts.length, 2);
  });
});
