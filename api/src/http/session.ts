import MongoStore from 'connect-mongo';
import type { CookieOptions, RequestHandler } from 'express';
import session from 'express-session';
import mongoose from 'mongoose';
import type { Config } from '../config';
import { CachedSessionStore } from '../features/auth/session-cache';

/** Name of the session cookie. */
export const sessionCookieName = 'panhuo.sid';

/** A session lasts 8 hours after the last request (rolling), like a working day. */
const sessionMaxAgeMs = 8 * 60 * 60 * 1000;

const TOUCH_AFTER_SECONDS = 60;

/** Cookie attributes; logout clears the cookie with the same ones, or browsers would keep it. */
export function sessionCookieOptions(config: Pick<Config, 'COOKIE_SECURE'>): CookieOptions {
  // httpOnly: scripts never see the id. sameSite lax: the browser does not send it on cross-site POSTs
  // (a second line behind the CSRF token). secure: only over https, once the site is served over https.
  return { httpOnly: true, sameSite: 'lax', secure: config.COOKIE_SECURE, path: '/' };
}

/**
 * Sessions stored in MongoDB (collection `sessions`) through the process's mongoose connection, so they
 * survive an API restart and are shared by several API processes; each process keeps copies of signed-in
 * sessions, revalidated on every request by one read of the account's token (features/auth/session-cache).
 *
 * - FerretDB has no TTL indexes: expired sessions are removed by connect-mongo's interval sweep
 *   (`expires < now`, every 10 minutes), served by a plain index on `expires`.
 * - main.ts may start listening before MongoDB answers. Until the connection first opens, the store
 *   reports 'disconnect' and express-session leaves `req.session` unset: public routes (health) work,
 *   and the auth guards and CSRF check answer 503 instead of hanging on a store that has no client yet.
 *   Once connected, a MongoDB outage makes the store calls fail, which the error handler maps to 503.
 */
export function createSessionMiddleware(config: Config): RequestHandler {
  const connection = mongoose.connection;
  const clientPromise =
    connection.readyState === 1
      ? Promise.resolve(connection.getClient())
      : new Promise<ReturnType<typeof connection.getClient>>((resolve) => {
          connection.once('connected', () => resolve(connection.getClient()));
        });
  const store = MongoStore.create({
    clientPromise,
    dbName: config.MONGODB_DB,
    collectionName: 'sessions',
    autoRemove: 'interval',
    autoRemoveInterval: 10,
    // Rolling sessions would otherwise write to MongoDB on every request; once a minute is enough.
    touchAfter: TOUCH_AFTER_SECONDS,
  });
  const middleware = session({
    name: sessionCookieName,
    secret: config.SESSION_SECRET,
    // Signed-in sessions are served from this process's copy while their account's token is unchanged.
    store: new CachedSessionStore(store, TOUCH_AFTER_SECONDS),
    resave: false,
    // No session (and no cookie) until something is stored: anonymous health checks create nothing.
    saveUninitialized: false,
    rolling: true,
    // The API is reached only through the web server; when COOKIE_SECURE is on, it trusts that server's
    // X-Forwarded-Proto to know the user's connection is https.
    proxy: true,
    cookie: { ...sessionCookieOptions(config), maxAge: sessionMaxAgeMs },
  });
  if (connection.readyState !== 1) store.emit('disconnect');
  void clientPromise.then(() => store.emit('connect'));
  void store.collectionP.then((sessions) => sessions.createIndex({ expires: 1 })).catch(() => undefined);
  return middleware;
}
