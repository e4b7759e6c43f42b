// The multi-node topology test (e2e-topology/topology.ts): run by `npm test` after the e2e suite,
// whose production build it reuses. No webServer: the test starts its own nodes.
import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { chromium } from 'playwright-core';

const bundled = existsSync(chromium.executablePath());
const executablePath = bundled ? undefined : (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  workers: 1,
  retries: 0,
  timeout: 240_000,
  expect: { timeout: 15_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  outputDir: process.env.E2E_OUTPUT_DIR ? `${process.env.E2E_OUTPUT_DIR}-topology` : '../test-results-topology',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [{ name: 'topology', use: { ...devices['Desktop Chrome'], launchOptions: { executablePath, args } } }],
});
