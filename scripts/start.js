/**
 * `npm start`: where Excel can run (Windows, Mac) and office-addin-debugging is installed, sideloads the
 * add-in into Excel desktop (as `npm run start:desktop`). Elsewhere, builds the production task pane into
 * dist/ and the workbench into dist-workbench/, serves the workbench on 127.0.0.1, prints its address and
 * opens it in a browser when there is a desktop (not when NIANBAO_NO_OPEN=1 or CI is set).
 *
 *   node scripts/start.js              as above
 *   node scripts/start.js --desktop    always sideload into Excel desktop
 *   node scripts/start.js --workbench  always the workbench, on any system
 *
 * PLATFORM_URL=http://127.0.0.1:8080/ npm start: the pane submits to a local `nianbao serve` (see README).
 */
const { spawn, spawnSync } = require("node:child_process");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const args = process.argv.slice(2);
const desktopOnly = args.includes("--desktop");
const workbenchOnly = args.includes("--workbench");

function hasDebugging() {
  try {
    require.resolve("office-addin-debugging/package.json", { paths: [ROOT] });
    return true;
  } catch {
    return false;
  }
}

/** office-addin-debugging starts `npm run dev-server` and Excel with the manifest sideloaded. */
function sideload() {
  if (!hasDebugging()) {
    process.stderr.write(
      "office-addin-debugging 未安装（可选依赖），无法旁加载到 Excel。\n" +
        "office-addin-debugging is not installed (an optional dependency): cannot sideload into Excel.\n"
    );
    return 1;
  }
  const result = spawnSync("npx", ["office-addin-debugging", "start", "manifest.xml", "desktop"], {
    cwd: ROOT,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  return result.status ?? 1;
}

/** The workbench needs no internet: its pane is built with office.js beside it (OFFICE_JS=local). */
function webpack(configArgs) {
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, "node_modules/webpack/bin/webpack.js"), ...configArgs],
    {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, OFFICE_JS: "local" },
    }
  );
  if (result.status !== 0) {
    process.stderr.write(`构建失败 · build failed: webpack ${configArgs.join(" ")}\n`);
    process.exit(result.status ?? 1);
  }
}

function openBrowser(url) {
  if (process.env.NIANBAO_NO_OPEN === "1" || process.env.CI) return;
  const command =
    process.platform === "win32"
      ? ["cmd", ["/c", "start", "", url]]
      : process.platform === "darwin"
        ? ["open", [url]]
        : process.env.DISPLAY || process.env.WAYLAND_DISPLAY
          ? ["xdg-open", [url]]
          : undefined;
  if (!command) return;
  try {
    const child = spawn(command[0], command[1], { stdio: "ignore", detached: true });
    child.on("error", () => undefined); // no browser: the printed address is enough
    child.unref();
  } catch {
    // ignore: the address is printed
  }
}

async function workbench() {
  process.stdout.write("构建任务窗格与工作台… (building the task pane and the workbench)\n");
  webpack(["--mode", "production"]);
  webpack(["--config", "dev/workbench/webpack.config.js"]);
  const { startServer } = require("../dev/workbench/server.js");
  const { url } = await startServer();
  process.stdout.write(`工作台已启动：${url}  (workbench ready)\n`);
  const platform = process.env.PLATFORM_URL;
  if (platform) {
    // The service must allow the workbench's origin (CORS), which is only known now.
    const origin = new URL(url).origin;
    process.stdout.write(
      `提交到平台：${platform}（该服务须允许本工作台的源：nianbao serve --addin-origin ${origin}）\n`
    );
  }
  process.stdout.write("按 Ctrl+C 停止 (Ctrl+C to stop)\n");
  openBrowser(url);
}

function main() {
  const excelHere = process.platform === "win32" || process.platform === "darwin";
  if (desktopOnly || (!workbenchOnly && excelHere && hasDebugging())) {
    const status = sideload();
    if (status !== 0) {
      process.stderr.write(
        "旁加载未成功。没有 Excel 时可使用本地工作台：npm run workbench\n" +
          "Sideloading did not succeed. Without Excel, use the local workbench: npm run workbench\n"
      );
    }
    process.exitCode = status;
    return;
  }
  workbench().catch((error) => {
    process.stderr.write(`workbench: ${error.message}\n`);
    process.exit(1);
  });
}

main();
