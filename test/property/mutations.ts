// Mutations of page text for the property tests: each is data (so fast-check prints and shrinks it).
import fc from 'fast-check';

// ---- mutations --------------------------------------------------------------------------------

export const TOKENS = [
  '<', '>', '</', '/>', '<a href="', '<a href="/users">', '</a>', '<li>', '</li>', '<ul class="topic-links">', '</ul>', '<p>', '</p>',
  '<div class="topic-page-header">', '<h1>', '</h1>', '</div>', '<!--', '-->', '<!-- topic-pages-disable-next-line -->',
  '<%', '%>', '<%= include(\'../_includes/_topic-links\', { links: [', "'users/roles'", ', ', ']}) %>', '${', '}', '{{', '}}',
  '---', '---\n', '...', 'title:', 'description:', 'classes: topic-page', ': ', '"', "'", '`', '```', '~~~', '[', '](', ')', '](/users)',
  '#', '# Heading', '&amp;', '&#', ';', '\n', '\r\n', '\r', '\t', ' ', '\uFEFF', '\u0000', 'Ã©', 'â€™', '\uD800', '\uDC00', '😀',
  'javascript:alert(1)', 'data:text/html,x', '../../../etc/passwd', 'https://example.com/', '//evil.example/',
];
const CONFLICT = ['<<<<<<< HEAD\n', '=======\n', '>>>>>>> feature/branch\n'];
const NESTINGS = [
  ['<ul class="topic-links"><li><a href="/users">U</a>', '</li></ul>'],
  ['<ul><li><a href="">x</a><p></p>', '</li></ul>'],
  ['<div>', '</div>'],
  ['<li>', ''],
  ['- ', ''],
  ['> ', ''],
  ['[', ']'],
  ['{', '}'],
  ['<%', '%>'],
] as const;

export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'delete-tag' | 'duplicate-tag'; which: number }
  | { kind: 'flip-char'; at: number; to: string }
  | { kind: 'flip-byte'; at: number; byte: number }
  | { kind: 'line-endings'; to: 'crlf' | 'lf' | 'cr' | 'mixed' }
  | { kind: 'bom'; on: boolean }
  | { kind: 'conflict'; at: number; ours: number; theirs: number }
  | { kind: 'nest'; at: number; depth: number; shape: number }
  | { kind: 'insert'; at: number; token: string }
  | { kind: 'delete-range'; at: number; length: number };

export const arbMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constantFrom('delete-tag' as const, 'duplicate-tag' as const), which: fc.nat() }),
  fc.record({ kind: fc.constant('flip-char' as const), at: fc.nat(), to: fc.oneof(fc.constantFrom(...TOKENS.filter((t) => t.length === 1)), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) }),
  fc.record({ kind: fc.constant('flip-byte' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('line-endings' as const), to: fc.constantFrom('crlf' as const, 'lf' as const, 'cr' as const, 'mixed' as const) }),
  fc.record({ kind: fc.constant('bom' as const), on: fc.boolean() }),
  fc.record({ kind: fc.constant('conflict' as const), at: fc.nat(), ours: fc.nat({ max: 400 }), theirs: fc.nat({ max: 400 }) }),
  fc.record({ kind: fc.constant('nest' as const), at: fc.nat(), depth: fc.integer({ min: 1, max: 300 }), shape: fc.nat({ max: NESTINGS.length - 1 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('delete-range' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
);

const TAG = /<\/?[a-zA-Z][^<>]*>|<%[\s\S]*?%>/g;

function lineStartAt(text: string, at: number): number {
  const p = at % (text.length + 1);
  const nl = text.lastIndexOf('\n', p - 1);
  return nl + 1;
}

export function mutate(text: string, m: Mutation): string {
  const pos = (n: number): number => n % (text.length + 1);
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, pos(m.at));
    case 'delete-tag':
    case 'duplicate-tag': {
      const tags = [...text.matchAll(TAG)];
      const tag = tags[m.which % Math.max(1, tags.length)];
      if (!tag) return text;
      const s = tag.index;
      const e = s + tag[0].length;
      return m.kind === 'delete-tag' ? text.slice(0, s) + text.slice(e) : text.slice(0, e) + tag[0] + text.slice(e);
    }
    case 'flip-char': {
      const p = m.at % Math.max(1, text.length);
      return text.slice(0, p) + m.to + text.slice(p + 1);
    }
    case 'flip-byte': {
      const bytes = new TextEncoder().encode(text);
      if (bytes.length === 0) return text;
      bytes[m.at % bytes.length] = m.byte;
      // What an editor shows for the damaged bytes: U+FFFD where they are not UTF-8.
      return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
    }
    case 'line-endings': {
      const lf = text.replace(/\r\n?/g, '\n');
      if (m.to === 'lf') return lf;
      if (m.to === 'crlf') return lf.replace(/\n/g, '\r\n');
      if (m.to === 'cr') return lf.replace(/\n/g, '\r');
      let i = 0;
      return lf.replace(/\n/g, () => ['\n', '\r\n', '\r'][i++ % 3] ?? '\n');
    }
    case 'bom':
      return m.on ? (text.startsWith('\uFEFF') ? text : '\uFEFF' + text) : text.replace(/^\uFEFF/, '');
    case 'conflict': {
      const s = lineStartAt(text, m.at);
      const ours = text.slice(s, s + m.ours);
      const theirs = text.slice(s + m.ours, s + m.ours + m.theirs);
      return text.slice(0, s) + CONFLICT[0] + ours + '\n' + CONFLICT[1] + theirs + '\n' + CONFLICT[2] + text.slice(s + m.ours + m.theirs);
    }
    case 'nest': {
      const [open, close] = NESTINGS[m.shape] ?? NESTINGS[0];
      const p = pos(m.at);
      return text.slice(0, p) + open.repeat(m.depth) + close.repeat(m.depth) + text.slice(p);
    }
    case 'insert': {
      const p = pos(m.at);
      return text.slice(0, p) + m.token + text.slice(p);
    }
    case 'delete-range': {
      const p = pos(m.at);
      return text.slice(0, p) + text.slice(p + m.length);
    }
  }
}

