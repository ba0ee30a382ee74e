/** Where a rule's documentation lives: the one function every `codeDescription.href` comes from. */

export const REPOSITORY_URL = 'https://github.com/deploy-doctor/deploy-doctor';

export function docsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId}.md`;
}
