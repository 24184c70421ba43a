/**
 * `npm start` on a machine without Excel: it builds, serves the workbench and prints the address; headless
 * Chromium loading that address sees the task pane and the grid, and the workbench's language menu and
 * reload button load the pane again (the pane's frame is in the page from the start, not drawn by React).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { hasChromium, launchChromium, openPage, SKIP_REASON } from "./browser";

const ROOT = join(__dirname, "../..");
const READY = /工作台已启动：(http:\/\/127\.0\.0\.1:\d+\/)/;

const startable = hasChromium && process.platform === "linux";
if (!hasChromium) process.stdout.write(`npm start browser test skipped: ${SKIP_REASON}\n`);
const maybe = startable ? test : test.skip;

let child: ChildProcess | undefined;
afterAll(() => {
  // npm and the node it started form one process group (detached), ended together
  if (child?.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
});

maybe(
  "npm start serves the workbench; Chromium sees the pane and the grid; the pane reloads on demand",
  async () => {
    child = spawn("npm", ["start"], {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NIANBAO_NO_OPEN: "1", PORT: "0" },
    });
    let output = "";
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no address after 240 s:\n${output}`)),
        240_000
      );
      const seen = (chunk: Buffer) => {
        output += chunk.toString();
        const m = READY.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child!.stdout!.on("data", seen);
      child!.stderr!.on("data", seen);
      child!.on("exit", (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
    });
    const browser = await launchChromium();
    try {
      const { page, problems } = await openPage(browser, url);
      await page.frameLocator("iframe").getByRole("button", { name: "插入模板" }).waitFor();
      await page.getByTestId("grid").waitFor();
      expect(await page.locator('td[data-address="A1"]').count()).toBe(1);
      expect(await page.getByRole("tab", { name: "Sheet1" }).count()).toBe(1);
      const pane = page.frameLocator("iframe");
      expect(await page.locator("iframe").getAttribute("title")).toBe("任务窗格");

      // another display language: a new pane, in English, beside the same workbook
      await page.getByLabel("显示语言").selectOption("en-US");
      await pane.getByRole("button", { name: "Insert template" }).waitFor();
      expect(await page.locator("iframe").count()).toBe(1);
      expect(await page.locator("iframe").getAttribute("title")).toBe("Task pane");
      expect(new URL(page.url()).searchParams.get("lang")).toBe("en-US");

      // the reload button: a fresh pane, which reads the workbook again
      const syncs = await page.evaluate(() => window.__nianbaoSim!.syncCount);
      await page.getByRole("button", { name: "Reload task pane" }).click();
      await pane.getByRole("button", { name: "Insert template" }).waitFor();
      await page.waitForFunction((n) => window.__nianbaoSim!.syncCount > n, syncs);

      // ?lang= opens the workbench and its pane in that language
      await page.reload();
      await pane.getByRole("button", { name: "Insert template" }).waitFor();
      expect(await page.getByRole("button", { name: "Reload task pane" }).count()).toBe(1);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  },
  300_000
);
