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
import type { CellValue } from "../report/model";
import { readInput, readPastedText } from "../import/read-input";
import type { InputProblem } from "../report/read-json";
import type { Pointer } from "../templates/pointers";
import { ConfirmBar } from "./ConfirmBar";
import type { PaneState } from "./controller";
import { DocumentInput } from "./DocumentInput";
import type { Lang, Strings } from "./i18n";
import { planImport } from "./importing";
import type { RunOp } from "./operations";
import { ShortList } from "./ShortList";

const SHOWN_PROBLEMS = 20;

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  pointer: { fontFamily: tokens.fontFamilyMonospace },
});

type Notice =
  | { kind: "problems"; problems: InputProblem[] }
  | { kind: "refused"; message: string }
  | {
      kind: "confirm";
      values: Map<Pointer, CellValue | string>;
      overwrites: number;
      meta?: string;
      notes: string[];
    }
  | { kind: "done"; count: number; meta?: string; notes: string[] };

interface Props {
  t: Strings;
  lang: Lang;
  busy: ReadonlySet<string>;
  run: RunOp;
  prepare: () => Promise<PaneState>;
  write: (values: Map<Pointer, CellValue | string>) => Promise<void>;
}

export function ImportPanel({ t, lang, busy, run, prepare, write }: Props) {
  const styles = useStyles();
  const [notice, setNotice] = useState<Notice>();
  const importing = busy.has("import");

  const apply = async (
    values: Map<Pointer, CellValue | string>,
    notes: string[],
    meta?: string
  ) => {
    await write(values);
    setNotice({ kind: "done", count: values.size, meta, notes });
  };

  const importInput = (read: () => Promise<Uint8Array | string>) =>
    run("import", "import", async () => {
      setNotice(undefined);
      const input = await read();
      const parsed = await (typeof input === "string" ? readPastedText(input) : readInput(input));
      if (!parsed.ok) {
        setNotice({ kind: "problems", problems: parsed.problems });
        return;
      }
      const state = await prepare();
      if (state.readError !== undefined) throw state.readError;
      if (state.workbook?.kind !== "template") return;
      const plan = planImport(state.workbook, parsed.report);
      if (!plan.ok) {
        setNotice({ kind: "refused", message: t.wrongFormat(plan.imported, plan.template) });
        return;
      }
      const meta = plan.metaDiffers
        ? t.metaDiffers(parsed.report.agency, parsed.report.year)
        : undefined;
      const notes = parsed.notes.map((n) => (lang === "en" ? n.messageEn : n.message));
      if (plan.overwrites > 0)
        setNotice({
          kind: "confirm",
          values: plan.values,
          overwrites: plan.overwrites,
          meta,
          notes,
        });
      else await apply(plan.values, notes, meta);
    });

  const confirmed = (n: Extract<Notice, { kind: "confirm" }>) =>
    run("import", "import", () => apply(n.values, n.notes, n.meta));

  return (
    <section className={styles.section} aria-labelledby="nb-import-title">
      <h2 id="nb-import-title" className={styles.heading}>
        {t.importTitle}
      </h2>
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
      {notice?.kind === "confirm" && (
        <ConfirmBar
          confirmLabel={t.confirmImport}
          cancelLabel={t.cancel}
          busy={importing}
          onConfirm={() => void confirmed(notice)}
          onCancel={() => setNotice(undefined)}
        >
          {t.confirmOverwrite(notice.overwrites)}
          {notice.meta && <div>{notice.meta}</div>}
        </ConfirmBar>
      )}
      {notice?.kind === "done" && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            {t.imported(notice.count)}
            {notice.meta && <div>{notice.meta}</div>}
            {notice.notes.length > 0 && (
              <>
                <div>{t.importNotes}</div>
                <ShortList
                  items={notice.notes}
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
    </section>
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
