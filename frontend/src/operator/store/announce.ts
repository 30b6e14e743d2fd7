import type { ChatEvent } from '@app/shared';

/**
 * What the operator's live region says about newly arrived events of the watched chat: the
 * last message in the batch (the person's, the assistant's final reply, another operator's,
 * a takeover or hand-back, an error). The operator's own messages are not read back.
 */
export function announcementOf(events: readonly ChatEvent[], selfId: string | null): string | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    switch (e.type) {
      case 'user':
        return `Person: ${e.text}`;
      case 'response':
        if (e.final) return `Assistant: ${e.text}`;
        break;
      case 'operator':
        if (e.kind !== 'message') return e.text;
        if (e.operatorId !== selfId) return `${e.operatorName} (operator): ${e.text}`;
        break;
      case 'error':
        return `Error: ${e.message}`;
      default:
        break;
    }
  }
  return null;
}
