import mongoose from 'mongoose';
import { hash32 } from './random';

type ObjectId = mongoose.Types.ObjectId;

// Seeded ids carry a plausible creation time (bulk-loaded on 2025-01-01, a thousand a second) so tools
// that read the ObjectId timestamp show something sensible.
const epochSeconds = Date.UTC(2025, 0, 1) / 1000;

/**
 * The ObjectId of record `index` in namespace `ns` of run `seed`, laid out like a driver-made id:
 * 4-byte time, 5 bytes fixed per (seed, ns) (the driver's per-process random), 3-byte counter. Distinct
 * indexes give distinct ids (within a second the counter differs), and the same inputs give the same id.
 */
export function seededObjectId(seed: number, ns: string, index: number): ObjectId {
  const bytes = Buffer.alloc(12);
  bytes.writeUInt32BE(epochSeconds + Math.floor(index / 1000), 0);
  bytes.writeUInt32BE(hash32(seed, ns, 'process'), 4);
  bytes.writeUInt8(hash32(seed, ns, 'process-tail') & 0xff, 8);
  bytes.writeUIntBE((hash32(seed, ns, 'counter') + index) & 0xffffff, 9, 3);
  return new mongoose.Types.ObjectId(bytes);
}

/** A stable ObjectId for a name (institutions): the same name gets the same id in every run and seed. */
export function namedObjectId(ns: string, name: string): ObjectId {
  const bytes = Buffer.alloc(12);
  bytes.writeUInt32BE(epochSeconds - 86_400, 0);
  bytes.writeUInt32BE(hash32(ns, name, 1), 4);
  bytes.writeUInt32BE(hash32(ns, name, 2), 8);
  return new mongoose.Types.ObjectId(bytes);
}
