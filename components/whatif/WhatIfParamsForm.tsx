import type { DispatchRule } from '../../utils/whatif';
import type { WhatIfModel } from '../../utils/ui/whatif-model';

const WINDOWS: { label: string; days: number | null }[] = [
  { label: 'Last 30 days', days: 30 },
  { label: 'Last 90 days', days: 90 },
  { label: 'All the history', days: null },
];

function NumberField({ label, value, step = 1, onInput }: { label: string; value: number; step?: number; onInput: (value: number) => void }) {
  return (
    <label>
      {label}
      <input type="number" value={value} step={step} onInput={(e) => onInput(Number((e.target as HTMLInputElement).value))} />
    </label>
  );
}

/** The replay's parameters, each with its default filled in; Replay applies them. */
export function WhatIfParamsForm({ model }: { model: WhatIfModel }) {
  const p = model.draft.value;
  const hours = p.businessHours;
  return (
    <form class="whatif-params" onSubmit={(e) => { e.preventDefault(); model.replay(); }}>
      <label>
        Window
        <select value={String(model.days.value)} onChange={(e) => { const v = (e.target as HTMLSelectElement).value; model.days.value = v === 'null' ? null : Number(v); }}>
          {WINDOWS.map((w) => <option key={w.label} value={String(w.days)}>{w.label}</option>)}
        </select>
      </label>
      <NumberField label="Switch cost (min)" value={p.switchCostMinutes} onInput={(v) => model.edit({ switchCostMinutes: v })} />
      <label>
        Push dispatch
        <select value={p.dispatch} onChange={(e) => model.edit({ dispatch: (e.target as HTMLSelectElement).value as DispatchRule })}>
          <option value="least-loaded">least-loaded</option>
          <option value="round-robin">round-robin</option>
        </select>
      </label>
      <NumberField label="Push: turn to another ticket after (min)" value={p.pushRotateMinutes} onInput={(v) => model.edit({ pushRotateMinutes: v })} />
      <NumberField label="Opens (hour)" value={hours.startHour} onInput={(v) => model.edit({ businessHours: { ...hours, startHour: v } })} />
      <NumberField label="Closes (hour)" value={hours.endHour} onInput={(v) => model.edit({ businessHours: { ...hours, endHour: v } })} />
      <NumberField label="UTC offset (min)" value={hours.utcOffsetMinutes} step={30} onInput={(v) => model.edit({ businessHours: { ...hours, utcOffsetMinutes: v } })} />
      <NumberField label="Ticket hours a day" value={p.ticketHoursPerDay} step={0.5} onInput={(v) => model.edit({ ticketHoursPerDay: v })} />
      <NumberField label="Triage (business min)" value={p.triageMinutes} onInput={(v) => model.edit({ triageMinutes: v })} />
      <button type="submit" class="primary" disabled={!model.pending.value}>Replay</button>
      {model.error.value && <p class="banner error" role="alert">{model.error.value}</p>}
    </form>
  );
}
