import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { MAX_POST_BYTES } from '../../src/core/lint';
import { discoverCalendars, findCalendarRoot, loadCalendar, MAX_CONFIG_BYTES } from '../../src/services/calendarFiles';
import { checkPost } from '../../src/services/checkPost';
import { MediaProbe } from '../../src/services/media';
import { walkPosts } from '../../src/services/walk';
import { InMemoryWorkspace } from './inMemoryWorkspace';

const post = (extra = '') => `---\ndate: 2026-12-01T09:30\nplatforms: [x]\nstatus: draft\n${extra}---\nBonjour\n`;
const calendar = (root = '/cal') => ({ root, config: { ...DEFAULT_CONFIG, timezone: 'Europe/Paris' } });
const codesOf = (walk: { problems: ReadonlyArray<{ path: string; diagnostic: { code: string } }> }) => walk.problems.map((p) => `${p.path} ${p.diagnostic.code}`);

describe('one place that reads the calendar', () => {
  describe('the walk', () => {
    it('finds the posts matching the globs, skipping node_modules, hidden folders and nested calendars', async () => {
      const ws = new InMemoryWorkspace({
        '/cal/.editorial.yaml': '',
        '/cal/posts/2026/12/a.md': post(),
        '/cal/posts/2026/12/b.txt': 'not a post',
        '/cal/posts/.draft.md': post(),
        '/cal/posts/node_modules/x.md': post(),
        '/cal/posts/.git/y.md': post(),
        '/cal/README.md': '# not a post: outside the globs',
        '/cal/posts/team/.editorial.yaml': '',
        '/cal/posts/team/posts/c.md': post(),
      });
      const walk = await walkPosts(ws, calendar(), { exclude: ['/cal/posts/team'] });
      assert.deepEqual(walk.files, ['/cal/posts/2026/12/a.md']);
      assert.deepEqual(walk.problems, []);
    });

    it('reports an unreadable folder once and checks every other post', async () => {
      const ws = new InMemoryWorkspace({ '/cal/posts/a/1.md': post(), '/cal/posts/b/2.md': post(), '/cal/posts/c/3.md': post() });
      ws.denied.add('/cal/posts/b');
      const walk = await walkPosts(ws, calendar());
      assert.deepEqual(walk.files, ['/cal/posts/a/1.md', '/cal/posts/c/3.md']);
      assert.deepEqual(codesOf(walk), ['/cal/posts/b folder.unreadable']);
      assert.match(walk.problems[0]!.diagnostic.message, /permission denied/);
    });

    it('reports FIFOs and devices without opening them', async () => {
      const ws = new InMemoryWorkspace({ '/cal/posts/pipe.md': { kind: 'other' }, '/cal/posts/ok.md': post() });
      const walk = await walkPosts(ws, calendar());
      assert.deepEqual(walk.files, ['/cal/posts/ok.md']);
      assert.deepEqual(codesOf(walk), ['/cal/posts/pipe.md file.not-regular']);
      assert.deepEqual(ws.reads, []);
    });

    it('does not descend symlinked folders (a loop never hangs), with a notice', async () => {
      const ws = new InMemoryWorkspace({
        '/cal/posts/a.md': post(),
        '/cal/posts/loop': { kind: 'symlink', target: '/cal/posts' },
        '/cal/posts/self': { kind: 'symlink', target: 'self' },
        '/cal/posts/elsewhere': { kind: 'symlink', target: '/home/lea' },
        '/home/lea/secret.md': post(),
      });
      const walk = await walkPosts(ws, calendar());
      assert.deepEqual(walk.files, ['/cal/posts/a.md']);
      assert.deepEqual(codesOf(walk), ['/cal/posts/elsewhere file.symlink', '/cal/posts/loop file.symlink']);
      assert.equal(walk.problems[0]!.diagnostic.severity, 'info');
    });

    it('walks a symlinked folder only when a person named it', async () => {
      const ws = new InMemoryWorkspace({ '/cal/posts/more': { kind: 'symlink', target: '/elsewhere' }, '/elsewhere/a.md': post() });
      const met = await walkPosts(ws, calendar(), { within: '/cal/posts/more' });
      assert.deepEqual([met.files, codesOf(met)], [[], ['/cal/posts/more file.symlink']]);
      const named = await walkPosts(ws, calendar(), { within: '/cal/posts/more', named: true });
      assert.deepEqual(named.files, ['/cal/posts/more/a.md']);
    });

    it('takes a symlinked post inside the calendar, refuses one pointing outside', async () => {
      const ws = new InMemoryWorkspace({
        '/cal/shared/base.md': post(),
        '/cal/posts/linked.md': { kind: 'symlink', target: '../shared/base.md' },
        '/cal/posts/passwd.md': { kind: 'symlink', target: '/etc/passwd' },
        '/cal/posts/zero.md': { kind: 'symlink', target: '/dev/zero' },
        '/etc/passwd': 'root:x:0:0',
        '/dev/zero': { kind: 'other' },
      });
      const walk = await walkPosts(ws, calendar());
      assert.deepEqual(walk.files, ['/cal/posts/linked.md']);
      assert.deepEqual(codesOf(walk), ['/cal/posts/passwd.md file.symlink', '/cal/posts/zero.md file.symlink']);
      assert.deepEqual(ws.reads, []);
    });
  });

  describe('reading a post', () => {
    const probe = (ws: InMemoryWorkspace) => new MediaProbe(ws, '/cal');
    it('refuses a huge file by its size, without reading it', async () => {
      const ws = new InMemoryWorkspace({ '/cal/posts/huge.md': { kind: 'file', bytes: new Uint8Array(0), size: 1_900_000_000 } });
      const checked = await checkPost(ws, calendar(), '/cal/posts/huge.md', { now: 0, media: probe(ws) });
      assert.deepEqual(checked.diagnostics.map((d) => d.code), ['file.too-large']);
      assert.match(checked.diagnostics[0]!.message, /1812\.0 MB/);
      assert.deepEqual(ws.reads, []);
    });
    it('refuses a FIFO named directly, without opening it', async () => {
      const ws = new InMemoryWorkspace({ '/cal/posts/pipe.md': { kind: 'other' } });
      const checked = await checkPost(ws, calendar(), '/cal/posts/pipe.md', { now: 0, media: probe(ws) });
      assert.deepEqual(checked.diagnostics.map((d) => d.code), ['file.not-regular']);
    });
    it('reads a file at the size limit, refuses one byte more', async () => {
      const limit = post() + ' '.repeat(MAX_POST_BYTES - post().length);
      const ws = new InMemoryWorkspace({ '/cal/posts/a.md': limit, '/cal/posts/b.md': limit + ' ' });
      const a = await checkPost(ws, calendar(), '/cal/posts/a.md', { now: 0, media: probe(ws) });
      const b = await checkPost(ws, calendar(), '/cal/posts/b.md', { now: 0, media: probe(ws) });
      assert.ok(a.result);
      assert.deepEqual(b.diagnostics.map((d) => d.code), ['file.too-large']);
    });
  });

  describe('media stay inside the calendar', () => {
    it('checks each media file once, resolving symlinks', async () => {
      const ws = new InMemoryWorkspace({
        '/cal/media/ok.png': 'png',
        '/cal/media/out.png': { kind: 'symlink', target: '/etc/passwd' },
        '/cal/media/folder.png': { kind: 'directory' },
        '/etc/passwd': 'root',
      });
      const media = new MediaProbe(ws, '/cal');
      assert.deepEqual(Object.fromEntries(await media.statuses(['media/ok.png', 'media/out.png', 'media/folder.png', 'media/none.png', '../etc/passwd'])), {
        'media/ok.png': 'ok',
        'media/out.png': 'outside',
        'media/folder.png': 'not-a-file',
        'media/none.png': 'missing',
        '../etc/passwd': 'outside',
      });
      assert.deepEqual(ws.reads, [], 'media are looked at, never read, when checking');
    });
    it('forgets a status looked up before a re-check, when the file changes meanwhile', async () => {
      const ws = new InMemoryWorkspace({ '/cal/media/a.png': 'png', '/etc/secret': 'x' });
      const media = new MediaProbe(ws, '/cal');
      assert.equal(await media.status('media/a.png'), 'ok');
      media.revalidate();
      ws.set('/cal/media/a.png', { kind: 'symlink', target: '/etc/secret' });
      media.forget('media/a.png');
      assert.equal(media.knownStatus('media/a.png'), undefined);
      assert.equal(await media.status('media/a.png'), 'outside');
    });

    it('reports a media path leaving the calendar, by name or through a link', async () => {
      const ws = new InMemoryWorkspace({
        '/cal/posts/a.md': post('media:\n  - { file: ../../../../etc/passwd, alt: x }\n  - { file: ../media/link.png, alt: y }\n  - { file: ../media/ok.png, alt: z }\n'),
        '/cal/media/link.png': { kind: 'symlink', target: '/etc/passwd' },
        '/cal/media/ok.png': 'png',
        '/etc/passwd': 'root',
      });
      const checked = await checkPost(ws, calendar(), '/cal/posts/a.md', { now: 0, media: new MediaProbe(ws, '/cal') });
      assert.deepEqual(checked.diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}`), ['media.outside-calendar 6', 'media.outside-calendar 7']);
    });
  });

  describe('settings', () => {
    it('reads .editorial.yaml, or applies defaults without one', async () => {
      const ws = new InMemoryWorkspace({ '/a/.editorial.yaml': 'timezone: Europe/Paris\n', '/b/posts/x.md': post() });
      assert.equal((await loadCalendar(ws, '/a', 'en')).config.timezone, 'Europe/Paris');
      const b = await loadCalendar(ws, '/b', 'fr');
      assert.deepEqual([b.hasConfigFile, b.config.posts, b.config.locale], [false, ['posts/**/*.md'], 'fr']);
    });
    it('does not read a settings file that links out of the calendar', async () => {
      const ws = new InMemoryWorkspace({ '/a/.editorial.yaml': { kind: 'symlink', target: '/secrets/creds' }, '/secrets/creds': 'api_key: s3cr3t\n' });
      const a = await loadCalendar(ws, '/a', 'en');
      assert.deepEqual(a.configDiagnostics.map((d) => d.message), ['.editorial.yaml cannot be read (it is a symbolic link out of the calendar): the default settings apply.']);
      assert.deepEqual(ws.reads, []);
    });

    it('refuses a huge settings file by its size, with defaults', async () => {
      const ws = new InMemoryWorkspace({ '/a/.editorial.yaml': { kind: 'file', bytes: new Uint8Array(0), size: 15 * 1024 * 1024 } });
      const a = await loadCalendar(ws, '/a', 'en');
      assert.deepEqual(a.configDiagnostics.map((d) => d.code), ['config.unreadable']);
      assert.match(a.configDiagnostics[0]!.message, new RegExp(`over ${MAX_CONFIG_BYTES / 1024} KB`));
      assert.deepEqual(ws.reads, []);
    });
    it('reports a settings file that is a FIFO or a folder', async () => {
      const ws = new InMemoryWorkspace({ '/a/.editorial.yaml': { kind: 'other' }, '/b/.editorial.yaml/x': '' });
      assert.deepEqual((await loadCalendar(ws, '/a', 'en')).configDiagnostics.map((d) => d.code), ['config.unreadable']);
      assert.deepEqual((await loadCalendar(ws, '/b', 'en')).configDiagnostics.map((d) => d.code), ['config.unreadable']);
    });
    it('finds calendars the same way from the CLI (upwards) and the extension (downwards)', async () => {
      const ws = new InMemoryWorkspace({ '/w/cal/.editorial.yaml': '', '/w/cal/team/.editorial.yaml': '', '/w/cal/team/posts/a.md': post(), '/w/node_modules/pkg/.editorial.yaml': '' });
      assert.equal(await findCalendarRoot(ws, '/w/cal/team/posts'), '/w/cal/team');
      assert.equal(await findCalendarRoot(ws, '/w'), undefined);
      assert.deepEqual(await discoverCalendars(ws, ['/w']), ['/w/cal/team', '/w/cal']);
    });
  });
});
