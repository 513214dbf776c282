import * as assert from 'node:assert/strict';
import { api, uri } from './helpers';

describe('Linked From and Orphan Pages views', () => {
  before(async () => {
    await api();
  });

  it('Linked From lists every link to the page with its page and line; a row opens the link', async () => {
    const topicPages = await api();
    const rows = await topicPages.linkedFrom(uri('articles/billing/plans.md'));
    assert.deepEqual(
      rows.map((r) => `${r.label} | ${r.description}`),
      [
        'Billing | articles/billing/index.md:24 · Plans and Pricing',
        'Billing | articles/billing/index.md:30 · Enterprise Tiers',
        'Acme Cloud Documentation | articles/index.md:45 · Compare Plans',
        'Single Sign-On | articles/security/single-sign-on.md:12 · plans',
      ],
    );
  });

  it('Orphan Pages lists the pages no topic page reaches', async () => {
    const topicPages = await api();
    // The seed page (written by 09-seed when ../shared exists) is linked from nowhere either.
    const rows = (await topicPages.orphans()).filter((r) => !r.description.startsWith('/seed/'));
    assert.deepEqual(rows.map((r) => `${r.label} | ${r.description}`), ['Import and Export Users | /users/import-export']);
  });
});
