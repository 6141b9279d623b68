/** user-product-metrics → user_product_metrics (source-data.md "Importing real exports"). */
import { describe, expect, it } from 'vitest';
import { importHarness, jsonLines, only } from './helpers.ts';

const importFiles = importHarness();
const ROWS = 'SELECT * FROM user_product_metrics ORDER BY distinct_id, product_id';

describe('user-product-metrics', () => {
  it('reads CSV with the columns in any order and extra columns ignored; an empty rate is NULL, a non-numeric one skipped', async () => {
    const run = await importFiles('user-product-metrics', {
      'values.csv': [
        'store,product_id,note,distinct_id,current_value,trial_conversion_rate,trial_converted_to_refund_rate,initial_purchase_to_refund_rate',
        'APP_STORE,yearly,"a, quoted note",u1,49.99,0.35,0.05,',
        'PLAY_STORE,monthly,,u2,9.99,,,0.1',
        'APP_STORE,yearly,,u3,12,high,,',
        'APP_STORE,yearly,,u4,,0.1,,',
        'APP_STORE,yearly,,,1,0.1,,',
        'APP_STORE,yearly,u5',
      ].join('\r\n'),
    });
    expect(run.query(ROWS)).toEqual([
      { distinct_id: 'u1', product_id: 'yearly', current_value: 49.99, trial_conversion_rate: 0.35, trial_converted_to_refund_rate: 0.05, initial_purchase_to_refund_rate: null, store: 'APP_STORE' },
      { distinct_id: 'u2', product_id: 'monthly', current_value: 9.99, trial_conversion_rate: null, trial_converted_to_refund_rate: null, initial_purchase_to_refund_rate: 0.1, store: 'PLAY_STORE' },
    ]);
    expect(only(run.summaries).malformed).toEqual({ 'bad number': 1, 'no current_value': 1, 'no distinct_id': 1, 'wrong number of fields': 1 });
    // Positions are CSV lines, the header being line 1.
    expect(only(run.summaries).examples).toEqual({
      'bad number': ['values.csv:4'],
      'no current_value': ['values.csv:5'],
      'no distinct_id': ['values.csv:6'],
      'wrong number of fields': ['values.csv:7'],
    });
  });

  it('reads JSON lines with the same keys', async () => {
    const run = await importFiles('user-product-metrics', {
      'values.jsonl': jsonLines({ distinct_id: 'u1', product_id: 'p', current_value: 3.5, trial_conversion_rate: '0.2', store: null }),
    });
    expect(run.query(ROWS)).toEqual([
      { distinct_id: 'u1', product_id: 'p', current_value: 3.5, trial_conversion_rate: 0.2, trial_converted_to_refund_rate: null, initial_purchase_to_refund_rate: null, store: null },
    ]);
  });

  it('a CSV whose header does not name the columns is not of the kind: one line, nothing written', async () => {
    const run = await importFiles('user-product-metrics', { 'other.csv': 'user,value\nu1,3\n' });
    expect(only(run.summaries).error).toBe(
      'not a user-product-metrics export (rows with distinct_id and product_id): none of its 1 records has that shape',
    );
    expect(run.query(ROWS)).toEqual([]);
  });
});
