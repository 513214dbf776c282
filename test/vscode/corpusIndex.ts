// Entry point of the corpus suite: the tests in corpus/, run on a workspace made of the
// auth0-docs corpus and the seed page (test/vscode/workspace.mjs prepareCorpusWorkspace).
import { runFolder } from './index';

export function run(): Promise<void> {
  return runFolder('corpus');
}
