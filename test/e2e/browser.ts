/**
 * Shared by the browser tests and `npm run bench`: building the production pane and the workbench, and
 * Debian's Chromium driven by playwright-core (no browser download). A page fails its test on any console
 * error, page error or failed request, in the workbench or in the pane's iframe.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Sim } from "../../dev/excel-sim";
import { launchChromiumAt } from "../support/chromium";

declare global {
  interface Window {
    /** The workbench's simulated Excel (dev/workbench/workbench.tsx), for tests that act on it directly. */
    __nianbaoSim?: Sim;
  }
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);
export const SKIP_REASON = `${CHROMIUM} not found (Debian's chromium; .ci/run installs it)`;

export function launchChromium(): Promise<Browser> {
  return launchChromiumAt(CHROMIUM);
}

const run = promisify(execFile);

/**
 * Builds with the project's own configs: the production pane (webpack.config.js, as deployed) into
 * `<out>/dist` and the workbench into `<out>/dist-workbench`, so a test never races other builds of dist/.
 */
export async function buildWorkbench(
  root: string,
  out: string,
  /** Build settings, e.g. PLATFORM_URL, on top of this process's environment. */
  settings: Record<string, string> = {}
): Promise<{ dist: string; workbench: string }> {
  const dist = join(out, "dist");
  const workbench = join(out, "dist-workbench");
  const webpack = join(root, "node_modules/webpack/bin/webpack.js");
  // office.js beside the pane, as on a network without internet: no test needs Microsoft's CDN
  const opts = {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, OFFICE_JS: "local", ...settings },
  };
  await Promise.all([
    run(process.execPath, [webpack, "--mode", "production", "--output-path", dist], opts),
    run(
      process.execPath,
      [webpack, "--config", "dev/workbench/webpack.config.js", "--output-path", workbench],
      opts
    ),
  ]);
  return { dist, workbench };
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and failed requests seen so far. */
  problems: string[];
}

export interface OpenOptions {
  /** Run in every frame before the page's own scripts (Playwright's `addInitScript`). */
  init?: () => void;
  /**
   * Milliseconds to wait on a blank page before going to `url`: a new headless window goes on starting up
   * (Chromium loads its own omnibox pages) for a while, which a timing of the page should not include.
   */
  settleMs?: number;
}

export async function openPage(
  browser: Browser,
  url: string,
  options: OpenOptions = {}
): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    locale: "zh-CN",
  });
  if (options.init) await context.addInitScript(options.init);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) =>
    problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`)
  );
  if (options.settleMs) await page.waitForTimeout(options.settleMs);
  await page.goto(url);
  return { context, page, problems };
}

/** Runs `fn` on the workbench's simulated Excel in the page (`fn` is sent as source: no closures). */
export function simEval<T, A>(page: Page, fn: (sim: Sim, arg: A) => T, arg: A): Promise<T> {
  return page.evaluate(
    ({ source, a }) => {
      const f = new Function(`return (${source})`)() as (sim: Sim, arg: unknown) => T;
      return f(window.__nianbaoSim!, a);
    },
    { source: fn.toString(), a: arg as unknown }
  );
}

/** Retries `check` (assertions) until it passes or `timeout` ms have gone; then throws its last error. */
export async function eventually(check: () => Promise<void>, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
