import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../src/core/edits';
import { parseSuppressions } from '../../../src/core/suppressions';
import { disableNextLineEdit } from '../../../src/core/features/suppression';

function disable(text: string, marker: string, ruleId: string): string | undefined {
  const edit = disableNextLineEdit(text, text.indexOf(marker), ruleId);
  return edit ? applyEdits(text, [edit]) : undefined;
}

describe('disableNextLineEdit', () => {
  it('inserts an HTML comment above a body line with the same indentation', () => {
    const text = '---\ntitle: A\n---\n<ul>\n    <li><a href="/x">X</a></li>\n</ul>\n';
    const out = disable(text, '<li>', 'link-broken');
    assert.equal(out, '---\ntitle: A\n---\n<ul>\n    <!-- topic-pages-disable-next-line link-broken -->\n    <li><a href="/x">X</a></li>\n</ul>\n');
    const lines = (out ?? '').split('\n');
    assert.ok(parseSuppressions(out ?? '').isSuppressed('link-broken', lines.findIndex((l) => l.includes('<li>'))));
  });

  it('uses a YAML comment inside front matter, including on the closing fence', () => {
    const text = '---\ntitle: A\n  contentType: nope\n---\nbody\n';
    assert.equal(disable(text, 'contentType', 'front-matter-schema'), '---\ntitle: A\n  # topic-pages-disable-next-line front-matter-schema\n  contentType: nope\n---\nbody\n');
    const fence = text.lastIndexOf('---');
    const edit = disableNextLineEdit(text, fence, 'front-matter-syntax');
    assert.equal(edit && applyEdits(text, [edit]), '---\ntitle: A\n  contentType: nope\n# topic-pages-disable-next-line front-matter-syntax\n---\nbody\n');
  });

  it('offers nothing on the opening fence, where no comment can go', () => {
    assert.equal(disableNextLineEdit('---\ntitle: A\n---\n', 0, 'title-missing'), undefined);
  });

  it('keeps CRLF line breaks', () => {
    const text = 'a\r\n<a href="/x">X</a>\r\n';
    assert.equal(disable(text, '<a', 'link-broken'), 'a\r\n<!-- topic-pages-disable-next-line link-broken -->\r\n<a href="/x">X</a>\r\n');
  });

  it('adds the rule to a comment already above the line, or does nothing when it is there', () => {
    const text = '<p>\n  <!-- topic-pages-disable-next-line link-broken -->\n  <a href="">X</a>\n</p>\n';
    assert.equal(disable(text, '<a', 'href-empty'), '<p>\n  <!-- topic-pages-disable-next-line link-broken href-empty -->\n  <a href="">X</a>\n</p>\n');
    assert.equal(disable(text, '<a', 'link-broken'), undefined);
    assert.equal(disable('<!-- topic-pages-disable-next-line -->\n<a>\n', '<a>', 'x'), undefined);
  });
});
