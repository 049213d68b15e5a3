// Proves the servers behind the test environment are the real ones the stack promises: Elasticsearch with
// the project's smartcn plugin, a MongoDB-protocol server with storage behind it, Mailpit catching SMTP,
// and a working Chromium with a CJK font.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureChromium } from './chromium';
import { mongoCommand } from './mongo-wire';
import type { BsonDocument } from './mongo-wire';
import { PORTS, SERVICES } from './profiles';
import { localEnv, stackStatus } from './stack';
import type { StackEnv } from './stack';

// EMBEDDINGS_URL is read by embeddings.test.ts; here it only decides whether the status test checks it.
type CheckedEnv = Omit<StackEnv, 'EMBEDDINGS_URL'>;

function requiredEnv(name: keyof CheckedEnv): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run these tests through \`npm test\`, which starts the test stack`);
  return value;
}

const env: CheckedEnv = {
  ELASTICSEARCH_URL: requiredEnv('ELASTICSEARCH_URL'),
  MONGODB_URI: requiredEnv('MONGODB_URI'),
  SMTP_URL: requiredEnv('SMTP_URL'),
  MAILPIT_URL: requiredEnv('MAILPIT_URL'),
};
const PATENT_TITLE = '一种石墨烯锂离子电池正极材料的制备方法';

