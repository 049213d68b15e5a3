/**
 * Reading mail back from the test stack's Mailpit (its REST API at MAILPIT_URL), for tests: the parts and
 * the headers as a mail client would see them. Each test uses its own recipient domain, so counts never
 * include another test's mail.
 */
export interface ReadMail {
  id: string;
  subject: string;
  to: string[];
  text: string;
  html: string;
  headers: Record<string, string[]>;
}

interface SearchAnswer {
  messages: { ID: string }[];
}

function mailpitUrl(): string {
  const url = process.env.MAILPIT_URL;
  if (!url) throw new Error('MAILPIT_URL must point at the test Mailpit');
  return url;
}

async function readOne(id: string): Promise<ReadMail> {
  const base = mailpitUrl();
  const [message, headers] = await Promise.all([
    fetch(`${base}/api/v1/message/${id}`).then((r) => r.json()),
    fetch(`${base}/api/v1/message/${id}/headers`).then((r) => r.json()),
  ]);
  const m = message as { ID: string; Subject: string; To: { Address: string }[]; Text: string; HTML: string };
  return {
    id: m.ID,
    subject: m.Subject,
    to: m.To.map((t) => t.Address),
    text: m.Text,
    html: m.HTML,
    headers: headers as Record<string, string[]>,
  };
}

/** Every message whose recipients match a Mailpit search (e.g. `to:"@d1.example"`), up to 500. */
export async function searchMail(query: string): Promise<ReadMail[]> {
  const res = await fetch(`${mailpitUrl()}/api/v1/search?limit=500&query=${encodeURIComponent(query)}`);
  const found = (await res.json()) as SearchAnswer;
  return Promise.all(found.messages.map((m) => readOne(m.ID)));
}

/** Waits (up to `waitMs`) until at least `atLeast` messages match the query, then returns them all. */
export async function waitForMail(query: string, atLeast = 1, waitMs = 10_000): Promise<ReadMail[]> {
  const until = Date.now() + waitMs;
  for (;;) {
    const res = await fetch(`${mailpitUrl()}/api/v1/search?limit=500&query=${encodeURIComponent(query)}`);
    const found = (await res.json()) as SearchAnswer;
    if (found.messages.length >= atLeast || Date.now() > until) return searchMail(query);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
