import type { ChatSummary } from '@app/shared';
import type { AppStore, Branding } from '../store';
import type { Http } from './http';

/** `GET /api/chats`. A convenience: the open chat works without the list, so failures are quiet. */
export async function loadChats(http: Http, store: AppStore): Promise<void> {
  try {
    const { chats } = await http.get<{ chats: ChatSummary[] }>('/api/chats');
    if (Array.isArray(chats)) store.getState().setChats(chats);
  } catch {
    /* keep what we have */
  }
}

/** `GET /api/branding` -> name, colour, greeting; the defaults stay if it fails. */
export async function loadBranding(http: Http, store: AppStore): Promise<void> {
  try {
    store.getState().setBranding(await http.get<Partial<Branding>>('/api/branding'));
  } catch {
    /* defaults stay */
  }
}
