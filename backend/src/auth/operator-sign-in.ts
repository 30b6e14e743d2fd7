import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors/app-error';
import type { AuthService } from './auth.service';

const Body = z.object({ name: z.string().trim().min(1).max(40).regex(/^[\w .-]+$/, 'Use letters, digits, spaces, dots or dashes.'), password: z.string().min(1).max(200) }).strict();

/**
 * `POST /api/auth/operator { name, password }`: an admin token for the operator console,
 * when OPERATOR_PASSWORD is configured (disabled otherwise). The user id is "operator:<name>".
 */
export async function operatorSignIn(auth: AuthService, configured: string | undefined, body: unknown) {
  if (!configured) throw new AppError('forbidden', 'Operator sign-in is disabled: set OPERATOR_PASSWORD.');
  const parsed = Body.safeParse(body ?? {});
  if (!parsed.success) throw AppError.fromZod(parsed.error, 'sign-in');
  const given = Buffer.from(parsed.data.password);
  const wanted = Buffer.from(configured);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) throw new AppError('unauthorized', 'Wrong operator password.');
  return auth.issue(`operator:${parsed.data.name}`, 'admin');
}
