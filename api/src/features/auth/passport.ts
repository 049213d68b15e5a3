import type { Role } from '@panhuo/domain/accounts/roles';
import { normalizeAccount } from '@panhuo/domain/accounts/user';
import type { Request, RequestHandler, Response } from 'express';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { z } from 'zod';
import { dependencyUnavailable } from '../../errors';
import type { UserRecord } from '../accounts/model';
import { checkCredentials } from './service';
import { sessionAccount } from './session-cache';
import type { CredentialCheck } from './service';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- the way to extend Express's request types
  namespace Express {
    /**
     * The signed-in account, revalidated on every request (restoreUser: this process's copy while the
     * account's session token is unchanged, else re-read by _id), so a frozen or changed account is seen
     * at once. Satisfies policies' Actor and auth/scope's ScopeSource.
     */
    interface User {
      id: string;
      role: Role;
      enterpriseId: string | null;
      institutionId: string | null;
      profileComplete: boolean;
      sessionEpoch: number;
      /** The account as loaded (no password hash), for presenting /me without a second read. */
      record: UserRecord;
    }

    interface Request {
      /**
       * Set when this request's session was ended by freezing its account (restoreUser), so the guards
       * can answer `account_frozen` instead of a bare `unauthenticated`. Only the first request after the
       * freeze sees it: passport then drops the user from the session.
       */
      sessionEndedBy?: 'frozen';
    }
  }
}

/** The request's view of an account. */
export function toSessionUser(record: UserRecord): Express.User {
  return {
    id: record._id.toHexString(),
    role: record.role,
    enterpriseId: record.enterpriseId ? record.enterpriseId.toHexString() : null,
    institutionId: record.institutionId ? record.institutionId.toHexString() : null,
    profileComplete: Boolean(record.profileCompletedAt),
    sessionEpoch: record.sessionEpoch,
    record,
  };
}

/** What a session stores about its user: the id and the account's sessionEpoch at login. */
const sessionPayloadSchema = z.object({ id: z.string(), epoch: z.number().int() });

/**
 * The user of session `sid`, or null when the session no longer stands (account gone, frozen, or its
 * sessionEpoch moved on since this session logged in: frozen, password changed), and whether a freeze
 * ended it. The account comes from this process's copy while the session's token is unchanged.
 */
async function restoreSession(
  payload: unknown,
  sid: string,
): Promise<{ user: Express.User; frozen?: never } | { user: null; frozen: boolean }> {
  const parsed = sessionPayloadSchema.safeParse(payload);
  if (!parsed.success) return { user: null, frozen: false };
  const record = await sessionAccount(parsed.data.id, sid);
  if (!record) return { user: null, frozen: false };
  if (record.status !== 'active') return { user: null, frozen: true };
  if (record.sessionEpoch !== parsed.data.epoch) return { user: null, frozen: false };
  return { user: toSessionUser(record) };
}

/** Failure reasons travel from the verify callback to the login route as the passport `info` message. */
type FailureReason = Extract<CredentialCheck, { ok: false }>['reason'];

function createAuthenticator(): passport.Authenticator {
  const authenticator = new passport.Authenticator();
  authenticator.use(
    new LocalStrategy(
      { usernameField: 'account', passwordField: 'password', session: true },
      (account, password, done) => {
        checkCredentials(normalizeAccount(account), password).then(
          (check) =>
            check.ok ? done(null, toSessionUser(check.user)) : done(null, false, { message: check.reason }),
          (err: unknown) => done(err),
        );
      },
    ),
  );
  authenticator.serializeUser((user, done) => done(null, { id: user.id, epoch: user.sessionEpoch }));
  // The three-argument form gets the request (passport looks at the function's arity).
  authenticator.deserializeUser(
    (req: Request, payload: unknown, done: (err: unknown, user?: Express.User | false) => void) => {
      // false makes passport drop the user from the session: the request continues unauthenticated (401).
      restoreSession(payload, req.sessionID).then(
        (restored) => {
          if (restored.frozen) req.sessionEndedBy = 'frozen';
          done(null, restored.user ?? false);
        },
        (err: unknown) => done(err),
      );
    },
  );
  return authenticator;
}

/** The process's passport instance (local strategy with argon2id; sessions in express-session). */
export const authenticator = createAuthenticator();

const passportSession = authenticator.session();

/**
 * Sets `req.user` from the session (the account's copy, or one read by _id). Skipped while the session store has never reached
 * MongoDB (`req.session` unset): the guards then answer 503.
 */
export const restoreUser: RequestHandler = (req, res, next) => {
  if (!req.session) return next();
  passportSession(req, res, next);
};

/** Runs the local strategy on the request's body: the authenticated user, or why not. */
export function authenticateLocal(
  req: Request,
  res: Response,
): Promise<{ ok: true; user: Express.User } | { ok: false; reason: FailureReason }> {
  return new Promise((resolve, reject) => {
    const middleware = authenticator.authenticate(
      'local',
      { session: false },
      (err: unknown, user: Express.User | false | null | undefined, info?: { message?: string }) => {
        if (err) return reject(err);
        if (user) return resolve({ ok: true, user });
        resolve({ ok: false, reason: info?.message === 'frozen' ? 'frozen' : 'invalid' });
      },
    ) as RequestHandler;
    void middleware(req, res, reject);
  });
}

/**
 * Starts a login session for the user. passport regenerates the session first, so the id the browser had
 * before login (possibly planted by an attacker) is discarded; the CSRF token goes with it.
 */
export function logIn(req: Request, user: Express.User): Promise<void> {
  if (!req.session) return Promise.reject(dependencyUnavailable('MongoDB'));
  return new Promise((resolve, reject) => req.logIn(user, (err: unknown) => (err ? reject(err) : resolve())));
}

/** Deletes the session from the store (logout). */
export function destroySession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!req.session) return resolve();
    req.session.destroy((err: unknown) => (err ? reject(err) : resolve()));
  });
}
