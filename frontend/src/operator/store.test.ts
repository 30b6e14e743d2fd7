import type { ChatEvent } from '@app/shared';
import { createOperatorStore } from './store';
import { presetRange } from './store/funnel-slice';
import { announcementOf } from './store/announce';
import { stepDelay, Playback } from './playback';
import { activity, DANA } from './test-utils';
import { CHAT_ID, operatorEvent, response, session, thinking, user } from '../test/fixtures';

describe('operator store: chats', () => {
  it('lists chats newest first and merges partial live updates', () => {
    const store = createOperatorStore(DANA);
    store.getState().setChats([
      activity('a', { updatedAt: '2026-01-01T06:00:00.000Z' }),
      activity('b', { updatedAt: '2026-01-01T07:00:00.000Z' }),
    ]);
    expect(store.getState().chatList.map((c) => c.chatId)).toEqual(['b', 'a']);

    const known = store.getState().mergeActivity({
      chatId: 'a', lastSeq: 3, online: true, deliveredSeq: 3, updatedAt: '2026-01-01T08:00:00.000Z',
      lastMessage: { type: 'user', text: 'set an alarm', ts: '2026-01-01T08:00:00.000Z' },
    });
    expect(known).toBe(true);
    expect(store.getState().chatList.map((c) => c.chatId)).toEqual(['a', 'b']);
    expect(store.getState().chatsById.a).toMatchObject({ lastSeq: 3, online: true, lastMessage: { text: 'set an alarm' }, userId: 'guest-a' });

    // A presence change carries only what changed.
    store.getState().mergeActivity({ chatId: 'a', online: false, deliveredSeq: 3 });
    expect(store.getState().chatsById.a).toMatchObject({ online: false, lastSeq: 3, lastMessage: { text: 'set an alarm' } });
  });

  it('says when a chat is unknown (the client refetches the list) and never moves seqs backwards', () => {
    const store = createOperatorStore(DANA);
    store.getState().setChats([activity('a', { lastSeq: 9, deliveredSeq: 9, lastMessage: { type: 'response', text: 'new', ts: '2026-01-01T06:00:00.000Z' } })]);
    expect(store.getState().mergeActivity({ chatId: 'zzz', online: true })).toBe(false);
    store.getState().mergeActivity({ chatId: 'a', lastSeq: 4, deliveredSeq: 2, lastMessage: { type: 'user', text: 'old', ts: '2026-01-01T05:00:00.000Z' } });
    expect(store.getState().chatsById.a).toMatchObject({ lastSeq: 9, deliveredSeq: 9, lastMessage: { text: 'new' } });
  });

  it('adds a chat it did not know from a whole activity (an ack)', () => {
    const store = createOperatorStore(DANA);
    store.getState().upsertActivity(activity('n', { paused: true, pausedBy: 'operator:Dana' }));
    expect(store.getState().chatList.map((c) => c.chatId)).toEqual(['n']);
  });
});

