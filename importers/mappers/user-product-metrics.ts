/** `user-product-metrics`: CSV with a header naming the table's columns, or JSON lines with those keys. */
import { INVALID, idField, numberField, textField } from './fields.ts';
import { malformed, type MapResult, type Mapper } from './mapper.ts';

const RATES = ['trial_conversion_rate', 'trial_converted_to_refund_rate', 'initial_purchase_to_refund_rate'] as const;

export function userProductMetricsMapper(): Mapper {
  return {
    kind: 'user-product-metrics',
    shape: 'rows with distinct_id and product_id',
    tables: ['user_product_metrics'],
    hasShape: (record) => 'distinct_id' in record && 'product_id' in record,
    map(record): MapResult {
      const distinctId = idField(record.distinct_id);
      if (distinctId === INVALID) return malformed('bad distinct_id');
      if (distinctId === null) return malformed('no distinct_id');
      const productId = idField(record.product_id);
      if (productId === INVALID) return malformed('bad product_id');
      if (productId === null) return malformed('no product_id');
      const currentValue = numberField(record.current_value);
      if (currentValue === INVALID) return malformed('bad number');
      if (currentValue === null) return malformed('no current_value');
      const rates = RATES.map((column) => numberField(record[column]));
      if (rates.includes(INVALID)) return malformed('bad number');
      const store = textField(record.store);
      if (store === INVALID) return malformed('bad store');
      return {
        table: 'user_product_metrics',
        columns: {
          distinct_id: distinctId,
          product_id: productId,
          current_value: currentValue,
          ...Object.fromEntries(RATES.map((column, i) => [column, rates[i] as number | null])),
          store,
        },
      };
    },
  };
}
