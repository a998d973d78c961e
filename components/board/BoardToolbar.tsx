import type { BoardModel } from '../../utils/ui/board-model';

/** Which board, and the filters: me, my team, company, priority, text. Filters change the view, never the WIP counts. */
export function BoardToolbar({ model }: { model: BoardModel }) {
  const filters = model.filters.value;
  const boards = model.configSet.value?.boards ?? [];
  const priorities = model.sync.value?.priorities ?? [];
  const companies = [...model.companies.value].sort((a, b) => a[1].localeCompare(b[1]));
  const index = model.getIndex();
  const hasMe = model.sync.value?.me != null;
  return (
    <div class="board-toolbar" role="toolbar" aria-label="Board filters">
      {boards.length > 1 && (
        <select aria-label="Board" value={model.board.value?.id} onChange={(e) => model.selectBoard((e.currentTarget as HTMLSelectElement).value)}>
          {boards.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      )}
      <button type="button" class="chip" aria-pressed={filters.mine} disabled={!hasMe} onClick={() => model.setFilters({ mine: !filters.mine })}>
        Mine
      </button>
      <button type="button" class="chip" aria-pressed={filters.myTeam} disabled={!hasMe} onClick={() => model.setFilters({ myTeam: !filters.myTeam })}>
        My team
      </button>
      <select aria-label="Company" value={filters.companyIds[0] ?? ''} onChange={(e) => {
        const id = (e.currentTarget as HTMLSelectElement).value;
        model.setFilters({ companyIds: id ? [id] : [] });
      }}>
        <option value="">All companies</option>
        {companies.map(([id, name]) => (
          <option key={id} value={id}>
            {name}
          </option>
        ))}
      </select>
      <select aria-label="Priority" value={filters.priorityIds[0] ?? ''} onChange={(e) => {
        const id = (e.currentTarget as HTMLSelectElement).value;
        model.setFilters({ priorityIds: id ? [id] : [] });
      }}>
        <option value="">All priorities</option>
        {priorities.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <input type="search" aria-label="Search tickets" placeholder="Search number, title, company…" value={filters.text} onInput={(e) => model.setFilters({ text: (e.currentTarget as HTMLInputElement).value })} />
      {index && index.visibleCount !== index.size && (
        <span class="filter-count" role="status">
          {index.visibleCount} of {index.size} shown
        </span>
      )}
    </div>
  );
}
