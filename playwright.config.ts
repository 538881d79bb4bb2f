import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests against the production build in demo mode, in Debian's Chromium
 * (Playwright cannot download its own browsers here). Two servers: the default 40-cluster
 * fleet, and a 5,000-cluster fleet for the scale journey.
 */
const PORT = Number(process.env.E2E_PORT ?? 3210);
const LARGE_PORT = PORT + 1;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const server = (port: number, clusters: number) => ({
  command: `npx next start -p ${port}`,
  url: `http://127.0.0.1:${port}/api/health`,
  reuseExistingServer: false,
  timeout: 60_000,
  env: { NEXT_TELEMETRY_DISABLED: '1', FLEETWATCH_DEMO_CLUSTERS: String(clusters), FLEETWATCH_DEMO_SEED: 'fleetwatch' },
});

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    timezoneId: 'UTC',
    locale: 'en-US',
    viewport: { width: 1440, height: 900 },
    trace: 'off',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1440, height: 900 } } }],
  webServer: [server(PORT, 40), server(LARGE_PORT, 5000)],
  metadata: { largePort: LARGE_PORT },
});
