/** `EntityName`, `NameObservation`, `AdEntity.nameHistory` and `Query.canonicalNames` (M4). */
import type { EntityLevel } from '../db/tables/daily-metrics.ts';
import { canonicalNamesByEntity, type NameObservation as NameObservationRow } from '../db/tables/names-reads.ts';
import { builder } from './builder.ts';
import { AdEntity, EntityLevelEnum } from './entity.ts';
import { requirePublished } from './errors.ts';
import { checkedIds } from './limits.ts';

interface EntityNameShape {
  level: EntityLevel;
  id: string;
  name: string | null;
  frequency: number | null;
  lastSeen: string | null;
}

const EntityName = builder.objectRef<EntityNameShape>('EntityName').implement({
  description: 'The canonical name of an id (M4); name, frequency and lastSeen are null when it has none.',
  fields: (t) => ({
    level: t.field({ type: EntityLevelEnum, resolve: (row) => row.level }),
    id: t.exposeID('id'),
    name: t.exposeString('name', { nullable: true }),
    frequency: t.exposeInt('frequency', { nullable: true, description: 'Meta rows carrying this name.' }),
    lastSeen: t.field({ type: 'Date', nullable: true, resolve: (row) => row.lastSeen }),
  }),
});

const NameObservation = builder.objectRef<NameObservationRow>('NameObservation').implement({
  description: 'A name observed for an entity in the Meta tables, over all data (M4).',
  fields: (t) => ({
    name: t.exposeString('name'),
    frequency: t.exposeInt('frequency'),
    firstSeen: t.field({ type: 'Date', resolve: (row) => row.firstSeen }),
    lastSeen: t.field({ type: 'Date', resolve: (row) => row.lastSeen }),
  }),
});

builder.interfaceField(AdEntity, 'nameHistory', (t) =>
  t.field({
    type: [NameObservation],
    description: 'Every observed name, most frequent first (ties: latest seen, then name).',
    resolve: (entity, _, ctx) => ctx.loaders.nameHistory.load(entity),
  }),
);

builder.queryField('canonicalNames', (t) =>
  t.field({
    type: [EntityName],
    description: 'One row per requested id (at most 1000), in the order given.',
    args: {
      level: t.arg({ type: EntityLevelEnum, required: true }),
      ids: t.arg.idList({ required: true }),
    },
    resolve: async (_, args, ctx) => {
      const ids = checkedIds(args.ids.map(String), 'ids');
      await requirePublished(ctx);
      const names = await canonicalNamesByEntity(ctx.db, args.level, ids);
      return ids.map((id) => ({
        level: args.level,
        id,
        name: names.get(id)?.name ?? null,
        frequency: names.get(id)?.frequency ?? null,
        lastSeen: names.get(id)?.lastSeen ?? null,
      }));
    },
  }),
);
