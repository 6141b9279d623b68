/** mixpanel-profiles → mixpanel_user (source-data.md "Importing real exports", table of mixpanel-profiles). */
import { describe, expect, it } from 'vitest';
import { importHarness, jsonLines, only } from './helpers.ts';

const importFiles = importHarness();
const USERS = 'SELECT * FROM mixpanel_user ORDER BY distinct_id';
const engagePage = (results: object[]) => JSON.stringify({ page: 0, page_size: 1000, session_id: '1234567890-EXAMPL', status: 'ok', total: results.length, results });

describe('mixpanel-profiles', () => {
  it('maps an Engage page: abi ids, country, region and $created (no zone = UTC)', async () => {
    const run = await importFiles('mixpanel-profiles', {
      'engage-0.json': engagePage([
        {
          $distinct_id: 'u1',
          $properties: {
            $created: '2024-02-01T11:20:47',
            $country_code: 'US',
            $region: 'Utah',
            'abi_~ad_id': '238546957592005481',
            'abi_~ad_set_id': '238546957592005482',
            'abi_~campaign_id': '238546957592005483',
            'abi_~advertising_partner_name': 'Facebook',
          },
        },
      ]),
    });
    expect(run.query(USERS)).toEqual([
      {
        distinct_id: 'u1',
        abi_ad_id: '238546957592005481',
        abi_ad_set_id: '238546957592005482',
        abi_campaign_id: '238546957592005483',
        has_abi_attribution: 1,
        country: 'US',
        region: 'Utah',
        first_seen: '2024-02-01T11:20:47.000Z',
      },
    ]);
  });

  it('reads data-pipeline people lines and arrays of Engage results; numeric ids keep their digits', async () => {
    const run = await importFiles('mixpanel-profiles', {
      'people.jsonl': jsonLines('{"distinct_id": 123456789012345678, "properties": {"abi_~ad_id": 238546957592005481, "mp_country_code": "DE"}}'),
      'results.json': JSON.stringify([{ $distinct_id: 'u2', $properties: { $country_code: 'FR' } }]),
    });
    expect(run.query('SELECT distinct_id, abi_ad_id, has_abi_attribution, country FROM mixpanel_user ORDER BY distinct_id')).toEqual([
      { distinct_id: '123456789012345678', abi_ad_id: '238546957592005481', has_abi_attribution: 1, country: 'DE' },
      { distinct_id: 'u2', abi_ad_id: null, has_abi_attribution: 0, country: 'FR' },
    ]);
  });

  it('sets has_abi_attribution from the ids (empty = absent) and the partner (absent, or one of --partners, case-insensitive)', async () => {
    const profiles = [
      { $distinct_id: 'a-no-partner', $properties: { 'abi_~campaign_id': 'c1' } },
      { $distinct_id: 'b-instagram', $properties: { 'abi_~ad_id': 'ad1', 'abi_~advertising_partner_name': 'INSTAGRAM' } },
      { $distinct_id: 'c-google', $properties: { 'abi_~ad_id': 'ad1', 'abi_~advertising_partner_name': 'Google AdWords' } },
      { $distinct_id: 'd-empty-ids', $properties: { 'abi_~ad_id': '', 'abi_~ad_set_id': '', 'abi_~advertising_partner_name': 'Facebook' } },
      { $distinct_id: 'e-tiktok', $properties: { 'abi_~ad_set_id': 's1', 'abi_~advertising_partner_name': 'TikTok' } },
    ];
    const defaults = await importFiles('mixpanel-profiles', { 'engage.json': engagePage(profiles) });
    expect(defaults.query('SELECT distinct_id, abi_ad_id, abi_ad_set_id, has_abi_attribution FROM mixpanel_user ORDER BY distinct_id')).toEqual([
      { distinct_id: 'a-no-partner', abi_ad_id: null, abi_ad_set_id: null, has_abi_attribution: 1 },
      { distinct_id: 'b-instagram', abi_ad_id: 'ad1', abi_ad_set_id: null, has_abi_attribution: 1 },
      { distinct_id: 'c-google', abi_ad_id: 'ad1', abi_ad_set_id: null, has_abi_attribution: 0 },
      { distinct_id: 'd-empty-ids', abi_ad_id: null, abi_ad_set_id: null, has_abi_attribution: 0 },
      { distinct_id: 'e-tiktok', abi_ad_id: null, abi_ad_set_id: 's1', has_abi_attribution: 0 },
    ]);
    const tiktok = await importFiles('mixpanel-profiles', { 'engage.json': engagePage(profiles) }, ['--partners', 'tiktok,Facebook']);
    expect(tiktok.query('SELECT distinct_id, has_abi_attribution FROM mixpanel_user ORDER BY distinct_id')).toEqual([
      { distinct_id: 'a-no-partner', has_abi_attribution: 1 },
      { distinct_id: 'b-instagram', has_abi_attribution: 0 },
      { distinct_id: 'c-google', has_abi_attribution: 0 },
      { distinct_id: 'd-empty-ids', has_abi_attribution: 0 },
      { distinct_id: 'e-tiktok', has_abi_attribution: 1 },
    ]);
  });

  it('reads the ids from other properties with --ad-id-property, --adset-id-property, --campaign-id-property', async () => {
    const run = await importFiles(
      'mixpanel-profiles',
      { 'engage.json': engagePage([{ $distinct_id: 'u', $properties: { fb_ad: 'A', fb_adset: 'S', fb_campaign: 'C', 'abi_~ad_id': 'ignored' } }]) },
      ['--ad-id-property', 'fb_ad', '--adset-id-property', 'fb_adset', '--campaign-id-property', 'fb_campaign'],
    );
    expect(run.query('SELECT abi_ad_id, abi_ad_set_id, abi_campaign_id, has_abi_attribution FROM mixpanel_user')).toEqual([
      { abi_ad_id: 'A', abi_ad_set_id: 'S', abi_campaign_id: 'C', has_abi_attribution: 1 },
    ]);
  });

  it('takes $country_code, else mp_country_code; converts $created with a zone to UTC; skips a profile without an id or with a bad $created', async () => {
    const run = await importFiles('mixpanel-profiles', {
      'engage.json': engagePage([
        { $distinct_id: 'a', $properties: { $country_code: 'GB', mp_country_code: 'US', $created: '2024-02-01T11:20:47.123456+02:00' } },
        { $distinct_id: 'b', $properties: { mp_country_code: 'us', $created: '2024-02-01' } },
        { $distinct_id: 'c', $properties: {} },
        { $properties: { $country_code: 'US' } },
        { $distinct_id: 'd', $properties: { $created: 'yesterday' } },
      ]),
    });
    expect(run.query('SELECT distinct_id, country, region, first_seen FROM mixpanel_user ORDER BY distinct_id')).toEqual([
      { distinct_id: 'a', country: 'GB', region: null, first_seen: '2024-02-01T09:20:47.123Z' },
      { distinct_id: 'b', country: 'us', region: null, first_seen: '2024-02-01T00:00:00.000Z' },
      { distinct_id: 'c', country: null, region: null, first_seen: null },
    ]);
    expect(only(run.summaries).malformed).toEqual({ 'no distinct_id': 1, 'bad first_seen': 1 });
    expect(only(run.summaries).examples).toEqual({ 'no distinct_id': ['engage.json:4'], 'bad first_seen': ['engage.json:5'] });
  });
});
