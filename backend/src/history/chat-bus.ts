import { EventEmitter } from 'node:events';
import type { ChatEvent } from '@app/shared';

/** In-process listeners of a chat's stored events (SSE responses, tests). */
export class ChatBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(event: ChatEvent): void {
    this.emitter.emit(event.chatId, event);
  }

  subscribe(chatId: string, listener: (event: ChatEvent) => void): () => void {
    this.emitter.on(chatId, listener);
    return () => this.emitter.off(chatId, listener);
  }
}
