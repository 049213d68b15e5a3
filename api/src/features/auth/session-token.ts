import mongoose, { Schema, Types } from 'mongoose';
import { isDuplicateKey } from '../../infra/mongo';

/**
 * One tiny document per account (`_id` = the account's id) whose random `token` changes after every write
 * that can change what a signed-in request of that account sees: its account record (freeze, password,
 * profile, deletion) and any of its sessions (logout, a session rewritten). Every API process reads it once
 * per signed-in request and keeps serving its in-process copy of the session and the account only while
 * the token is the one that copy was loaded under (session-cache.ts). A random token rather than a counter
 * because FerretDB's read-modify-write `$inc` can lose one of two concurrent increments; two concurrent
 * bumps both leave a token that no cached copy was loaded under, which is all that matters.
 */
const sessionTokenSchema = new Schema(
  { _id: { type: Schema.Types.ObjectId, required: true }, token: { type: String, required: true } },
  { collection: 'session_tokens', versionKey: false },
);

const SessionTokenModel = mongoose.model('SessionToken', sessionTokenSchema);

/** The token of an account that has never been bumped. */
export const INITIAL_TOKEN = 'initial';

/**
 * The account's current token: one read by `_id`, through the driver's collection because it runs on
 * every signed-in request and mongoose's query machinery cost as much CPU as the read itself.
 */
export async function readSessionToken(userId: string): Promise<string> {
  const doc = await SessionTokenModel.collection.findOne<{ token?: unknown }>(
    { _id: new Types.ObjectId(userId) },
    { projection: { token: 1 } },
  );
  return typeof doc?.token === 'string' ? doc.token : INITIAL_TOKEN;
}

/**
 * Gives the account a new token, so every API process revalidates its sessions and its account from the
 * store on their next request. Call after the write it announces: a process that read the token before
 * the write and the data after it holds a copy under the old token, which the bump retires. Callers use
 * session-cache's `accountChanged`, which also drops this process's copies at once.
 */
export async function bumpSessionToken(userId: Types.ObjectId | string): Promise<void> {
  const _id = typeof userId === 'string' ? new Types.ObjectId(userId) : userId;
  const token = new Types.ObjectId().toHexString();
  // Two first bumps of one account may both try to insert: the loser's upsert fails on the unique _id,
  // and a plain update then sets its token.
  await SessionTokenModel.updateOne({ _id }, { $set: { token } }, { upsert: true }).catch(
    async (err: unknown) => {
      if (!isDuplicateKey(err)) throw err;
      await SessionTokenModel.updateOne({ _id }, { $set: { token } });
    },
  );
}
