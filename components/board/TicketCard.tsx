import type { Ticket } from '../../utils/psa/model';
import { formatDuration } from '../../utils/flow';

export const CARD_HEIGHT = 92;

interface Props {
  ticket: Ticket;
  now: number;
}

/** One ticket. Every PSA string is rendered as text: a title full of markup stays inert. */
export function TicketCard({ ticket, now }: Props) {
  const age = formatDuration(Math.max(0, now - Date.parse(ticket.created)));
  const colour = ticket.priority?.colour ?? '#9aa4b2';
  return (
    <article class="card" style={{ borderLeftColor: colour }} data-ticket-id={ticket.id} aria-label={`${ticket.number} ${ticket.title}`}>
      <header class="card-top">
        <a class="card-number" href={ticket.url} target="_blank" rel="noreferrer">
          {ticket.number}
        </a>
        {ticket.priority && (
          <span class="card-priority" title={ticket.priority.name}>
            <span class="dot" style={{ background: colour }} />
            P{ticket.priority.rank}
          </span>
        )}
        <span class="card-age" title={`Opened ${new Date(ticket.created).toLocaleString()}`}>{age}</span>
      </header>
      <p class="card-title" title={ticket.title}>
        {ticket.title}
      </p>
      <footer class="card-meta">
        <span class="card-company">{ticket.company?.name ?? 'No company'}</span>
        <span class={ticket.assignee ? 'card-assignee' : 'card-assignee unassigned'}>{ticket.assignee?.name ?? 'Unassigned'}</span>
      </footer>
    </article>
  );
}
