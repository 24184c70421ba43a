/** @jest-environment jsdom */
import "./jsdom-setup";
import { isLegacyWebview } from "../../src/taskpane/legacy";

// The entry imports the pane as "./mount.js" (Node16 style); jest resolves it from this path.
const mount = jest.fn();
/** How many times the pane's module was loaded. */
let loads = 0;
jest.mock(
  "../../src/taskpane/mount.js",
  () => {
    loads++;
    return { mount };
  },
  { virtual: true }
);

const IE11 =
  "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; ms-office; MSOffice 16) like Gecko";
const EDGE_LEGACY =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041";
const WEBVIEW2 =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36 Edg/128.0.0.0";
const WKWEBVIEW =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)";

test("IE11 and Edge Legacy are recognised; WebView2 and WKWebView are not", () => {
  expect(isLegacyWebview(IE11)).toBe(true);
  expect(isLegacyWebview(EDGE_LEGACY)).toBe(true);
  expect(isLegacyWebview(WEBVIEW2)).toBe(false);
  expect(isLegacyWebview(WKWEBVIEW)).toBe(false);
});

async function startEntry(
  userAgent: string,
  onReady: (callback: () => void) => void = (callback) => callback()
) {
  Object.defineProperty(navigator, "userAgent", { configurable: true, value: userAgent });
  document.body.innerHTML = '<div id="root"></div>';
  Object.assign(globalThis, { Office: { onReady } });
  jest.isolateModules(() => require("../../src/taskpane/index"));
  await new Promise((resolve) => setTimeout(resolve, 0));
  return document.getElementById("root")!;
}

beforeEach(() => {
  // the entry's import() may resolve outside isolateModules: a fresh registry loads the pane again
  jest.resetModules();
  mount.mockClear();
  loads = 0;
});

test("in the old webview the entry explains in Chinese what still works, without loading the pane", async () => {
  const root = await startEntry(IE11);
  expect(root.textContent).toContain("本任务窗格无法在其中运行");
  const links = [...root.querySelectorAll("a")].map((a) => [a.getAttribute("href"), a.textContent]);
  expect(links).toEqual([
    ["templates/nianbao-2021.xlsx", "下载空白年报模板：2021 版格式（2021 年度起）"],
    ["templates/nianbao-2019.xlsx", "下载空白年报模板：2019 版格式（2019、2020 年度）"],
  ]);
  expect(root.textContent).toContain("下载后用 Excel 打开，在黄色单元格中填写");
  expect(root.textContent).toContain("nianbao validate");
  expect(mount).not.toHaveBeenCalled();
  expect(loads).toBe(0);
});

test("elsewhere the entry mounts the pane into the root", async () => {
  const root = await startEntry(WEBVIEW2);
  expect(mount).toHaveBeenCalledWith(root);
});

test("the pane loads while Office starts, and is mounted only once Office is ready", async () => {
  let ready: (() => void) | undefined;
  const root = await startEntry(WEBVIEW2, (callback) => {
    ready = callback;
  });
  expect(loads).toBe(1);
  expect(mount).not.toHaveBeenCalled();
  ready!();
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(mount).toHaveBeenCalledWith(root);
});
