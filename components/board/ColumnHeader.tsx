import type { ColumnDef } from '../../utils/flow';
import type { ColumnBadge } from '../../utils/ui/board-index';

/** Words for the badge's colour, so it is never carried by colour alone. */
function badgeWords(badge: ColumnBadge): string {
  if (badge.limit === null) return `${badge.count} tickets, no WIP limit`;
  const kind = badge.hardLimit ? 'hard' : 'soft';
  if (badge.state === 'over') return `${badge.count} tickets, over the ${kind} WIP limit of ${badge.limit}`;
  if (badge.state === 'at') return `${badge.count} tickets, at the ${kind} WIP limit of ${badge.limit}`;
  return `${badge.count} tickets, ${kind} WIP limit ${badge.limit}`;
}

/** A column's name and its count against its WIP limit: amber at the limit, red over a hard one. */
export function ColumnHeader({ column, badge, ranked }: { column: ColumnDef; badge: ColumnBadge; ranked: boolean }) {
  const tone = badge.state === 'over' && badge.hardLimit ? 'red' : badge.state === 'ok' ? 'ok' : 'amber';
  return (
    <header class="column-header">
      <h2 title={ranked ? `${column.name}: ranked by urgency; drag or Shift+arrows to reorder` : column.name}>{column.name}</h2>
      <span class={`wip wip-${tone}`} title={badgeWords(badge)} aria-label={badgeWords(badge)} role="img">
        <span class="column-count">{badge.count}</span>
        {badge.limit !== null && <span class="column-limit">/{badge.limit}</span>}
        {badge.limit !== null && badge.hardLimit && <span class="column-hard" aria-hidden="true"> max</span>}
      </span>
    </header>
  );
}
