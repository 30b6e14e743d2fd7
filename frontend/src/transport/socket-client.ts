import type { ChatSummary } from '@app/shared';
import type { AppStore, ConnectionState } from '../store';
import { AuthSession } from './auth';
import { Http } from './http';
import { RestFallback } from './rest-fallback';
import { OutboxFlusher } from './outbox-flusher';
import { offlineError, toSendError } from './errors';
import type { ChatCommands } from './commands';
import { ChatSync } from './chat-sync';
import {
  backoff, isUnauthorized, type AckData, type AppSocket, type ClientOptions, type Connect, type EventName, type Payload, type Request,
} from './protocol';
import { loadBranding, loadChats } from './rest-api';
import { KeyedTimers } from './keyed-timers';
import { requestWithAck } from './ack-request';
import { defaultConnect, RECONNECTION } from './socket-options';
import { LiveEvents } from './live-events';
import { outboxRoute } from './outbox-route';

export type { ClientOptions };

/**
 * The only module that talks to the server. It feeds the store from the event stream and acks,
 * keeps the socket alive (Socket.IO backoff + jitter), replays what was missed after every
 * (re)connect, and falls back to REST polling while the socket cannot connect.
 */
export class ChatClient implements ChatCommands {
  readonly auth: AuthSession;
  private readonly store: AppStore;
  private readonly origin: string;
  private readonly http: Http;
  private readonly fallback: RestFallback;
  private readonly flusher: OutboxFlusher;
  private readonly sync: ChatSync;
  private readonly live: LiveEvents;
  private readonly connectFn: Connect;
  private readonly ackTimeoutMs: number;
  private readonly fallbackAfter: number;
  private socket: AppSocket | null = null;
  private connectErrors = 0;
  private bootAttempts = 0;
  private booting = false;
  private stopped = false;
  private lastAuthRefresh = 0;
  private readonly timers = new KeyedTimers();
  private readonly cleanups: Array<() => void> = [];

  constructor(opts: ClientOptions) {
    this.store = opts.store;
    this.origin = opts.origin ?? window.location.origin;
    const fetchImpl = opts.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
    this.auth = new AuthSession(this.origin, fetchImpl);
    this.http = new Http(this.origin, this.auth, fetchImpl);
    this.connectFn = opts.connect ?? defaultConnect;
    this.ackTimeoutMs = opts.ackTimeoutMs ?? 10_000;
    this.fallbackAfter = opts.fallbackAfterErrors ?? 3;
    this.fallback = new RestFallback({
      http: this.http, store: this.store, intervalMs: opts.pollIntervalMs ?? 3_000,
      onHealth: (ok, error) => this.onFallbackHealth(ok, error),
    });
    const request: Request = (event, payload) => this.request(event, payload);
    this.sync = new ChatSync(this.store, request, () => loadChats(this.http, this.store));
    this.flusher = new OutboxFlusher(
      this.store,
      (item) => outboxRoute(item, this.socket?.connected === true, request, this.fallback),
      () => this.timers.later('flush', 3_000, () => void this.flusher.flush()),
    );
    this.live = new LiveEvents(this.store, this.timers, opts.gapWaitMs ?? 1_500, (chatId) => {
      if (this.socket?.connected) void this.sync.join(chatId).catch(() => undefined);
      else this.fallback.pollNow();
    });
  }

  private get state() {
    return this.store.getState();
  }

  private setConnection(patch: Partial<ConnectionState>): void {
    this.state.setConnection(patch);
  }

  /* ---------------- lifecycle ---------------- */

  async start(): Promise<void> {
    this.stopped = false;
    const onOnline = () => this.retry();
    const onOffline = () => this.setConnection({ status: 'offline', error: 'This device is offline.' });
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    this.cleanups.push(() => window.removeEventListener('online', onOnline), () => window.removeEventListener('offline', onOffline));
    await this.boot();
  }

  stop(): void {
    this.stopped = true;
    this.socket?.disconnect();
    this.fallback.stop();
    this.timers.clear();
    this.cleanups.splice(0).forEach((fn) => fn());
  }

  private async boot(): Promise<void> {
    if (this.booting || this.socket) return;
    this.booting = true;
    this.setConnection({ status: 'connecting' });
    try {
      const { userId } = await this.auth.ensure();
      this.setConnection({ userId });
    } catch (err) {
      // Not even sign-in answers: show offline and try again with a growing delay.
      this.setConnection({ status: 'offline', error: toSendError(err).message });
      this.timers.later('boot', backoff(++this.bootAttempts), () => void this.boot());
      return;
    } finally {
      this.booting = false;
    }
    void loadBranding(this.http, this.store);
    void loadChats(this.http, this.store);
    this.openSocket();
  }

  private openSocket(): void {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const socket = this.connectFn(this.origin, {
      // A function, so every reconnect presents the current token (it may have been refreshed).
      auth: (cb) => cb({ token: this.auth.token ?? '', timeZone }),
      ...RECONNECTION,
    });
    this.socket = socket;
    this.live.listen(socket);
    socket.on('connect', () => this.onConnect());
    socket.on('disconnect', (reason) => this.onDisconnect(reason));
    socket.on('connect_error', (err) => void this.onConnectError(err));
    socket.io.on('reconnect_attempt', (n) => {
      if (!this.fallback.active) this.setConnection({ status: 'reconnecting', attempt: n });
      else this.setConnection({ attempt: n });
    });
  }

  private onConnect(): void {
    this.connectErrors = 0;
    this.fallback.stop();
    this.setConnection({ status: 'connected', attempt: 0, error: null });
    void this.openCurrentChat(0);
    void this.flusher.flush();
    void loadChats(this.http, this.store);
  }

