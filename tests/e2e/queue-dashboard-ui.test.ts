import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { startGateway, tokenOf, type TestGateway } from '../../services/gateway/test/helper';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// CI installs Debian's chromium (.ci/run); elsewhere the test says why it did not run.
const withBrowser = existsSync(executablePath) || process.env.CI ? describe : describe.skip;
if (!existsSync(executablePath) && !process.env.CI) console.warn(`No Chromium at ${executablePath}: the dashboard UI test is skipped`);

withBrowser('PLT-10 the queue dashboard in a browser, under its security headers', () => {
  let gw: TestGateway;
  let browser: Browser;
  let base: string;
  beforeAll(async () => {
    gw = await startGateway();
    base = (await gw.app.listen({ host: '127.0.0.1', port: 0 })).replace('127.0.0.1', 'localhost');
    browser = await chromium.launch({
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  it('PLT-10 when an operator logs in then the board shows the four event queues and its CSP blocks nothing it needs', async () => {
    const page = await browser.newPage({ baseURL: base });
    const blocked: string[] = [];
    page.on('console', (m) => (/Content Security Policy|Refused to/i.test(m.text()) ? blocked.push(m.text()) : undefined));
    page.on('pageerror', (e) => blocked.push(String(e)));
    await page.goto('/admin/login');
    await page.fill('textarea[name=token]', tokenOf(gw.config, ['info_systems']));
    await page.click('button[type=submit]');
    await page.waitForURL('**/admin/queues**');
    for (const name of ['events-classification', 'events-folio', 'events-discipline', 'events-visits']) {
      await page.getByText(name).first().waitFor({ timeout: 20_000 });
    }
    expect(blocked).toEqual([]);
  }, 60_000);
});
