/**
 * @jest-environment jsdom
 *
 * The pane's commands, run on the controller alone (no React): every write is planned on the workbook as
 * it is now (read at each change event, or read first where Excel has no change events), so nothing typed
 * after the pane last drew its lists is overwritten unasked; the one confirm-and-write flow asks again when
 * more filled cells would change than the user agreed to.
 */
import { getValue, type CellValue, type Report } from "../../src/report/model";
import { withValues } from "../support/reports";
import type { TemplateRead } from "../../src/taskpane/checked";
import { PaneController } from "../../src/taskpane/controller";
import type { WriteJob, WritePlan } from "../../src/taskpane/write-flow";
import type { Pointer } from "../../src/templates/pointers";
import { FakeHost, reportWithKnownErrors, SHEET_ERRORS, templateState } from "./fake-host";

const A = "/requests/newReceived/naturalPerson";
const B = "/requests/newReceived/commercial";

async function started(report: Report = reportWithKnownErrors(), changeEvents = true) {
  const host = new FakeHost(templateState(report));
  host.caps = { ...host.caps, changeEvents };
  const controller = new PaneController(host);
  await controller.start();
  return { host, controller };
}

/** What the user does in Excel: a value typed into a cell, and the change event Excel raises for it. */
function typeInto(host: FakeHost, pointer: Pointer, value: CellValue) {
  if (host.state.kind !== "template") throw new Error("no template");
  host.state = templateState(withValues(host.state.report, new Map([[pointer, value]])));
  host.change();
}

const valueOf = (host: FakeHost, pointer: Pointer) =>
  host.state.kind === "template" ? getValue(host.state.report, pointer) : undefined;

/** A job writing fixed values, counting as overwrites the filled cells it changes. */
function job(values: Map<Pointer, CellValue>, extra: Partial<WriteJob> = {}): WriteJob {
  return {
    source: "import",
    plan: (t: TemplateRead) => {
      let overwrites = 0;
      for (const [p, v] of values) {
        const now = getValue(t.report, p) ?? null;
        if (now !== null && now !== v) overwrites++;
      }
      return { ok: true, plan: { values, overwrites } };
    },
    ...extra,
  };
}

describe("the confirm-and-write flow", () => {
  test("writes at once, in one call, when no filled cell changes", async () => {
    const { host, controller } = await started();
    typeInto(host, A, null);
    const outcome = await controller.proposeWrite(job(new Map([[A, 7]])));
    expect(outcome.kind).toBe("written");
    expect(host.calls.write).toEqual([new Map([[A, 7]])]);
    expect(controller.getState().pendingWrite).toBeUndefined();
  });

  test("asks before changing filled cells; cancelling writes nothing", async () => {
    const { host, controller } = await started();
    const outcome = await controller.proposeWrite(job(new Map([[A, 99_999]])));
    expect(outcome).toMatchObject({ kind: "asking", plan: { overwrites: 1 } });
    expect(controller.getState().pendingWrite?.source).toBe("import");
    controller.cancelWrite();
    expect(controller.getState().pendingWrite).toBeUndefined();
    expect(await controller.confirmWrite()).toEqual({ kind: "nothing" });
    expect(host.calls.write).toHaveLength(0);
  });

  test("confirming writes what the user agreed to", async () => {
    const { host, controller } = await started();
    await controller.proposeWrite(job(new Map([[A, 99_999]])));
    expect(await controller.confirmWrite()).toMatchObject({ kind: "written" });
    expect(valueOf(host, A)).toBe(99_999);
    expect(controller.getState().pendingWrite).toBeUndefined();
  });

  test("a cell typed while the question was open is asked about again, never overwritten unasked", async () => {
    const { host, controller } = await started();
    typeInto(host, B, null);
    await controller.proposeWrite(
      job(
        new Map([
          [A, 99_999],
          [B, 5],
        ])
      )
    );
    expect(controller.getState().pendingWrite?.plan.overwrites).toBe(1);
    typeInto(host, B, 3); // typed meanwhile: now a second filled cell would change
    const again = await controller.confirmWrite();
    expect(again).toMatchObject({ kind: "asking", plan: { overwrites: 2 } });
    expect(host.calls.write).toHaveLength(0);
    expect(valueOf(host, B)).toBe(3);
    expect(await controller.confirmWrite()).toMatchObject({ kind: "written" });
    expect(valueOf(host, B)).toBe(5);
  });

  test("a refusal is an outcome, and a job that always asks asks even with nothing filled", async () => {
    const { host, controller } = await started();
    const refused = await controller.proposeWrite<WritePlan, string>({
      source: "import",
      plan: () => ({ ok: false, refusal: "another format" }),
    });
    expect(refused).toEqual({ kind: "refused", refusal: "another format" });
    typeInto(host, A, null);
    const compiled: Map<Pointer, CellValue>[] = [];
    const asking = await controller.proposeWrite(
      job(new Map([[A, 1]]), {
        source: "aggregate",
        alwaysAsk: true,
        write: async (plan) => void compiled.push(new Map(plan.values) as Map<Pointer, CellValue>),
      })
    );
    expect(asking.kind).toBe("asking");
    expect(await controller.confirmWrite()).toMatchObject({ kind: "written" });
    expect(compiled).toEqual([new Map([[A, 1]])]);
    expect(host.calls.write).toHaveLength(0); // the job's own write, not the plain one
  });

  test("a new question replaces the one open", async () => {
    const { controller } = await started();
    await controller.proposeWrite(job(new Map([[A, 99_999]])));
    await controller.proposeWrite(job(new Map([[A, 88_888]]), { source: "prefill" }));
    expect(controller.getState().pendingWrite?.source).toBe("prefill");
  });
});

