// How each network lays a post out in its feed: what the preview card imitates. Only presentation
// lives here; what a network links, counts and folds comes from the core's platform rules.
import type { PlatformId } from '../../core/model';

export interface Look {
  /**
   * `inline`: avatar beside the post, name and handle on one line, thread parts linked by a line
   * (X, Bluesky, Mastodon, Threads). `stacked`: a header above full-width text and a row of worded
   * actions (LinkedIn, Facebook). `caption`: media first, then the caption after the handle
   * (Instagram).
   */
  readonly layout: 'inline' | 'stacked' | 'caption';
  readonly avatar: 'circle' | 'rounded';
  /** The action row: codicon names, with a word (a key of the UI strings) where the app writes one. */
  readonly actions: ReadonlyArray<{ readonly icon: string; readonly label?: string }>;
  /** What the feed writes where it folds the text (a key of the UI strings). */
  readonly more: string;
}

const inline = (actions: Look['actions'], avatar: Look['avatar'] = 'circle'): Look => ({ layout: 'inline', avatar, actions, more: '… more' });
const worded = (labels: readonly string[]): Look['actions'] => labels.map((label) => ({ icon: ICONS[label]!, label }));
const ICONS: Record<string, string> = { Like: 'thumbsup', Comment: 'comment', Repost: 'sync', Send: 'send', Share: 'share' };

export const LOOKS: Record<PlatformId, Look> = {
  x: inline([{ icon: 'comment' }, { icon: 'sync' }, { icon: 'heart' }, { icon: 'graph' }, { icon: 'bookmark' }]),
  bluesky: inline([{ icon: 'comment' }, { icon: 'sync' }, { icon: 'heart' }, { icon: 'ellipsis' }]),
  mastodon: inline([{ icon: 'reply' }, { icon: 'sync' }, { icon: 'star-empty' }, { icon: 'bookmark' }, { icon: 'ellipsis' }], 'rounded'),
  threads: inline([{ icon: 'heart' }, { icon: 'comment' }, { icon: 'sync' }, { icon: 'send' }]),
  linkedin: { layout: 'stacked', avatar: 'circle', actions: worded(['Like', 'Comment', 'Repost', 'Send']), more: '…see more' },
  facebook: { layout: 'stacked', avatar: 'circle', actions: worded(['Like', 'Comment', 'Share']), more: 'See more' },
  instagram: { layout: 'caption', avatar: 'circle', actions: [{ icon: 'heart' }, { icon: 'comment' }, { icon: 'send' }, { icon: 'bookmark' }], more: '… more' },
  youtube: { layout: 'stacked', avatar: 'circle', actions: [{ icon: 'thumbsup' }, { icon: 'comment' }, { icon: 'share' }], more: '…more' },
  tiktok: { layout: 'caption', avatar: 'circle', actions: [{ icon: 'heart' }, { icon: 'comment' }, { icon: 'bookmark' }, { icon: 'share' }], more: '… more' },
  pinterest: { layout: 'caption', avatar: 'circle', actions: [{ icon: 'heart' }, { icon: 'share' }, { icon: 'ellipsis' }], more: '… more' },
  // A plain message: whatever the receiver (Slack, Discord, an in-house tool) draws, no actions.
  webhook: inline([], 'rounded'),
};

