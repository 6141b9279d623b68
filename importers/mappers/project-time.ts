/**
 * `--project-timezone`: Mixpanel projects created before 2023 export `time` as the project zone's
 * wall-clock time counted as if it were UTC. This turns such a wall time into the real instant: a
 * wall time that occurs twice (clocks set back) takes the earlier instant, one that does not exist
 * (clocks set forward) moves forward by the gap.
 */
import { assertTimeZone, offsetFormat, offsetMinutes } from '../../pipeline/timezone.ts';

const DAY_MS = 86_400_000;
/** Zones change offset on quarter hours, so one offset holds for each quarter hour (cached). */
const QUARTER_HOUR_MS = 900_000;

export class ProjectClock {
  private readonly format: Intl.DateTimeFormat;
  private readonly offsetByQuarterHour = new Map<number, number>();

  constructor(readonly zone: string) {
    assertTimeZone(zone);
    this.format = offsetFormat(zone);
  }

  /** Offset from UTC at a UTC instant, in milliseconds. */
  private offsetAt(utcMs: number): number {
    const quarter = Math.floor(utcMs / QUARTER_HOUR_MS);
    let offset = this.offsetByQuarterHour.get(quarter);
    if (offset === undefined) {
      offset = offsetMinutes(this.format, quarter * QUARTER_HOUR_MS) * 60_000;
      this.offsetByQuarterHour.set(quarter, offset);
    }
    return offset;
  }

  /** The UTC instant of a wall-clock time given in milliseconds as if it were UTC. */
  toUtc(wallMs: number): number {
    // The offsets in force a day before and a day after: any change between them is the one at hand.
    const before = this.offsetAt(wallMs - DAY_MS);
    const after = this.offsetAt(wallMs + DAY_MS);
    const candidates = [wallMs - before, wallMs - after].filter((utc, i) => this.offsetAt(utc) === (i === 0 ? before : after));
    // None: the wall time falls in a gap; reading it with the earlier offset moves it past the gap.
    return candidates.length > 0 ? Math.min(...candidates) : wallMs - before;
  }
}
