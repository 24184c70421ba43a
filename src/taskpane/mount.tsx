/** Creates the Excel host and renders the pane in Fluent's light theme, in Office's display language. */
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createExcelHost } from "../excel/excel-host";
import { App } from "./App";
import { langFromDisplayLanguage } from "./i18n";
import { PLATFORM_URL } from "./platform-url";

export function mount(root: HTMLElement): void {
  const host = createExcelHost();
  const lang = langFromDisplayLanguage(Office.context.displayLanguage);
  createRoot(root).render(
    <FluentProvider theme={webLightTheme}>
      <App
        host={host}
        lang={lang}
        platform={String(Office.context.platform)}
        submitTo={PLATFORM_URL ? { url: PLATFORM_URL } : undefined}
      />
    </FluentProvider>
  );
}
