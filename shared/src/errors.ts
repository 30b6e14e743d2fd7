import { z } from 'zod';

/**
 * The closed set of error codes the server ever sends, over sockets and REST alike.
 * Clients may switch on these; extend, never rename.
 */
export const ErrorCodeSchema = z.enum([
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'unavailable',
  'timeout',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** The error body carried by failed acks, `error` events and REST error responses. */
export const ErrorBodySchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  retryable: z.boolean(),
  /** Field-level problems of a validation failure, keyed by field path. */
  fields: z.record(z.string(), z.string()).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** Which codes a client may retry unchanged. */
export const RETRYABLE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'rate_limited',
  'unavailable',
  'timeout',
]);

/** The one acknowledgement envelope of every client -> server event. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** Builds the zod schema of an {@link Ack} for a given data schema. */
export function ackSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: ErrorBodySchema }),
  ]);
}
