/**
 * Screenshots of the HTML as headless Chromium renders it (desktop, phone and print to PDF), saved under
 * test-artifacts/render/ for a person to look at. The Word renderings are saved by docx.test.ts.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { renderHtml } from "../../src/render/html";
import { launchChromiumAt } from "../support/chromium";
import { randomConsistentReport } from "../support/random-report";
import { ARTIFACTS, CHROMIUM, describeWith, pdfPages, previewPages, seedReport } from "./tools";

jest.setTimeout(120_000);

describeWith([CHROMIUM, "pdfinfo", "pdftoppm"], "HTML in Chromium", () => {
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromiumAt(CHROMIUM);
  });

  afterAll(async () => {
    await browser?.close();
  });

  const pages = [
    { name: "html-2019", html: () => renderHtml(randomConsistentReport("2019", 21)) },
    { name: "html-2021", html: () => renderHtml(randomConsistentReport("2021", 21)) },
    { name: "html-seed-draft", html: () => renderHtml(seedReport(), { draft: true }) },
  ];

  test.each(pages)("$name: desktop screenshot, nothing fetched", async ({ name, html }) => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    const content = html();
    writeFileSync(join(ARTIFACTS, `${name}.html`), content);
    await page.setContent(content);
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    expect(requests).toEqual([]);
    // The tables fit the desktop width: no horizontal scrolling needed.
    const overflow = await page.evaluate(() =>
      Array.from(document.querySelectorAll(".table-wrap")).some(
        (w) => w.scrollWidth > w.clientWidth
      )
    );
    expect(overflow).toBe(false);
    await page.close();
  });

  test("on a phone the text reflows and only the tables scroll sideways", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await page.setContent(renderHtml(randomConsistentReport("2021", 21)));
    await page.screenshot({ path: join(ARTIFACTS, "html-2021-phone.png"), fullPage: true });
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    await page.close();
  });

  test("prints on A4 without splitting rows", async () => {
    const page = await browser.newPage();
    await page.setContent(renderHtml(randomConsistentReport("2021", 21)));
    const file = join(ARTIFACTS, "html-2021-print.pdf");
    await page.pdf({ path: file, preferCSSPageSize: true });
    const pages = pdfPages(file);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(6);
    previewPages(file, join(ARTIFACTS, "html-2021-print"));
    await page.close();
  });
});
