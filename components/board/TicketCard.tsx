import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Ticket } from '../../utils/psa/model';
import { isCssColour } from '../../utils/psa/colour';
import type { BoardModel } from '../../utils/ui/board-model';
import { formatDuration } from '../../utils/flow/duration';
import type { SlaState } from '../../utils/flow/sla';

export const CARD_HEIGHT = 118;

interface Props {
  model: BoardModel;
  ticket: Ticket;
  columnId: string;
  /** Shown in a waiting column (or a waiting status): the ball is with someone else. */
  waiting: boolean;
}

const SLA_WORDS = { 'on-track': 'on track', 'at-risk': 'at risk', breached: 'breached', none: 'no SLA' } as const;
const AGING_WORDS = { fresh: '', aging: 'aging', stale: 'older than 85% of stays' } as const;

/**
 * "resolve in 43 min", "SLA 2 h late", "due in 3 h", "2 h past due", and on a closed ticket its outcome
 * ("resolved 4 d late", "met"): short enough for a card; the full label is in its title and its name.
 */
function shortSla(sla: SlaState): string {
  if (sla.leftMs === null || sla.target === null) return sla.label;
  const time = formatDuration(sla.leftMs);
  if (sla.target === 'due') return sla.state === 'breached' ? `${time} past due` : `due in ${time}`;
  return sla.state === 'breached' ? `SLA ${time} late` : `${sla.target} in ${time}`;
}

/** The words after the label: what kind of target it is and where the ticket stands. */
function slaWords(sla: SlaState): string {
  if (sla.outcome) return sla.outcome.met ? 'met' : 'missed';
  if (sla.target === 'due') return `due date ${SLA_WORDS[sla.state]}`;
  return sla.label === 'closed' ? 'closed' : `SLA ${SLA_WORDS[sla.state]}`;
}

/** The class that colours the SLA text: the state while open, the outcome once closed. */
function slaClass(sla: SlaState): string {
  if (sla.outcome) return `sla sla-${sla.outcome.met ? 'met' : 'missed'}`;
  return `sla sla-${sla.state}${sla.target === 'due' ? ' sla-due' : ''}`;
}

/**
 * One ticket. Every PSA string is rendered as text (never markup), so a title full of tags stays
 * inert. Focus it and use the arrows to choose a column, Enter to move; drag it with the mouse.
 */
export function TicketCard({ model, ticket, columnId, waiting }: Props) {
  const ref = useRef<HTMLElement>(null);
  const index = model.getIndex();
  const now = model.now.value;
  const facts = model.cardFacts(ticket, columnId, now);
  const colour = ticket.priority?.colour && isCssColour(ticket.priority.colour) ? ticket.priority.colour : '#9aa4b2';
  const pending = index?.isPending(ticket.id) ?? false;
  const picked = model.picked.value?.ticketId === ticket.id ? model.picked.value : null;
  const blocked = index?.notReadyReasons(ticket) ?? [];
  const focused = model.focusId.value === ticket.id;

  // The keyboard's card keeps focus when it moves: to a neighbour, or to another column (a new element).
  useLayoutEffect(() => {
    const el = ref.current;
    const root = el?.getRootNode() as Document | ShadowRoot | undefined;
    if (!el || !focused || !root || root.activeElement === el || !model.usingKeyboard()) return;
    const active = root.activeElement;
    const lost = active === null || active === document.body;
    if (lost || el.closest('.board')?.contains(active)) el.focus({ preventScroll: true });
  });

  const slaText = shortSla(facts.sla);
  const ageText = `${formatDuration(facts.ageMs)} in column`;
  const agingTitle = facts.thresholdMs === null ? 'Too little history for this column yet' : `85% of the team's stays in this column end within ${formatDuration(facts.thresholdMs)}`;
  const label = [
    ticket.number,
    ticket.title,
    ticket.priority ? `P${ticket.priority.rank}` : 'no priority',
    `${facts.sla.label} (${slaWords(facts.sla)})`,
    `${ageText}${facts.aging === 'fresh' ? '' : `, ${AGING_WORDS[facts.aging]}`}`,
    ticket.company?.name ?? 'no company',
    ticket.assignee?.name ?? 'unassigned',
    waiting ? `waiting: ${ticket.status.name}` : null,
    blocked.length ? `not ready: ${blocked.join(', ')}` : null,
    pending ? 'move pending' : null,
  ].filter(Boolean).join(', ');

  return (
    <article
      ref={ref}
      class={`card${pending ? ' pending' : ''}${picked ? ' picked' : ''}${model.dragging.value === ticket.id ? ' dragging' : ''}`}
      style={{ borderLeftColor: colour }}
      data-ticket-id={ticket.id}
      tabIndex={0}
      aria-label={label}
      aria-busy={pending}
      draggable={!model.readOnly && !pending}
      onFocus={() => (model.focusId.value = ticket.id)}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget) return;
        if (model.onCardKey(ticket.id, e.key, e.shiftKey)) {
          e.preventDefault();
          e.stopPropagation();
        }
      }}
      onDragStart={(e) => {
        e.dataTransfer?.setData('text/plain', ticket.id);
        if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
        model.dragging.value = ticket.id;
      }}
      onDragEnd={() => (model.dragging.value = null)}
    >
      <header class="card-top">
        <a class="card-number" href={ticket.url} target="_blank" rel="noreferrer" tabIndex={-1} draggable={false}>
          {ticket.number}
        </a>
        <span class="card-priority" title={ticket.priority?.name ?? 'No priority'}>
          <span class="dot" style={{ background: colour }} />
          {ticket.priority ? `P${ticket.priority.rank}` : 'P–'}
        </span>
        {pending && <span class="badge pending">Moving…</span>}
        {picked && <span class="badge picked">→ {model.columns.value.find((c) => c.id === picked.columnId)?.name}</span>}
        {!pending && !picked && waiting && <span class="badge waiting" title={ticket.status.name}>Waiting</span>}
        {!pending && !picked && blocked.length > 0 && <span class="badge blocked" title={`Not ready: ${blocked.join(', ')}`}>Blocked</span>}
      </header>
      <p class="card-title" title={ticket.title}>
        {ticket.title}
      </p>
      <div class="card-meta">
        <span class="card-company">{ticket.company?.name ?? 'No company'}</span>
        <span class={ticket.assignee ? 'card-assignee' : 'card-assignee unassigned'}>{ticket.assignee?.name ?? 'Unassigned'}</span>
      </div>
      <footer class="card-foot">
        <span class={slaClass(facts.sla)} title={`${facts.sla.label} (${slaWords(facts.sla)})`}>
          {slaText}
        </span>
        <span class={`age age-${facts.aging}`} title={agingTitle}>
          {ageText}
        </span>
      </footer>
    </article>
  );
}
