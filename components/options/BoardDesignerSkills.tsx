import type { BoardDesignerModel } from '../../utils/ui/board-designer-model';
import type { BoardConfig } from '../../utils/board-config/schema';

function splitSkills(text: string): string[] {
  return [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];
}

/** Sets or clears one key of a PSA id → skill map. */
function withSkill(map: Readonly<Record<string, string>>, id: string, skill: string): Record<string, string> {
  const next = { ...map };
  if (skill.trim()) next[id] = skill.trim();
  else delete next[id];
  return next;
}

type SkillKind = 'byType' | 'bySubtype' | 'byBoard';

/** Skills (tech → skills; board/type/subtype → the skill its tickets need) and teams (for "my team" and team lanes). */
export function BoardDesignerSkills({ model }: { model: BoardDesignerModel }) {
  const board = model.board.value!;
  const catalog = model.view.value?.catalog;
  const sync = model.view.value?.sync;
  const update = model.updateBoard;
  const setNeed = (kind: SkillKind, id: string, skill: string) => update((b) => ({ ...b, skills: { ...b.skills, [kind]: withSkill(b.skills[kind], id, skill) } }));
  const needs: { kind: SkillKind; id: string; label: string }[] = [
    ...(sync?.boardId ? [{ kind: 'byBoard' as const, id: sync.boardId, label: `Board ${sync.boardName ?? sync.boardId}` }] : []),
    ...(catalog?.types ?? []).map((t) => ({ kind: 'byType' as const, id: t.id, label: `Type ${t.name}` })),
    ...(catalog?.subtypes ?? []).map((t) => ({ kind: 'bySubtype' as const, id: t.id, label: `Subtype ${t.name}` })),
  ];
  return (
    <>
      <fieldset class="designer-block designer-columns2">
        <legend>Skills</legend>
        <div>
          <h3>Techs have</h3>
          {model.members.value.map((m) => (
            <label key={`${m.id}:${(board.skills.byTech[m.id] ?? []).join(',')}`} class="inline-field">
              <span>{m.name}</span>
              <input
                aria-label={`Skills of ${m.name}`}
                placeholder="network, m365"
                defaultValue={(board.skills.byTech[m.id] ?? []).join(', ')}
                onChange={(e) => {
                  const skills = splitSkills((e.currentTarget as HTMLInputElement).value);
                  update((b) => {
                    const byTech = { ...b.skills.byTech };
                    if (skills.length) byTech[m.id] = skills;
                    else delete byTech[m.id];
                    return { ...b, skills: { ...b.skills, byTech } };
                  });
                }}
              />
            </label>
          ))}
        </div>
        <div>
          <h3>Tickets need (the most specific wins)</h3>
          {needs.length === 0 && <p class="muted">Ticket types appear once the first sync has loaded tickets.</p>}
          {needs.filter((n) => n.kind !== 'bySubtype').map(({ kind, id, label }) => (
            <label key={`${kind}:${id}:${board.skills[kind][id] ?? ''}`} class="inline-field">
              <span>{label}</span>
              <input aria-label={`Skill needed by ${label}`} placeholder="any tech" defaultValue={board.skills[kind][id] ?? ''} onChange={(e) => setNeed(kind, id, (e.currentTarget as HTMLInputElement).value)} />
            </label>
          ))}
          {needs.some((n) => n.kind === 'bySubtype') && (
            <details>
              <summary>Subtypes ({Object.keys(board.skills.bySubtype).length} mapped)</summary>
              {needs.filter((n) => n.kind === 'bySubtype').map(({ kind, id, label }) => (
                <label key={`${kind}:${id}:${board.skills[kind][id] ?? ''}`} class="inline-field">
                  <span>{label}</span>
                  <input aria-label={`Skill needed by ${label}`} placeholder="any tech" defaultValue={board.skills[kind][id] ?? ''} onChange={(e) => setNeed(kind, id, (e.currentTarget as HTMLInputElement).value)} />
                </label>
              ))}
            </details>
          )}
        </div>
      </fieldset>
      <Teams model={model} board={board} />
    </>
  );
}

function Teams({ model, board }: { model: BoardDesignerModel; board: BoardConfig }) {
  const psaTeams = (model.view.value?.catalog.teams ?? []).filter((t) => !board.teams.some((bt) => bt.id === t.id));
  const update = model.updateBoard;
  const toggleMember = (teamId: string, memberId: string, on: boolean) =>
    update((b) => ({
      ...b,
      teams: b.teams.map((t) => (t.id !== teamId ? t : { ...t, memberIds: on ? [...new Set([...t.memberIds, memberId])] : t.memberIds.filter((id) => id !== memberId) })),
    }));
  return (
    <fieldset class="designer-block">
      <legend>Teams</legend>
      <p class="muted">"My team" shows the tickets of your teammates and of your team; team lanes group by them. The PSA's API does not say who is in which team.</p>
      {board.teams.map((team) => (
        <div key={team.id} class="team">
          <strong>{team.name}</strong>
          <button type="button" class="small" onClick={() => update((b) => ({ ...b, teams: b.teams.filter((t) => t.id !== team.id) }))}>
            Remove
          </button>
          <div class="checks">
            {model.members.value.map((m) => (
              <label key={m.id} class="check">
                <input type="checkbox" aria-label={`${m.name} in ${team.name}`} checked={team.memberIds.includes(m.id)} onChange={(e) => toggleMember(team.id, m.id, (e.currentTarget as HTMLInputElement).checked)} />
                {m.name}
              </label>
            ))}
          </div>
        </div>
      ))}
      <div class="actions">
        {psaTeams.length > 0 && (
          <select
            aria-label="Add a PSA team"
            value=""
            onChange={(e) => {
              const team = psaTeams.find((t) => t.id === (e.currentTarget as HTMLSelectElement).value);
              if (team) update((b) => ({ ...b, teams: [...b.teams, { id: team.id, name: team.name, memberIds: [] }] }));
            }}
          >
            <option value="">Add a PSA team…</option>
            {psaTeams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        )}
      </div>
    </fieldset>
  );
}
