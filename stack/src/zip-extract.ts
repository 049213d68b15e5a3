// A small zip extractor on Node's zlib, so that unpacking Elasticsearch needs no `unzip` on the machine
// (bare Debian images lack it) and keeps the executable bits that `jar xf` would drop.
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end of the file.
  for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - 22 - 65_535); offset--) {
    if (zip.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  throw new Error('not a zip file (no end of central directory record)');
}

/**
 * Extracts every entry of `zipPath` into `destination`, keeping Unix permissions and symlinks. Rejects
 * entries that would land outside `destination` and zip64 archives (not needed here).
 */
export function extractZip(zipPath: string, destination: string): void {
  const zip = readFileSync(zipPath);
  const end = findEndOfCentralDirectory(zip);
  const entries = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  if (entries === 0xffff || offset === 0xffffffff)
    throw new Error(`${zipPath} is a zip64 archive, which is not supported`);

  for (let index = 0; index < entries; index++) {
    if (zip.readUInt32LE(offset) !== CENTRAL_FILE_HEADER)
      throw new Error(`${zipPath}: corrupt central directory`);
    const madeByUnix = zip.readUInt8(offset + 5) === 3;
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const mode = madeByUnix ? zip.readUInt32LE(offset + 38) >>> 16 : 0;
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;

    const relative = normalize(name);
    if (isAbsolute(relative) || relative.split(sep).includes('..'))
      throw new Error(`${zipPath}: unsafe entry ${name}`);
    const target = join(destination, relative);
    if (name.endsWith('/') || (mode & S_IFMT) === S_IFDIR) {
      mkdirSync(target, { recursive: true });
      continue;
    }

    if (zip.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER)
      throw new Error(`${zipPath}: corrupt entry ${name}`);
    const dataStart =
      localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    let content: Buffer;
    if (method === 0) content = raw;
    else if (method === 8) content = inflateRawSync(raw);
    else throw new Error(`${zipPath}: entry ${name} uses unsupported compression method ${method}`);

    mkdirSync(dirname(target), { recursive: true });
    if ((mode & S_IFMT) === S_IFLNK) {
      symlinkSync(content.toString('utf8'), target);
      continue;
    }
    writeFileSync(target, content);
    if (mode & 0o777) chmodSync(target, mode & 0o777);
  }
}
