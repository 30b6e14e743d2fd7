import type { ChatActivity } from '@app/shared';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** "09:41" today, "Mar 3" before. */
export function when(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toDateString() === now.toDateString() ? timeFormat.format(d) : dateFormat.format(d);
}

/** "guest-1f3a9c…" rather than a whole UUID; the full id is in the title attribute. */
export function shortPerson(userId: string): string {
  const m = /^(guest-|operator:)?([0-9a-f]{6})[0-9a-f-]{20,}$/i.exec(userId);
  if (m) return `${m[1] ?? ''}${m[2]}`;
  return userId.length > 22 ? `${userId.slice(0, 21)}…` : userId;
}

/** Who said the chat's last message, for the list. */
export function lastSpeaker(last: NonNullable<ChatActivity['lastMessage']>): string {
  switch (last.type) {
    case 'user': return 'Person';
    case 'response': return 'Assistant';
    case 'operator': return 'Operator';
    case 'error': return 'Error';
    default: return last.type;
  }
}

/** Durations of the funnel: "850 ms", "12 s", "3.5 min", "2.0 h". */
export function formatSpan(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3600_000).toFixed(1)} h`;
}

/** A share as a whole percentage; "—" when there is nothing to divide by. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—';
}

/** ISO instant -> the value a `datetime-local` input shows (local time, minutes). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const instantFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** "Nov 21, 05:05 AM": both ends of a range the same way. */
export function formatInstant(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : instantFormat.format(d);
}
