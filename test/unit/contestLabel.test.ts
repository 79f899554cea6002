import assert from 'node:assert/strict';
import { contestLabel } from '../../src/core/contest/label';

describe('a contest as the preview and the calendar say it', () => {
  it('names its end and prize, in the calendar’s language and zone', () => {
    const contest = { ends: Date.parse('2026-12-16T22:59:00Z'), endsText: '2026-12-16T23:59', prize: 'un an de Nova', winners: 3 };
    assert.equal(contestLabel(contest, 'Europe/Paris', 'fr'), 'Concours · fin le 16 déc. 2026, 23:59 · à gagner\u00a0: un an de Nova');
    assert.equal(contestLabel(contest, 'Europe/Paris', 'en'), 'Contest · ends Dec 16, 2026, 11:59 PM · prize: un an de Nova');
  });

  it('names its winners once drawn, and says when no end is set', () => {
    const drawn = { winners: 2, draw: { seed: 's', entrants: 12, listHash: 'sha256-x', winners: ['mastodon:@lea@mastodon.social', 'bluesky:karim.bsky.social'] } };
    assert.equal(contestLabel(drawn, 'UTC', 'en'), 'Contest · no end date · winners: mastodon:@lea@mastodon.social, bluesky:karim.bsky.social');
  });
});
