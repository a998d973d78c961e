import type { BoardDesignerModel } from '../../utils/ui/board-designer-model';
import { Swimlanes, type BoardConfig } from '../../utils/board-config/schema';
import type { ReadyField, ReadyRule } from '../../utils/flow';

const FIELDS: { field: ReadyField; label: string }[] = [
  { field: 'contact', label: 'Contact known' },
  { field: 'company', label: 'Company set' },
  { field: 'type', label: 'Type set' },
  { field: 'subtype', label: 'Subtype set' },
  { field: 'priority', label: 'Priority set' },
  { field: 'board', label: 'Board set' },
];

const LANE_WORDS: Record<Swimlanes, string> = { none: 'None', assignee: 'Assignee', priority: 'Priority', company: 'Company', team: 'Team' };

function hasField(rules: readonly ReadyRule[], field: ReadyField): boolean {
  return rules.some((r) => r.kind === 'fieldSet' && r.field === field);
}

function toggleRule(board: BoardConfig, rule: ReadyRule, on: boolean): BoardConfig {
  const same = (r: ReadyRule) => r.kind === rule.kind && (r.kind !== 'fieldSet' || (rule.kind === 'fieldSet' && r.field === rule.field));
  const rest = board.readyRules.filter((r) => !same(r));
  return { ...board, readyRules: on ? [...rest, rule] : rest };
}

/** Personal WIP, swimlanes, Definition of Ready, ranking and the filters the board opens with. */
export function BoardDesignerRules({ model }: { model: BoardDesignerModel }) {
  const board = model.board.value!;
  const statuses = model.statuses.value;
  const blocked = board.readyRules.find((r): r is Extract<ReadyRule, { kind: 'notStatus' }> => r.kind === 'notStatus')?.statusIds ?? [];
  const update = model.updateBoard;
  const setBlocked = (ids: string[]) =>
    update((b) => toggleRule(b, { kind: 'notStatus', statusIds: ids }, ids.length > 0));
  return (
    <>
      <fieldset class="designer-block designer-grid">
        <legend>Limits and lanes</legend>
        <label>
          Team cap on personal WIP
          <input
            type="number"
            min={1}
            max={5}
            class="narrow"
            placeholder="each tech's own"
            value={board.personalWipLimit ?? ''}
            onInput={(e) => {
              const text = (e.currentTarget as HTMLInputElement).value.trim();
              update((b) => ({ ...b, personalWipLimit: text === '' ? null : Number(text) }));
            }}
          />
          <small>Caps every tech's own limit (1–5); blank leaves it to each tech.</small>
        </label>
        <label>
          Swimlanes
          <select value={board.swimlanes} onChange={(e) => update((b) => ({ ...b, swimlanes: (e.currentTarget as HTMLSelectElement).value as Swimlanes }))}>
            {Swimlanes.options.map((s) => (
              <option key={s} value={s}>
                {LANE_WORDS[s]}
              </option>
            ))}
          </select>
          <small>Expedite tickets (SLA breached or at risk) always ride their own lane on top.</small>
        </label>
        <label>
          Expedite within (minutes)
          <input
            type="number"
            min={0}
            class="narrow"
            value={board.ranking.expediteWithinMinutes}
            onInput={(e) => update((b) => ({ ...b, ranking: { ...b.ranking, expediteWithinMinutes: Number((e.currentTarget as HTMLInputElement).value) } }))}
          />
          <small>An SLA due this soon (or past) expedites the ticket and colours it at risk.</small>
        </label>
        <div class="field-like">
          <span>Manual Ready order</span>
          <span class="muted">{board.ranking.readyOrder.length} ticket(s) ordered by a dispatcher on the board</span>
          <button type="button" class="small" disabled={board.ranking.readyOrder.length === 0} onClick={() => update((b) => ({ ...b, ranking: { ...b.ranking, readyOrder: [] } }))}>
            Clear the manual order
          </button>
        </div>
      </fieldset>
      <fieldset class="designer-block">
        <legend>Definition of Ready</legend>
        <p class="muted">A ticket in Ready that fails a rule is shown as blocked, with the reason, and Pull next skips it.</p>
        <div class="checks">
          {FIELDS.map(({ field, label }) => (
            <label key={field} class="check">
              <input type="checkbox" checked={hasField(board.readyRules, field)} onChange={(e) => update((b) => toggleRule(b, { kind: 'fieldSet', field }, (e.currentTarget as HTMLInputElement).checked))} />
              {label}
            </label>
          ))}
          <label class="check">
            <input type="checkbox" checked={board.readyRules.some((r) => r.kind === 'notClosed')} onChange={(e) => update((b) => toggleRule(b, { kind: 'notClosed' }, (e.currentTarget as HTMLInputElement).checked))} />
            Not closed
          </label>
          <label class="check">
            <input type="checkbox" checked={board.readyRules.some((r) => r.kind === 'notAssigned')} onChange={(e) => update((b) => toggleRule(b, { kind: 'notAssigned' }, (e.currentTarget as HTMLInputElement).checked))} />
            Not assigned yet
          </label>
        </div>
        <p class="muted">Not in these statuses (waiting on the client, closed…):</p>
        <div class="checks">
          {statuses.map((s) => (
            <label key={s.id} class="check">
              <input
                type="checkbox"
                aria-label={`Not ready while ${s.name}`}
                checked={blocked.includes(s.id)}
                onChange={(e) => setBlocked((e.currentTarget as HTMLInputElement).checked ? [...blocked, s.id] : blocked.filter((id) => id !== s.id))}
              />
              {s.name}
            </label>
          ))}
        </div>
      </fieldset>
      <DefaultFilters model={model} />
    </>
  );
}

function DefaultFilters({ model }: { model: BoardDesignerModel }) {
  const board = model.board.value!;
  const filters = board.filters;
  const companies = model.view.value?.catalog.companies ?? [];
  const set = (change: Partial<BoardConfig['filters']>) => model.updateBoard((b) => ({ ...b, filters: { ...b.filters, ...change } }));
  return (
    <fieldset class="designer-block designer-grid">
      <legend>Filters the board opens with</legend>
      <label class="check">
        <input type="checkbox" checked={filters.mine} onChange={(e) => set({ mine: (e.currentTarget as HTMLInputElement).checked })} />
        Only mine
      </label>
      <label class="check">
        <input type="checkbox" checked={filters.myTeam} onChange={(e) => set({ myTeam: (e.currentTarget as HTMLInputElement).checked })} />
        Only my team
      </label>
      <label>
        Company
        <select value={filters.companyIds[0] ?? ''} onChange={(e) => set({ companyIds: (e.currentTarget as HTMLSelectElement).value ? [(e.currentTarget as HTMLSelectElement).value] : [] })}>
          <option value="">All companies</option>
          {companies.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Priority
        <select value={filters.priorityIds[0] ?? ''} onChange={(e) => set({ priorityIds: (e.currentTarget as HTMLSelectElement).value ? [(e.currentTarget as HTMLSelectElement).value] : [] })}>
          <option value="">All priorities</option>
          {model.priorities.value.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Text
        <input value={filters.text} onInput={(e) => set({ text: (e.currentTarget as HTMLInputElement).value })} />
      </label>
    </fieldset>
  );
}
