import { splitThread, type Variant } from './body';
import type { CalendarConfig } from './config';
import { toSocialText } from './markdown';
import { markdownBudget } from './markdownBounds';
import type { PlatformId, RenderedPart, RenderedPlatform } from './model';
import { PLATFORMS } from './platforms/registry';
import type { Hashtag, Link, Measure } from './platforms/types';
import type { ParsedPost } from './post';
import type { MappedText } from './text/mappedText';

/** A rendered part with the entities rules need (offsets in `text`). */
export interface PartDetail extends RenderedPart {
  readonly measure: Measure;
  readonly hashtagEntities: readonly Hashtag[];
  readonly linkEntities: readonly Link[];
}

export interface PlatformRender extends RenderedPlatform {
  readonly parts: readonly PartDetail[];
}

/**
 * What each of the post's networks receives: its `:::id` variant or the default text, split
 * into thread parts, converted from Markdown, measured by the network's own rules.
 * Networks sharing a text share its conversion.
 */
export function renderPost(post: ParsedPost, config: CalendarConfig): PlatformRender[] {
  const converted = new Map<MappedText, MappedText[]>();
  // One Markdown budget per post, so that its work stays bounded however it is split.
  const budget = markdownBudget();
  const convert = (source: MappedText) => {
    let parts = converted.get(source);
    if (!parts) {
      parts = splitThread(source).map((part) => toSocialText(part, budget));
      converted.set(source, parts);
    }
    return parts;
  };
  return post.meta.platforms.map((platform) => renderFor(post, platform, config, convert));
}

function renderFor(
  post: ParsedPost,
  platform: PlatformId,
  config: CalendarConfig,
  convert: (source: MappedText) => MappedText[],
): PlatformRender {
  const rules = PLATFORMS[platform];
  const settings = config.platforms[platform] ?? {};
  const variant = variantFor(post, platform);
  const source = variant ? variant.text : post.body.defaultText;
  const parts = convert(source).map((mapped): PartDetail => {
    const text = mapped.value;
    const measure = rules.measure(text, settings);
    const hashtagEntities = rules.hashtags(text);
    const linkEntities = rules.links(text);
    const sourceStart = text === '' && source.value.trim() === '' ? emptyPartOffset(post, variant?.fenceEnd) : mapped.toSource(0);
    const sourceEnd = text === '' ? sourceStart : mapped.toSource(text.length - 1) + 1;
    return {
      text,
      length: measure.length,
      limit: measure.limit,
      fitsUntil: measure.fitsUntil,
      hashtags: hashtagEntities.map((h) => h.tag),
      links: linkEntities.map((l) => l.url),
      sourceStart,
      sourceEnd,
      toSource: (offset) => mapped.toSource(offset),
      measure,
      hashtagEntities,
      linkEntities,
    };
  });
  return { platform, parts, fromVariant: variant !== undefined };
}

/** The `:::id` block a network receives instead of the default text, if any (the first one written). */
export function variantFor(post: ParsedPost, platform: PlatformId): Variant | undefined {
  return post.body.variants.find((v) => v.id === platform);
}

/** Where to point at an empty text: the variant fence, else the start of the body. */
function emptyPartOffset(post: ParsedPost, fenceEnd: number | undefined): number {
  return fenceEnd ?? post.sections.bodyStart;
}
