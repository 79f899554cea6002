import { datePastRule } from './datePast';
import { hashtagBannedRule } from './hashtagBanned';
import { hashtagCountRule } from './hashtagCount';
import { hashtagDuplicateRule } from './hashtagDuplicate';
import { hashtagInvalidRule } from './hashtagInvalid';
import { lengthRule } from './length';
import { linkCountRule } from './linkCount';
import { mediaAltRule } from './mediaAlt';
import { mediaCountRule } from './mediaCount';
import { mediaFilesRule } from './mediaFiles';
import { approvalsRule } from './approvals';
import { contestRule } from './contest';
import { pollsRule } from './polls';
import { mediaPublicUrlRule } from './mediaPublicUrl';
import { publishResultsRule } from './publishResults';
import type { Rule } from './rule';
import { threadSupportRule } from './threadSupport';
import { variantsRule } from './variants';

/** Every content rule, run in this order after a post is read. */
export const RULES: readonly Rule[] = [
  datePastRule,
  variantsRule,
  lengthRule,
  threadSupportRule,
  hashtagCountRule,
  hashtagDuplicateRule,
  hashtagInvalidRule,
  hashtagBannedRule,
  linkCountRule,
  mediaFilesRule,
  mediaAltRule,
  mediaCountRule,
  pollsRule,
  contestRule,
  approvalsRule,
  mediaPublicUrlRule,
  publishResultsRule,
];
