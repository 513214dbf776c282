import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indexingMessage, statusBarText } from '../../src/extension/statusText';

const totals = (errors: number, warnings: number, infos: number) => ({ errors, warnings, infos });

describe('the status bar item and the view message', () => {
  it('write counts with thousands separators, as the view writes its progress', () => {
    const status = { indexing: null, problems: totals(55_000, 1_500, 1_500), pages: 10_500 };
    assert.deepEqual(statusBarText(status), {
      text: '$(book) 10,500 pages · $(warning) 58,000',
      tooltip: 'Topic Pages: 10,500 pages indexed; 55,000 errors, 1,500 warnings, 1,500 infos. Click to show the topic tree.',
    });
    assert.equal(indexingMessage(status), undefined);
  });

  it('say "so far" while indexing, and the view gives the same count of pages as the status bar', () => {
    const status = { indexing: { done: 509, total: 10_500 }, problems: totals(10, 0, 0), pages: 509 };
    assert.deepEqual(statusBarText(status), {
      text: '$(book) 509 pages · $(warning) 10',
      tooltip: 'Topic Pages: 509 pages so far; 10 errors, 0 warnings, 0 infos. Click to show the topic tree.',
    });
    assert.equal(indexingMessage(status), 'Indexing 509 of 10,500 pages…');
  });

  it('show no problem count when there is none, and one page in the singular', () => {
    assert.deepEqual(statusBarText({ indexing: null, problems: totals(0, 0, 0), pages: 1 }).text, '$(book) 1 page');
  });
});
