/**
 * Export as JSON, as the publishable web page (HTML) or as Word: refused while errors or blanks remain,
 * unless the user asks for a draft. The JSON is exactly reportToJson(report) (the contract has no room for
 * a draft flag: only the file name and the pane say so); the HTML and Word documents mark a draft in
 * themselves. Out by download where the webview allows it; JSON also as read-only text with "复制", HTML
 * also as a preview in the pane. Word's renderer is loaded only when asked for, outside the pane's bundle.
 */
import { useEffect, useRef, useState } from "react";
import {
  Button,
  Checkbox,
  Field,
  MessageBar,
  MessageBarBody,
  Spinner,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { exportGate } from "../checks/gate";
import type { Finding } from "../checks/types";
import { reportToJson } from "../report/read-json";
import { renderHtml } from "../render/html";
import type { TemplateRead } from "./checked";
import { copyText, reportFileName } from "./exporting";
import { FindingList } from "./FindingsList";
import { usePane } from "./pane-context";
import { PaneSection } from "./PaneSection";

/** The refusal lists the first of what blocks the export; a fresh template has ~200 blank cells. */
const SHOWN = 20;

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  json: { fontFamily: tokens.fontFamilyMonospace },
  preview: {
    width: "100%",
    height: "420px",
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: "#fff",
  },
});

type ExportFormat = "json" | "html" | "docx";

const MIME: Record<ExportFormat, string> = {
  json: "application/json;charset=utf-8",
  html: "text/html;charset=utf-8",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

type Outcome =
  | { kind: "refused"; blocking: Finding[] }
  | {
      kind: "ready";
      format: ExportFormat;
      /** JSON or HTML text; Word bytes. */
      content: string | Uint8Array;
      fileName: string;
      blocking: number;
    };

interface Props {
  template: TemplateRead;
  /** Whether a Blob download can work in this webview. */
  downloads: boolean;
}

export function ExportPanel({ template, downloads }: Props) {
  const { controller, state, t } = usePane();
  const styles = useStyles();
  const [draft, setDraft] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const [copied, setCopied] = useState<boolean>();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const exporting = state.busy.has("export");

  const exportAs = (format: ExportFormat) =>
    controller.run("export", "export", async () => {
      setOutcome(undefined);
      setCopied(undefined);
      // A fresh read, so that what is exported is what the sheet holds now.
      const state = await controller.refresh();
      if (state.readError !== undefined) throw state.readError;
      if (state.workbook?.kind !== "template" || !state.checked) return;
      const { report } = state.workbook;
      const { checked } = state;
      const { allowed, draft: isDraft, blocking } = exportGate(checked.result, draft);
      if (!allowed) {
        setOutcome({ kind: "refused", blocking });
        return;
      }
      const fileName = reportFileName(report.agency, report.year, isDraft, format);
      const content =
        format === "json"
          ? reportToJson(report)
          : format === "html"
            ? renderHtml(report, { draft: isDraft })
            : await (await import("../render/docx.js")).renderDocx(report, { draft: isDraft });
      setOutcome({ kind: "ready", format, content, fileName, blocking: blocking.length });
    });

  const copy = async () =>
    setCopied(
      outcome?.kind === "ready" && typeof outcome.content === "string"
        ? await copyText(outcome.content, textRef.current)
        : false
    );

  return (
    <PaneSection id="nb-export-title" title={t.exportTitle}>
      <div className={styles.row}>
        <Button
          appearance="primary"
          onClick={() => exportAs("json")}
          disabled={exporting}
          icon={exporting ? <Spinner size="tiny" /> : undefined}
        >
          {t.exportJson}
        </Button>
        <Button onClick={() => exportAs("html")} disabled={exporting}>
          {t.exportHtml}
        </Button>
        <Button onClick={() => exportAs("docx")} disabled={exporting}>
          {t.exportWord}
        </Button>
        <Checkbox
          checked={draft}
          onChange={(_, d) => setDraft(d.checked === true)}
          label={t.draft}
        />
      </div>
      {outcome?.kind === "refused" && (
        <>
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody id="nb-export-refused">
              {t.exportRefused(outcome.blocking.length)}
            </MessageBarBody>
          </MessageBar>
          <FindingList
            findings={outcome.blocking.slice(0, SHOWN)}
            labelledBy="nb-export-refused"
            template={template}
          />
          {outcome.blocking.length > SHOWN && (
            <div>{t.moreItems(outcome.blocking.length - SHOWN)}</div>
          )}
        </>
      )}
      {outcome?.kind === "ready" && (
        <>
          <MessageBar intent={outcome.blocking > 0 ? "warning" : "success"} layout="multiline">
            <MessageBarBody>
              {outcome.blocking > 0 ? t.draftNotice(outcome.blocking) + " " : ""}
              {t.exportDone(outcome.fileName)}
            </MessageBarBody>
          </MessageBar>
          {downloads ? (
            <DownloadLink
              content={outcome.content}
              mime={MIME[outcome.format]}
              fileName={outcome.fileName}
              label={t.download(outcome.fileName)}
            />
          ) : (
            <div>
              {outcome.format === "docx" ? t.noDownloadWord : t.noDownload(outcome.fileName)}
            </div>
          )}
          {outcome.format === "html" && typeof outcome.content === "string" && (
            // Sandboxed without scripts: the document has none, and user text in it is escaped.
            <iframe
              className={styles.preview}
              title={t.previewTitle}
              sandbox=""
              srcDoc={outcome.content}
            />
          )}
          {outcome.format === "json" && typeof outcome.content === "string" && (
            <>
              <Field label={t.jsonLabel}>
                <Textarea
                  ref={textRef}
                  className={styles.json}
                  value={outcome.content}
                  readOnly
                  resize="vertical"
                  rows={8}
                  textarea={{ spellCheck: false }}
                />
              </Field>
              <div className={styles.row}>
                <Button onClick={copy}>{t.copy}</Button>
                <span aria-live="polite">
                  {copied === undefined ? "" : copied ? t.copied : t.copyFailed}
                </span>
              </div>
            </>
          )}
        </>
      )}
    </PaneSection>
  );
}

/** A visible `<a download>` for the Blob, clicked once on its own; the user can click it again. */
function DownloadLink({
  content,
  mime,
  fileName,
  label,
}: {
  content: string | Uint8Array;
  mime: string;
  fileName: string;
  label: string;
}) {
  const [url, setUrl] = useState<string>();
  const link = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (typeof URL.createObjectURL !== "function") return;
    const objectUrl = URL.createObjectURL(new Blob([content as BlobPart], { type: mime }));
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [content, mime]);
  useEffect(() => {
    if (url) link.current?.click();
  }, [url]);
  if (!url) return null;
  return (
    <a ref={link} href={url} download={fileName}>
      {label}
    </a>
  );
}
