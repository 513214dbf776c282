import { topicPage } from '../helpers/memoryHost';
import { ruleTester } from '../helpers/ruleTester';

const files = { 'articles/_includes/_topic-links.md': 'x', 'articles/a.md': '---\ntitle: A\n---\n', 'articles/b.md': '---\ntitle: B\n---\n', 'articles/c.md': '---\ntitle: C\n---\n' };
const include = (array: string): string => topicPage(`\n<%= include('../_includes/_topic-links', { links: [\n${array}\n] }) %>\n`);

ruleTester('include-links-malformed', {
  valid: [
    { name: 'comma-separated quoted keys', text: include("  'a',\n  \"b\",\n  'c'"), files },
    { name: 'a trailing comma is fine in JavaScript', text: include("  'a',\n  'b',"), files },
    { name: 'an include without links', text: topicPage("\n<%= include('../_includes/_topic-links') %>\n"), files },
  ],
  invalid: [
    {
      name: 'missing comma at a line break: the fix inserts it after the previous key',
      text: include("  'a',\n  'b'\n  'c'"),
      files,
      errors: [{ range: '10:3-10:4', message: "Missing comma before 'c' in the `links` array: the include fails to render." }],
      output: include("  'a',\n  'b',\n  'c'"),
      noSuppressionTest: 'the finding sits inside an EJS tag, where a comment line would break the code',
    },
    {
      name: 'an unquoted item and a hole: no fix',
      text: include("  'a', b,, 'c'"),
      files,
      errors: [
        { range: '8:8-8:9', message: '`links` items must be quoted article paths; found `b`.' },
        { range: '8:10-8:11', message: 'Empty item in the `links` array (two commas in a row).' },
      ],
      noSuppressionTest: 'the finding sits inside an EJS tag, where a comment line would break the code',
    },
  ],
});
