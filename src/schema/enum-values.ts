/** Pothos enum values named in SCREAMING_SNAKE_CASE for camelCase internal values. */
export function screamingEnumValues<Value extends string>(values: readonly Value[]) {
  return Object.fromEntries(
    values.map((value) => [value.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase(), { value }]),
  ) as Record<string, { value: Value }>;
}
