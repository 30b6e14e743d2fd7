import type { ChatActivityUpdate } from '@app/shared';
import type { AppStore } from '../store';
import { backoff, isUnauthorized, type AckData, type AppSocket, type Connect, type EventName, type Payload } from '../transport/protocol';
import { SendError, toSendError } from '../transport/errors';
import { KeyedTimers } from '../transport/keyed-timers';
import { requestWithAck } from '../transport/ack-request';
import { defaultConnect, RECONNECTION } from '../transport/socket-options';
import { newClientId } from '../lib/ids';
import type { OperatorCommands } from './commands';
import { loadOperatorAuth, OperatorHttp, saveOperatorAuth } from './operator-http';
import { Playback } from './playback';
import { WatchSync } from './watch-sync';
import { presetRange } from './store/funnel-slice';
import type { FunnelPreset, OperatorAuth, OperatorStore, OperatorView } from './store';

const notConnected = () => new SendError('unavailable', 'Not connected to the server.', true);

export interface OperatorClientOptions {
  store: OperatorStore;
  /** The person's store shape, used only to render the watched conversation (theme, branding). */
  viewer?: AppStore;
  origin?: string;
  fetch?: typeof fetch;
  connect?: Connect;
  ackTimeoutMs?: number;
  gapWaitMs?: number;
  /** Coalesces list refetches (new chats, intent changes of chats not open). */
  refreshDelayMs?: number;
}

/**
 * The console's only connection to the server: its own Socket.IO socket with the operator
 * token (live activity of every chat, the watched chat's events, takeover / hand-back / send)
 * and the REST calls. It writes the operator store; components only read it.
 */
export class OperatorClient implements OperatorCommands {
  private readonly store: OperatorStore;
  private readonly http: OperatorHttp;
  private readonly origin: string;
  private readonly connectFn: Connect;
  private readonly playback: Playback;
  private readonly watchSync: WatchSync;
  private readonly opts: OperatorClientOptions;
  private socket: AppSocket | null = null;
  private readonly timers = new KeyedTimers();
  private funnelRequest = 0;
  private connectErrors = 0;

