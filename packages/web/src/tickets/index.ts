/**
 * Tickets (工单) and the knowledge base in the console: the leader's lists with the deadline
 * clock, the desktop's card to accept a ticket from the call, article suggestions, and the header's
 * bell with the ticket notifications.
 *
 * @example
 * <DeskTickets callId={call?.callId ?? null} queueId={call?.queueId ?? null} timeZone={floor.timeZone} />
 */
export { DeskTickets, KbSuggestions } from './DeskTickets';
export { KbPage } from './KbPage';
export { deadlineClock } from './format';
export { ticketsEn, ticketsZh } from './messages';
export { TicketBell } from './TicketBell';
export { TicketClock } from './TicketClock';
export { TicketsPage } from './TicketsPage';
