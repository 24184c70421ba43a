/**
 * The workbench page only (development tool; never referenced by the production webpack.config.js):
 * dev/workbench/workbench.tsx with the simulated Excel (HyperFormula, GPL) into dist-workbench/.
 *
 *   npx webpack --config dev/workbench/webpack.config.js
 *
 * The task pane beside it is the production build in dist/, served unchanged but for office.js.
 */
const path = require("node:path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const ROOT = path.resolve(__dirname, "../..");

module.exports = (_env, argv) => ({
  mode: argv.mode || "production",
  context: ROOT,
  target: "web",
  devtool: "source-map",
  entry: { workbench: path.join(__dirname, "workbench.tsx") },
  output: {
    path: path.join(ROOT, "dist-workbench"),
    filename: "workbench/[name].js",
    publicPath: "/",
    clean: true,
  },
  resolve: {
    extensions: [".ts", ".tsx", ".js"],
    extensionAlias: { ".js": [".ts", ".tsx", ".js"] },
  },
  module: {
    rules: [
      {
        test: /\.tsx?$/,
        exclude: /node_modules/,
        use: {
          loader: "ts-loader",
          options: {
            transpileOnly: true,
            compilerOptions: { module: "esnext", moduleResolution: "bundler", target: "es2021" },
          },
        },
      },
    ],
  },
  optimization: {
    splitChunks: {
      cacheGroups: {
        // HyperFormula and its parser library, three quarters of the page's script, in a script of its own:
        // the browser compiles each script on its own thread while it arrives, so the page starts sooner.
        // One script, not more: the pane's frame loads from the same server at the same time, and a browser
        // opens only six connections to one server.
        engine: {
          test: /[\\/]node_modules[\\/](?!(react|react-dom|scheduler)[\\/])/,
          name: "engine",
          chunks: "all",
          enforce: true,
        },
      },
    },
  },
  performance: { hints: false },
  plugins: [
    new HtmlWebpackPlugin({
      filename: "workbench.html",
      template: path.join(__dirname, "workbench.html"),
    }),
    new CopyWebpackPlugin({
      patterns: [
        { from: path.join(__dirname, "office-bridge.js"), to: "workbench/office-bridge.js" },
      ],
    }),
  ],
});