describe("commands", () => {
  test("a fix is written only if a fresh read still finds its finding with the same fix", async () => {
    const { host, controller } = await started();
    const slip = controller
      .getState()
      .checked!.groups.flatMap((g) => g.findings)
      .find((f) => f.fix !== undefined && f.cells[0] === SHEET_ERRORS.slip)!;
    expect(slip).toBeDefined();
    const typed = (valueOf(host, SHEET_ERRORS.slip) as number) - 2; // the user mended it by hand
    typeInto(host, SHEET_ERRORS.slip, typed);
    await controller.fix(slip);
    expect(host.calls.write).toHaveLength(0);
    expect(valueOf(host, SHEET_ERRORS.slip)).toBe(typed);

    typeInto(host, SHEET_ERRORS.slip, typed + 2);
    await controller.fix(slip);
    expect(host.calls.write).toEqual([new Map([[SHEET_ERRORS.slip, slip.fix]])]);
  });

  test("with change events a fix costs its one write and the read after it, no read before", async () => {
    const { host, controller } = await started();
    const slip = controller
      .getState()
      .checked!.groups.flatMap((g) => g.findings)
      .find((f) => f.fix !== undefined && f.cells[0] === SHEET_ERRORS.slip)!;
    const reads = host.calls.read;
    await controller.fix(slip);
    expect(host.calls.write).toHaveLength(1);
    expect(host.calls.read - reads).toBe(1);
  });

  test("without change events a fix reads first, so a value typed unseen is not overwritten", async () => {
    const { host, controller } = await started(reportWithKnownErrors(), false);
    const slip = controller
      .getState()
      .checked!.groups.flatMap((g) => g.findings)
      .find((f) => f.fix !== undefined && f.cells[0] === SHEET_ERRORS.slip)!;
    const typed = (valueOf(host, SHEET_ERRORS.slip) as number) - 2;
    typeInto(host, SHEET_ERRORS.slip, typed); // no watcher: nobody hears the change
    await controller.fix(slip);
    expect(host.calls.write).toHaveLength(0);
    expect(valueOf(host, SHEET_ERRORS.slip)).toBe(typed);
  });

  test("填写空白 fills the blanks a fresh read finds, never a cell typed since the list was drawn", async () => {
    const { host, controller } = await started();
    expect(controller.getState().checked!.blanks.map((f) => f.cells[0])).toEqual([
      SHEET_ERRORS.blank,
    ]);
    typeInto(host, SHEET_ERRORS.blank, 4);
    await controller.fillBlanks();
    expect(host.calls.write).toHaveLength(0);
    expect(valueOf(host, SHEET_ERRORS.blank)).toBe(4);
  });

  test("a command's busy key is set while it runs, and a failure is kept as a message", async () => {
    const { host, controller } = await started();
    let release!: () => void;
    host.gate = new Promise((r) => (release = r));
    const validating = controller.validate();
    expect(controller.getState().busy.has("validate")).toBe(true);
    release();
    host.gate = undefined;
    await validating;
    expect(controller.getState().busy.size).toBe(0);

    host.failing.set("select", new Error("ItemNotFound"));
    await controller.select(A);
    expect(controller.getState().opError).toMatchObject({ op: "select" });
    controller.dismissError();
    expect(controller.getState().opError).toBeUndefined();
  });

  test("insert and repair read the workbook again, and the repair's outcome is kept", async () => {
    const host = new FakeHost();
    const controller = new PaneController(host);
    await controller.start();
    await controller.insert({ format: "2021", year: 2024, agency: "某市某局" });
    expect(controller.getState().workbook?.kind).toBe("template");
    await controller.repair();
    expect(controller.getState().repairOutcome).toEqual({ repaired: [], failed: [] });
    expect(host.calls.read).toBe(3);
  });
});