  /** The replay after a (re)connect; retried with backoff while connected if it fails. */
  private async openCurrentChat(attempt: number): Promise<void> {
    try {
      await this.sync.openCurrentChat();
    } catch (err) {
      const e = toSendError(err);
      this.setConnection({ error: e.message });
      if (e.retryable) this.timers.later('join', backoff(attempt + 1), () => { if (this.socket?.connected) void this.openCurrentChat(attempt + 1); });
    }
  }

  private onDisconnect(reason: string): void {
    if (this.stopped) return;
    // Socket.IO reconnects by itself, except after the server kicked us out.
    if (reason === 'io server disconnect') this.reconnectSoon();
    if (!this.fallback.active) this.setConnection({ status: navigator.onLine === false ? 'offline' : 'reconnecting', attempt: 0 });
  }

  private async onConnectError(err: Error & { data?: unknown }): Promise<void> {
    if (this.stopped || !this.socket) return;
    this.connectErrors++;
    if (!this.socket.active) {
      // The server refused the handshake; Socket.IO will not retry that on its own.
      if (isUnauthorized(err) && Date.now() - this.lastAuthRefresh > 10_000) {
        this.lastAuthRefresh = Date.now();
        await this.auth.refresh().then(({ userId }) => this.setConnection({ userId })).catch(() => undefined);
      }
      this.reconnectSoon();
    }
    if (this.connectErrors >= this.fallbackAfter) this.fallback.start();
    if (!this.fallback.active) {
      this.setConnection({ status: navigator.onLine === false ? 'offline' : 'reconnecting', attempt: Math.max(this.state.connection.attempt, 1), error: err.message });
    }
  }

  private onFallbackHealth(ok: boolean, error?: string): void {
    if (!this.fallback.active || this.socket?.connected) return;
    // The server being unreachable is not the device being offline: Socket.IO keeps trying, so
    // say "Reconnecting (attempt n)" unless the browser itself reports no network.
    const down = navigator.onLine === false ? 'offline' : 'reconnecting';
    this.setConnection({ status: ok ? 'polling' : down, error: ok ? null : error ?? null });
    if (ok) void this.flusher.flush();
  }

  private reconnectSoon(): void {
    this.timers.later('reconnect', backoff(this.connectErrors), () => {
      if (!this.stopped && this.socket && !this.socket.connected) this.socket.connect();
    });
  }

  /* ---------------- requests ---------------- */

  private request<K extends EventName>(event: K, payload: Payload<K>): Promise<AckData<K>> {
    return requestWithAck(this.socket, event, payload, this.ackTimeoutMs, offlineError);
  }

  /* ---------------- commands ---------------- */

  sendMessage(text: string): void {
    const chatId = this.state.currentChatId;
    const trimmed = text.trim();
    if (!trimmed) return;
    if (!chatId) return this.state.showNotice('No chat is open yet — wait for the connection and try again.');
    this.state.enqueueMessage(chatId, trimmed);
    void this.flusher.flush();
  }

  sendAction(componentId: string, action: string, values: Record<string, unknown>): void {
    const chatId = this.state.currentChatId;
    if (!chatId) return;
    this.state.enqueueAction(chatId, componentId, action, values);
    this.state.requestFocus({ kind: 'composer' });
    void this.flusher.flush();
  }

  async newChat(): Promise<void> {
    try {
      // Over REST while polling (POST /api/chats); the socket otherwise.
      const polling = !this.socket?.connected && this.fallback.healthy;
      const chat = polling ? await this.http.post<ChatSummary>('/api/chats', {}) : await this.request('chat:new', {});
      this.state.upsertChat(chat);
      this.state.selectChat(chat.chatId);
      this.state.setSidebarOpen(false);
      this.state.requestFocus({ kind: 'composer' });
      if (polling) this.fallback.pollNow();
      else await this.sync.join(chat.chatId);
    } catch (err) {
      this.state.showNotice(`Couldn't start a new chat: ${toSendError(err).message}`);
    }
  }

  async openChat(chatId: string): Promise<void> {
    this.state.selectChat(chatId);
    this.state.setSidebarOpen(false);
    this.state.requestFocus({ kind: 'composer' });
    if (this.socket?.connected) await this.sync.join(chatId).catch((err) => this.state.showNotice(toSendError(err).message));
    else this.fallback.pollNow();
  }

  resumeIntent(intentId: string): Promise<void> {
    return this.intentCommand('intent:resume', intentId);
  }

  cancelIntent(intentId: string): Promise<void> {
    return this.intentCommand('intent:cancel', intentId);
  }

  private async intentCommand(event: 'intent:resume' | 'intent:cancel', intentId: string): Promise<void> {
    const chatId = this.state.currentChatId;
    if (!chatId) return;
    try {
      const { intent } = await this.request(event, { chatId, intentId });
      if (intent !== undefined) this.state.setIntent(chatId, intent);
    } catch (err) {
      this.state.showNotice(toSendError(err).message);
    }
  }

  retry(): void {
    if (!this.socket) return void this.boot();
    if (!this.socket.connected) {
      // disconnect + connect resets Socket.IO's backoff: try now, not in 30 s.
      this.socket.disconnect();
      this.socket.connect();
      if (!this.fallback.active) this.setConnection({ status: 'reconnecting', attempt: 0 });
    }
    this.fallback.pollNow();
    void this.flusher.flush();
  }

  retryOutbox(id: string): void {
    this.state.setOutboxStatus(id, 'pending');
    void this.flusher.flush();
  }

  discardOutbox(id: string): void {
    this.state.discardOutbox(id);
  }
}
