/**
 * `mixpanel-events`: Mixpanel events, in the raw-export form `{"event", "properties": {"time",
 * "distinct_id", "$insert_id", …}}` or the data-pipeline form `{"event_name", "distinct_id",
 * "insert_id", "time", "properties"}` → mixpanel_event.
 */
import { EVENT_NAMES_SHOWN, unknownEventNamesHint } from '../../src/config.ts';
import { isJsonObject, type JsonObject } from '../format/json-values.ts';
import { derivedEventUuid } from './event-uuid.ts';
import { INVALID, epochMillis, idField, numberField, textField, utcTimestamp } from './fields.ts';
import { filtered, malformed, type MapResult, type Mapper } from './mapper.ts';
import type { ProjectClock } from './project-time.ts';

export interface MixpanelEventsOptions {
  /** The names imported: metrics.md M3's configured names plus --also-events. */
  eventNames: ReadonlySet<string>;
  includeSandbox: boolean;
  revenueProperty: string;
  /** Set when `time` is the project zone's wall-clock time (--project-timezone). */
  projectClock?: ProjectClock;
}

/** The first of the fields that is present (not absent or null). */
const firstPresent = (...values: unknown[]) => values.find((value) => value !== undefined && value !== null);

export function mixpanelEventsMapper(options: MixpanelEventsOptions): Mapper {
  /** The current file's events of other names, name → count, for the message when none was imported. */
  let otherNames = new Map<string, number>();
  return {
    kind: 'mixpanel-events',
    shape: 'events {"event", "properties"} or {"event_name", "distinct_id", "time"}',
    tables: ['mixpanel_event'],
    hasShape: (record) => 'event' in record || 'event_name' in record,
    map(record): MapResult {
      if (record.properties !== undefined && !isJsonObject(record.properties)) return malformed('properties not an object');
      const properties: JsonObject = record.properties ?? {};
      const insertId = idField(firstPresent(record.insert_id, record.$insert_id, properties.$insert_id, properties.insert_id));
      if (insertId === INVALID) return malformed('bad insert_id');
      const topLevelId = idField(record.distinct_id);
      const distinctId = topLevelId === null ? idField(properties.distinct_id) : topLevelId;
      if (distinctId === INVALID) return malformed('bad distinct_id');
      if (distinctId === null) return malformed('no distinct_id');
      const name = textField(firstPresent(record.event, record.event_name));
      if (name === INVALID) return malformed('bad event name');
      if (name === null || name === '') return malformed('no event name');
      if (!options.eventNames.has(name)) {
        otherNames.set(name, (otherNames.get(name) ?? 0) + 1);
        return filtered('other event');
      }
      if (!options.includeSandbox && properties.environment === 'SANDBOX') return filtered('sandbox');
      const time = firstPresent(record.time, properties.time);
      if (time === undefined) return malformed('no time');
      const millis = epochMillis(time);
      const instant = millis === INVALID ? INVALID : options.projectClock ? options.projectClock.toUtc(millis) : millis;
      const eventTime = instant === INVALID ? INVALID : utcTimestamp(instant);
      if (instant === INVALID || eventTime === INVALID) return malformed('bad time');
      const productId = idField(properties.product_id);
      if (productId === INVALID) return malformed('bad product_id');
      const store = textField(properties.store);
      if (store === INVALID) return malformed('bad store');
      const revenue = numberField(properties[options.revenueProperty]);
      if (revenue === INVALID) return malformed('bad number');
      return {
        table: 'mixpanel_event',
        columns: {
          event_uuid: insertId ?? derivedEventUuid(name, distinctId, instant, properties),
          distinct_id: distinctId,
          event_name: name,
          event_time: eventTime,
          product_id: productId,
          store,
          revenue_usd: revenue,
        },
      };
    },
    startFile() {
      otherNames = new Map();
    },
    whyAllFiltered() {
      if (otherNames.size === 0) return undefined;
      const found = [...otherNames]
        .map(([name, events]) => ({ name, events }))
        .sort((a, b) => b.events - a.events || (a.name < b.name ? -1 : 1))
        .slice(0, EVENT_NAMES_SHOWN);
      return `no event imported: ${unknownEventNamesHint(found)}, or add names with --also-events`;
    },
  };
}
