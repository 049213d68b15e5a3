// The browser for the web tests and PDF export: Debian's chromium (never a browser a tool downloads for
// itself: that fails on machines that only reach package registries), with a CJK font so Chinese pages do
// not render as empty boxes.
import { existsSync } from 'node:fs';
import { findOnPath } from './process-control';
import { aptInstall, debianPackageInstalled } from './toolchain';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Headless, sandbox-free (root in CI) and silent: no update, sync or other background network. */
const LAUNCH_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

let pending: Promise<{ executablePath: string; args: string[] }> | undefined;

async function locate(): Promise<{ executablePath: string; args: string[] }> {
  const override = process.env.CHROMIUM_PATH;
  if (override) {
    if (!existsSync(override)) throw new Error(`CHROMIUM_PATH=${override} does not exist`);
    return { executablePath: override, args: [...LAUNCH_ARGS] };
  }
  const missing: string[] = [];
  if (!existsSync(DEBIAN_CHROMIUM)) missing.push('chromium');
  // The font check needs dpkg; elsewhere the developer is trusted to have a CJK font.
  if (findOnPath('dpkg-query') && !(await debianPackageInstalled('fonts-noto-cjk')))
    missing.push('fonts-noto-cjk');
  if (missing.length > 0)
    await aptInstall(missing, 'Browser tests and PDF export', (line) => console.log(`[stack] ${line}`));
  if (!existsSync(DEBIAN_CHROMIUM))
    throw new Error(`chromium is not at ${DEBIAN_CHROMIUM} after installing it`);
  return { executablePath: DEBIAN_CHROMIUM, args: [...LAUNCH_ARGS] };
}

/**
 * The Chromium executable and launch arguments for playwright-core (`executablePath`, `args`). Installs
 * `chromium` and `fonts-noto-cjk` with apt-get when missing (as root; otherwise throws with the command).
 * CHROMIUM_PATH overrides the executable, e.g. on macOS.
 */
export function ensureChromium(): Promise<{ executablePath: string; args: string[] }> {
  pending ??= locate().catch((error: unknown) => {
    pending = undefined; // let a later call retry
    throw error;
  });
  return pending;
}
