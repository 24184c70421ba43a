/**
 * Builds the task pane and the ribbon's command page into dist/.
 *
 *   npx webpack --mode production     dist/ for deployment (ADDIN_PUBLIC_URL=https://… rewrites the manifest;
 *                                     PLATFORM_URL=https://… enables 提交到平台, see scripts/deployment.js)
 *   npx webpack serve --mode development   https://localhost:3000 with the Office dev certificates
 *   OFFICE_JS=local npx webpack …          office.js from the @microsoft/office-js package, beside the pane
 *                                          (for networks without internet), instead of Microsoft's CDN
 *
 * No polyfills: the IE11 / Edge Legacy webviews are detected and shown a message by an ES5 entry, and the
 * pane itself is a separate chunk they never load.
 */

const path = require("node:path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { DefinePlugin } = require("webpack");
const { deploymentManifest, platformUrlFrom, publicUrlFrom } = require("./scripts/deployment");

const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** office.js and what it loads for Excel, in every language; other hosts and debug builds are left out. */
const OFFICE_JS_LOCAL = {
  from: "node_modules/@microsoft/office-js/dist",
  to: "office-js",
  // already minified by Microsoft: Terser would spend minutes on 19 MB for nothing
  info: { minimized: true },
  globOptions: {
    ignore: ["**/*.debug.js", "**/{outlook,word,powerpoint,project,onenote,access}*"],
  },
};
/** Blank self-checking templates for the old webviews (legacy.ts links to them). */
const LEGACY_TEMPLATES = require("./src/taskpane/legacy-templates.json");
/** Compiled to ES5 so the old webviews can parse them (webpack's own runtime follows `target`). */
const ES5_FILES = [
  "src/taskpane/index.tsx",
  "src/taskpane/legacy.ts",
  "src/commands/commands.ts",
].map((f) => path.resolve(__dirname, f));
/** Never in the bundle: development and test code, and HyperFormula (GPL, a development dependency). */
function isForbidden(resource) {
  const parts = path.relative(__dirname, resource).split(path.sep);
  return (
    parts[0] === "dev" ||
    parts[0] === "test" ||
    parts.some((part, i) => part === "hyperformula" && parts[i - 1] === "node_modules")
  );
}

const tsLoader = (instance, target) => ({
  loader: "ts-loader",
  options: {
    instance,
    transpileOnly: true,
    compilerOptions: {
      module: "esnext",
      moduleResolution: "bundler",
      ...(target ? { target } : {}),
    },
  },
});

/** Fails the build if a forbidden module gets in, instead of shipping it. */
class ForbiddenModulesPlugin {
  apply(compiler) {
    compiler.hooks.compilation.tap("ForbiddenModulesPlugin", (compilation) => {
      compilation.hooks.finishModules.tap("ForbiddenModulesPlugin", (modules) => {
        for (const m of modules) {
          if (m.resource && isForbidden(m.resource)) {
            compilation.errors.push(
              new Error(`forbidden module in the bundle: ${path.relative(__dirname, m.resource)}`)
            );
          }
        }
      });
    });
  }
}

/**
 * Lists the pane's chunks (the `import("./mount.js")` of the entry) in taskpane.html as
 * <link rel="preload" as="script">: the browser fetches them while it parses the page, before office.js and
 * the entry have run, instead of after. The old webviews ignore preload links (the entry never loads the
 * chunks there).
 */
class PreloadPanePlugin {
  apply(compiler) {
    const name = "PreloadPanePlugin";
    compiler.hooks.compilation.tap(name, (compilation) => {
      HtmlWebpackPlugin.getCompilationHooks(compilation).alterAssetTagGroups.tap(name, (data) => {
        if (data.outputName !== "taskpane.html") return data;
        const group = compilation.namedChunkGroups.get("pane");
        if (!group) {
          compilation.errors.push(new Error("taskpane.html: no chunk group named pane to preload"));
          return data;
        }
        const base = data.publicPath;
        const links = group.chunks
          .flatMap((chunk) => [...chunk.files])
          .filter((file) => file.endsWith(".js"))
          .map((file) =>
            HtmlWebpackPlugin.createHtmlTagObject("link", {
              rel: "preload",
              as: "script",
              href: base + file,
            })
          );
        data.headTags.unshift(...links);
        return data;
      });
    });
  }
}

/**
 * Writes the blank templates of LEGACY_TEMPLATES beside the pane with the writer of `nianbao template`
 * (compiled to lib/ by `npm run build:cli`, which `npm run build` runs first). The 2021 format gets the
 * report year of the build (last year): rebuild each year.
 */
class LegacyTemplatesPlugin {
  apply(compiler) {
    const name = "LegacyTemplatesPlugin";
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      const stage = compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL;
      compilation.hooks.processAssets.tapPromise({ name, stage }, async () => {
        let writer;
        try {
          writer = {
            ...require("./lib/layout/plan"),
            ...require("./lib/xlsx/write-template"),
          };
        } catch {
          compilation.errors.push(new Error("lib/ is missing: run `npm run build:cli` first"));
          return;
        }
        const reportYear = Math.max(2021, new Date().getFullYear() - 1);
        for (const t of LEGACY_TEMPLATES) {
          const plan = writer.layoutPlan({
            format: t.format,
            year: t.year ?? reportYear,
            agency: "",
          });
          const bytes = await writer.writeTemplate(plan);
          compilation.emitAsset(t.file, new compiler.webpack.sources.RawSource(Buffer.from(bytes)));
        }
      });
    });
  }
}

