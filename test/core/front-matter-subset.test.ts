/**
 * The front-matter subset reader (src/core/yamlSubset.ts) against the `yaml` library: for every
 * front matter of the shared corpus and seed page, and for thousands of generated ones, what
 * parseFrontMatter returns when the subset reader accepts equals what the library path returns
 * (data, entries and their ranges, problems, ranges, closed), and so do each field's scalars and
 * the YAML document built on demand. TOPIC_PAGES_PROPERTY_SEED picks the generator's seed;
 * TOPIC_PAGES_PROPERTY_RUNS scales the number of generated front matters.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fieldScalars, parseFrontMatter, parseFrontMatterWithLibrary, readBySubset, type FrontMatter } from '../../src/core/frontMatter';
import { CORPUS_DIR, SEED_FILE, sharedDataMissing } from '../helpers/corpus';

const SEED = process.env['TOPIC_PAGES_PROPERTY_SEED'] ? Number(process.env['TOPIC_PAGES_PROPERTY_SEED']) : 20261130;
const RUNS = Math.max(1, Number(process.env['TOPIC_PAGES_PROPERTY_RUNS'] ?? '') || 120);
const GENERATED = RUNS * 50;

function comparable(fm: FrontMatter | undefined): unknown {
  if (!fm) return fm;
  return { range: fm.range, contentRange: fm.contentRange, closed: fm.closed, data: fm.data, entries: fm.entries, problems: fm.problems };
}

/**
 * Compares both paths on `text`; true when the subset reader read it. Throws an assertion error
 * naming the text when they differ.
 */
function same(text: string, label: string): boolean {
  const fast = parseFrontMatter(text);
  const library = parseFrontMatterWithLibrary(text);
  assert.deepStrictEqual(comparable(fast), comparable(library), `${label}: the subset reader differs from the library on ${JSON.stringify(text)}`);
  if (!fast || !library || !readBySubset(fast)) return false;
  const keys = new Set([...library.entries.map((e) => e.key), 'topics', 'contentType', 'useCase', 'missing']);
  for (const key of keys) assert.deepStrictEqual(fieldScalars(fast, key), fieldScalars(library, key), `${label}: scalars of \`${key}\` differ on ${JSON.stringify(text)}`);
  assert.deepStrictEqual(fast.document?.toJS(), library.document?.toJS(), `${label}: the document built on demand differs on ${JSON.stringify(text)}`);
  assert.deepStrictEqual(fast.document?.errors.length, 0);
  return true;
}

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...markdownFiles(full));
    else if (entry.name.endsWith('.md')) out.push(full);
  }
  return out.sort();
}

const sharedMissing = sharedDataMissing(CORPUS_DIR, SEED_FILE);

test('every corpus and seed front matter: the subset reader equals the library, and reads most of them', { skip: sharedMissing }, () => {
  const files = [SEED_FILE, ...markdownFiles(CORPUS_DIR)];
  let withFrontMatter = 0;
  let read = 0;
  const fallbacks: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (!parseFrontMatterWithLibrary(text)) continue;
    withFrontMatter++;
    // Each page as it is, and with CRLF line ends.
    if (same(text, file)) read++;
    else fallbacks.push(file.slice(CORPUS_DIR.length + 1));
    same(text.replace(/\r?\n/g, '\r\n'), `${file} (CRLF)`);
  }
  const share = read / withFrontMatter;
  console.log(`subset reader: ${read} of ${withFrontMatter} corpus and seed front matters (${(share * 100).toFixed(1)} %); the library reads: ${fallbacks.join(', ')}`);
  assert.ok(withFrontMatter > 50, `only ${withFrontMatter} front matters found`);
  assert.ok(share >= 0.8, `the subset reader reads only ${(share * 100).toFixed(1)} % of the corpus`);
});

// ---- generated front matter -------------------------------------------------------------------

