/** How far a run is: the steps in order, each with its share of a typical run's time. */
const STEP_WEIGHTS = { keys: 1, sources: 10, names: 15, hierarchy: 3, attribution: 15, lists: 10, daily: 12, breakdowns: 30, checks: 5 };
export type StepName = keyof typeof STEP_WEIGHTS;
const TOTAL_WEIGHT = Object.values(STEP_WEIGHTS).reduce((sum, weight) => sum + weight, 0);

const isStep = (name: string): name is StepName => Object.hasOwn(STEP_WEIGHTS, name);

/** The progress (0..1) a run records when `step` is done. */
export function progressAfter(step: StepName): number {
  const steps = Object.keys(STEP_WEIGHTS) as StepName[];
  const done = steps.slice(0, steps.indexOf(step) + 1).reduce((sum, name) => sum + STEP_WEIGHTS[name], 0);
  return done / TOTAL_WEIGHT;
}

/**
 * The steps recorded in `stepTimings` (a run's JSON of seconds per step done) after `after` (a step
 * name, or anything else for "from the start") and before `before` when given, in order.
 */
export function stepsDoneBetween(stepTimings: string, after: string | null, before?: string | null): StepName[] {
  const done = Object.keys(JSON.parse(stepTimings) as Record<string, number>).filter(isStep);
  // A step not (yet) in the record: none after it that could be told apart.
  const from = after !== null && isStep(after) ? (done.includes(after) ? done.indexOf(after) + 1 : done.length) : 0;
  const until = before != null && isStep(before) ? done.indexOf(before) : done.length;
  return done.slice(from, until < 0 ? done.length : until);
}
