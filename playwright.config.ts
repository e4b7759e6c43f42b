import { existsSync, mkdtempSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromium } from 'playwright-core';

// One throw-away data directory and port per run, decided once in the runner process; the
// workers inherit them through the environment (the config is evaluated in each of them too).
if (!process.env.E2E_DATA_DIR) {
  process.env.E2E_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'apx-e2e-'));
  chmodSync(process.env.E2E_DATA_DIR, 0o755);
}
process.env.E2E_PORT ??= '3100';
process.env.E2E_DEMO_PASSWORD ??= 'Demo-Password-2026';
const port = Number(process.env.E2E_PORT);
export const baseURL = `http://localhost:${port}`;

// No browser download on these machines: use Debian's Chromium when Playwright has none of its own.
const bundled = existsSync(chromium.executablePath());
const executablePath = bundled ? undefined : (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions: { executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] } } }],
  webServer: {
    // The product exactly as a user starts it, on its own database, objects and port.
    command: 'node --conditions=react-server --import tsx scripts/start.ts',
    url: `${baseURL}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    env: {
      PORT: String(port),
      DATA_DIR: process.env.E2E_DATA_DIR,
      DEMO_PASSWORD: process.env.E2E_DEMO_PASSWORD,
      SEED_DEMO: 'true',
      // Every e2e user signs in from 127.0.0.1; the limit itself is covered by an integration test.
      AUTH_SIGNIN_MAX_PER_MINUTE: '10000',
      EMBEDDED_PG_PORT: String(port + 10),
      EMBEDDED_S3_PORT: String(port + 11),
      PUBLIC_URL: baseURL,
      // Sign-up confirmations and other mail, read by e2e/fixtures.ts.
      MAIL_OUTBOX_DIR: path.join(process.env.E2E_DATA_DIR, 'outbox'),
      WORKER: 'on',
    },
  },
  globalTeardown: './e2e/global-teardown.ts',
});
