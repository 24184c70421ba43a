/**
 * The task pane. It talks only to a SpreadsheetHost (never to Office.js), keeps the workbook's state in a
 * PaneController, and turns every host failure into a message in the pane.
 */
import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Finding } from "../checks/types";
import type { InsertRequest, SpreadsheetHost } from "../excel/host";
import type { CellValue } from "../report/model";
import type { Pointer } from "../templates/pointers";
import { AggregatePanel } from "./AggregatePanel";
import { BindingProblems, type RepairOutcome } from "./BindingProblems";
import { CapabilityNotice } from "./CapabilityNotice";
import { blankFillValues, PaneController, type TemplateRead } from "./controller";
import { canDownload } from "./exporting";
import { FindingGroups, FindingList, fixKey, type FindingActions } from "./FindingsList";
import { STRINGS, type Lang } from "./i18n";
import { InsertForm } from "./InsertForm";
import { MoreButton } from "./MoreButton";
import { describeError, useOperations, type OpError } from "./operations";
import { Summary } from "./Summary";
import { SubmitPanel, type SubmitSettings } from "./SubmitPanel";

// Loaded on demand, after the first screen: export (with the HTML renderer), import, last year's report.
const ExportPanel = lazy(() =>
  import("./ExportPanel.js").then((m) => ({ default: m.ExportPanel }))
);
const ImportPanel = lazy(() =>
  import("./ImportPanel.js").then((m) => ({ default: m.ImportPanel }))
);
const PreviousPanel = lazy(() =>
  import("./PreviousPanel.js").then((m) => ({ default: m.PreviousPanel }))
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
  header: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
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

export interface AppProps {
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
  const [opError, setOpError] = useState<OpError>();
  const { busy, run } = useOperations(useCallback((e: OpError) => setOpError(e), []));
  const [repairOutcome, setRepairOutcome] = useState<RepairOutcome>();
  const [blanksShown, setBlanksShown] = useState(false);

  useEffect(() => {
    document.documentElement.lang = t.htmlLang;
  }, [t]);

  const prepare = () => controller.refresh();
  const writeAndRead = async (values: ReadonlyMap<Pointer, CellValue | string>) => {
    await host.write(values);
    // Our own writes may not raise a change event (ExcelApi 1.14 filters them), so read now.
    await controller.refresh();
  };
  const validate = () => run("validate", "validate", prepare);
  const repair = () =>
    run("repair", "repair", async () => {
      setRepairOutcome(undefined);
      setRepairOutcome(await host.repair());
      await controller.refresh();
    });
  const insert = (request: InsertRequest) =>
    run("insert", "insert", async () => {
      const result = await host.insertTemplate(request);
      await controller.refresh();
      return result;
    });

  const workbook = state.workbook;
  const template: TemplateRead | undefined = workbook?.kind === "template" ? workbook : undefined;
  const findingActions: FindingActions | undefined = template && {
    t,
    lang,
    format: template.report.format,
    addresses: template.addresses,
    busy,
    onSelect: (f: Finding) => void run("select", "select", () => host.select(f.cells[0])),
    onFix: (f: Finding) =>
      void run("fix", fixKey(f), () => writeAndRead(new Map([[f.cells[0], f.fix ?? null]]))),
  };
  const manualValidation = !caps.changeEvents || state.watchError !== undefined;

  return (
    <main className={styles.root} lang={t.htmlLang}>
      <header className={styles.header}>
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
        <MoreButton
          t={t}
          className={styles.headerButton}
          repairDisabled={!workbook || workbook.kind === "none" || busy.has("repair")}
          onValidate={validate}
          onRepair={repair}
        />
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
            <Button size="small" onClick={() => setOpError(undefined)}>
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
          onInsert={insert}
          onOpen={() => void run("open", "open", () => host.select("/narrative/overview"))}
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

      {template && findingActions && state.checked && (
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
            onFillBlanks={() => {
              const values = state.checked ? blankFillValues(state.checked) : new Map();
              void run("fillBlanks", "fillBlanks", () => writeAndRead(values));
            }}
          />
          {blanksShown && state.checked.blanks.length > 0 && (
            <section className={styles.section} aria-labelledby="nb-blanks-title">
              <h2 id="nb-blanks-title" className={styles.heading}>
                {t.blanksTitle}
              </h2>
              <FindingList
                findings={state.checked.blanks}
                labelledBy="nb-blanks-title"
                {...findingActions}
              />
            </section>
          )}
          <section className={styles.section} aria-labelledby="nb-findings-title">
            <h2 id="nb-findings-title" className={styles.heading}>
              {t.findingsTitle}
            </h2>
            {state.checked.groups.length > 0 ? (
              <FindingGroups groups={state.checked.groups} {...findingActions} />
            ) : (
              <div>{t.noFindings}</div>
            )}
          </section>
          <Suspense fallback={<Spinner size="tiny" label={t.loading} />}>
            <ExportPanel
              {...findingActions}
              run={run}
              prepare={prepare}
              downloads={canDownload(platform)}
            />
            {submitTo && (
              <SubmitPanel
                {...submitTo}
                {...{ t, lang, host, template, prepare }}
                checked={state.checked}
              />
            )}
            <ImportPanel
              t={t}
              lang={lang}
              busy={busy}
              run={run}
              prepare={prepare}
              write={writeAndRead}
            />
            <PreviousPanel
              t={t}
              lang={lang}
              template={template}
              busy={busy}
              run={run}
              keep={async (report) => {
                await host.setPrevious(report);
                await controller.refresh();
              }}
              write={writeAndRead}
            />
            <AggregatePanel {...{ t, lang, template, busy, run, host }} refresh={prepare} />
          </Suspense>
        </>
      )}
    </main>
  );
}
