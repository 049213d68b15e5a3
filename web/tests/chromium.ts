import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { ensureChromium } from '@panhuo/stack/chromium';

/**
 * Launches the system Chromium (Debian's package, installed by the stack when missing) headless.
 * Playwright's own browser downloads are never used: they cannot be fetched here.
 */
export async function launchChromium(): Promise<Browser> {
  const { executablePath, args } = await ensureChromium();
  return chromium.launch({ executablePath, args, headless: true });
}

/** What a test file gets from useBrowser. */
export interface TestBrowser {
  /** A new browser context (its own cookies), zh-CN and 1280×900 unless given; closed after each test. */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  /** A page in a new context. */
  newPage: (options?: BrowserContextOptions) => Promise<Page>;
}

/**
 * Registers the file's browser lifecycle: Chromium launched before its tests, every context a test made
 * closed after it, the browser closed at the end.
 */
export function useBrowser(): TestBrowser {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });
  const newContext = async (options: BrowserContextOptions = {}) => {
    if (!browser) throw new Error('useBrowser: Chromium is not launched yet (call from a test or hook)');
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      ...options,
    });
    contexts.push(context);
    return context;
  };
  return { newContext, newPage: async (options) => (await newContext(options)).newPage() };
}
