import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { classifyGraphError, GRAPH_ERRORS } from '../../../src/channels/messenger/graph-errors';
import { projectRoot } from '../../../src/config';

describe('Graph error catalogue', () => {
  it('is documented row by row in docs/channels.md', () => {
    const docs = fs.readFileSync(path.join(projectRoot, 'docs', 'channels.md'), 'utf8');
    for (const rule of GRAPH_ERRORS) {
      const code = rule.subcode === undefined ? `${rule.code}` : `${rule.code} / ${rule.subcode}`;
      const row = new RegExp(`^\\| ${code} \\| ${rule.failure} \\| ${rule.retry ? 'yes' : 'no'} \\|`, 'm');
      assert.match(docs, row, `docs/channels.md has no row for ${code}`);
    }
  });

  for (const [status, error, expected] of [
    [400, { code: 10, error_subcode: 2018278 }, { failure: 'window_closed', retry: false }],
    [400, { code: 10, error_subcode: 2018300 }, { failure: 'handed_over', retry: false }],
    [400, { code: 10, error_subcode: 2018065 }, { failure: 'rejected', retry: false }],
    [400, { code: 551, error_subcode: 1545041 }, { failure: 'unreachable', retry: false }],
    [400, { code: 190, error_subcode: 463 }, { failure: 'auth', retry: false }],
    [400, { code: 613 }, { failure: 'rate_limited', retry: true }],
    [500, { code: 2 }, { failure: 'temporary', retry: true }],
    [400, { code: 100 }, { failure: 'rejected', retry: false }],
    [429, undefined, { failure: 'rate_limited', retry: true }],
    [503, undefined, { failure: 'temporary', retry: true }],
    [502, { code: 190 }, { failure: 'auth', retry: false }],
    [404, undefined, { failure: 'rejected', retry: false }],
  ] as const) {
    it(`HTTP ${status} ${error ? `code ${error.code}${'error_subcode' in error ? `/${error.error_subcode}` : ''}` : 'without a code'} → ${expected.failure}`, () => {
      assert.deepEqual(classifyGraphError(status, error), expected);
    });
  }
});
