import type { TestSession } from '../../../test/auth-helpers';
import { buildPatent } from '../../../test/factories';

/** A valid 我有合作意向 body for a patent (budget 10–50 万元, 转让). */
export function intentBody(patentId: string, overrides: Record<string, unknown> = {}) {
  return {
    target: { kind: 'patent', id: patentId },
    source: 'resource',
    modes: ['transfer'],
    description: '希望受让该专利，用于动力电池正极材料产线升级',
    budget: { kind: 'range', min: 10, max: 50 },
    expectedTime: '2027年上半年',
    contact: { name: '张经理', phone: '0571-88886666', email: 'zhang@intents.example' },
    ...overrides,
  };
}

/** Sends an intent as the admin on a new patent of the institution; returns its id. */
export async function sentIntent(admin: TestSession, institutionName: string): Promise<string> {
  const patent = await buildPatent({ institutionName });
  const res = await admin.request('/api/intents', {
    method: 'POST',
    json: intentBody(patent._id.toHexString()),
  });
  if (res.status !== 201) throw new Error(`intent answered ${res.status}: ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
}

/** Tenant B's intents for the cross-tenant table: each case that changes one has its own. */
export interface IntentWorld {
  /** Open and opened (洽谈中 after an accept): listed, shown, messaged. */
  intentB: string;
  /** A PDF the admin sent with a message on intentB. */
  intentAttachmentB: string;
  /** Never opened: withdrawn by its owner. */
  withdrawIntentB: string;
  /** Never opened: answered (接受洽谈) by the institution. */
  replyIntentB: string;
  /** Opened: closed by the enterprise; and another closed by the institution. */
  enterpriseCloseIntentB: string;
  institutionCloseIntentB: string;
}

/** Builds tenant B's intents: B's admin sends five, B's university opens the ones that must be opened. */
export async function buildIntentWorld(
  adminB: TestSession,
  universityB: TestSession,
  institutionName: string,
): Promise<IntentWorld> {
  const ids = [];
  for (let i = 0; i < 5; i += 1) ids.push(await sentIntent(adminB, institutionName));
  const [intentB, withdrawIntentB, replyIntentB, enterpriseCloseIntentB, institutionCloseIntentB] = ids as [
    string,
    string,
    string,
    string,
    string,
  ];
  for (const id of [intentB, enterpriseCloseIntentB, institutionCloseIntentB]) {
    const res = await universityB.request(`/api/university/intents/${id}`);
    if (res.status !== 200) throw new Error(`opening intent ${id} answered ${res.status}`);
  }
  const form = new FormData();
  form.append('text', '附技术需求书');
  form.append('attachments', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')]), '技术需求书.pdf');
  const message = await adminB.request(`/api/intents/${intentB}/messages`, { method: 'POST', form });
  const step = (message.body as { steps?: { attachments: { id: string }[] }[] }).steps?.at(-1);
  const intentAttachmentB = step?.attachments[0]?.id;
  if (!intentAttachmentB) throw new Error(`the attachment answered ${message.status}`);
  return {
    intentB,
    intentAttachmentB,
    withdrawIntentB,
    replyIntentB,
    enterpriseCloseIntentB,
    institutionCloseIntentB,
  };
}
