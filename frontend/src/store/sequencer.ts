import type { ChatEvent } from '@app/shared';
import type { ChatStream } from './types';

export const EMPTY_STREAM: ChatStream = Object.freeze({ events: [], lastSeq: 0, pending: {} }) as ChatStream;

/** Past this many buffered events the stream is clearly broken; keep memory bounded. */
const MAX_PENDING = 5000;

export interface SequenceResult {
  stream: ChatStream;
  applied: ChatEvent[];
}

/**
 * Merges incoming events into a stream so that every seq is applied once and in order.
 *  - a seq at or below `lastSeq`, or already buffered, is a duplicate and ignored;
 *  - the next seq is applied, then anything buffered that has become contiguous;
 *  - a seq beyond the next one waits in `pending` (a gap) until the missing ones arrive.
 * `after` marks a page answered by the server's log for "seq > after": when it equals
 * `lastSeq` nothing can be missing in between, so the page is applied as is.
 */
export function sequence(stream: ChatStream, incoming: readonly ChatEvent[], after?: number): SequenceResult {
  const sorted = [...incoming].sort((a, b) => a.seq - b.seq);
  const applied: ChatEvent[] = [];
  let lastSeq = stream.lastSeq;
  let pending = stream.pending;
  let pendingCopied = false;
  const buffer = (e: ChatEvent) => {
    if (!pendingCopied) { pending = { ...pending }; pendingCopied = true; }
    pending[e.seq] = e;
  };
  const unbuffer = (seq: number) => {
    if (!pendingCopied) { pending = { ...pending }; pendingCopied = true; }
    delete pending[seq];
  };

  const trusted = after !== undefined && after === stream.lastSeq;
  for (const e of sorted) {
    if (e.seq <= lastSeq) continue;
    if (trusted) {
      applied.push(e);
      lastSeq = e.seq;
    } else if (!(e.seq in pending)) {
      buffer(e);
    }
  }

  // Drop buffered events a trusted page already covered, then drain what is now contiguous.
  for (const key of Object.keys(pending)) if (Number(key) <= lastSeq) unbuffer(Number(key));
  while (pending[lastSeq + 1]) {
    const next = pending[lastSeq + 1];
    unbuffer(next.seq);
    applied.push(next);
    lastSeq = next.seq;
  }

  if (Object.keys(pending).length > MAX_PENDING) pending = {};
  if (applied.length === 0 && pending === stream.pending) return { stream, applied };
  return { stream: { events: applied.length ? [...stream.events, ...applied] : stream.events, lastSeq, pending }, applied };
}

export function streamHasGap(stream: ChatStream | undefined): boolean {
  if (!stream) return false;
  for (const _ in stream.pending) return true;
  return false;
}
