/**
 * Import of a report from a file (JSON, template workbook, web page, text, PDF, Word: the one reading
 * pipeline; the PDF and Word readers load only when such a file is chosen) or pasted text: checked first
 * (each problem with its pointer; nothing written on error), refused for another format, and confirmed
 * before overwriting cells the user filled. Then one write of all values and texts; what the reader could
 * not read (left blank) is listed.
 */
import { useState } from "react";
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { readInput, readPastedText } from "../import/read-input";
import type { InputProblem } from "../report/read-json";
import { ConfirmWrite } from "./ConfirmWrite";
import { DocumentInput } from "./DocumentInput";
import { planImport, type ImportPlan } from "./importing";
import { usePane } from "./pane-context";
import { ShortList } from "./ShortList";
import type { WriteOutcome } from "./write-flow";
import { PaneSection } from "./PaneSection";

const SHOWN_PROBLEMS = 20;

const useStyles = makeStyles({
  pointer: { fontFamily: tokens.fontFamilyMonospace },
});

type Plan = Extract<ImportPlan, { ok: true }>;
type Refused = Extract<ImportPlan, { ok: false }>;

type Notice =
  | { kind: "problems"; problems: InputProblem[] }
  | { kind: "refused"; message: string }
  | { kind: "done"; count: number; meta?: string };

export function ImportPanel() {
  const { controller, state, t, lang } = usePane();
  const [notice, setNotice] = useState<Notice>();
  /** What the reader could not read, said with the outcome. */
  const [notes, setNotes] = useState<string[]>([]);
  const importing = state.busy.has("import");

  const said = (outcome: WriteOutcome<Plan, Refused>) => {
    if (outcome.kind === "refused")
      setNotice({
        kind: "refused",
        message: t.wrongFormat(outcome.refusal.imported, outcome.refusal.template),
      });
    else if (outcome.kind === "written")
      setNotice({ kind: "done", count: outcome.plan.values.size, meta: metaOf(outcome.plan) });
  };
  const metaOf = (plan: Plan) =>
    plan.metaDiffers ? t.metaDiffers(plan.report.agency, plan.report.year) : undefined;

  const importInput = (read: () => Promise<Uint8Array | string>) =>
    controller.run("import", "import", async () => {
      setNotice(undefined);
      const input = await read();
      const parsed = await (typeof input === "string" ? readPastedText(input) : readInput(input));
      if (!parsed.ok) {
        setNotice({ kind: "problems", problems: parsed.problems });
        return;
      }
      setNotes(parsed.notes.map((n) => (lang === "en" ? n.messageEn : n.message)));
      said(
        await controller.proposeWrite<Plan, Refused>({
          source: "import",
          plan: (template) => {
            const plan = planImport(template, parsed.report);
            return plan.ok ? { ok: true, plan } : { ok: false, refusal: plan };
          },
        })
      );
    });

  return (
    <PaneSection id="nb-import-title" title={t.importTitle}>
      <DocumentInput
        fileLabel={t.importFile}
        accept=".json,.xlsx,.html,.htm,.txt,.md,.pdf,.docx,application/json,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/html,text/plain"
        pasteLabel={t.importPaste}
        pasteButton={t.importPasteButton}
        readFileFailed={t.readFileFailed}
        busy={importing}
        onRead={(read) => void importInput(read)}
      />
      {notice?.kind === "problems" && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t.importProblems}</MessageBarTitle>
            <ShortList
              items={notice.problems}
              shown={SHOWN_PROBLEMS}
              more={t.moreItems}
              itemKey={(p, i) => `${p.pointer}:${i}`}
            >
              {(p) => (
                <ProblemText
                  problem={p}
                  text={lang === "en" ? p.messageEn : p.message}
                  colon={t.colon}
                />
              )}
            </ShortList>
          </MessageBarBody>
        </MessageBar>
      )}
      {notice?.kind === "refused" && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{notice.message}</MessageBarBody>
        </MessageBar>
      )}
      <ConfirmWrite<Plan, Refused>
        source="import"
        op="import"
        busyKey="import"
        confirmLabel={t.confirmImport}
        question={(plan) => (
          <>
            {t.confirmOverwrite(plan.overwrites)}
            {metaOf(plan) && <div>{metaOf(plan)}</div>}
          </>
        )}
        onOutcome={said}
      />
      {notice?.kind === "done" && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            {t.imported(notice.count)}
            {notice.meta && <div>{notice.meta}</div>}
            {notes.length > 0 && (
              <>
                <div>{t.importNotes}</div>
                <ShortList
                  items={notes}
                  shown={SHOWN_PROBLEMS}
                  more={t.moreItems}
                  itemKey={(n, i) => `${i}:${n}`}
                >
                  {(n) => <>{n}</>}
                </ShortList>
              </>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
    </PaneSection>
  );
}

/** The reader's messages usually begin with their pointer; where one does not, it is put in front. */
function ProblemText({
  problem,
  text,
  colon,
}: {
  problem: InputProblem;
  text: string;
  colon: string;
}) {
  const styles = useStyles();
  if (problem.pointer === "" || text.startsWith(problem.pointer)) return <>{text}</>;
  return (
    <>
      <span className={styles.pointer}>{problem.pointer}</span>
      {colon}
      {text}
    </>
  );
}
