import assert from 'node:assert/strict';
import { buildPreviews } from '../../src/core/preview';
import { publishRequests } from '../../src/core/publish/requests';
import { CONFIG, lintText } from './helpers';

const post = (platforms: string, poll: string) => `---\ndate: 2026-12-14T10:00\nplatforms: [${platforms}]\nstatus: approved\npoll: ${poll}\n---\nQuel rituel préférez-vous ?\n`;
const findings = (text: string) => lintText(text).diagnostics.filter((d) => d.code.startsWith('poll.') || d.code === 'frontmatter.schema').map((d) => [d.code, d.platform ?? '', d.severity]);

describe('polls', () => {
  it('accepts a poll every network of the post can publish', () => {
    assert.deepEqual(findings(post('x, mastodon, linkedin', '{ options: [Rétro, Stand-up, Démo], duration: 3d, question: "Votre rituel préféré ?" }')), []);
  });

  it('checks the options against each network: how many, and how long', () => {
    assert.deepEqual(findings(post('x, mastodon', '{ options: [Seul], duration: 1d }')), [
      ['poll.options', 'x', 'error'],
      ['poll.options', 'mastodon', 'error'],
    ]);
    // 27 characters: over X's 25, within Mastodon's 50.
    assert.deepEqual(findings(post('x, mastodon', '{ options: [Rétrospective du vendredi !, Non], duration: 1d }')), [['poll.option-too-long', 'x', 'error']]);
    const [message] = lintText(post('x', '{ options: [Rétrospective du vendredi !, Non], duration: 1d }')).diagnostics.filter((d) => d.code === 'poll.option-too-long').map((d) => d.message);
    assert.equal(message, '"Rétrospective du vendredi !" is 27 characters: poll options on X have 1 to 25.');
  });

  it('checks the duration: X 5 minutes to 7 days, Mastodon to about a month, LinkedIn 1, 3, 7 or 14 days', () => {
    assert.deepEqual(findings(post('x, mastodon, linkedin', '{ options: [A, B], duration: 10d, question: Q }')), [
      ['poll.duration', 'x', 'error'],
      ['poll.duration', 'linkedin', 'error'],
    ]);
    assert.deepEqual(findings(post('x, mastodon', '{ options: [A, B], duration: 2m }')), [
      ['poll.duration', 'x', 'error'],
      ['poll.duration', 'mastodon', 'error'],
    ]);
    assert.match(lintText(post('linkedin', '{ options: [A, B], duration: 2d, question: Q }')).diagnostics.find((d) => d.code === 'poll.duration')!.message, /1d, 3d, 7d, 14d/);
  });

  it('asks LinkedIn for a question, and says where a network has no polls', () => {
    assert.deepEqual(findings(post('linkedin, bluesky', '{ options: [A, B], duration: 1d }')), [
      ['poll.question', 'linkedin', 'error'],
      ['poll.unsupported', 'bluesky', 'warning'],
    ]);
  });

  it('reports a poll not written as one', () => {
    assert.deepEqual(findings(post('x', '[A, B]')), [['frontmatter.schema', '', 'error']]);
    assert.deepEqual(findings(post('x', '{ options: [A, B], duration: bientôt }')), [['frontmatter.schema', '', 'error']]);
  });

  it('sends the poll on the first part: X in minutes, Mastodon in seconds, LinkedIn as a duration name', () => {
    const text = `---\ndate: 2026-12-14T10:00\nplatforms: [x, mastodon, linkedin]\nstatus: approved\npoll: { options: [Rétro, Démo], duration: 1d, question: "Votre rituel ?" }\n---\nUn\n\n---\n\nDeux\n`;
    const requests = publishRequests(lintText(text), CONFIG) as Record<string, Array<Record<string, unknown>>>;
    assert.deepEqual(requests['x']!.map((b) => b['poll']), [{ options: ['Rétro', 'Démo'], duration_minutes: 1440 }, undefined]);
    assert.deepEqual(requests['mastodon']!.map((b) => b['poll']), [{ options: ['Rétro', 'Démo'], expires_in: 86_400 }, undefined]);
    assert.deepEqual(requests['linkedin']![0]!['content'], { poll: { question: 'Votre rituel ?', options: [{ text: 'Rétro' }, { text: 'Démo' }], settings: { duration: 'ONE_DAY' } } });
  });
});

describe('polls in the preview', () => {
  it('draws the poll on the networks that publish it, the question where LinkedIn asks one', () => {
    const result = lintText(post('x, bluesky, linkedin', '{ options: [Rétro, Démo], duration: 3d, question: "Votre rituel ?" }'));
    const previews = buildPreviews(result, CONFIG);
    assert.deepEqual(previews.map((p) => [p.platform, p.poll]), [
      ['x', { options: ['Rétro', 'Démo'], duration: '3d' }],
      ['bluesky', undefined],
      ['linkedin', { options: ['Rétro', 'Démo'], duration: '3d', question: 'Votre rituel ?' }],
    ]);
  });
});
