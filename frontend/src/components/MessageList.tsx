import { memo, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ChatEvent } from '@app/shared';
import { buildTimeline, type TimelineItem } from '../model/timeline';
import type { OutboxItem, OutboxMessage } from '../store';
import { useApp } from '../store/context';
import { AssistantTurn, OperatorMessage, PendingMessage, UserMessage } from './Messages';

type Row = TimelineItem | { kind: 'pending'; key: string; item: OutboxMessage };

const NO_EVENTS: ChatEvent[] = [];

/** The log's items, then this chat's messages still in the outbox (unless the log has them). */
function rowsOf(items: TimelineItem[], seen: Set<string>, outbox: OutboxItem[], chatId: string | null): Row[] {
  const pending = outbox.filter((i): i is OutboxMessage => i.kind === 'message' && i.chatId === chatId && !seen.has(i.id));
  if (!pending.length) return items;
  return [...items, ...pending.map((item) => ({ kind: 'pending' as const, key: `p${item.id}`, item }))];
}

/** Rough heights so the scrollbar is sane before rows are measured. */
function estimate(row: Row): number {
  if (row.kind !== 'turn') return 64;
  return 48 + row.blocks.length * 56 + (row.hasFinal ? 0 : row.steps.length * 28);
}

/**
 * The conversation, virtualised: only the rows near the viewport are in the DOM, so thousands
 * of events scroll smoothly. It sticks to the bottom while new rows arrive (anchorTo: 'end')
 * unless the person scrolled up to read.
 */
export function MessageList() {
  const chatId = useApp((s) => s.currentChatId);
  const events = useApp((s) => (chatId ? s.streams[chatId]?.events : undefined) ?? NO_EVENTS);
  const outbox = useApp((s) => s.outbox);
  const greeting = useApp((s) => s.branding.greeting);
  const focusTarget = useApp((s) => s.focusTarget);
  const timeline = useMemo(() => buildTimeline(events), [events]);
  const rows = useMemo(() => rowsOf(timeline.items, timeline.clientMessageIds, outbox, chatId), [timeline, outbox, chatId]);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => estimate(rows[i]),
    getItemKey: (i) => rows[i].key,
    overscan: 6,
    anchorTo: 'end',
    followOnAppend: true,
  });

  // Opening a chat shows its newest messages.
  const hasRows = rows.length > 0;
  useLayoutEffect(() => {
    if (hasRows) virtualizer.scrollToEnd();
  }, [chatId, hasRows, virtualizer]);

  // A form that wants focus must be rendered first: bring its row into view.
  useEffect(() => {
    if (focusTarget?.kind !== 'component') return;
    const index = timeline.componentItem.get(focusTarget.componentId);
    if (index !== undefined) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [focusTarget, timeline, virtualizer]);

  return (
    <div ref={scrollRef} className="messages" tabIndex={0} role="region" aria-label="Conversation">
      {!hasRows ? (
        <div className="messages__empty">
          <p className="messages__greeting">{greeting}</p>
          <p className="muted">Try “wake me up at 6:30 tomorrow”.</p>
        </div>
      ) : (
        <div className="messages__inner" role="list" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((v) => (
            <div
              key={v.key}
              data-index={v.index}
              ref={virtualizer.measureElement}
              className="messages__row"
              role="listitem"
              aria-posinset={v.index + 1}
              aria-setsize={rows.length}
              style={{ transform: `translateY(${v.start}px)` }}
            >
              <RowView row={rows[v.index]} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

const RowView = memo(function RowView({ row }: { row: Row }) {
  switch (row.kind) {
    case 'user': return <UserMessage item={row} />;
    case 'turn': return <AssistantTurn turn={row} />;
    case 'operator': return <OperatorMessage item={row} />;
    case 'pending': return <PendingMessage item={row.item} />;
  }
});
