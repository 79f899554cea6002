import { PLATFORMS } from '../platforms/registry';
import type { Rule } from './rule';

/** Words saying a promotion is not the network's: "not sponsored, endorsed, administered by, or associated with". */
const DISCLAIMER = /sponsor|endors|administ|associ|parrain|approuv|géré|gere/i;
/** Asking people to tag friends or share on their timeline (Facebook forbids both as ways to enter). */
const TAG_OR_SHARE = /\b(?:tag|tague[rz]?|taguez|identifie[rz]?|identifiez|mentionne[rz]?|mentionnez)\b[^.!?\n]{0,30}\b(?:friends?|ami(?:e)?s?)\b|\b(?:share|partage[rz]?|partagez)\b[^.!?\n]{0,30}\b(?:timeline|journal|mur|profil)\b/i;

/**
 * `contest.*`: a contest's frontmatter checked before it goes out. Its entries must close after
 * the post is out, and it should link its rules. On Instagram and Facebook, Meta's promotion
 * guidelines apply (see docs/rules.md for their text): the post must say the promotion is not
 * sponsored, endorsed, administered by or associated with the network, and on Facebook sharing
 * on one's timeline or tagging friends must not be a way to enter.
 */
export const contestRule: Rule = {
  codes: ['contest.ends-before-date', 'contest.no-rules', 'contest.meta-disclaimer', 'contest.facebook-entry'],
  run({ post, renders, report }) {
    const { contest, date } = post.meta;
    const field = post.field('contest');
    if (!contest || !field) return;
    const at = { start: field.keyStart, end: field.keyEnd };
    if (contest.ends !== undefined && date !== undefined && contest.ends <= date) {
      report({ code: 'contest.ends-before-date', severity: 'error', id: 'contest.ends-before-date', params: { ends: contest.endsText ?? '' }, ...at });
    }
    if (contest.rules === undefined) report({ code: 'contest.no-rules', severity: 'warning', id: 'contest.no-rules', ...at });
    for (const render of renders) {
      if (render.platform !== 'instagram' && render.platform !== 'facebook') continue;
      const name = PLATFORMS[render.platform].name;
      const text = render.parts.map((p) => p.text).join('\n');
      const names = new RegExp(`\\b(?:${name}|Meta)\\b`, 'i');
      const disclaimed = text.split(/(?<=[.!?\n])/).some((sentence) => names.test(sentence) && DISCLAIMER.test(sentence));
      if (!disclaimed) report({ code: 'contest.meta-disclaimer', severity: 'warning', platform: render.platform, id: 'contest.meta-disclaimer', params: { network: name }, ...at });
      if (render.platform === 'facebook' && (contest.entry === 'repost' || TAG_OR_SHARE.test(text))) {
        report({ code: 'contest.facebook-entry', severity: 'error', platform: 'facebook', id: 'contest.facebook-entry', ...at });
      }
    }
  },
};
