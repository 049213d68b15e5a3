import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { ensureChromium } from '@panhuo/stack/chromium';

/**
 * Launches the system Chromium (Debian's package, installed by the stack when missing) headless.
 * Playwright's own browser downloads are never used: they cannot be fetched here.
 */
export async function launchChromium(): Promise<Browser> {
  const { executablePath, args } = await ensureChromium();
  return chromium.launch({ executablePath, args, headless: true });
}
