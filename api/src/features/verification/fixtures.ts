import { randomBytes, randomInt } from 'node:crypto';
import { computeCreditCodeCheckCharacter } from '@panhuo/domain/accounts/credit-code';
import type { TestResponse, TestSession } from '../../../test/auth-helpers';

// Test fixtures of 实名认证 (forms, licence images, Mailpit), shared by verification and operator tests.

/** A real 1×1 PNG. */
export const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** The start of a JFIF JPEG (the sniffing looks at the first bytes only), padded. */
export const jpegBytes = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
  randomBytes(2048),
  Buffer.from([0xff, 0xd9]),
]);

/** A GIF and a Windows executable, for the refused-type cases. */
export const gifBytes = Buffer.concat([Buffer.from('GIF89a'), randomBytes(64)]);
export const exeBytes = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]), randomBytes(64)]);

/** A PNG signature followed by `size` bytes in all (for the size limits). */
export function pngOfSize(size: number): Buffer {
  const bytes = Buffer.alloc(size, 0x11);
  tinyPng.copy(bytes, 0, 0, Math.min(tinyPng.length, size));
  return bytes;
}

const codeCharset = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A fresh, valid 统一社会信用代码 (random organisation code, correct check character). */
export function randomCreditCode(): string {
  const organisation = Array.from({ length: 9 }, () => codeCharset[randomInt(codeCharset.length)]).join('');
  const first17 = `91330106${organisation}`;
  return first17 + computeCreditCodeCheckCharacter(first17);
}

/** The text fields of a valid application, unique per call (company, credit code, account, e-mail). */
export function applicationFields(overrides: Record<string, string> = {}): Record<string, string> {
  const tag = randomBytes(4).toString('hex');
  return {
    companyName: `杭州盘活测试科技有限公司${tag}`,
    creditCode: randomCreditCode(),
    category: 'specialized_sme',
    contactName: '张伟',
    contactPhone: '138 0013 8000',
    contactEmail: `apply-${tag}@example.com`,
    adminAccount: `admin_${tag}`,
    ...overrides,
  };
}

/** A licence file part. */
export interface LicenceFile {
  bytes: Buffer;
  name: string;
  type: string;
}

/** The multipart form a browser would send. */
export function buildForm(fields: Record<string, string>, licence?: LicenceFile | null): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (licence) form.append('licence', new Blob([licence.bytes], { type: licence.type }), licence.name);
  return form;
}

/** The PNG licence of a normal application. */
export const pngLicence: LicenceFile = { bytes: tinyPng, name: '营业执照.png', type: 'image/png' };

/**
 * POSTs a multipart form from the session (cookie, IP and CSRF token; `csrf: false` sends none).
 * The session fetches a CSRF token first when it has none.
 */
export async function postForm(
  session: TestSession,
  path: string,
  form: FormData,
  options: { csrf?: false } = {},
): Promise<TestResponse> {
  if (!session.csrfToken) await session.fetchCsrf();
  const headers = new Headers({ 'x-forwarded-for': session.ip });
  if (session.cookie) headers.set('cookie', session.cookie);
  if (options.csrf !== false && session.csrfToken) headers.set('x-csrf-token', session.csrfToken);
  return session.app.request(path, { method: 'POST', headers, body: form });
}

/** Submits a valid application (overridable) and returns its id; throws unless 201. */
export async function submitApplication(
  session: TestSession,
  overrides: Record<string, string> = {},
  licence: LicenceFile = pngLicence,
): Promise<{ id: string; fields: Record<string, string> }> {
  const fields = applicationFields(overrides);
  const res = await postForm(session, '/api/verifications', buildForm(fields, licence));
  if (res.status !== 201) throw new Error(`submission answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { id: (res.body as { id: string }).id, fields };
}

/** A message as Mailpit gives it back. */
export interface ReceivedMail {
  subject: string;
  text: string;
  to: string[];
}

interface MailpitSearch {
  messages: { ID: string; Subject: string; To: { Address: string }[] }[];
}

/**
 * The messages Mailpit received for an address (its REST API at MAILPIT_URL), waiting up to 5 s for at
 * least `atLeast` of them.
 */
export async function mailsTo(address: string, atLeast = 1): Promise<ReceivedMail[]> {
  const mailpit = process.env.MAILPIT_URL;
  if (!mailpit) throw new Error('MAILPIT_URL must point at the test Mailpit');
  const query = encodeURIComponent(`to:"${address}"`);
  for (let attempt = 0; ; attempt++) {
    const found = (await (await fetch(`${mailpit}/api/v1/search?query=${query}`)).json()) as MailpitSearch;
    if (found.messages.length >= atLeast || attempt >= 25) {
      return Promise.all(
        found.messages.map(async (summary) => {
          const message = (await (await fetch(`${mailpit}/api/v1/message/${summary.ID}`)).json()) as {
            Text: string;
          };
          return { subject: summary.Subject, text: message.Text, to: summary.To.map((to) => to.Address) };
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