  constructor(opts: OperatorClientOptions) {
    this.opts = opts;
    this.store = opts.store;
    this.origin = opts.origin ?? window.location.origin;
    this.http = new OperatorHttp(this.origin, opts.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args)));
    this.connectFn = opts.connect ?? defaultConnect;
    this.playback = new Playback(this.store);
    this.watchSync = new WatchSync(this.store, (event, payload) => this.request(event, payload), this.timers, opts.gapWaitMs ?? 1_500);
  }

  private get state() {
    return this.store.getState();
  }

  /* ---------------- session ---------------- */

  start(): void {
    const saved = this.state.auth ?? loadOperatorAuth();
    if (saved) this.begin(saved);
    void this.http.branding().then((b) => this.opts.viewer?.getState().setBranding(b)).catch(() => undefined);
  }

  stop(): void {
    this.socket?.disconnect();
    this.socket = null;
    this.playback.stop();
    this.timers.clear();
  }

  async signIn(name: string, password: string): Promise<void> {
    this.state.setSignIn({ pending: true, error: null });
    try {
      const auth = await this.http.signIn(name.trim(), password);
      this.state.setSignIn({ pending: false });
      this.begin(auth);
    } catch (err) {
      this.state.setSignIn({ pending: false, error: toSendError(err).message });
    }
  }

  signOut(message: string | null = null): void {
    this.stop();
    saveOperatorAuth(null);
    this.state.closeWatch();
    this.state.setAuth(null);
    this.state.setChats([]);
    this.state.setConnection({ status: 'idle', error: null });
    this.state.setSignIn({ pending: false, error: message });
  }

  private begin(auth: OperatorAuth): void {
    saveOperatorAuth(auth);
    this.state.setAuth(auth);
    this.openSocket(auth.token);
  }

  /* ---------------- socket ---------------- */

  private openSocket(token: string): void {
    this.socket?.disconnect();
    this.state.setConnection({ status: 'connecting', error: null });
    const socket = this.connectFn(this.origin, {
      auth: { token, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone },
      ...RECONNECTION,
    });
    this.socket = socket;
    this.watchSync.listen(socket);
    socket.on('operator:activity', (u) => this.onActivity(u));
    socket.on('connect', () => void this.onConnect());
    socket.on('disconnect', () => { if (this.socket === socket) this.state.setConnection({ status: 'reconnecting' }); });
    socket.on('connect_error', (err) => this.onConnectError(socket, err));
  }

  private async onConnect(): Promise<void> {
    this.connectErrors = 0;
    this.state.setConnection({ status: 'connected', error: null });
    try {
      const { chats } = await this.request('operator:subscribe', {});
      this.state.setChats(chats);
    } catch (err) {
      const e = toSendError(err);
      if (e.code === 'forbidden' || e.code === 'unauthorized') return this.signOut('This account is not an operator. Sign in again.');
      this.state.setConnection({ error: e.message });
    }
    // Rooms do not survive a reconnect: watch the open chat again from where it was.
    const watch = this.state.watch;
    if (watch) void this.watchSync.load(watch.chatId, watch.stream.lastSeq);
  }

  private onConnectError(socket: AppSocket, err: Error & { data?: unknown }): void {
    if (this.socket !== socket) return;
    if (isUnauthorized(err)) return this.signOut('Your operator session has ended. Sign in again.');
    this.connectErrors++;
    this.state.setConnection({ status: navigator.onLine === false ? 'offline' : 'reconnecting', error: err.message });
    // A refused handshake is not retried by Socket.IO itself.
    if (!socket.active) this.timers.later('reconnect', backoff(this.connectErrors), () => { if (this.socket === socket) socket.connect(); });
  }

  private onActivity(update: ChatActivityUpdate): void {
    if (!update || typeof update.chatId !== 'string') return;
    if (!this.state.mergeActivity(update)) return this.refreshSoon(0);
    // Session events change a chat's intent but carry no summary: re-read the list shortly.
    if (update.lastSeq !== undefined && !update.lastMessage && update.chatId !== this.state.watch?.chatId) this.refreshSoon();
  }

  /** At most one list refetch per delay, however many updates ask for one. */
  private refreshSoon(delay = this.opts.refreshDelayMs ?? 1_500): void {
    if (this.timers.has('refresh')) return;
    this.timers.later('refresh', delay, () => {
      const token = this.state.auth?.token;
      if (token) void this.http.chats(token).then((chats) => this.state.setChats(chats)).catch(() => undefined);
    });
  }

  /* ---------------- watching ---------------- */

  async openChat(chatId: string): Promise<void> {
    const previous = this.state.watch?.chatId;
    if (previous === chatId) return;
    this.playback.stop();
    if (previous) void this.request('operator:unwatch', { chatId: previous }).catch(() => undefined);
    this.state.openWatch(chatId);
    await this.watchSync.load(chatId, 0);
  }

  closeChat(): void {
    const chatId = this.state.watch?.chatId;
    this.playback.stop();
    if (chatId) void this.request('operator:unwatch', { chatId }).catch(() => undefined);
    this.state.closeWatch();
  }

  replay(): void {
    this.playback.start();
  }

  skipToLive(): void {
    this.playback.skip();
  }

  takeover(): Promise<void> {
    return this.chatAction('operator:takeover', 'takeover');
  }

  handback(): Promise<void> {
    return this.chatAction('operator:handback', 'handback');
  }

  private async chatAction(event: 'operator:takeover' | 'operator:handback', kind: 'takeover' | 'handback'): Promise<void> {
    const chatId = this.state.watch?.chatId;
    if (!chatId || this.state.action.pending) return;
    this.state.setAction({ pending: kind, error: null });
    try {
      const { activity } = await this.request(event, { chatId });
      this.state.upsertActivity(activity);
      this.state.setAction({ pending: null });
    } catch (err) {
      this.state.setAction({ pending: null, error: toSendError(err).message });
    }
  }

  setComposerText(text: string): void {
    // Edited text is a new message: it gets a new clientMessageId.
    this.state.setComposer({ text, pendingId: null, error: null });
  }

  async send(text: string): Promise<void> {
    const chatId = this.state.watch?.chatId;
    const trimmed = text.trim();
    if (!chatId || !trimmed || this.state.composer.sending) return;
    // A retry of the same text keeps its id, so the server stores it once.
    const id = this.state.composer.pendingId ?? newClientId('op');
    this.state.setComposer({ sending: true, pendingId: id, error: null });
    try {
      await this.request('operator:send', { chatId, clientMessageId: id, text: trimmed });
      this.state.setComposer({ text: '', pendingId: null, sending: false });
    } catch (err) {
      this.state.setComposer({ sending: false, error: toSendError(err).message });
    }
  }

  /* ---------------- funnel, view ---------------- */

  showView(view: OperatorView): void {
    this.state.setView(view);
    if (view === 'funnel' && !this.state.funnel.data && !this.state.funnel.loading) void this.showFunnel(this.state.funnel.preset);
  }

  async showFunnel(preset: FunnelPreset, range?: { from: string; to: string }): Promise<void> {
    const token = this.state.auth?.token;
    const { from, to } = preset === 'custom' ? range ?? this.state.funnel : presetRange(preset);
    const request = ++this.funnelRequest;
    this.state.setFunnel({ preset, from, to, loading: true, error: null });
    if (!token) return;
    try {
      const data = await this.http.funnel(token, from, to);
      if (request === this.funnelRequest) this.state.setFunnel({ data, loading: false });
    } catch (err) {
      const e = toSendError(err);
      if (e.status === 401) return this.signOut('Your operator session has ended. Sign in again.');
      if (request === this.funnelRequest) this.state.setFunnel({ loading: false, error: e.message });
    }
  }

  retry(): void {
    const socket = this.socket;
    if (socket && !socket.connected) {
      socket.disconnect();
      socket.connect();
    }
  }

  /* ---------------- plumbing ---------------- */

  private request<K extends EventName>(event: K, payload: Payload<K>): Promise<AckData<K>> {
    return requestWithAck(this.socket, event, payload, this.opts.ackTimeoutMs ?? 10_000, notConnected);
  }
}
