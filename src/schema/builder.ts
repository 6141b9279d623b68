import SchemaBuilder from '@pothos/core';
import type { ApiContext } from '../context.ts';
import '../query-limits/execution-budget.ts';

export const builder = new SchemaBuilder<{
  Context: ApiContext;
  Scalars: { Date: { Input: string; Output: string }; Count: { Input: number; Output: number } };
  DefaultFieldNullability: false;
}>({ defaultFieldNullability: false, plugins: ['executionBudget'] });

builder.queryType({});
