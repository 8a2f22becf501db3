/**
 * Sign-in, sessions and lockout. Sessions live in the database (so every instance
 * honours them); the cookie holds a random token whose SHA-256 is the session id.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError, POLICY_ACTIONS, can, type PolicyAction } from '@lianxin/core';
import type { SessionRecord, UserRecord } from '@lianxin/storage';
import type { ServiceDeps } from '../platform/deps';
import { DUMMY_HASH, verifyPassword } from '../platform/adapters/password';
import type { RequestActor } from './actor';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'lx_session';

/** Slide the session expiry at most this often, to spare writes. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

/** A resolved session. */
export interface ActiveSession {
  session: SessionRecord;
  user: UserRecord;
  actor: RequestActor;
}

/** The signed-in user as the web app sees them (API.md `user`). */
export interface SessionUserView {
  id: string;
  username: string;
  displayName: string;
  roles: UserRecord['roles'];
  scope: { unitId: string | null; departmentId: string | null; deputyId: string | null };
  permissions: PolicyAction[];
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** Signs people in and out and resolves session cookies. */
export class AuthService {
  constructor(private readonly deps: Pick<ServiceDeps, 'audit' | 'clock' | 'config' | 'repos'>) {}

  /** Checks credentials, applies lockout, and opens a session. */
  async login(input: { username: string; password: string; ip: string | null; userAgent: string | null }): Promise<{
    token: string;
    session: SessionRecord;
    user: UserRecord;
  }> {
    const { repos, clock, config } = this.deps;
    const now = clock.now();
    const user = await repos.users.findByUsername(input.username.trim().toLowerCase());
    if (!user || !user.active) {
      // Spend the same time as a real check so usernames cannot be probed by timing.
      await verifyPassword(input.password, DUMMY_HASH);
      throw new AppError('AUTH_INVALID_CREDENTIALS');
    }
    const lockedFor = (until: string | null) => Math.ceil(((until ? new Date(until).getTime() : 0) - now.getTime()) / 1000);
    if (user.lockedUntil && lockedFor(user.lockedUntil) > 0) throw new AppError('AUTH_ACCOUNT_LOCKED', { retryAfterSeconds: lockedFor(user.lockedUntil) });
    // The attempt is counted before the password is checked, so a burst of parallel attempts
    // gets at most `loginMaxFailures` passwords checked (user.repository.ts `claimLoginAttempt`).
    const lockedUntil = new Date(now.getTime() + config.loginLockMinutes * 60_000).toISOString();
    const attempt = await repos.users.claimLoginAttempt(user.id, { maxFailures: config.loginMaxFailures, now: now.toISOString(), lockedUntil });
    if (attempt === null) {
      const until = (await repos.users.find(user.id))?.lockedUntil ?? null;
      throw new AppError('AUTH_ACCOUNT_LOCKED', { retryAfterSeconds: Math.max(lockedFor(until), 1) });
    }
    if (!(await verifyPassword(input.password, user.passwordHash))) {
      const locked = attempt >= config.loginMaxFailures;
      await this.deps.audit.record(null, { action: 'auth.login_failed', entity: 'user', entityId: user.id, payload: { ip: input.ip, locked } });
      if (locked) throw new AppError('AUTH_ACCOUNT_LOCKED', { retryAfterSeconds: config.loginLockMinutes * 60 });
      throw new AppError('AUTH_INVALID_CREDENTIALS');
    }
    await repos.users.recordLoginSuccess(user.id, now.toISOString());
    const token = randomBytes(32).toString('base64url');
    const session: SessionRecord = {
      id: sha256(token),
      userId: user.id,
      csrfToken: randomBytes(24).toString('base64url'),
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + config.sessionHours * 3_600_000).toISOString(),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    };
    await repos.sessions.create(session);
    return { token, session, user: await repos.users.get(user.id) };
  }

  /** The live session behind a cookie token, or null (expired, unknown, account disabled). */
  async resolve(token: string | undefined, ip: string | null): Promise<ActiveSession | null> {
    if (!token || token.length > 200) return null;
    const { repos, clock, config } = this.deps;
    const session = await repos.sessions.find(sha256(token));
    if (!session) return null;
    const now = clock.now();
    if (new Date(session.expiresAt) <= now) {
      await repos.sessions.delete(session.id);
      return null;
    }
    const user = await repos.users.find(session.userId);
    if (!user || !user.active) return null;
    if (now.getTime() - new Date(session.lastSeenAt).getTime() > TOUCH_INTERVAL_MS) {
      const expiresAt = new Date(now.getTime() + config.sessionHours * 3_600_000).toISOString();
      await repos.sessions.touch(session.id, now.toISOString(), expiresAt);
    }
    return { session, user, actor: await this.actorFor(user, ip) };
  }

  /** Ends the session behind a cookie token. */
  async logout(token: string | undefined): Promise<void> {
    if (token) await this.deps.repos.sessions.delete(sha256(token));
  }

  /** The policy actor of an account (its unit scope as a materialized path). */
  async actorFor(user: UserRecord, ip: string | null = null): Promise<RequestActor> {
    const unit = user.unitId ? await this.deps.repos.units.find(user.unitId) : undefined;
    return {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      scope: { unitPath: unit?.path ?? null, departmentId: user.departmentId, deputyId: user.deputyId },
      ip,
    };
  }

  /** The user view returned by login and `/me`, with what they may do somewhere. */
  sessionUser(user: UserRecord, actor: RequestActor): SessionUserView {
    const ownTarget = { unitPath: actor.scope.unitPath ?? '/', departmentId: actor.scope.departmentId, deputyId: actor.scope.deputyId };
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      scope: { unitId: user.unitId, departmentId: user.departmentId, deputyId: user.deputyId },
      // The demo outbox exists in demo mode only.
      permissions: POLICY_ACTIONS.filter((action) => can(actor, action, ownTarget) && (action !== 'demo.outbox' || this.deps.config.demo)),
    };
  }
}
