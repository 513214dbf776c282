/** A file-name slug for a title: `Users & Roles` → `users-roles`. */
export function slugForTitle(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'topic';
}

/** A YAML scalar for `value`, quoted only when plain style would change its meaning. */
export function yamlScalar(value: string): string {
  const plain = value !== '' && !/^[\s\-?:,[\]{}#&*!|>'"%@`]|:\s|\s#|\s$|:$|^(true|false|null|yes|no|on|off|~|[-+.\d][\d._eE+-]*)$/i.test(value) && !/[\r\n\t]/.test(value);
  return plain ? value : JSON.stringify(value);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A new topic page: front matter, header and an empty link list, with the file's line break. */
export function topicPageTemplate(title: string, description: string, eol = '\n'): string {
  const lines = [
    '---',
    'classes: topic-page',
    `title: ${yamlScalar(title)}`,
    `description: ${yamlScalar(description)}`,
    '---',
    '',
    '<div class="topic-page-header">',
    `  <div data-name="${slugForTitle(title)}" class="topic-page-badge"></div>`,
    `  <h1>${escapeHtml(title)}</h1>`,
    '  <p>',
    `    ${escapeHtml(description)}`,
    '  </p>',
    '</div>',
    '',
    '<ul class="topic-links">',
    '</ul>',
    '',
  ];
  return lines.join(eol);
}
