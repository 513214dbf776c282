/**
 * A small docs workspace written for the preview: one topic page with every template
 * form (`<%= include %>` of `_topic-links` and of other files, `<%- %>`, `<% if %>`,
 * `<%# %>`, `${placeholders}`), resolved and broken links, and the pages it links to.
 */
export const FIXTURE_PAGE = 'articles/guides/index.md';

export const FIXTURE_CONFIG = { docsRoot: 'articles' } as const;

export const FIXTURE_FILES: Readonly<Record<string, string>> = {
  [FIXTURE_PAGE]: `---
classes: topic-page
title: Guides
description: Step-by-step guides for the agent.
---

<div class="topic-page-header">
  <div data-name="guides" class="topic-page-badge"></div>
  <h1>Guides</h1>
  <p>Everything you need to run \${product_name} for your team.</p>
</div>

<ul class="topic-links">
  <li>
    <i class="icon icon-budicon-715"></i><a href="/guides/install">Install the Agent</a>
    <p>Set up the agent on <%= platform %> in five minutes.</p>
    <ul>
      <li>
        <i class="icon icon-budicon-695"></i><a href="/guides/install/linux">Linux</a>
      </li>
      <li>
        <i class="icon icon-budicon-695"></i><a href="/guides/install/solaris">Solaris</a>
      </li>
    </ul>
  </li>
  <li>
    <i class="icon icon-budicon-715"></i><a href="#">Roadmap</a>
    <p>Coming soon.</p>
  </li>
</ul>

## Start here

<%= include('../_includes/_topic-links', { links: [
  'guides/install',
  'guides/configure',
  'guides/upgrade'
] }) %>

<% if (account.plan === 'enterprise') { %>
Enterprise teams can [open a ticket](/support/tickets) at \${support_url}.
<% } %>

<%- include('../_includes/_note', { kind: 'tip' }) %>

<%- include('../_includes/_retired-banner') %>

<%# A comment the site never prints %>
`,
  'articles/guides/install/index.md': `---
title: Install the Agent
description: Download the agent and connect it to your account.
---

# Install the Agent
`,
  'articles/guides/install/linux.md': `---
title: Install on Linux
description: Packages for Debian, Ubuntu and Fedora.
---
`,
  'articles/guides/configure.md': `---
title: Configure the Agent
description: Settings, environment variables and log levels.
---
`,
  'articles/support/tickets.md': `---
title: Support Tickets
description: Open and follow a support ticket.
---
`,
  // The site's include, which the preview renders itself: each key's title and description.
  'articles/_includes/_topic-links.md': `<ul class="topic-links">
<% links.forEach(function(key) { %>
  <% var page = pages.byKey(key); %>
  <li>
    <i class="icon icon-budicon-715"></i><a href="\${page.url}">\${page.title}</a>
    <p>\${page.description}</p>
  </li>
<% }) %>
</ul>
`,
  'articles/_includes/_note.md': `**Tip:** keep your \${api_key} out of source control.
`,
};
