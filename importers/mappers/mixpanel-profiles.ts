/**
 * `mixpanel-profiles`: Mixpanel user profiles, as Engage API results `{"$distinct_id",
 * "$properties"}` or data-pipeline people lines `{"distinct_id", "properties"}` → mixpanel_user.
 */
import { isJsonObject, type JsonObject } from '../format/json-values.ts';
import { INVALID, idField, isoMillis, textField, utcTimestamp } from './fields.ts';
import { malformed, type MapResult, type Mapper } from './mapper.ts';

export interface MixpanelProfilesOptions {
  adIdProperty: string;
  adsetIdProperty: string;
  campaignIdProperty: string;
  /** Lower-cased partner names that count as Meta attribution. */
  partners: ReadonlySet<string>;
}

export const DEFAULT_PROFILE_PROPERTIES = { adIdProperty: 'abi_~ad_id', adsetIdProperty: 'abi_~ad_set_id', campaignIdProperty: 'abi_~campaign_id' };
export const DEFAULT_PARTNERS = ['Facebook', 'Meta', 'Instagram'];
export const PARTNER_PROPERTY = 'abi_~advertising_partner_name';

const isPresent = (value: unknown) => value !== undefined && value !== null && value !== '';

export function mixpanelProfilesMapper(options: MixpanelProfilesOptions): Mapper {
  return {
    kind: 'mixpanel-profiles',
    shape: 'profiles {"$distinct_id", "$properties"} or {"distinct_id", "properties"}',
    tables: ['mixpanel_user'],
    hasShape: (record) =>
      !('event' in record || 'event_name' in record) && ('$distinct_id' in record || '$properties' in record || ('distinct_id' in record && 'properties' in record)),
    map(record): MapResult {
      const rawProperties = record.$properties ?? record.properties;
      if (rawProperties !== undefined && !isJsonObject(rawProperties)) return malformed('properties not an object');
      const properties: JsonObject = rawProperties ?? {};
      const distinctId = idField(record.$distinct_id ?? record.distinct_id);
      if (distinctId === INVALID) return malformed('bad distinct_id');
      if (distinctId === null) return malformed('no distinct_id');
      const ids = {
        abi_ad_id: idField(properties[options.adIdProperty]),
        abi_ad_set_id: idField(properties[options.adsetIdProperty]),
        abi_campaign_id: idField(properties[options.campaignIdProperty]),
      };
      for (const [column, value] of Object.entries(ids)) if (value === INVALID) return malformed(`bad ${column}`);
      const partner = properties[PARTNER_PROPERTY];
      const fromPartner = !isPresent(partner) || (typeof partner === 'string' && options.partners.has(partner.trim().toLowerCase()));
      const hasId = Object.values(ids).some((id) => id !== null);
      const country = textField(isPresent(properties.$country_code) ? properties.$country_code : properties.mp_country_code);
      if (country === INVALID) return malformed('bad country');
      const region = textField(properties.$region);
      if (region === INVALID) return malformed('bad region');
      const created = properties.$created;
      const firstSeen = created === undefined || created === null ? null : isoMillis(created);
      const firstSeenText = firstSeen === null || firstSeen === INVALID ? firstSeen : utcTimestamp(firstSeen);
      if (firstSeenText === INVALID) return malformed('bad first_seen');
      return {
        table: 'mixpanel_user',
        columns: {
          distinct_id: distinctId,
          ...(ids as Record<string, string | null>),
          has_abi_attribution: hasId && fromPartner ? 1 : 0,
          country,
          region,
          first_seen: firstSeenText,
        },
      };
    },
  };
}
