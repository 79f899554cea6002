import assert from 'node:assert/strict';
import fc from 'fast-check';
import { approvalHash } from '../../src/core/approval/hash';
import { emailOf, mayApprove, parsePerson } from '../../src/core/approval/people';
import { parseConfig } from '../../src/core/config';
import { lint } from '../../src/core/lint';
import { checkPost } from '../../src/services/checkPost';
import { MediaProbe } from '../../src/services/media';
import { applyEdits } from '../../src/core/textEdits';
import { CONFIG, lintText, NOW } from './helpers';
import { InMemoryWorkspace } from './inMemoryWorkspace';

const body = 'Nova 2 arrive le 3 décembre ✨ #Nova';
const post = (extra = '', text = body, fields = '') => `---\ndate: 2026-12-03T08:00\nplatforms: [x, bluesky]\nstatus: approved\n${fields}${extra}---\n${text}\n`;
const hashOf = (text: string) => approvalHash(lintText(text), () => undefined)!;

describe('approvals pinned to what is sent', () => {
  it('keeps the hash through a reformat or a comment, and changes it with anything sent', () => {
    const base = hashOf(post());
    assert.match(base, /^sha256-[0-9a-f]{32}$/);
    assert.equal(hashOf(post('# relu par Léa\n')), base, 'a YAML comment');
    assert.equal(hashOf(post('', body + '   ')), base, 'trailing spaces');
    assert.equal(hashOf(post('').replace('platforms: [x, bluesky]', 'platforms:\n  - x\n  - bluesky')), base, 'the list written otherwise');
    assert.notEqual(hashOf(post('', body.replace('3 décembre', '4 décembre'))), base, 'the text');
    assert.notEqual(hashOf(post().replace('08:00', '09:00')), base, 'the date');
    assert.notEqual(hashOf(post().replace('[x, bluesky]', '[x]')), base, 'the networks');
    assert.notEqual(hashOf(post('', body + '\n\n:::x\nAutre texte pour X\n:::')), base, "one network's variant");
  });

  it('pins media by content and alt text, and gives no hash when a file is unknown', () => {
    const text = post('media:\n  - { file: ../media/a.png, alt: Le logo }\n');
    const digest = (d: string) => () => d;
    const a = approvalHash(lintText(text), digest('aaaa'));
    assert.equal(approvalHash(lintText(text), digest('aaaa')), a);
    assert.notEqual(approvalHash(lintText(text), digest('bbbb')), a, 'another file content');
    assert.notEqual(approvalHash(lintText(text.replace('Le logo', 'Un logo')), digest('aaaa')), a, 'another alt');
    assert.equal(approvalHash(lintText(text), () => undefined), undefined);
  });

  it('reports an approval of another text as stale, with a fix that asks for approval again', () => {
    const approved = post(`approvals:\n  - { by: "Léa <lea@nova.example>", at: 2026-11-20T15:02Z, hash: ${hashOf(post())} }\n`);
    assert.deepEqual(lintText(approved).diagnostics.filter((d) => d.code.startsWith('approval.')), []);
    const edited = approved.replace(body, body.replace('3 décembre', '4 décembre'));
    const result = lintText(edited);
    const stale = result.diagnostics.find((d) => d.code === 'approval.stale')!;
    assert.equal(stale.severity, 'warning');
    assert.match(stale.message, /Approved by Léa <lea@nova\.example> on 2026-11-20 16:02, but what the networks would receive has changed/);
    const fixed = applyEdits(edited, stale.fixes![0]!.edits);
    assert.match(fixed, /^status: review$/m);
    assert.doesNotMatch(fixed, /approvals:\n  - /);
    const after = lintText(fixed).diagnostics;
    assert.deepEqual(after.filter((d) => d.code.startsWith('approval.') || d.severity === 'error'), [], 'the fix adds no error');
  });

  it('asks for the approvals the policy requires, per campaign, from the approvers it lists', () => {
    const config = parseConfig('timezone: Europe/Paris\napprovals:\n  required: 2\n  approvers: ["*@nova.example"]\n  campaigns:\n    evergreen: { required: 1 }\n').config;
    assert.deepEqual(config.approvals, { required: 2, selfApproval: true, approvers: ['*@nova.example'], campaigns: { evergreen: { required: 1 } } });
    const hash = hashOf(post());
    const one = post(`approvals:\n  - { by: "Léa <lea@nova.example>", at: 2026-11-20T15:02Z, hash: ${hash} }\n  - { by: "Max <max@elsewhere.example>", at: 2026-11-20T16:00Z, hash: ${hash} }\n`);
    const codes = (text: string) => lintText(text, config).diagnostics.filter((d) => d.code.startsWith('approval.')).map((d) => d.code);
    assert.deepEqual(codes(one), ['approval.not-allowed', 'approval.missing']);
    assert.deepEqual(codes(one.replace('status: approved\n', 'status: approved\ncampaign: evergreen\n')), ['approval.not-allowed']);
    assert.deepEqual(codes(one.replace('status: approved', 'status: review')), ['approval.not-allowed'], 'only approved or scheduled posts need them');
  });

  describe('approval.self', () => {
    const config = parseConfig('timezone: Europe/Paris\napprovals:\n  required: 1\n  selfApproval: false\n  campaigns:\n    solo: { selfApproval: true }\n').config;
    const approved = (by: string, fields = '') => post(`approvals:\n  - { by: "${by}", at: 2026-11-20T15:02Z, hash: ${hashOf(post(fields))} }\n`, body, fields);
    const found = (text: string, authors: (() => readonly string[] | undefined) | undefined, c = config) =>
      lint('posts/p.md', text, { config: c, now: NOW, ...(authors ? { authors } : {}) }).diagnostics.filter((d) => d.code.startsWith('approval.'));

    it("reports an author's approval when the policy forbids it, and does not count it", () => {
      const self = found(approved('Camille <Camille@Nova.example>'), () => ['camille@nova.example', 'lea@nova.example']);
      assert.deepEqual(self.map((d) => [d.code, d.severity]), [['approval.self', 'warning'], ['approval.missing', 'error']]);
      assert.match(self[0]!.message, /^Camille <Camille@Nova\.example> wrote this post \(git log\): this calendar asks for someone else/);
      assert.equal(self[0]!.fixes, undefined);
      const fr = lint('posts/p.md', approved('Camille <camille@nova.example>'), { config: { ...config, locale: 'fr' }, now: NOW, authors: () => ['camille@nova.example'] }).diagnostics.find((d) => d.code === 'approval.self')!;
      assert.match(fr.message, /^Camille <camille@nova\.example> a écrit ce post \(git log\)/);
    });

    it('says nothing of an approver who did not write the post, when self-approval is allowed, or when the authors are not known', () => {
      assert.deepEqual(found(approved('Léa <lea@nova.example>'), () => ['camille@nova.example']), []);
      assert.deepEqual(found(approved('Camille <camille@nova.example>', 'campaign: solo\n'), () => ['camille@nova.example']), [], 'the campaign allows it');
      assert.deepEqual(found(approved('Camille <camille@nova.example>'), () => ['camille@nova.example'], CONFIG), [], 'the default policy allows it');
      assert.deepEqual(found(approved('Camille <camille@nova.example>'), () => undefined), [], 'git not asked yet');
      assert.deepEqual(found(approved('Camille <camille@nova.example>'), undefined), [], 'no git');
    });

    it('asks for the authors only of posts with approvals under a policy forbidding self-approval', () => {
      let asked = 0;
      const authors = () => (asked++, ['camille@nova.example']);
      found(post(), authors);
      found(approved('Camille <camille@nova.example>', 'campaign: solo\n'), authors);
      found(approved('Camille <camille@nova.example>'), authors, CONFIG);
      assert.equal(asked, 0);
      found(approved('Camille <camille@nova.example>'), authors);
      assert.equal(asked, 1);
    });

    it('leaves a stale approval to approval.stale', () => {
      const edited = approved('Camille <camille@nova.example>').replace(body, body + ' !');
      assert.deepEqual(found(edited, () => ['camille@nova.example']).map((d) => d.code), ['approval.stale', 'approval.missing']);
    });

    it('is told by checkPost, which asks git only about the posts that need it', async () => {
      const ws = new InMemoryWorkspace({ '/cal/posts/a.md': approved('Camille <camille@nova.example>'), '/cal/posts/b.md': post().replace('approved', 'review'), '/cal/posts/c.md': approved('Camille <camille@nova.example>', 'campaign: solo\n') });
      const asked: string[] = [];
      const git = { authors: async (path: string) => (asked.push(path), ['camille@nova.example']) };
      const check = (file: string) => checkPost(ws, { root: '/cal', config }, file, { now: NOW, media: new MediaProbe(ws, '/cal'), git });
      assert.deepEqual((await check('/cal/posts/a.md')).diagnostics.map((d) => d.code), ['approval.self', 'approval.missing']);
      assert.deepEqual((await check('/cal/posts/b.md')).diagnostics.map((d) => d.code), []);
      assert.deepEqual((await check('/cal/posts/c.md')).diagnostics.map((d) => d.code), []);
      assert.deepEqual(asked, ['/cal/posts/a.md']);
      const failing = { authors: () => Promise.reject(new Error('git is not there')) };
      const quiet = await checkPost(ws, { root: '/cal', config }, '/cal/posts/a.md', { now: NOW, media: new MediaProbe(ws, '/cal'), git: failing });
      assert.deepEqual(quiet.diagnostics.map((d) => d.code), [], 'git failing is no finding');
    });
  });

  it('reads approvers as emails or patterns', () => {
    assert.equal(emailOf('Léa Martin <Lea@Nova.example>'), 'lea@nova.example');
    assert.equal(emailOf('lea@nova.example'), 'lea@nova.example');
    assert.ok(mayApprove('lea@nova.example', ['*@nova.example']));
    assert.ok(!mayApprove('lea@nova.example.evil', ['*@nova.example']));
    assert.ok(!mayApprove('lea@novaXexample', ['*@nova.example']), 'a dot is a dot');
    assert.ok(mayApprove('anyone@x', []));
    assert.deepEqual(parseConfig('approvals: { required: lots }\n').diagnostics.map((d) => d.code), ['config.schema']);
    assert.equal(CONFIG.approvals.required, 0);
  });

  it('reads a reviewer written Name <email> (the browser asks for it), and refuses anything else', () => {
    assert.deepEqual(parsePerson('  Léa Martin <lea@nova.example> '), { name: 'Léa Martin', email: 'lea@nova.example' });
    for (const bad of ['', 'Léa Martin', 'lea@nova.example', '<lea@nova.example>', 'Léa <lea>', 'Léa <lea@nova>', 'Léa <a b@nova.example>', 'Léa <lea@nova.example> x', 'L<é>a <lea@nova.example>', 'Léa\nMartin <lea@nova.example>']) {
      assert.equal(parsePerson(bad), undefined, bad);
    }
    // What it reads, written back as an approval's `by`, gives the same email back.
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((n) => !/[<>\p{Cc}]/u.test(n) && n.trim() !== ''), fc.stringMatching(/^[a-z0-9._-]{1,12}@[a-z0-9-]{1,12}\.[a-z]{2,6}$/), (name, email) => {
        const person = parsePerson(`${name} <${email}>`);
        assert.ok(person);
        assert.equal(person.name, name.trim());
        assert.equal(emailOf(`${person.name} <${person.email}>`), email.toLowerCase());
      }),
    );
  });
});
