import { ruleTester } from '../helpers/ruleTester';

ruleTester('front-matter-syntax', {
  valid: [
    { name: 'closed YAML mapping', text: '---\ntitle: Users\ndescription: "a: b"\n---\n\nBody\n' },
    { name: 'closed by ...', text: '---\ntitle: Users\n...\n\nBody\n' },
    { name: 'no front matter at all', text: '# Users\n\nBody\n' },
    { name: 'empty front matter', text: '---\n---\nBody\n' },
  ],
  invalid: [
    {
      name: 'never closed: reported at the opening fence',
      text: '---\ntitle: Users\n\n<div>Body</div>\n',
      errors: [{ range: '1:1-1:4', message: 'Front matter is not closed: add a line with `---` after the last key.' }],
      noSuppressionTest: 'the finding is on the opening `---` line, which no comment can precede',
    },
    {
      name: 'YAML syntax error: an unquoted value with ": " inside',
      text: '---\ntitle: Users\ndescription: Learn: about users\n---\n\nBody\n',
      errors: [{ range: '3:14-3:15', message: /^YAML syntax error: / }],
    },
    {
      name: 'a duplicate key',
      text: '---\ntitle: Users\ntitle: Again\n---\n',
      errors: [{ range: '3:1-3:2', message: /^YAML syntax error: .*[Uu]nique/ }],
    },
    {
      // Converting such a key stringifies it, which grows exponentially with its depth: this one
      // took over a minute and threw a RangeError before it was reported instead.
      name: 'a mapping nested 30 deep used as a key',
      text: `---\nclasses: ${'{'.repeat(30)}${'}'.repeat(30)}topic-page\ntitle: Users\n---\n`,
      errors: [
        { range: '2:11-2:69', message: 'YAML error: a mapping or list used as a key (as in `{ a: 1 }: x`) is not supported in front matter.' },
        { range: '2:70-2:80', message: /^YAML syntax error: / },
      ],
    },
    {
      name: 'front matter that is a list, not a mapping',
      text: '---\n- title\n- description\n---\n',
      errors: [{ range: '2:1-4:1', message: 'Front matter must be a mapping of `key: value` lines.' }],
    },
  ],
});
