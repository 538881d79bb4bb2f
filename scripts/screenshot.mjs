// Screenshots of a running portal for looking at the UI: node scripts/screenshot.mjs URL OUT_PREFIX
import { chromium } from '@playwright/test';

const [url = 'http://127.0.0.1:3000/', out = 'screenshot'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
for (const [name, width, height] of [
  ['desktop', 1440, 1000],
  ['narrow', 390, 844],
]) {
  const page = await browser.newPage({ viewport: { width, height }, timezoneId: 'UTC' });
  // Pages that poll (live tail, auto-refresh) never go network-idle: wait for load, then for rendering.
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(Number(process.env.SETTLE_MS ?? 1500));
  await page.screenshot({ path: `${out}-${name}.png`, fullPage: process.env.FULL === '1' });
  await page.close();
}
await browser.close();
