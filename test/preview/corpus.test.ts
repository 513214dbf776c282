/**
 * The preview of real pages: the Users seed (`../shared/seed/users-topic-page.md`, at
 * `articles/users/index.md`) and every corpus page that lists its links with the
 * `_topic-links` include, in a workspace of the corpus files plus a title-only stub for
 * every other path the corpus lists. The links the preview strikes are checked against the
 * findings of the engine's own link-broken rule.
 * Skipped when the shared data is absent; failed when it is absent and CI is set.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { isTopicLinksInclude, parsePage } from '../../src/core/page';
import { relativeHref } from '../../src/preview';
import { CORPUS_CONFIG, CORPUS_DIR, SEED_FILE, corpusArticles, stubWorkspace } from '../helpers/corpus';
import { anchorsOf, previewOf, type Preview } from './helpers';

const SEED_PATH = 'articles/users/index.md';
const absent = [SEED_FILE, CORPUS_DIR].find((p) => !existsSync(p));
const missing = absent ? `shared test data not found: ${absent}` : undefined;
// Without CI the tests skip with the reason; with CI they run and fail on the first assertion.
const skip = missing !== undefined && !process.env['CI'] ? missing : undefined;

describe('preview of the seed and the corpus', { skip }, () => {
  let preview: Preview;
  let seed: string;
  before(async () => {
    assert.equal(missing, undefined, `${missing} (CI is set: the shared data must be present)`);
    seed = readFileSync(SEED_FILE, 'utf8');
    preview = await previewOf(stubWorkspace({ ...corpusArticles(), [SEED_PATH]: seed }), CORPUS_CONFIG);
  });

  describe('the Users seed', () => {
    let html: string;
    before(() => {
      html = preview.render(SEED_PATH);
    });

    it('hides the front matter and passes the header through as written', () => {
      const start = seed.indexOf('<div class="topic-page-header">');
      const header = seed.slice(start, seed.indexOf('</div>\n\n', start) + '</div>\n'.length);
      assert.ok(header.includes('<div data-name="example" class="topic-page-badge"></div>'));
      assert.ok(html.startsWith(header), html.slice(0, 300));
    });

    it('keeps every list item and link, with its icon', () => {
      const count = (text: string, s: string): number => text.split(s).length - 1;
      assert.equal(count(html, '<li>'), count(seed, '<li>'));
      assert.equal(count(html, '<i class="icon icon-budicon-715"></i><a '), count(seed, '<i class="icon icon-budicon-715"></i><a '));
      assert.equal(count(html, '<i class="icon icon-budicon-695"></i><a '), count(seed, '<i class="icon icon-budicon-695"></i><a '));
      assert.equal(anchorsOf(html).length, count(seed, '<a '));
    });

    it('points resolved links at their files', () => {
      assert.ok(html.includes('<i class="icon icon-budicon-715"></i><a data-tp-route="/user-profile" href="../user-profile/index.md">User Profile</a>'));
      assert.ok(html.includes('<i class="icon icon-budicon-695"></i><a data-tp-route="/user-profile/user-picture" href="../user-profile/user-picture.md">User Pictures</a>'));
    });

    it('strikes exactly the links link-broken reports, each with its reason', () => {
      assert.ok(html.includes('<a data-tp-broken="" title="No page for route `/users/bulk-importing-users-into-auth0`." href="/users/bulk-importing-users-into-auth0">Importing and Exporting Users</a>'));
      const findings = preview.engine.check(SEED_PATH).filter((f) => f.ruleId === 'link-broken');
      const struck = anchorsOf(html).filter((a) => 'data-tp-broken' in a.attributes);
      assert.deepEqual(
        struck.map((a) => [a.attributes['href'], a.attributes['title']]),
        findings.map((f) => [seed.slice(f.range.start, f.range.end), f.message]),
      );
      assert.equal(struck.length, 3);
    });

    it('prints a Markdown link inside the HTML block literally, as the site does', () => {
      assert.ok(html.includes('Learn about the [extensions](/extensions) available for managing admin users'));
    });
  });

  describe('the corpus pages that use the `_topic-links` include', () => {
    const pages: string[] = [];
    before(() => {
      for (const path of preview.engine.index.pagePaths()) {
        const text = preview.engine.index.text(path) ?? '';
        if (!path.includes('/_includes/') && parsePage(path, text).includes.some((i) => isTopicLinksInclude(i.path))) pages.push(path);
      }
    });

    it('finds the 17 include-form pages the corpus notes count', () => {
      assert.equal(pages.length, 17, pages.join('\n'));
    });

    it('expands every key in order: the target\'s title and file, or struck with link-broken\'s reason', () => {
      let keys = 0;
      let struck = 0;
      for (const path of pages) {
        const text = preview.engine.index.text(path) ?? '';
        const html = preview.render(path);
        assert.ok(!html.includes('<%') && !html.includes('%>'), `${path}: an EJS tag is printed`);
        const expected = parsePage(path, text).includes.filter((i) => isTopicLinksInclude(i.path)).flatMap((i) => i.links ?? []);
        const anchors = anchorsOf(html).filter((a) => a.attributes['data-tp-key'] !== undefined);
        assert.deepEqual(anchors.map((a) => a.attributes['data-tp-key']), expected.map((k) => k.key), path);
        const broken = new Map(preview.engine.check(path).filter((f) => f.ruleId === 'link-broken' && f.data?.['key'] !== undefined).map((f) => [f.data?.['key'], f.message]));
        for (const a of anchors) {
          const key = a.attributes['data-tp-key'] ?? '';
          keys++;
          const reason = broken.get(key);
          if (reason !== undefined) {
            struck++;
            assert.ok('data-tp-broken' in a.attributes, `${path}: ${key} should be struck`);
            assert.equal(a.attributes['title'], reason, `${path}: ${key}`);
            assert.equal(a.text, key);
            continue;
          }
          const target = preview.engine.index.fileForArticleKey(key);
          assert.ok(target, `${path}: ${key} resolves`);
          assert.ok(!('data-tp-broken' in a.attributes), `${path}: ${key}`);
          assert.equal(a.attributes['href'], relativeHref(path, target));
          assert.equal(a.text, preview.engine.index.summary(target)?.title ?? key, `${path}: ${key}`);
        }
      }
      assert.ok(keys > 100 && struck > 20, `${keys} keys, ${struck} struck`);
    });

    it('renders the Configuration page\'s include as the site lists it', () => {
      const html = preview.render('articles/configure/index.md');
      const broken = (key: string): string =>
        `<li><i class="icon icon-budicon-715"></i><a data-tp-broken="" title="No article \`${key}\` for the \`_topic-links\` include (looked for ${key}.md and ${key}/index.md under the docs root): the include fails to render." data-tp-key="${key}">${key}</a></li>`;
      assert.equal(
        html,
        [
          '<h1>Configuration</h1>',
          '<p>Learn how to configure tenants, applications, APIs, and other settings in Auth0.</p>',
          '<div class="tp-ejs"><ul class="topic-links" data-tp-include="../_includes/_topic-links">',
          broken('dashboard/reference/settings-tenant'),
          broken('dashboard/reference/settings-application'),
          broken('dashboard/reference/settings-api'),
          '<li><i class="icon icon-budicon-715"></i><a href="../sso/current/index.md" data-tp-key="sso/current">Single Sign On (SSO) with Auth0</a><p>Single Sign On (SSO) with Auth0</p></li>',
          '<li><i class="icon icon-budicon-715"></i><a href="../anomaly-detection/index.md" data-tp-key="anomaly-detection">Anomaly Detection</a><p>Read about all the types of Anomaly Detection provided by Auth0 and how to enable them</p></li>',
          // Stub pages (the corpus knows their path only): the title is the file name, no description.
          '<li><i class="icon icon-budicon-715"></i><a href="../protocols/saml/index.md" data-tp-key="protocols/saml">saml</a></li>',
          '<li><i class="icon icon-budicon-715"></i><a href="../guides/ip-whitelist.md" data-tp-key="guides/ip-whitelist">ip-whitelist</a></li>',
          '</ul></div>',
          '',
        ].join('\n'),
      );
    });
  });
});
