/**
 * The units of work a run shares between its connections (see RunSpace.shared / inBackground):
 * plain data, so that they can be posted to another thread or sent to any connection.
 */

/**
 * Appends the rows of `select` (in its order) to `table` of the app database. With `alsoInto`,
 * `select` yields `columns` followed by the other columns of `alsoInto`, whose rows (those meeting
 * its condition) go to a second table: e.g. a row's user lists to the table that holds them.
 */
export interface InsertJob {
  table: string;
  columns: string[];
  select: string;
  alsoInto?: { table: string; columns: string[]; where: string };
}

/** A read-only query whose first row (if any) is the job's result. */
export interface QueryJob {
  query: string;
}

/** Statements run for their effect on the scratch space. */
export interface ExecJob {
  exec: string;
}

export type Job = InsertJob | QueryJob | ExecJob;

export interface JobResults {
  rowsInserted: number;
  /** First row of each query job, by job index; absent when the query returned none. */
  firstRows: Map<number, Record<string, unknown>>;
}

export const isInsertJob = (job: Job): job is InsertJob => 'select' in job;
