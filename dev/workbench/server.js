/**
 * The workbench's server: plain Node `http`, no dependency, on 127.0.0.1 only.
 *
 *   /                   the workbench page (dist-workbench/workbench.html)
 *   /workbench/…        the workbench's own scripts (dist-workbench/workbench/…)
 *   /taskpane.html      the production task pane (dist/taskpane.html) with ONE change: Microsoft's office.js
 *                       <script> is replaced by /workbench/office-bridge.js, which borrows the parent
 *                       page's simulated Excel; nothing is fetched from outside the machine
 *   everything else     dist/ (the production build, untouched)
 *
 *   node dev/workbench/server.js      PORT=3000 by default; a free port when that one is taken
 */
const http = require("node:http");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "../..");
/**
 * The office.js tag, quoted or not (html-webpack-plugin minifies the production page): Microsoft's CDN, or
 * the copy beside the pane of an OFFICE_JS=local build.
 */
const OFFICE_JS =
  /<script\b[^>]*\bsrc=["']?(?:https:\/\/appsforoffice\.microsoft\.com\/[^"'\s>]*|office-js\/office\.js)["']?[^>]*>\s*<\/script>/i;
const BRIDGE = '<script src="/workbench/office-bridge.js"></script>';

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".woff2": "font/woff2",
};

/** Replaces the office.js tag; throws when there is none, so the pane never runs without the bridge. */
function rewriteTaskpane(html) {
  if (!OFFICE_JS.test(html)) {
    throw new Error(
      "taskpane.html has no office.js <script> (Microsoft's CDN or office-js/office.js) to replace"
    );
  }
  return html.replace(OFFICE_JS, BRIDGE);
}

/** The file under `root` that `urlPath` names, or null when it would leave `root`. */
function inside(root, urlPath) {
  const file = path.resolve(root, "." + urlPath);
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

function route(pathname, dirs) {
  if (pathname === "/" || pathname === "/index.html" || pathname === "/workbench.html")
    return { file: path.join(dirs.workbench, "workbench.html") };
  if (pathname.startsWith("/workbench/")) return { file: inside(dirs.workbench, pathname) };
  if (pathname === "/favicon.ico") return { file: path.join(dirs.dist, "assets", "icon-32.png") };
  return { file: inside(dirs.dist, pathname), rewrite: pathname === "/taskpane.html" };
}

function createHandler(dirs) {
  return (req, res) => {
    const send = (status, body, type = "text/plain; charset=utf-8") => {
      res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "method not allowed\n");
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    } catch {
      return send(400, "bad request\n");
    }
    if (pathname.includes("\0")) return send(400, "bad request\n");
    const { file, rewrite } = route(pathname, dirs);
    if (!file) return send(403, "forbidden\n");
    fs.stat(file, (statError, stat) => {
      if (statError || !stat.isFile()) return send(404, `not found: ${pathname}\n`);
      const type = TYPES[path.extname(file).toLowerCase()] || "application/octet-stream";
      if (rewrite) {
        fs.readFile(file, "utf8", (readError, html) => {
          if (readError) return send(500, String(readError));
          try {
            send(200, rewriteTaskpane(html), type);
          } catch (error) {
            send(500, `${error.message}\n`);
          }
        });
        return;
      }
      res.writeHead(200, {
        "Content-Type": type,
        "Content-Length": stat.size,
        "Cache-Control": "no-store",
      });
      if (req.method === "HEAD") return res.end();
      fs.createReadStream(file).pipe(res);
    });
  };
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    const onError = (error) => {
      server.off("listening", onListening);
      reject(error);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve(server.address().port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, "127.0.0.1");
  });
}

/**
 * Starts the server. `port`: default PORT or 3000; when taken, a free port. `dist` / `workbench`: the
 * folders served (default dist/ and dist-workbench/ of the project).
 */
async function startServer(options = {}) {
  const dirs = {
    dist: path.resolve(options.dist || path.join(ROOT, "dist")),
    workbench: path.resolve(options.workbench || path.join(ROOT, "dist-workbench")),
  };
  for (const [what, file] of [
    ["the production build (npm run build)", path.join(dirs.dist, "taskpane.html")],
    ["the workbench build (npm run build:workbench)", path.join(dirs.workbench, "workbench.html")],
  ]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: build ${what} first`);
  }
  const server = http.createServer(createHandler(dirs));
  const wanted = options.port ?? (process.env.PORT ? Number(process.env.PORT) : 3000);
  let port;
  try {
    port = await listen(server, wanted);
  } catch (error) {
    if (error.code !== "EADDRINUSE" && error.code !== "EACCES") throw error;
    port = await listen(server, 0);
  }
  const url = `http://127.0.0.1:${port}/`;
  return { server, port, url, close: () => new Promise((r) => server.close(() => r())) };
}

module.exports = { startServer, rewriteTaskpane };

if (require.main === module) {
  startServer().then(
    ({ url }) => process.stdout.write(`工作台已启动：${url}  (workbench ready)\n`),
    (error) => {
      process.stderr.write(`workbench: ${error.message}\n`);
      process.exit(1);
    }
  );
}