/** mulberry32: a small seeded generator, so that a failure can be replayed from its seed. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['title', 'description', 'topics', 'contentType', 'useCase', 'classes', 'url', 'toc', 'a', 'b-c', 'key_1', 'x2', 'True', 'null', 'NULL', 'false', 'yes', '1a', '_k', '-k', 'é', 'a b', 'a.b', '"q"', "'s'", '? k', 'k'.repeat(250)];
const WORDS = [
  'topic-page', 'Users', 'Learn about working with users', 'index', 'how-to', '/users/guides', 'a', 'x', '<div class="x">', '${placeholder}',
  'yes', 'no', 'on', 'off', 'y', 'n', 'null', 'Null', 'NULL', '~', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  '1', '-1', '+1', '0', '007', '0x1F', '0o17', '1.5', '.5', '1e3', '1.', '-.inf', '.inf', '.Inf', '.NaN', '.nan', '2019-01-01', '12:30', '3rd party',
  'a: b', 'a:b', 'a:', ':a', 'a #b', 'a#b', '#a', 'a,b', '[a]', '{a: 1}', 'a [b] {c}', '&anchor', '*alias', '!tag', '!!str', '|', '>', '%a', '@a', '`a`', 'a`b',
  '-a', '- a', '?a', '? a', 'é', 'ǅ', '😀', '\u00a0', '\u0085', '\u2028', '\ufeff', '\u0007', 'a\tb', "it's", 'say "hi"', 'back\\slash', '---', '...', '<<', '=', 'a  b',
];
const EOLS = ['\n', '\n', '\n', '\r\n', '\r\n', '\r'];

function frontMatterText(random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const chance = (p: number): boolean => random() < p;
  // Half the texts are mostly clean (the fast path's ground), half noisy (its fallbacks' ground).
  const noise = chance(0.5) ? 0.1 : 1;
  const bad = (p: number): boolean => random() < p * noise;
  const eol = pick(EOLS);
  const nl = (): string => (bad(0.03) ? pick(EOLS) : eol);
  const words = (): string => {
    const n = 1 + Math.floor(random() * 3);
    return Array.from({ length: n }, () => pick(WORDS)).join(chance(0.9) ? ' ' : pick([',', ', ', ':', '#', ' #', '']));
  };
  const scalar = (): string => {
    const r = random();
    if (r < 0.5) return !bad(0.3) ? pick(WORDS.slice(0, 10)) : words();
    const inside = (): string => (!bad(0.5) ? pick(WORDS.slice(0, 10)) : words());
    if (r < 0.65) return `'${inside().replace(/'/g, chance(0.5) ? "''" : "'")}'`;
    if (r < 0.8) return `"${chance(0.8) ? inside().replace(/["\\]/g, '') : inside()}"`;
    if (r < 0.85 && bad(0.5)) return chance(0.5) ? `"${words()}` : `'${words()}`;
    if (r < 0.9 && bad(0.5)) return '';
    return words();
  };
  const gap = (): string => (!bad(0.1) ? ' ' : pick(['  ', '', '\t', ' \t']));
  const trailing = (): string => (!bad(0.08) ? '' : pick([' ', '  ', '\t', ' # comment', '#x']));
  const lines: string[] = [];
  const count = 1 + Math.floor(random() * 8);
  const listIndent = pick([0, 2, 2, 2, 4, 1]);
  for (let i = 0; i < count; i++) {
    const r = random();
    // Mostly each key once (the library reports a duplicate).
    const fresh = KEYS.slice(0, 8).filter((k) => !lines.some((l) => l.startsWith(`${k}:`)));
    const key = !bad(0.15) && fresh.length > 0 ? pick(fresh) : pick(KEYS);
    if (r < 0.55 || (noise < 1 && r < 0.9 && r >= 0.85)) lines.push(`${key}:${gap()}${scalar()}${trailing()}`);
    else if (r < 0.85) {
      lines.push(`${key}:${chance(0.1) ? ' '.repeat(1 + Math.floor(random() * 3)) : trailing()}`);
      const items = bad(0.5) ? 0 : 1 + Math.floor(random() * 3);
      for (let j = 0; j < items; j++) {
        const indent = !bad(0.05) ? listIndent : pick([0, 1, 2, 3, 4, 6]);
        const dash = !bad(0.05) ? '- ' : pick(['-', '-  ', '-\t', '- - ', '- k: ']);
        lines.push(`${' '.repeat(indent)}${dash}${scalar()}${trailing()}`);
      }
    } else if (r < 0.9) lines.push(pick(['', ' ', '# a comment', '  # indented comment', '\t']));
    else if (r < 0.95 && !bad(0.9)) lines.push(`${key}: ${scalar()}`);
    else if (r < 0.95) lines.push(`  ${words()}`); // a continuation line or a nested key
    else if (!bad(0.9)) lines.push(`${key}: ${scalar()}`);
    else lines.push(pick([`${key}: [a, b]`, `${key}: {a: 1}`, `${key}: |`, `${key}: >-`, `${key}: &a x`, `${key}: *a`, `${key}: !!str 1`, `${key}:${scalar()}`, `  ${key}: ${scalar()}`, `${key}`, '---', '- a', '%YAML 1.2']));
  }
  const bom = chance(0.05) ? '\ufeff' : '';
  const open = chance(0.97) ? '---' : '--- ';
  const closed = chance(0.92);
  const close = closed ? pick(['---', '---', '---', '...', '--- ']) : '';
  const body = pick(['', 'Text.', '<div class="topic-page-header">', `${eol}Text.`, `# Heading${eol}`]);
  let text = `${bom}${open}${eol}`;
  for (const line of lines) text += line + nl();
  if (closed) text += close + (chance(0.9) ? eol : '');
  else if (chance(0.3)) text = text.slice(0, text.length - eol.length);
  return text + body;
}

test(`generated front matter (seed ${SEED}, ${GENERATED} texts): the subset reader equals the library whenever it reads`, () => {
  const random = generator(SEED);
  let read = 0;
  for (let i = 0; i < GENERATED; i++) {
    const text = frontMatterText(random);
    try {
      if (same(text, `generated #${i}`)) read++;
    } catch (error) {
      console.log(`front-matter subset: failed with TOPIC_PAGES_PROPERTY_SEED=${SEED} on generated text #${i}`);
      throw error;
    }
  }
  console.log(`subset reader: ${read} of ${GENERATED} generated front matters read without the library (seed ${SEED})`);
  // The generator must exercise the subset reader, not only the fallback.
  assert.ok(read > GENERATED / 10, `the subset reader read only ${read} of ${GENERATED} generated texts`);
  assert.ok(read < GENERATED, 'every generated text was in the subset: the generator exercises no fallback');
});

test('every character at the start, inside and at the end of a key and of each kind of value: the subset reader equals the library', () => {
  const codes: number[] = [];
  for (let c = 0; c < 0x250; c++) codes.push(c);
  codes.push(0x1680, 0x180e, 0x2000, 0x200b, 0x200e, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfeff, 0xfffd, 0xfffe, 0xffff);
  let read = 0;
  let total = 0;
  for (const code of codes) {
    const ch = String.fromCharCode(code);
    const values = [`${ch}a`, `a${ch}b`, `a${ch}`, ch, `'${ch}'`, `'a${ch}'`, `"${ch}"`, `"a${ch}b"`];
    for (const v of values) {
      for (const yaml of [`k: ${v}\n`, `k:\n  - ${v}\n  - x\n`, `k:\n- x\n- ${v}`]) {
        total++;
        if (same(`---\n${yaml}---\n`, `character U+${code.toString(16)}`)) read++;
      }
    }
    for (const key of [`${ch}k`, `k${ch}`, `k${ch}k`]) {
      total++;
      if (same(`---\n${key}: v\n---\n`, `character U+${code.toString(16)} in a key`)) read++;
    }
  }
  assert.ok(read > total / 4 && read < total, `${read} of ${total} read by the subset reader`);
});

test('shapes the subset reader reads, and shapes it leaves to the library', () => {
  const read = (yaml: string): boolean => {
    const fm = parseFrontMatter(`---\n${yaml}---\n`);
    assert.ok(fm);
    return readBySubset(fm);
  };
  for (const yaml of ['title: Users\n', 'a: b\nc:\n  - x\n  - "y"\n', "a: 'q'\n", 'toc: true\n', 'a:\n- x\n', 'a: 2019-01-01\n'.replace('2019-01-01', 'x:y, [z]'), 'a: b \n', 'toc: true  \n', 'a: b # c\n', "a: 'q'  # c: d\n", 'a:\n  - x # c\n  - y \n']) {
    assert.equal(read(yaml), true, yaml);
  }
  for (const yaml of ['a: 1\n', 'a: yes\n'.replace('yes', 'null'), 'a: True\n', 'a: ~\n', 'a:\n', 'a: b\na: c\n', '# c\na: b\n', 'a: b\n\nc: d\n', 'a: b\t\n', 'a: b #\tc\n', "a: 'q'x\n", "a: 'q'# c\n", 'a: # c\n', 'a: b: c\n', 'a: "\\n"\n', "a: 'it''s'\n", 'a: [x]\n', 'a: b\n  c\n', 'a:\n  - x\n   - y\n', 'a:\n  -\n']) {
    assert.equal(read(yaml), false, yaml);
  }
  // The document is built on first access, and equals the library's.
  const fm = parseFrontMatter('---\ntitle: T\ntopics:\n  - a\n---\n');
  assert.ok(fm && readBySubset(fm));
  assert.deepStrictEqual(fm.document?.toJS(), { title: 'T', topics: ['a'] });
  assert.strictEqual(fm.document, fm.document);
});