async function es<T>(method: string, path: string, body?: unknown, ndjson = false): Promise<T> {
  const response = await fetch(`${env.ELASTICSEARCH_URL}${path}`, {
    method,
    headers:
      body === undefined ? {} : { 'content-type': ndjson ? 'application/x-ndjson' : 'application/json' },
    body: body === undefined ? undefined : ndjson ? (body as string) : JSON.stringify(body),
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

interface AnalyzeResponse {
  tokens: { token: string }[];
}

describe('Elasticsearch with the smartcn plugin', () => {
  const index = `stack-test-${randomUUID().slice(0, 8)}`;
  afterAll(async () => {
    await fetch(`${env.ELASTICSEARCH_URL}/${index}`, { method: 'DELETE' });
  });

  it('segments Chinese patent text with the smartcn analyzer', async () => {
    const { tokens } = await es<AnalyzeResponse>('POST', '/_analyze', {
      analyzer: 'smartcn',
      text: PATENT_TITLE,
    });
    expect(tokens.map((token) => token.token)).toEqual([
      '一',
      '种',
      '石墨',
      '烯',
      '锂',
      '离子',
      '电池',
      '正极',
      '材料',
      '的',
      '制备',
      '方法',
    ]);
  });

  it('indexes with smartcn mappings, matches words and counts a terms aggregation', async () => {
    await es('PUT', `/${index}`, {
      settings: {
        number_of_shards: 1,
        number_of_replicas: 0,
        analysis: { analyzer: { title_cn: { type: 'custom', tokenizer: 'smartcn_tokenizer' } } },
      },
      mappings: {
        properties: {
          title: {
            type: 'text',
            analyzer: 'smartcn',
            fields: { cn: { type: 'text', analyzer: 'title_cn' } },
          },
          industry: { type: 'keyword' },
        },
      },
    });
    const docs = [
      { title: PATENT_TITLE, industry: 'new-energy' },
      { title: '一种固态锂电池电解质及其制备方法', industry: 'new-energy' },
      { title: '一种电池管理系统的均衡控制方法', industry: 'new-energy' },
      { title: '一种柔性显示面板及其制造方法', industry: 'electronics' },
      { title: '一种石墨烯导热膜', industry: 'materials' },
    ];
    const bulk =
      docs.flatMap((doc) => [JSON.stringify({ index: { _index: index } }), JSON.stringify(doc)]).join('\n') +
      '\n';
    const bulkResult = await es<{ errors: boolean }>('POST', '/_bulk?refresh=true', bulk, true);
    expect(bulkResult.errors).toBe(false);

    const { tokens } = await es<AnalyzeResponse>('POST', `/${index}/_analyze`, {
      analyzer: 'title_cn',
      text: PATENT_TITLE,
    });
    expect(tokens.map((token) => token.token)).toEqual(expect.arrayContaining(['锂', '电池', '制备']));

    const result = await es<{
      hits: { total: { value: number } };
      aggregations: { industries: { buckets: { key: string; doc_count: number }[] } };
    }>('POST', `/${index}/_search`, {
      size: 0,
      query: { match: { title: '电池' } },
      aggs: { industries: { terms: { field: 'industry' } } },
    });
    // 电池 is one smartcn token: the three battery patents match, the display panel and the film do not.
    expect(result.hits.total.value).toBe(3);
    expect(result.aggregations.industries.buckets).toEqual([{ key: 'new-energy', doc_count: 3 }]);

    const all = await es<{ aggregations: { industries: { buckets: { key: string; doc_count: number }[] } } }>(
      'POST',
      `/${index}/_search`,
      { size: 0, aggs: { industries: { terms: { field: 'industry' } } } },
    );
    expect(all.aggregations.industries.buckets).toEqual([
      { key: 'new-energy', doc_count: 3 },
      { key: 'electronics', doc_count: 1 },
      { key: 'materials', doc_count: 1 },
    ]);
  });
});

describe('MongoDB wire protocol (FerretDB on PostgreSQL)', () => {
  it('creates, lists and drops a collection through MONGODB_URI', async () => {
    const uri = new URL(env.MONGODB_URI);
    const address = { host: uri.hostname, port: Number(uri.port || 27017) };
    const db = `stack_test_${randomUUID().slice(0, 8)}`;
    try {
      expect((await mongoCommand(address, db, { create: 'patents' })).ok).toBe(1);
      const listed = await mongoCommand(address, db, { listCollections: 1 });
      const batch = ((listed.cursor as BsonDocument).firstBatch as BsonDocument[]).map(
        (collection) => collection.name,
      );
      expect(batch).toEqual(['patents']);
    } finally {
      await mongoCommand(address, db, { dropDatabase: 1 });
    }
  });

  it('gives each collection the local FerretDB creates a GIN index on _id, for its lookups by id', async () => {
    // Only the stack's own PostgreSQL is tuned; a MongoDB given from outside needs nothing of the kind.
    if (env.MONGODB_URI !== localEnv('test').MONGODB_URI) return;
    const uri = new URL(env.MONGODB_URI);
    const address = { host: uri.hostname, port: Number(uri.port || 27017) };
    const db = `stack_gin_${randomUUID().slice(0, 8)}`;
    try {
      expect((await mongoCommand(address, db, { create: 'patents' })).ok).toBe(1);
      const sql = `SELECT indexdef FROM pg_indexes WHERE schemaname = '${db}' AND indexname LIKE 'patents%_id_gin'`;
      const { stdout } = await promisify(execFile)('psql', [
        ...[
          '-h',
          '127.0.0.1',
          '-p',
          String(PORTS.test.postgres),
          '-U',
          'postgres',
          '-X',
          '-Atc',
          sql,
          'ferretdb',
        ],
      ]);
      expect(stdout).toContain("USING gin (((_jsonb -> '_id'::text)) jsonb_path_ops)");
    } finally {
      await mongoCommand(address, db, { dropDatabase: 1 });
    }
  });
});

/** A bare SMTP client: just enough to hand one message to the SMTP server under test. */
async function sendMail(
  smtpUrl: string,
  from: string,
  to: string,
  subject: string,
  text: string,
): Promise<void> {
  const url = new URL(smtpUrl);
  const socket = connect({ host: url.hostname, port: Number(url.port || 25) });
  let buffer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (buffer += chunk));
  const reply = async (code: number): Promise<void> => {
    const deadline = Date.now() + 5_000;
    // A reply is complete at a line "NNN text" (a dash after the code means more lines follow).
    while (!/^\d{3} .*\r\n/m.test(buffer)) {
      if (Date.now() > deadline) throw new Error(`no SMTP reply (got ${JSON.stringify(buffer)})`);
      await sleep(20);
    }
    const last = buffer.trimEnd().split('\r\n').at(-1) ?? '';
    buffer = '';
    if (!last.startsWith(String(code))) throw new Error(`SMTP expected ${code}, got: ${last}`);
  };
  const command = async (line: string, code: number): Promise<void> => {
    socket.write(`${line}\r\n`);
    await reply(code);
  };
  try {
    await reply(220);
    await command('EHLO stack-test', 250);
    await command(`MAIL FROM:<${from}>`, 250);
    await command(`RCPT TO:<${to}>`, 250);
    await command('DATA', 354);
    const subjectHeader = `=?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`;
    const headers = [
      `From: <${from}>`,
      `To: <${to}>`,
      `Subject: ${subjectHeader}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
    ];
    await command(`${headers.join('\r\n')}\r\n\r\n${text}\r\n.`, 250);
    await command('QUIT', 221);
  } finally {
    socket.destroy();
  }
}

describe('Mailpit', () => {
  it('catches mail sent to SMTP_URL and serves it on MAILPIT_URL', async () => {
    const tag = randomUUID().slice(0, 8);
    const to = `inventor-${tag}@example.test`;
    await sendMail(
      env.SMTP_URL,
      'noreply@panhuo.test',
      to,
      `专利转让意向 ${tag}`,
      `您好，关于专利 ${tag} 的转让。`,
    );
    let messages: { Subject: string; To: { Address: string }[] }[] = [];
    for (let attempt = 0; attempt < 50 && messages.length === 0; attempt++) {
      const response = await fetch(
        `${env.MAILPIT_URL}/api/v1/search?query=${encodeURIComponent(`to:${to}`)}`,
      );
      expect(response.status).toBe(200);
      messages = ((await response.json()) as { messages: typeof messages }).messages;
      if (messages.length === 0) await sleep(100);
    }
    expect(messages).toHaveLength(1);
    expect(messages[0]?.Subject).toBe(`专利转让意向 ${tag}`);
    expect(messages[0]?.To.map((recipient) => recipient.Address)).toEqual([to]);
  });
});

describe('stack status', () => {
  it('reports the locally started test services as up, with live pids and the URLs tests were given', async () => {
    const local = localEnv('test');
    const status = await stackStatus('test');
    expect(Object.keys(status)).toEqual([...SERVICES]);
    // A service given from outside (e.g. a docker-compose MongoDB in CI) is not the stack's to report.
    const startedLocally = {
      elasticsearch: env.ELASTICSEARCH_URL === local.ELASTICSEARCH_URL,
      postgres: env.MONGODB_URI === local.MONGODB_URI,
      ferretdb: env.MONGODB_URI === local.MONGODB_URI,
      mailpit: env.SMTP_URL === local.SMTP_URL,
      embeddings: process.env.EMBEDDINGS_URL === local.EMBEDDINGS_URL,
    };
    expect(status.elasticsearch.url).toBe(local.ELASTICSEARCH_URL);
    expect(status.ferretdb.url).toBe(local.MONGODB_URI);
    expect(status.mailpit.url).toBe(local.SMTP_URL);
    expect(status.embeddings.url).toBe(local.EMBEDDINGS_URL);
    for (const name of SERVICES) {
      if (!startedLocally[name]) continue;
      expect(status[name], name).toMatchObject({ up: true, pid: expect.any(Number) });
    }
  });
});

describe('Chromium', () => {
  it(
    'loads a Chinese page headless with the launch arguments it hands out',
    { timeout: 600_000 },
    async () => {
      const { executablePath, args } = await ensureChromium();
      expect(existsSync(executablePath)).toBe(true);
      expect(args).toContain('--headless');
      const page = `data:text/html;charset=utf-8,${encodeURIComponent('<html><body><h1>专利转化</h1></body></html>')}`;
      const { stdout } = await promisify(execFile)(executablePath, [...args, '--dump-dom', page], {
        timeout: 60_000,
      });
      expect(stdout).toContain('<h1>专利转化</h1>');
    },
  );
});
