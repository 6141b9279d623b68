/** Loads every schema file (each registers its types and root fields) and builds the schema. */
import './date.ts';
import './count.ts';
import './metrics.ts';
import './entity.ts';
import './campaign.ts';
import './adset.ts';
import './ad.ts';
import './breakdown.ts';
import './sparkline.ts';
import './daily-metrics.ts';
import './names.ts';
import './hierarchy.ts';
import './overview.ts';
import './data-status.ts';
import './pipeline-run.ts';
import { builder } from './builder.ts';

export const schema = builder.toSchema({ sortSchema: false });
