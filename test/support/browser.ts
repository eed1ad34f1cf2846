import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (installed by scripts/ensure-test-deps.sh), or RASAD_CHROMIUM. */
const CHROMIUM = process.env.RASAD_CHROMIUM ?? '/usr/bin/chromium';

/** Starts Chromium for browser tests: headless, no background network, no first-run traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/**
 * Opens `base + pathAndQuery` in a new page and records every request that leaves `base`:
 * viewing preserved material must not call out to platforms or CDNs (`external` stays empty).
 */
export async function openWatchedPage(
  browser: Browser,
  base: string,
  pathAndQuery = '',
  opts: { viewport?: { width: number; height: number }; timeoutMs?: number } = {},
): Promise<{ page: Page; external: string[] }> {
  const page = await browser.newPage(opts.viewport ? { viewport: opts.viewport } : {});
  if (opts.timeoutMs) page.setDefaultTimeout(opts.timeoutMs);
  const external: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:')) external.push(r.url());
  });
  await page.goto(base + pathAndQuery);
  return { page, external };
}
