/** What every part of the pane shares: the controller, its state, and the language's strings. */
import { createContext, useContext } from "react";
import type { PaneController, PaneState } from "./controller";
import type { Lang, Strings } from "./i18n";

interface Pane {
  controller: PaneController;
  state: PaneState;
  t: Strings;
  lang: Lang;
}

export const PaneContext = createContext<Pane | undefined>(undefined);

export function usePane(): Pane {
  const pane = useContext(PaneContext);
  if (!pane) throw new Error("usePane() outside the pane's PaneContext");
  return pane;
}
