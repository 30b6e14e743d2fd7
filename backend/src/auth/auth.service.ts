import crypto, { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { jwtVerify, SignJWT } from 'jose';
import type { Logger } from '../logging/logger';
import { AppError } from '../errors/app-error';
import type { Principal } from '../chats/chat.service';

const ISSUER = 'intent-orchestrator';

/**
 * Signed, expiring tokens (HS256 via jose). The key is AUTH_SECRET, or a random one generated
 * once and kept in the data folder, so tokens survive restarts of a quick-start install.
 */
export class AuthService {
  private constructor(private readonly key: Uint8Array, private readonly ttlSeconds: number, private readonly adminIds: Set<string>) {}

  static create(opts: { secret?: string; dataDir: string; ttlSeconds: number; adminUserIds: string[]; logger: Logger }): AuthService {
    let secret = opts.secret;
    if (!secret) {
      const file = path.join(opts.dataDir, 'auth-secret');
      if (fs.existsSync(file)) {
        secret = fs.readFileSync(file, 'utf8').trim();
      } else {
        secret = crypto.randomBytes(32).toString('base64url');
        fs.mkdirSync(opts.dataDir, { recursive: true });
        fs.writeFileSync(file, secret, { mode: 0o600 });
      }
      opts.logger.warn({ file }, 'AUTH_SECRET is not set: using a generated key kept in the data folder');
    }
    return new AuthService(new TextEncoder().encode(secret), opts.ttlSeconds, new Set(opts.adminUserIds));
  }

  /** A new guest identity and its token. */
  async issueGuest(): Promise<{ token: string; userId: string; role: Principal['role']; expiresAt: string }> {
    return this.issue(`guest-${randomUUID()}`);
  }

  async issue(userId: string, role?: Principal['role']): Promise<{ token: string; userId: string; role: Principal['role']; expiresAt: string }> {
    const effectiveRole = role ?? (this.adminIds.has(userId) ? 'admin' : 'user');
    const exp = Math.floor(Date.now() / 1000) + this.ttlSeconds;
    const token = await new SignJWT({ role: effectiveRole })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, userId, role: effectiveRole, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** Verifies a token; any failure is `unauthorized` with no detail of why. */
  async verify(token: string | undefined | null): Promise<Principal> {
    if (!token || typeof token !== 'string' || token.length > 4096) throw new AppError('unauthorized', 'A valid token is required.');
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      if (!payload.sub) throw new Error('no subject');
      const role = payload.role === 'admin' || this.adminIds.has(payload.sub) ? 'admin' : 'user';
      return { userId: payload.sub, role };
    } catch {
      throw new AppError('unauthorized', 'The token is invalid or expired.');
    }
  }
}