module.exports = async (env, argv) => {
  const production = argv.mode === "production";
  const serving = Boolean(env.WEBPACK_SERVE);
  const url = publicUrlFrom(process.env.ADDIN_PUBLIC_URL, production);
  const platformUrl = platformUrlFrom(process.env.PLATFORM_URL);
  const localOfficeJs = process.env.OFFICE_JS === "local";
  return {
    // ES5 runtime for the entry chunks; the pane chunk is modern code and never reaches the old webviews.
    target: ["web", "es5"],
    devtool: production ? "source-map" : "eval-cheap-module-source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      chunkFilename: production ? "[name].[contenthash:8].js" : "[name].js",
      // Relative to the page, so the add-in can be served from any folder of ADDIN_PUBLIC_URL.
      publicPath: "",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // Node16-style imports name ".js" for a .ts/.tsx source.
      extensionAlias: { ".js": [".ts", ".tsx", ".js"] },
    },
    module: {
      rules: [
        { test: /\.tsx?$/, include: ES5_FILES, use: tsLoader("es5", "es5") },
        { test: /\.tsx?$/, exclude: [/node_modules/, ...ES5_FILES], use: tsLoader("modern") },
      ],
    },
    optimization: {
      splitChunks: {
        cacheGroups: {
          // pdfjs-dist in a chunk of its own, loaded only when a PDF is chosen (outside the pane's budget)
          pdfjs: {
            test: /[\\/]node_modules[\\/]pdfjs-dist[\\/]/,
            name: "pdf-reader-pdfjs",
            chunks: "async",
            priority: 20,
            enforce: true,
          },
          // What reading a chosen file takes, where several on-demand chunks share it (the readers' common
          // parts, the report JSON reader and its validator, the unzipper, the controls that choose a file
          // and confirm what it writes): one chunk, since a panel that reads one kind of file may be given
          // any other, and one chunk costs less than many small ones.
          fileReading: {
            test: /[\\/](src[\\/](import|xlsx|report|taskpane)|node_modules[\\/](jsonschema|fflate))[\\/]/,
            name: "file-reading",
            chunks: "async",
            minChunks: 2,
            minSize: 0,
            reuseExistingChunk: true,
          },
          // Any other module that several on-demand chunks share (the grid, Fluent UI's text area): one
          // copy however small, where webpack's defaults copy it into each below 20 KB. Only lazy chunks
          // share these, so what loads first is unchanged.
          shared: {
            chunks: "async",
            minChunks: 2,
            minSize: 0,
            priority: -1,
            reuseExistingChunk: true,
          },
        },
      },
    },
    performance: {
      // The pane chunk is React + Fluent UI; the budget (350 KB gzipped) is checked by hand, see README.
      hints: false,
    },
    plugins: [
      new ForbiddenModulesPlugin(),
      // The platform the pane submits to (src/taskpane/platform-url.ts); "" when there is none.
      new DefinePlugin({ __PLATFORM_URL__: JSON.stringify(platformUrl ?? "") }),
      new LegacyTemplatesPlugin(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        templateParameters: { officeJs: localOfficeJs ? "office-js/office.js" : OFFICE_JS_CDN },
      }),
      new PreloadPanePlugin(),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
        templateParameters: { officeJs: localOfficeJs ? "office-js/office.js" : OFFICE_JS_CDN },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/icon-*.png", to: "assets/[name][ext]" },
          { from: "assets/logo*.png", to: "assets/[name][ext]" },
          ...(localOfficeJs ? [OFFICE_JS_LOCAL] : []),
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) =>
              deploymentManifest(content.toString(), { publicUrl: url, platformUrl }),
          },
        ],
      }),
    ],
    // Certificates only when serving: a production build must not need (or install) them.
    ...(serving && {
      devServer: {
        port: 3000,
        headers: { "Access-Control-Allow-Origin": "*" },
        server: {
          type: "https",
          options: await require("office-addin-dev-certs").getHttpsServerOptions(),
        },
      },
    }),
  };
};
