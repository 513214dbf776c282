import type { Rule } from '../rule';
import { descriptionMissingRule } from './descriptionMissing';
import { fileSkippedRule } from './fileSkipped';
import { frontMatterSchemaRule } from './frontMatterSchema';
import { frontMatterSyntaxRule } from './frontMatterSyntax';
import { headerTitleMismatchRule } from './headerTitleMismatch';
import { hrefEmptyRule } from './hrefEmpty';
import { hrefUnsafeRule } from './hrefUnsafe';
import { includeLinksMalformedRule } from './includeLinksMalformed';
import { includeMissingRule } from './includeMissing';
import { itemMissingLinkRule } from './itemMissingLink';
import { linkBrokenRule } from './linkBroken';
import { linkDescriptionEmptyRule } from './linkDescriptionEmpty';
import { linkDuplicateRule } from './linkDuplicate';
import { linkFragmentRule } from './linkFragment';
import { linkRelativeRule } from './linkRelative';
import { linkTextEmptyRule } from './linkTextEmpty';
import { markdownLinkInHtmlRule } from './markdownLinkInHtml';
import { markupUnclosedRule } from './markupUnclosed';
import { mojibakeRule } from './mojibake';
import { taxonomyUnknownValueRule } from './taxonomyUnknownValue';
import { titleMissingRule } from './titleMissing';
import { topicPageClassMissingRule } from './topicPageClassMissing';

/** Every rule, in the order their findings are reported for the same position. */
export const allRules: readonly Rule[] = [
  fileSkippedRule,
  frontMatterSyntaxRule,
  titleMissingRule,
  descriptionMissingRule,
  frontMatterSchemaRule,
  taxonomyUnknownValueRule,
  topicPageClassMissingRule,
  headerTitleMismatchRule,
  hrefEmptyRule,
  hrefUnsafeRule,
  linkBrokenRule,
  linkRelativeRule,
  linkFragmentRule,
  linkTextEmptyRule,
  linkDescriptionEmptyRule,
  linkDuplicateRule,
  itemMissingLinkRule,
  markupUnclosedRule,
  markdownLinkInHtmlRule,
  mojibakeRule,
  includeMissingRule,
  includeLinksMalformedRule,
];

export const rulesById: ReadonlyMap<string, Rule> = new Map(allRules.map((r) => [r.id, r]));
