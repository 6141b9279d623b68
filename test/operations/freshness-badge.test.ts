/**
 * The dashboard page's data status (api.md "Operations", Freshness): a badge per source that is not
 * FRESH, and the next scheduled run when the server has a schedule.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DataStatus } from '../../web/src/features/pipeline/components/data-status.tsx';
import type { DataStatusQuery } from '../../web/src/generated/graphql.ts';

const STATUS: DataStatusQuery['dataStatus'] = {
  asOf: '2025-06-30',
  timezone: 'UTC',
  lastRunAt: '2025-07-01T06:31:00.000Z',
  firstDay: '2025-06-01',
  lastDay: '2025-06-30',
  campaigns: 3,
  adsets: 5,
  ads: 9,
  publishedAt: '2025-07-01T06:31:00.000Z',
  completeThrough: '2025-06-23',
  nextScheduledRun: null,
  freshness: [
    { source: 'meta', newest: '2025-06-30', ageSeconds: 3600, status: 'FRESH' },
    { source: 'mixpanel', newest: '2025-06-29T10:00:00.000Z', ageSeconds: 30 * 3600, status: 'WARN' },
  ],
};

const render = (status: DataStatusQuery['dataStatus']) => renderToStaticMarkup(createElement(DataStatus, { status }));

describe('the data status line', () => {
  it('shows a badge for each source that is not FRESH, none for a fresh one', () => {
    const html = render(STATUS);
    expect(html).not.toContain('data-testid="freshness-meta"');
    expect(html).toContain('<span class="freshness-badge warn" data-testid="freshness-mixpanel">Mixpanel data late: 30 h old</span>');
    const stale = render({ ...STATUS, freshness: [{ source: 'meta', newest: '2025-06-20', ageSeconds: 10 * 86_400 + 5, status: 'STALE' }] });
    expect(stale).toContain('<span class="freshness-badge stale" data-testid="freshness-meta">Meta data stale: 10 days old</span>');
  });

  it('says when the next scheduled run is, only when there is one', () => {
    expect(render(STATUS)).not.toContain('Next run');
    const scheduled = render({ ...STATUS, nextScheduledRun: '2025-07-02T06:30:00.000Z' });
    expect(scheduled).toMatch(/<dt>Next run<\/dt><dd data-testid="next-run">Jul 2, 2025, \d{1,2}:30 [AP]M<\/dd>/);
  });
});
