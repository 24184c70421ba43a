/**
 * The header's "More" button: a plain button until first used, then the menu (MoreMenu, loaded on demand)
 * opened in its place. Hovering or focusing it starts the load, so the menu is there by the click.
 */
import { lazy, Suspense, useState } from "react";
import { Button } from "@fluentui/react-components";
import type { MoreMenuProps } from "./MoreMenu";

const loadMenu = () => import("./MoreMenu.js");
const MoreMenu = lazy(() => loadMenu().then((m) => ({ default: m.MoreMenu })));

export function MoreButton(props: MoreMenuProps) {
  const [wanted, setWanted] = useState(false);
  const button = (
    <Button
      className={props.className}
      size="small"
      appearance="subtle"
      aria-haspopup="menu"
      aria-expanded={false}
      disabled={wanted}
      onPointerEnter={() => void loadMenu()}
      onFocus={() => void loadMenu()}
      onClick={() => setWanted(true)}
    >
      {props.t.more}
    </Button>
  );
  if (!wanted) return button;
  return (
    <Suspense fallback={button}>
      <MoreMenu {...props} />
    </Suspense>
  );
}
