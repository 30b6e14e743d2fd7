import { memo, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ChatEvent } from '@app/shared';
import { buildTimeline, itemSeq, type TimelineItem } from '../../model/timeline';
import { AssistantTurn, OperatorMessage, UserMessage } from '../../components/Messages';
import { ReadOnlyContext } from '../../components/readonly';
import { cls } from '../../lib/cls';

function estimate(item: TimelineItem): number {
  if (item.kind !== 'turn') return 64;
  return 48 + item.blocks.length * 56 + (item.hasFinal ? 0 : item.steps.length * 28);
}

/**
 * The watched conversation, read-only, with the person's own message components (thinking
 * steps, forms shown disabled). Rows after `deliveredSeq` are marked "Not received yet".
 * Virtualised like the person's list; it follows new rows unless the operator scrolled up.
 */
export function Transcript({ events, deliveredSeq, label }: { events: readonly ChatEvent[]; deliveredSeq: number; label: string }) {
  const { items } = useMemo(() => buildTimeline(events), [events]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const chatId = events[0]?.chatId ?? null;
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => estimate(items[i]),
    getItemKey: (i) => items[i].key,
    overscan: 6,
    anchorTo: 'end',
    followOnAppend: true,
  });

  const hasRows = items.length > 0;
  useLayoutEffect(() => {
    if (hasRows) virtualizer.scrollToEnd();
  }, [chatId, hasRows, virtualizer]);

  // The pane shrinks when the composer appears (take over): whoever was at the bottom stays there.
  const atBottom = useRef(true);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const onScroll = () => { atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48; };
    const observer = new ResizeObserver(() => { if (atBottom.current) virtualizer.scrollToEnd(); });
    el.addEventListener('scroll', onScroll, { passive: true });
    observer.observe(el);
    return () => { el.removeEventListener('scroll', onScroll); observer.disconnect(); };
  }, [virtualizer]);

  return (
    <ReadOnlyContext.Provider value>
      <div ref={scrollRef} className="messages op-transcript" tabIndex={0} role="region" aria-label={label}>
        {!hasRows ? (
          <div className="messages__empty"><p className="muted">Nothing said in this chat yet.</p></div>
        ) : (
          <div className="messages__inner" role="list" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((v) => {
              const item = items[v.index];
              const undelivered = itemSeq(item) > deliveredSeq;
              return (
                <div
                  key={v.key}
                  data-index={v.index}
                  ref={virtualizer.measureElement}
                  className={cls('messages__row', undelivered && 'op-row--undelivered')}
                  role="listitem"
                  aria-posinset={v.index + 1}
                  aria-setsize={items.length}
                  style={{ transform: `translateY(${v.start}px)` }}
                >
                  <Row item={item} />
                  {undelivered && <span className="op-undelivered"><span className="clock" aria-hidden="true" /> Not received yet</span>}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </ReadOnlyContext.Provider>
  );
}

const Row = memo(function Row({ item }: { item: TimelineItem }) {
  switch (item.kind) {
    case 'user': return <UserMessage item={item} author="Person" />;
    case 'turn': return <AssistantTurn turn={item} />;
    case 'operator': return <OperatorMessage item={item} />;
  }
});
