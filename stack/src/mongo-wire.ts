// Just enough of the MongoDB wire protocol (OP_MSG + a BSON subset) to ask FerretDB a command, so the
// stack can check that it really serves MongoDB clients without depending on the mongodb driver.
import { connect } from 'node:net';

export type BsonValue =
  number | bigint | string | boolean | null | Date | BsonDocument | BsonValue[] | Uint8Array;
export interface BsonDocument {
  [key: string]: BsonValue;
}

const OP_MSG = 2013;

function cstring(text: string): Buffer {
  return Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0])]);
}

/** Encodes a flat command document of strings and numbers (numbers as int32 when integral, else double). */
function encodeCommand(command: Record<string, string | number>): Buffer {
  const parts: Buffer[] = [];
  for (const [key, value] of Object.entries(command)) {
    if (typeof value === 'string') {
      const text = Buffer.from(value, 'utf8');
      const length = Buffer.alloc(4);
      length.writeInt32LE(text.length + 1);
      parts.push(Buffer.from([0x02]), cstring(key), length, text, Buffer.from([0]));
    } else if (Number.isInteger(value) && Math.abs(value) < 2 ** 31) {
      const number = Buffer.alloc(4);
      number.writeInt32LE(value);
      parts.push(Buffer.from([0x10]), cstring(key), number);
    } else {
      const number = Buffer.alloc(8);
      number.writeDoubleLE(value);
      parts.push(Buffer.from([0x01]), cstring(key), number);
    }
  }
  const body = Buffer.concat(parts);
  const length = Buffer.alloc(4);
  length.writeInt32LE(body.length + 5);
  return Buffer.concat([length, body, Buffer.from([0])]);
}

function decodeDocument(buffer: Buffer, start: number, asArray = false): BsonDocument | BsonValue[] {
  const end = start + buffer.readInt32LE(start) - 1;
  const document: BsonDocument = {};
  const array: BsonValue[] = [];
  let offset = start + 4;
  while (offset < end) {
    const type = buffer.readUInt8(offset);
    const nameEnd = buffer.indexOf(0, offset + 1);
    const name = buffer.toString('utf8', offset + 1, nameEnd);
    offset = nameEnd + 1;
    let value: BsonValue;
    switch (type) {
      case 0x01:
        value = buffer.readDoubleLE(offset);
        offset += 8;
        break;
      case 0x02: {
        const length = buffer.readInt32LE(offset);
        value = buffer.toString('utf8', offset + 4, offset + 4 + length - 1);
        offset += 4 + length;
        break;
      }
      case 0x03:
      case 0x04:
        value = decodeDocument(buffer, offset, type === 0x04);
        offset += buffer.readInt32LE(offset);
        break;
      case 0x05: {
        const length = buffer.readInt32LE(offset);
        value = new Uint8Array(buffer.subarray(offset + 5, offset + 5 + length));
        offset += 5 + length;
        break;
      }
      case 0x07:
        value = buffer.toString('hex', offset, offset + 12);
        offset += 12;
        break;
      case 0x08:
        value = buffer.readUInt8(offset) === 1;
        offset += 1;
        break;
      case 0x09:
        value = new Date(Number(buffer.readBigInt64LE(offset)));
        offset += 8;
        break;
      case 0x0a:
        value = null;
        break;
      case 0x10:
        value = buffer.readInt32LE(offset);
        offset += 4;
        break;
      case 0x11:
        value = buffer.readBigUInt64LE(offset);
        offset += 8;
        break;
      case 0x12:
        value = buffer.readBigInt64LE(offset);
        offset += 8;
        break;
      default:
        throw new Error(`BSON type 0x${type.toString(16)} (field ${name}) is not supported here`);
    }
    if (asArray) array.push(value);
    else document[name] = value;
  }
  return asArray ? array : document;
}

export interface MongoAddress {
  host: string;
  port: number;
}

/**
 * Sends one command (e.g. `{ listDatabases: 1 }`) to a MongoDB-protocol server (no authentication, no
 * TLS) and resolves with the reply document. Rejects on connection errors, timeouts or a malformed reply.
 */
export function mongoCommand(
  address: MongoAddress,
  db: string,
  command: Record<string, string | number>,
  timeoutMs = 5_000,
): Promise<BsonDocument> {
  const document = encodeCommand({ ...command, $db: db });
  const header = Buffer.alloc(21);
  header.writeInt32LE(21 + document.length, 0);
  header.writeInt32LE(1, 4); // requestID
  header.writeInt32LE(0, 8); // responseTo
  header.writeInt32LE(OP_MSG, 12);
  header.writeUInt32LE(0, 16); // flagBits
  header.writeUInt8(0, 20); // section kind 0: the command body
  return new Promise((resolve, reject) => {
    const socket = connect(address);
    let received = Buffer.alloc(0);
    socket.setTimeout(timeoutMs, () =>
      socket.destroy(new Error(`no reply from ${address.host}:${address.port} within ${timeoutMs} ms`)),
    );
    socket.on('error', reject);
    socket.on('connect', () => socket.write(Buffer.concat([header, document])));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4 || received.length < received.readInt32LE(0)) return;
      socket.end();
      try {
        if (received.readInt32LE(12) !== OP_MSG) throw new Error('reply is not an OP_MSG');
        resolve(decodeDocument(received, 21) as BsonDocument);
      } catch (error) {
        reject(error);
      }
    });
  });
}
