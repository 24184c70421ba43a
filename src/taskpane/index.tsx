/**
 * Entry of the task pane. It holds no React and compiles to ES5 (webpack.config.js), so that the IE11 and
 * Edge Legacy webviews can parse it and show what still works there; everywhere else it loads the pane
 * (mount.tsx, a separate chunk) while Office starts, and mounts it once Office is ready.
 */
import { isLegacyWebview, showLegacyMessage, showLoadFailure } from "./legacy";

type Pane = typeof import("./mount.js");

// Fetched at once rather than after Office.onReady: the chunk downloads while Office starts up.
// ".js": Node16 resolution wants the extension on import(); webpack maps it back to mount.tsx.
const loading: Promise<Pane> | undefined = isLegacyWebview(navigator.userAgent)
  ? undefined
  : import(/* webpackChunkName: "pane" */ "./mount.js");
// Handled here too, so that a failed download waiting for Office is not reported as unhandled.
loading?.catch(() => undefined);

Office.onReady(() => {
  const root = document.getElementById("root");
  if (!root) return;
  if (!loading) {
    showLegacyMessage(root);
    return;
  }
  loading.then(
    (pane) => pane.mount(root),
    (error: unknown) => showLoadFailure(root, String((error as Error)?.message ?? error))
  );
});
