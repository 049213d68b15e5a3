import { chromium, type Browser } from 'playwright-core';

/** The system Chromium (Debian package `chromium`); Playwright's own browser downloads are never used. */
export const chromiumExecutablePath = '/usr/bin/chromium';

/** Flags for a quiet, offline, root-safe headless run. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Launches headless Chromium, or fails with the command that installs it. */
export async function launchChromium(): Promise<Browser> {
  try {
    return await chromium.launch({
      executablePath: chromiumExecutablePath,
      args: chromiumArgs,
      headless: true,
    });
  } catch (error) {
    throw new Error(
      `Could not start ${chromiumExecutablePath}. Install it with: apt-get install -y chromium fonts-noto-cjk`,
      { cause: error },
    );
  }
}
