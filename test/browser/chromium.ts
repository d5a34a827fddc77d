/** Debian's Chromium driven by playwright-core, for the browser tests. */
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
// Without these, Chromium keeps trying to reach Google's services and stalls on a machine with no network.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** SKIP_BROWSER_TESTS=1 skips the browser suites (a machine without Chromium). */
export const skipBrowserTests = process.env.SKIP_BROWSER_TESTS === '1';

/** Starts headless Chromium, or fails saying how to install it or skip the browser tests. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install it (apt-get install chromium) or set SKIP_BROWSER_TESTS=1 to skip the browser tests`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Collects what the page must never cause: script errors and console errors, Content-Security-Policy violations
 * among them. Refused API calls (4xx) are expected in tests and Chromium logs each one; the pages show them themselves.
 */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) problems.push(message.text());
  });
  return problems;
}
