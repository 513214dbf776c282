import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, EXPECTED, labelOf, open, revertAll, waitForExactly } from './helpers';

const USERS = 'articles/users/index.md';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

describe('navigation and completion', () => {
  before(async () => {
    await api();
  });
  after(async () => {
    await revertAll();
  });

  it('document links: every resolving href is a link to its page file; the broken one is not', async () => {
    const { document: doc } = await open(USERS);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
    // Only resolved links: VS Code's built-in Markdown extension also offers (lazily resolved) links for hrefs.
    const described = links
      .filter((l) => l.target?.scheme === 'file')
      .map((l) => `${l.range.start.line + 1}:${l.range.start.character + 1}-${l.range.end.line + 1}:${l.range.end.character + 1} ${l.target ? vscode.workspace.asRelativePath(l.target, false) : '(unresolved)'}`)
      .sort((a, b) => parseInt(a) - parseInt(b));
    assert.deepEqual(described, [
      '23:51-23:66 articles/users/profiles.md',
      '29:55-29:88 articles/users/profiles.md',
      '34:51-34:70 articles/users/invite-users.md',
      '40:51-40:63 articles/users/roles.md',
      '46:55-46:67 articles/users/roles.md',
      '63:51-63:60 articles/security/index.md',
    ]);
    assert.ok(!links.some((l) => l.target?.scheme === 'file' && l.range.start.line === 50), 'the broken /users/import-exprot resolves to no file');
  });

  it('Ctrl+click on a broken href explains it (our link wins over the Markdown "create file" link)', async () => {
    const { document: doc } = await open(USERS);
    await waitForExactly(doc.uri, EXPECTED[USERS] ?? [], 'the planted defects');
    // The merged list the editor uses: where links overlap, one provider's link is dropped.
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
    const href = new vscode.Range(50, 50, 50, 70); // `/users/import-exprot`, the link-broken range 51:51-51:71
    const over = links.filter((l) => l.range.intersection(href) !== undefined);
    assert.equal(over.length, 1, `one link over the broken href: ${JSON.stringify(over.map((l) => [l.range.start.character, l.range.end.character, l.target?.toString(true)]))}`);
    const [link] = over;
    assert.ok(link?.target, 'the link has a target');
    assert.equal(link.target.scheme, 'command');
    assert.equal(link.target.path, 'topicPages.explainBrokenLink');
    assert.deepEqual(JSON.parse(decodeURIComponent(link.target.query)), ['No page for route `/users/import-exprot`. Did you mean `/users/import-export`?']);
    assert.ok(link.range.isEqual(href), `the link covers the href value: ${JSON.stringify(link.range)}`);
  });

  it('hover on a route shows the target page\'s title, description, file and route', async () => {
    const { document: doc } = await open(USERS);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(22, 55));
    const text = hoverText(hovers);
    assert.match(text, /\*\*User Profiles\*\*/);
    assert.match(text, /See which attributes Acme Cloud stores for each user and how to add your own\./);
    assert.match(text, /`articles\/users\/profiles\.md` · route `\/users\/profiles`/);
  });

  it('hover on a broken route says there is no page and names the nearest route', async () => {
    const { document: doc } = await open(USERS);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(50, 60));
    const text = hoverText(hovers);
    assert.match(text, /No page for this route/);
    assert.match(text, /`\/users\/import-export`/);
  });

  it('Go to Definition on a route with a fragment lands on the heading', async () => {
    const { document: doc } = await open(USERS);
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, new vscode.Position(28, 60));
    assert.equal(defs.length, 1);
    const def = defs[0];
    assert.ok(def);
    const target = 'targetUri' in def ? def.targetUri : def.uri;
    const range = 'targetUri' in def ? def.targetRange : def.range;
    assert.equal(vscode.workspace.asRelativePath(target, false), 'articles/users/profiles.md');
    const targetDoc = await vscode.workspace.openTextDocument(target);
    assert.match(targetDoc.lineAt(range.start.line).text, /^#+ Custom attributes/i);
  });

  it('completion inside href="" lists the workspace routes with their titles', async () => {
    const { document: doc } = await open('articles/billing/index.md');
    const line = doc.lineAt(32).text;
    const at = line.indexOf('href=""') + 'href="'.length;
    assert.ok(at > 5, `line 33 has an empty href: ${line}`);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(32, at));
    const labels = new Set(list.items.map(labelOf));
    const routes = [
      '/', '/api', '/api/authentication', '/api/error-codes', '/api/pagination', '/api/rate-limits', '/api/webhooks',
      '/billing', '/billing/invoices', '/billing/payment-methods', '/billing/plans', '/billing/usage-alerts',
      '/guides/getting-started', '/guides/migrate-to-v2',
      '/security', '/security/audit-logs', '/security/single-sign-on', '/security/two-factor',
      '/users', '/users/import-export', '/users/invite-users', '/users/profiles', '/users/roles',
    ];
    for (const route of routes) assert.ok(labels.has(route), `completion offers ${route}; got ${[...labels].join(' ')}`);
    assert.ok(![...labels].some((l) => l.includes('_includes')), 'partials are not routes');
    const plans = list.items.find((i) => labelOf(i) === '/billing/plans');
    assert.ok(plans && typeof plans.label !== 'string', 'the label carries the title');
    assert.equal(typeof plans.label === 'string' ? undefined : plans.label.description, 'Plans and Pricing');
    // Choosing an item replaces the (empty) href value.
    const range = plans.range;
    const replace = range instanceof vscode.Range ? range : range?.replacing;
    assert.ok(replace, 'the item has a range');
    assert.deepEqual([replace.start.line, replace.start.character, replace.end.character], [32, at, at]);
  });
});
