import { isObjectId } from '@panhuo/domain/object-id';
import session from 'express-session';
import type { SessionData, Store } from 'express-session';
import { LruMap } from '../../infra/lru-map';
import type { UserRecord } from '../accounts/model';
import { findSessionUser } from '../accounts/store';
import { bumpSessionToken, readSessionToken } from './session-token';

/*
 * Why: every signed-in request read its session and its account from the store, and FerretDB decoded both
 * (two round trips through FerretDB and PostgreSQL, ~40 % of a search request's cost in `npm run bench`).
 * The store stays authoritative; this process keeps copies and serves them while one tiny read per request,
 * the account's session token (session-token.ts), says nothing changed since they were loaded. Every write
 * that could change them (freeze, password, profile, deletion, logout, a session rewritten) bumps the token
 * after it, so a freeze, logout or password change made by any API process takes effect on the next request
 * everywhere, not after a recheck interval as the expert roster allows itself.
 *
 * Ordering (what makes a copy safe): a copy is stored under a token read BEFORE the data it holds was read.
 * A write that lands after that token read is followed by a bump, which makes the token differ and retires
 * the copy; a write before it is in the data.
 */

/** Sessions and accounts kept per process; the least recently used go first. ~1 KB each. */
const MAX_SESSIONS = 20_000;
const MAX_ACCOUNTS = 20_000;

/** express-session's session object as connect-mongo returns it (`lastModified` with touchAfter). */
type StoredSession = SessionData & { lastModified?: Date | string; passport?: { user?: { id?: unknown } } };

interface SessionCopy {
  userId: string;
  /** The token read before `json` was read from the store. */
  token: string;
  /** The session as the store returned it, serialized: each request gets its own parsed object. */
  json: string;
  /** When the cookie expires (ms since the epoch): a copy is never served past it. */
  expiresAt: number;
  /** connect-mongo's lastModified, moved by touches since the copy was read. */
  lastModified?: string;
}

interface AccountCopy {
  token: string;
  record: UserRecord;
}

const sessions = new LruMap<string, SessionCopy>(MAX_SESSIONS);
/** The account of a session seen once: the next request reads the token first and keeps a copy. */
const accountOfSession = new LruMap<string, string>(MAX_SESSIONS);
const accounts = new LruMap<string, AccountCopy>(MAX_ACCOUNTS);

function accountIdOf(data: StoredSession | null | undefined): string | null {
  const id = data?.passport?.user?.id;
  return typeof id === 'string' && isObjectId(id) ? id : null;
}

function expiryOf(data: StoredSession): number {
  const expires = data.cookie?.expires;
  return expires ? new Date(expires).getTime() : Number.POSITIVE_INFINITY;
}

function parse(copy: SessionCopy): StoredSession {
  const data = JSON.parse(copy.json) as StoredSession;
  // connect-mongo returns lastModified as a Date (its own field beside the serialized session).
  const lastModified = copy.lastModified ?? data.lastModified;
  if (lastModified !== undefined) data.lastModified = new Date(lastModified);
  return data;
}

type Callback<T = void> = (err: unknown, value?: T) => void;

function call<T>(fn: (cb: Callback<T>) => void): Promise<T | undefined> {
  return new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));
}

/**
 * A session store in front of another (connect-mongo), serving a signed-in session from this process's copy
 * while the account's session token is unchanged. Anonymous sessions are not kept (they are read once, by
 * the login that replaces them).
 */
export class CachedSessionStore extends session.Store {
  readonly #inner: Store;
  readonly #touchAfterMs: number;

  /** `touchAfterSeconds` must equal the inner store's `touchAfter`, to keep copies' lastModified true. */
  constructor(inner: Store, touchAfterSeconds: number) {
    super();
    this.#inner = inner;
    this.#touchAfterMs = touchAfterSeconds * 1000;
    // express-session watches its store's readiness through these events.
    inner.on('connect', () => this.emit('connect'));
    inner.on('disconnect', () => this.emit('disconnect'));
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    this.#load(sid).then(
      (data) => callback(null, data),
      (err: unknown) => callback(err),
    );
  }

  async #load(sid: string): Promise<StoredSession | null> {
    const copy = sessions.get(sid);
    const accountId = copy?.userId ?? accountOfSession.get(sid);
    if (!accountId) {
      const data = await this.#read(sid);
      const id = accountIdOf(data);
      if (id) accountOfSession.set(sid, id);
      return data;
    }
    const token = await readSessionToken(accountId);
    if (copy && copy.token === token && copy.expiresAt > Date.now()) return parse(copy);
    const data = await this.#read(sid);
    if (data && accountIdOf(data) === accountId) {
      sessions.set(sid, { userId: accountId, token, json: JSON.stringify(data), expiresAt: expiryOf(data) });
    } else {
      sessions.delete(sid);
      accountOfSession.delete(sid);
    }
    return data;
  }

  async #read(sid: string): Promise<StoredSession | null> {
    return ((await call<SessionData | null>((cb) => this.#inner.get(sid, cb))) ??
      null) as StoredSession | null;
  }

  override set(sid: string, data: SessionData, callback?: (err?: unknown) => void): void {
    sessions.delete(sid);
    const accountId = accountIdOf(data as StoredSession) ?? accountOfSession.get(sid);
    call((cb) => this.#inner.set(sid, data, cb))
      // Other processes may hold this session's previous content.
      .then(() => (accountId ? bumpSessionToken(accountId) : undefined))
      .then(
        () => callback?.(),
        (err: unknown) => callback?.(err),
      );
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    const accountId = sessions.get(sid)?.userId ?? accountOfSession.get(sid);
    sessions.delete(sid);
    accountOfSession.delete(sid);
    call((cb) => this.#inner.destroy(sid, cb))
      // Logout: every process holding this session must stop serving it.
      .then(() => (accountId ? bumpSessionToken(accountId) : undefined))
      .then(
        () => callback?.(),
        (err: unknown) => callback?.(err),
      );
  }

  override touch(sid: string, data: SessionData, callback?: (err?: unknown) => void): void {
    const now = Date.now();
    const lastModified = (data as StoredSession).lastModified;
    const writes = !lastModified || now - new Date(lastModified).getTime() >= this.#touchAfterMs;
    const inner = this.#inner;
    if (!inner.touch) return callback?.();
    // Typed without an error argument, but connect-mongo passes one.
    call((cb) => inner.touch?.(sid, data, (...args: unknown[]) => cb(args[0]))).then(
      () => {
        // A touch moves the stored expiry (and lastModified when it wrote), never the serialized session:
        // keep the copy as the store now has it.
        const copy = sessions.get(sid);
        if (copy) {
          copy.expiresAt = expiryOf(data as StoredSession);
          if (writes) copy.lastModified = new Date(now).toISOString();
        }
        callback?.();
      },
      (err: unknown) => callback?.(err),
    );
  }
}

/**
 * The account behind a session: this process's copy while the token confirmed by this request's session
 * read (CachedSessionStore.get) is the one the copy was loaded under, else one read by `_id`.
 */
export async function sessionAccount(accountId: string, sid: string): Promise<UserRecord | null> {
  // Captured before the read: the token was read before the record, as a copy requires.
  const confirmed = sessions.get(sid)?.token;
  if (confirmed !== undefined) {
    const copy = accounts.get(accountId);
    if (copy && copy.token === confirmed) return copy.record;
  }
  const record = await findSessionUser(accountId);
  if (record && confirmed !== undefined) accounts.set(accountId, { token: confirmed, record });
  else accounts.delete(accountId);
  return record;
}
