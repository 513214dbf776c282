// `npm run test:vscode`: the integration suite under @vscode/test-electron, which DOWNLOADS
// VS Code (stable) into .vscode-test/ on first use, so it needs internet. CI and machines
// without internet use `npm run test:editor` (code-server) instead; both run the same suite.
import { runTests } from '@vscode/test-electron';
import path from 'node:path';
import { prepareWorkspace, repoRoot } from './workspace.mjs';

const workspace = prepareWorkspace();
try {
  await runTests({
    version: process.env.TOPIC_PAGES_VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'out', 'test', 'vscode', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
} catch (e) {
  console.error(`integration suite failed: ${e?.message ?? e}`);
  process.exit(1);
}
