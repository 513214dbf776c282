import * as assert from 'node:assert/strict';
import { api, EXPECTED, uri, waitForExactly } from './helpers';

interface Node {
  readonly label: string;
  readonly kind: string;
  readonly description: string;
  readonly route: string | undefined;
  readonly target: string | undefined;
  readonly children: readonly Node[];
}

const brief = (n: Node): string => `${n.kind} ${n.label} | ${n.description}`;

describe('topic tree data (extension API treeSnapshot)', () => {
  before(async () => {
    await api();
    // Problem counts in the descriptions come from the published diagnostics: wait for all of them.
    for (const [rel, expected] of Object.entries(EXPECTED)) await waitForExactly(uri(rel), expected, `the planted defects of ${rel}`);
  });

  it('has one root, the home page, whose children are its links in document order', async () => {
    const topicPages = await api();
    const roots: readonly Node[] = await topicPages.treeSnapshot({ maxDepth: 3 });
    assert.deepEqual(roots.map((r) => [r.kind, r.label, r.route, r.target]), [['topic-page', 'Acme Cloud Documentation', '/', 'articles/index.md']]);
    const home = roots[0];
    assert.ok(home);
    assert.deepEqual(home.children.map(brief), [
      'page Getting Started | /guides/getting-started',
      'topic-page Users | /users · 5 problems',
      'topic-page Billing | /billing · 7 problems',
      'topic-page API Reference | /api · 4 problems',
      'topic-page Security | /security · 2 problems',
      'dynamic Service Status | ${status_page_url}',
      'external Community Forum | https://example.com/',
    ]);
  });

  it('a topic page expands into its links: broken and link-less items marked, the cycle back not expanded', async () => {
    const topicPages = await api();
    const home = (await topicPages.treeSnapshot({ maxDepth: 4 }))[0] as Node | undefined;
    const users = home?.children.find((c) => c.label === 'Users');
    assert.ok(users, 'Users under the home page');
    assert.deepEqual(users.children.map((c) => `${c.kind} ${c.label} ${c.route ?? ''}`.trim()), [
      'page User Profiles /users/profiles',
      'page Invite Users /users/invite-users',
      'page Roles and Permissions /users/roles',
      'broken Import and Export Users /users/import-exprot',
      'no-link Directory Sync',
      'topic-page Security /security',
    ]);
    const security = users.children.find((c) => c.label === 'Security');
    const cycles = security?.children.filter((c) => c.kind === 'cycle') ?? [];
    assert.deepEqual(cycles.map((c) => [c.label, c.route, c.children.length]), [
      ['Acme Cloud Documentation', '/', 0],
      ['Users and Roles', '/users', 0],
    ]);
  });
});
