import type { Rule } from '../rule';

// Windows-1252's mapping of bytes 0x80-0x9F; other bytes map to the same code point.
const CP1252: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02c6: 0x88, 0x2030: 0x89,
  0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91, 0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95,
  0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98, 0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b, 0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};
const CONT = '\\u0080-\\u00BF\\u20AC\\u201A\\u0192\\u201E\\u2026\\u2020\\u2021\\u02C6\\u2030\\u0160\\u2039\\u0152\\u017D\\u2018\\u2019\\u201C\\u201D\\u2022\\u2013\\u2014\\u02DC\\u2122\\u0161\\u203A\\u0153\\u017E\\u0178';
// A UTF-8 lead byte read as Windows-1252 (Â..ô), then one to three continuation bytes read the same way.
const MOJIBAKE = new RegExp(`[\\u00C2-\\u00F4][${CONT}]{1,3}`, 'g');
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The text `s` was before UTF-8 bytes were misread as Windows-1252, or undefined when it is not such text. */
export function repairMojibake(s: string): string | undefined {
  const bytes: number[] = [];
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    const byte = code <= 0xff ? code : CP1252[code];
    if (byte === undefined) return undefined;
    bytes.push(byte);
  }
  try {
    const text = decoder.decode(new Uint8Array(bytes));
    return text.length > 0 && text.length < s.length ? text : undefined;
  } catch {
    return undefined;
  }
}

/** `â€™` for `’`, `Ã©` for `é`: UTF-8 text that was decoded as Windows-1252 somewhere. */
export const mojibakeRule: Rule = {
  id: 'mojibake',
  description: 'Text must not contain mojibake such as `â€™` (UTF-8 misread as Windows-1252); the fix restores the intended character.',
  defaultSeverity: 'warning',
  fixable: true,
  hasSuggestions: false,
  scope: 'all-pages',
  check({ page, report }) {
    MOJIBAKE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = MOJIBAKE.exec(page.text)) !== null) {
      const repaired = longestRepair(m[0]);
      if (!repaired) continue;
      const range = { start: m.index, end: m.index + repaired.length };
      MOJIBAKE.lastIndex = range.end;
      report({
        range,
        message: `Mojibake \`${repaired.bad}\`: UTF-8 text misread as Windows-1252; it should read \`${repaired.good}\`.`,
        fix: { title: `Replace with ${repaired.good}`, edits: [{ range, newText: repaired.good }] },
      });
    }
  },
};

function longestRepair(run: string): { bad: string; good: string; length: number } | undefined {
  for (let n = run.length; n >= 2; n--) {
    const bad = run.slice(0, n);
    const good = repairMojibake(bad);
    if (good !== undefined) return { bad, good, length: n };
  }
  return undefined;
}
