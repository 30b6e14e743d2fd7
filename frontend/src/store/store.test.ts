import { createAppStore } from './index';
import { sequence, EMPTY_STREAM } from './sequencer';
import { CHAT_ID, component, alarmForm, response, session, thinking, user } from '../test/fixtures';

const seqs = (store: ReturnType<typeof createAppStore>) => store.getState().streams[CHAT_ID].events.map((e) => e.seq);

function openStore() {
  const store = createAppStore();
  store.getState().openStream(CHAT_ID);
  return store;
}

describe('event sequencing', () => {
  it('applies each seq once: a repeated seq is ignored', () => {
    const store = openStore();
    const s = store.getState();
    expect(s.applyEvents(CHAT_ID, [user(1)], { source: 'live' })).toHaveLength(1);
    expect(s.applyEvents(CHAT_ID, [user(1, 'again')], { source: 'live' })).toHaveLength(0);
    s.applyEvents(CHAT_ID, [user(1), user(2)], { source: 'live' });
    expect(seqs(store)).toEqual([1, 2]);
    expect(store.getState().streams[CHAT_ID].events[0]).toMatchObject({ type: 'user', text: 'message 1' });
  });

  it('orders out-of-order arrivals by seq', () => {
    const store = openStore();
    store.getState().applyEvents(CHAT_ID, [user(3), user(1), user(2)], { source: 'live' });
    expect(seqs(store)).toEqual([1, 2, 3]);
  });

  it('holds events after a gap until the missing seq arrives', () => {
    const store = openStore();
    const s = store.getState();
    s.applyEvents(CHAT_ID, [user(1)], { source: 'live' });
    expect(s.applyEvents(CHAT_ID, [user(3)], { source: 'live' })).toEqual([]);
    expect(seqs(store)).toEqual([1]);
    expect(store.getState().hasGap(CHAT_ID)).toBe(true);
    const applied = s.applyEvents(CHAT_ID, [user(2)], { source: 'live' });
    expect(applied.map((e) => e.seq)).toEqual([2, 3]);
    expect(seqs(store)).toEqual([1, 2, 3]);
    expect(store.getState().hasGap(CHAT_ID)).toBe(false);
  });

  it('a join page for "after lastSeq" fills a gap and drops buffered duplicates', () => {
    const store = openStore();
    const s = store.getState();
    s.applyEvents(CHAT_ID, [user(1), user(4)], { source: 'live' });
    s.applyJoinPage({ chatId: CHAT_ID, events: [user(2), user(3), user(4)], lastSeq: 4, hasMore: false, intent: null }, 1, 'live');
    expect(seqs(store)).toEqual([1, 2, 3, 4]);
    expect(store.getState().hasGap(CHAT_ID)).toBe(false);
  });

  it('ignores live events of chats it never opened (the join replays them)', () => {
    const store = createAppStore();
    expect(store.getState().applyEvents('other', [user(1)], { source: 'live' })).toEqual([]);
    expect(store.getState().streams.other).toBeUndefined();
  });

  it('sequence() returns the same stream object when nothing changed', () => {
    const once = sequence(EMPTY_STREAM, [user(1)]);
    expect(sequence(once.stream, [user(1)]).stream).toBe(once.stream);
  });
});

describe('reactions to events', () => {
  it('session events and the join ack set the chat intent', () => {
    const store = openStore();
    store.getState().applyEvents(CHAT_ID, [session(1, 'active', { missing: ['time'] })], { source: 'live' });
    expect(store.getState().intents[CHAT_ID]).toMatchObject({ intentId: 'intent-1', state: 'active', missing: ['time'] });
    store.getState().applyEvents(CHAT_ID, [session(2, 'abandoned', { missing: undefined })], { source: 'live' });
    expect(store.getState().intents[CHAT_ID]).toMatchObject({ state: 'abandoned', missing: ['time'] });
  });

  it('announces live thinking steps and final replies, never replayed history', () => {
    const store = createAppStore();
    store.getState().selectChat(CHAT_ID);
    store.getState().openStream(CHAT_ID);
    store.getState().applyEvents(CHAT_ID, [user(1), thinking(2, 'a', 'started', 'Analyzing your request...')], { source: 'replay' });
    expect(store.getState().announcement).toBeNull();
    store.getState().applyEvents(CHAT_ID, [thinking(3, 'a', 'done', 'Analyzing your request...')], { source: 'live' });
    expect(store.getState().announcement).toBeNull(); // same label as when it started: nothing new
    store.getState().applyEvents(CHAT_ID, [thinking(4, 'b', 'started', 'Intent recognized: create_alarm')], { source: 'live' });
    expect(store.getState().announcement?.text).toBe('Intent recognized: create_alarm');
    store.getState().applyEvents(CHAT_ID, [response(5, 'Alarm set.')], { source: 'live' });
    expect(store.getState().announcement?.text).toBe('Alarm set.');
  });

  it('a live form with a missing field asks for focus', () => {
    const store = createAppStore();
    store.getState().selectChat(CHAT_ID);
    store.getState().openStream(CHAT_ID);
    store.getState().applyEvents(CHAT_ID, [component(1, alarmForm())], { source: 'live' });
    expect(store.getState().focusTarget).toEqual({ kind: 'component', componentId: 'form-1' });
  });
});

describe('outbox', () => {
  it('survives a reload (localStorage) and comes back pending', () => {
    const first = createAppStore();
    const item = first.getState().enqueueMessage(CHAT_ID, 'wake me up at 6:30');
    first.getState().setOutboxStatus(item.id, 'sending');
    const second = createAppStore(); // a reload
    expect(second.getState().outbox).toEqual([expect.objectContaining({ id: item.id, text: 'wake me up at 6:30', status: 'pending' })]);
  });

  it('an ack removes the item, and so does the server echoing its clientMessageId', () => {
    const store = openStore();
    const a = store.getState().enqueueMessage(CHAT_ID, 'one');
    const b = store.getState().enqueueMessage(CHAT_ID, 'two');
    store.getState().ackOutbox(a.id);
    expect(store.getState().outbox.map((i) => i.id)).toEqual([b.id]);
    store.getState().applyEvents(CHAT_ID, [user(1, 'two', { clientMessageId: b.id })], { source: 'live' });
    expect(store.getState().outbox).toEqual([]);
    expect(createAppStore().getState().outbox).toEqual([]);
  });

  it('remembers the current chat across reloads', () => {
    createAppStore().getState().selectChat('chat-9');
    expect(createAppStore().getState().currentChatId).toBe('chat-9');
  });
});
