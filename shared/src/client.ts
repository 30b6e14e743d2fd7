import { z } from 'zod';

/** Ids are opaque strings the server issued (UUIDs) or, for clientMessageId, the client chose. */
const IdSchema = z.string().min(1).max(100);

/** Default upper bound of a message's length; the server may be configured lower. */
export const MAX_MESSAGE_LENGTH = 4000;

/** `chat:join`: open a chat (a new one when `chatId` is absent) and get what came after `afterSeq`. */
export const ChatJoinSchema = z
  .object({
    chatId: IdSchema.optional(),
    afterSeq: z.number().int().min(0).max(2_147_483_647).optional(),
    /** Page size of the replay; the ack says whether more remain. */
    limit: z.number().int().min(1).max(5000).optional(),
  })
  .strict();
export type ChatJoin = z.infer<typeof ChatJoinSchema>;

/** `message:send`: the person typed something. `clientMessageId` is the idempotency key. */
export const MessageSendSchema = z
  .object({
    chatId: IdSchema,
    clientMessageId: IdSchema,
    text: z.string().trim().min(1, 'The message is empty.').max(MAX_MESSAGE_LENGTH, `Messages are limited to ${MAX_MESSAGE_LENGTH} characters.`),
  })
  .strict();
export type MessageSend = z.infer<typeof MessageSendSchema>;

/** `component:action`: a form submitted or a button pressed; goes straight to the tool layer. */
export const ComponentActionSchema = z
  .object({
    chatId: IdSchema,
    componentId: IdSchema,
    action: z.string().min(1).max(50),
    values: z.record(z.string(), z.unknown()).default({}),
    /** Optional idempotency key, so a retried action runs once. */
    clientActionId: IdSchema.optional(),
  })
  .strict();
export type ComponentAction = z.infer<typeof ComponentActionSchema>;

/** `intent:cancel` / `intent:resume`. */
export const IntentRefSchema = z.object({ chatId: IdSchema, intentId: IdSchema.optional() }).strict();
export type IntentRef = z.infer<typeof IntentRefSchema>;

/** `chat:new`: start a new chat. */
export const ChatNewSchema = z.object({ title: z.string().max(200).optional() }).strict();
export type ChatNew = z.infer<typeof ChatNewSchema>;

/** Handshake `auth` of the Socket.IO connection. */
export const HandshakeAuthSchema = z.object({
  token: z.string().min(1),
  /** The browser's IANA time zone, used for every date and time of this person. */
  timeZone: z.string().max(64).optional(),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuthSchema>;