describe('operator store: the watched chat', () => {
  const events: ChatEvent[] = [
    user(1, 'set an alarm'),
    thinking(2, 'a', 'started', 'Analyzing your request...'),
    response(3, 'What time?'),
    session(4, 'active', { missing: ['time'] }),
  ];

  it('applies events in seq order once, and keeps the chat list intent current from session events', () => {
    const store = createOperatorStore(DANA);
    store.getState().setChats([activity(CHAT_ID)]);
    store.getState().openWatch(CHAT_ID);
    const applied = store.getState().applyWatchEvents(CHAT_ID, events, { source: 'replay', after: 0 });
    expect(applied.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(store.getState().applyWatchEvents(CHAT_ID, [events[2]], { source: 'live' })).toEqual([]);
    expect(store.getState().chatsById[CHAT_ID].intent).toMatchObject({ intent: 'create_alarm', state: 'active', missing: ['time'] });
    expect(store.getState().chatList[0].intent?.state).toBe('active');
    // Replayed history is not announced.
    expect(store.getState().announcement).toBeNull();
  });

  it('holds a gap until the missing event arrives, and ignores other chats', () => {
    const store = createOperatorStore(DANA);
    store.getState().openWatch(CHAT_ID);
    store.getState().applyWatchEvents(CHAT_ID, [events[0]], { source: 'live' });
    expect(store.getState().applyWatchEvents(CHAT_ID, [events[2]], { source: 'live' })).toEqual([]);
    expect(store.getState().watch!.stream.pending[3]).toBeDefined();
    expect(store.getState().applyWatchEvents(CHAT_ID, [events[1]], { source: 'live' }).map((e) => e.seq)).toEqual([2, 3]);
    expect(store.getState().applyWatchEvents('other', [user(1)], { source: 'live' })).toEqual([]);
  });

  it("announces the person's, the assistant's and other operators' messages live, not its own", () => {
    const store = createOperatorStore(DANA);
    store.getState().openWatch(CHAT_ID);
    store.getState().applyWatchEvents(CHAT_ID, [user(1, 'can a human help?')], { source: 'live' });
    expect(store.getState().announcement?.text).toBe('Person: can a human help?');
    expect(announcementOf([operatorEvent(2, 'message', 'hi')], 'operator:Dana')).toBeNull();
    expect(announcementOf([operatorEvent(2, 'message', 'hi', { operatorId: 'operator:Sam', operatorName: 'Sam' })], 'operator:Dana')).toBe('Sam (operator): hi');
    expect(announcementOf([operatorEvent(2, 'takeover', 'Dana joined the conversation.')], 'operator:Dana')).toBe('Dana joined the conversation.');
    expect(announcementOf([response(3, 'partial', false)], null)).toBeNull();
  });

  it('opening another chat starts from an empty stream and clears the composer', () => {
    const store = createOperatorStore(DANA);
    store.getState().openWatch(CHAT_ID);
    store.getState().applyWatchEvents(CHAT_ID, events, { source: 'replay', after: 0 });
    store.getState().setComposer({ text: 'draft' });
    store.getState().openWatch('other');
    expect(store.getState().watch).toMatchObject({ chatId: 'other', loading: true, playback: null });
    expect(store.getState().watch!.stream.events).toEqual([]);
    expect(store.getState().composer.text).toBe('');
  });
});

describe('replay and funnel ranges', () => {
  afterEach(() => jest.useRealTimers());

  it('replays at the original pace, capped, then shows everything again', () => {
    jest.useFakeTimers();
    const store = createOperatorStore(DANA);
    store.getState().openWatch(CHAT_ID);
    const slow = [user(1), { ...response(2, 'ok'), ts: new Date(Date.parse(user(1).ts) + 60_000).toISOString() }];
    store.getState().applyWatchEvents(CHAT_ID, slow, { source: 'replay', after: 0 });
    expect(stepDelay(slow, 1)).toBe(900);
    const playback = new Playback(store);
    playback.start();
    expect(store.getState().watch!.playback).toBe(0);
    jest.advanceTimersByTime(0);
    expect(store.getState().watch!.playback).toBe(1);
    jest.advanceTimersByTime(899);
    expect(store.getState().watch!.playback).toBe(1);
    // The last event shown ends the replay: everything (and whatever arrives live) shows again.
    jest.advanceTimersByTime(1);
    expect(store.getState().watch!.playback).toBeNull();
    playback.start();
    playback.skip();
    expect(store.getState().watch!.playback).toBeNull();
  });

  it('turns presets into ranges ending now', () => {
    const now = Date.parse('2026-01-08T12:00:00.000Z');
    expect(presetRange('24h', now)).toEqual({ from: '2026-01-07T12:00:00.000Z', to: '2026-01-08T12:00:00.000Z' });
    expect(presetRange('7d', now).from).toBe('2026-01-01T12:00:00.000Z');
  });
});
