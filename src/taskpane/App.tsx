/**
 * The task pane's layout. Every command and all state live in the PaneController (controller.ts), which
 * talks only to a SpreadsheetHost (never to Office.js); this component lays out its state and passes the
 * user's clicks to it. What is not needed on the first screen is loaded on demand.
 */
import { lazy, Suspense, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { SpreadsheetHost } from "../excel/host";
import { BindingProblems } from "./BindingProblems";
import { CapabilityNotice } from "./CapabilityNotice";
import { PaneController } from "./controller";
import { canDownload } from "./exporting";
import { FindingGroups, FindingList } from "./FindingsList";
import { STRINGS, type Lang } from "./i18n";
import { InsertForm } from "./InsertForm";
import { useMoreActions } from "./MoreActions";
import { describeError } from "./operations";
import { PaneContext } from "./pane-context";
import { Summary } from "./Summary";
import type { SubmitSettings } from "./SubmitPanel";

// Loaded on demand, after the first screen: export (with the HTML renderer), submission, import, last
// year's report, and compiling (with its table).
const ExportPanel = lazy(() =>
  import("./ExportPanel.js").then((m) => ({ default: m.ExportPanel }))
);
const SubmitPanel = lazy(() =>
  import("./SubmitPanel.js").then((m) => ({ default: m.SubmitPanel }))
);
const ImportPanel = lazy(() =>
  import("./ImportPanel.js").then((m) => ({ default: m.ImportPanel }))
);
const PreviousPanel = lazy(() =>
  import("./PreviousPanel.js").then((m) => ({ default: m.PreviousPanel }))
);
const AggregatePanel = lazy(() =>
  import("./AggregatePanel.js").then((m) => ({ default: m.AggregatePanel }))
);

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalM,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground1,
  },
  header: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  headerRow: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  title: {
    margin: 0,
    flexGrow: 1,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  headerButton: { whiteSpace: "nowrap", flexShrink: 0 },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

interface AppProps {
  host: SpreadsheetHost;
  lang: Lang;
  /** Office.context.platform: whether a Blob download can work in this webview. */
  platform?: string;
  /** The platform to submit to (build setting PLATFORM_URL); without it there is no submit panel. */
  submitTo?: SubmitSettings;
}

export function App({ host, lang: initialLang, platform, submitTo }: AppProps) {
  const styles = useStyles();
  const [lang, setLang] = useState(initialLang);
  const t = STRINGS[lang];
  const controller = useMemo(() => new PaneController(host), [host]);
  useEffect(() => {
    void controller.start();
    return () => controller.dispose();
  }, [controller]);
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  const caps = useMemo(() => host.capabilities(), [host]);
  const [blanksShown, setBlanksShown] = useState(false);
  const pane = useMemo(() => ({ controller, state, t, lang }), [controller, state, t, lang]);

  useEffect(() => {
    document.documentElement.lang = t.htmlLang;
  }, [t]);

  const { busy, opError, repairOutcome } = state;
  const validate = () => void controller.validate();
  const repair = () => void controller.repair();
  const workbook = state.workbook;
  const template = workbook?.kind === "template" ? workbook : undefined;
  const manualValidation = !caps.changeEvents || state.watchError !== undefined;
  const more = useMoreActions({
    t,
    repairDisabled: !workbook || workbook.kind === "none" || busy.has("repair"),
    onValidate: validate,
    onRepair: repair,
  });

  return (
    <PaneContext.Provider value={pane}>
      <main className={styles.root} lang={t.htmlLang}>
        <header className={styles.header}>
          <div className={styles.headerRow}>
            <h1 className={styles.title}>{t.appTitle}</h1>
            <Button
              className={styles.headerButton}
              size="small"
              appearance="subtle"
              aria-label={t.otherLanguageLabel}
              onClick={() => setLang(lang === "zh" ? "en" : "zh")}
            >
              {t.otherLanguage}
            </Button>
            {more.toggle}
          </div>
          {more.actions}
        </header>

        <CapabilityNotice t={t} caps={caps} />
        {state.watchError !== undefined && caps.changeEvents && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{t.watchFailed}</MessageBarBody>
          </MessageBar>
        )}
        {opError && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              {t.failed(t.ops[opError.op], describeError(opError.error, t))}
            </MessageBarBody>
            <MessageBarActions>
              <Button size="small" onClick={() => controller.dismissError()}>
                {t.dismiss}
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {state.readError !== undefined && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>{t.readFailed(describeError(state.readError, t))}</MessageBarBody>
          </MessageBar>
        )}
        {(manualValidation || state.readError !== undefined) && workbook?.kind !== "none" && (
          <div>
            <Button
              onClick={validate}
              disabled={busy.has("validate")}
              icon={busy.has("validate") ? <Spinner size="tiny" /> : undefined}
            >
              {t.validateNow}
            </Button>
          </div>
        )}

        {workbook === undefined && state.readError === undefined && <Spinner label={t.loading} />}

        {workbook?.kind === "none" && (
          <InsertForm
            t={t}
            inserting={busy.has("insert")}
            opening={busy.has("open")}
            onInsert={(request) => controller.insert(request)}
            onOpen={() => void controller.select("/narrative/overview", "open")}
          />
        )}

        {workbook?.kind === "unreadable" && (
          <BindingProblems
            t={t}
            title={t.unreadableTitle}
            intro={lang === "en" ? workbook.messageEn : workbook.message}
            problems={workbook.problems}
            repairing={busy.has("repair")}
            outcome={repairOutcome}
            onRepair={repair}
          />
        )}

        {template && state.checked && (
          <>
            {template.problems.length > 0 && (
              <BindingProblems
                t={t}
                title={t.problemsTitle}
                intro={t.problemsIntro}
                problems={template.problems}
                repairing={busy.has("repair")}
                outcome={repairOutcome}
                onRepair={repair}
              />
            )}
            <Summary
              t={t}
              info={t.sheetInfo(
                template.sheetName,
                template.report.format,
                template.report.year,
                template.report.agency
              )}
              counts={state.checked.counts}
              reading={state.reading}
              filling={busy.has("fillBlanks")}
              blanksShown={blanksShown}
              onToggleBlanks={() => setBlanksShown(!blanksShown)}
              lang={lang}
              leftBlank={state.checked.leftBlank}
              onFillBlanks={() => void controller.fillBlanks()}
            />
            {blanksShown && state.checked.blanks.length > 0 && (
              <section className={styles.section} aria-labelledby="nb-blanks-title">
                <h2 id="nb-blanks-title" className={styles.heading}>
                  {t.blanksTitle}
                </h2>
                <FindingList
                  findings={state.checked.blanks}
                  labelledBy="nb-blanks-title"
                  template={template}
                />
              </section>
            )}
            <section className={styles.section} aria-labelledby="nb-findings-title">
              <h2 id="nb-findings-title" className={styles.heading}>
                {t.findingsTitle}
              </h2>
              {state.checked.groups.length > 0 ? (
                <FindingGroups groups={state.checked.groups} template={template} />
              ) : (
                <div>{t.noFindings}</div>
              )}
            </section>
            <Suspense fallback={<Spinner size="tiny" label={t.loading} />}>
              <ExportPanel template={template} downloads={canDownload(platform)} />
              {submitTo && (
                <SubmitPanel
                  {...submitTo}
                  {...{ t, lang, host, template }}
                  checked={state.checked}
                  prepare={() => controller.refresh()}
                />
              )}
              <ImportPanel />
              <PreviousPanel template={template} />
              <AggregatePanel template={template} />
            </Suspense>
          </>
        )}
      </main>
    </PaneContext.Provider>
  );
}
