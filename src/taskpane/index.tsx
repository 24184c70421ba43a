/**
 * Entry of the task pane. It holds no React and compiles to ES5 (webpack.config.js), so that the IE11 and
 * Edge Legacy webviews can parse it and show what still works there; everywhere else it loads the pane
 * (mount.tsx, a separate chunk) once Office is ready.
 */
import { isLegacyWebview, showLegacyMessage, showLoadFailure } from "./legacy";

Office.onReady(() => {
  const root = document.getElementById("root");
  if (!root) return;
  if (isLegacyWebview(navigator.userAgent)) {
    showLegacyMessage(root);
    return;
  }
  // ".js": Node16 resolution wants the extension on import(); webpack maps it back to mount.tsx.
  import(/* webpackChunkName: "pane" */ "./mount.js").then(
    (pane) => pane.mount(root),
    (error: unknown) => showLoadFailure(root, String((error as Error)?.message ?? error))
  );
});
