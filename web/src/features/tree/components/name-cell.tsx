import type { Row } from '@tanstack/react-table';
import type { EntityLevel } from '../../../generated/graphql.ts';
import type { TreeNode } from '../api/use-dashboard-tree.ts';

const LEVEL_LABELS: Record<EntityLevel, string> = { CAMPAIGN: 'Campaign', ADSET: 'Ad set', AD: 'Ad' };

/** A node's name and id, indented by its depth, with the button that expands or collapses it. */
export function NameCell({ row }: { row: Row<TreeNode> }) {
  const node = row.original;
  return (
    <div className="name-cell" style={{ paddingLeft: `${row.depth * 1.25}rem` }}>
      {row.getCanExpand() ? (
        <button
          type="button"
          className="expander"
          onClick={row.getToggleExpandedHandler()}
          aria-expanded={row.getIsExpanded()}
          aria-label={`${row.getIsExpanded() ? 'Collapse' : 'Expand'} ${node.name}`}
        >
          {row.getIsExpanded() ? '▾' : '▸'}
        </button>
      ) : (
        <span className="expander-space" />
      )}
      <div className="name-lines">
        <span className="name" title={node.name}>
          {node.name}
        </span>
        <span className="entity-id">
          <span className={`level level-${node.level.toLowerCase()}`}>{LEVEL_LABELS[node.level]}</span> {node.id}
        </span>
      </div>
    </div>
  );
}
