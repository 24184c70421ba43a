/** @jest-environment jsdom */
import "./jsdom-setup";
import { checkTemplate, groupOf, type TemplateRead } from "../../src/taskpane/checked";
import { PaneController } from "../../src/taskpane/controller";
import { FakeHost, reportWithKnownErrors, SHEET_ERRORS, templateState } from "./fake-host";

test("pointers map to the report's parts; metadata to the report-information group", () => {
  expect(groupOf("/narrative/overview")).toBe("一");
  expect(groupOf("/proactive/fees/amount")).toBe("二");
  expect(groupOf("/requests/withheld/stateSecret/naturalPerson")).toBe("三");
  expect(groupOf("/appeals/review/total")).toBe("四");
  expect(groupOf("/narrative/problems")).toBe("五");
  expect(groupOf("/narrative/other")).toBe("六");
  expect(groupOf("/year")).toBe("meta");
  expect(groupOf("/format")).toBe("meta");
  expect(groupOf("/requestsX")).toBe("meta");
});

test("findings are counted and grouped, blanks kept apart", () => {
  const checked = checkTemplate(templateState(reportWithKnownErrors()) as TemplateRead);
  expect(checked.counts).toEqual({ errors: 2, warnings: 1, blanks: 1, incomplete: 1 });
  expect(checked.groups.map((g) => g.id)).toEqual(["二", "三"]);
  expect(checked.groups[1].findings.map((f) => f.rule).sort()).toEqual([
    "outcome-total",
    "row-total",
  ]);
  expect(checked.blanks.map((f) => f.cells[0])).toEqual([SHEET_ERRORS.blank]);
  expect(checked.groups.flatMap((g) => g.findings).some((f) => f.rule === "blank")).toBe(false);
});

test("a change is read at once; a burst during a read costs exactly one more read, never two at once", async () => {
  const host = new FakeHost(templateState(reportWithKnownErrors()));
  const controller = new PaneController(host);
  await controller.start();
  await flush();
  expect(host.calls.read).toBe(1);
  expect(host.calls.watch).toBe(1);

  // One edit: read at once, with no timer to wait for.
  host.change();
  await flush();
  expect(host.calls.read).toBe(2);

  // A paste of 200 cells (or fast typing) during a slow read: the read in flight finishes, then exactly
  // one more follows.
  let release!: () => void;
  host.gate = new Promise((r) => (release = r));
  host.change();
  await flush();
  expect(host.calls.read).toBe(3);
  for (let i = 0; i < 200; i++) host.change();
  await flush();
  expect(host.calls.read).toBe(3);
  host.gate = undefined;
  release();
  await flush();
  expect(host.calls.read).toBe(4);
  expect(host.maxReadsInFlight).toBe(1);
  expect(controller.getState().reading).toBe(false);
  controller.dispose();
});

/** Lets queued promise callbacks run (no timers are involved). */
const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

test("refresh during a read resolves with a state read after the call", async () => {
  const host = new FakeHost(templateState(reportWithKnownErrors()));
  const controller = new PaneController(host);
  let release!: () => void;
  host.gate = new Promise((r) => (release = r));
  const first = controller.refresh();
  const second = controller.refresh();
  host.gate = undefined;
  release();
  await Promise.all([first, second]);
  expect(host.calls.read).toBe(2);
  expect(host.maxReadsInFlight).toBe(1);
});

test("a failing read is kept as state, not thrown", async () => {
  const host = new FakeHost();
  host.failing.set("read", new Error("GeneralException"));
  const controller = new PaneController(host);
  const state = await controller.refresh();
  expect(state.readError).toBeInstanceOf(Error);
  expect(state.reading).toBe(false);
});

test("without change events nothing is watched; a failing watch is reported", async () => {
  const noEvents = new FakeHost();
  noEvents.caps = { ...noEvents.caps, excelApi: "1.6", full: false, changeEvents: false };
  await new PaneController(noEvents).start();
  expect(noEvents.calls.watch).toBe(0);

  const broken = new FakeHost();
  broken.failing.set("watch", new Error("InvalidSelection"));
  const controller = new PaneController(broken);
  await controller.start();
  await Promise.resolve();
  expect(controller.getState().watchError).toBeInstanceOf(Error);
});

test("watching moves to the template's sheet once it is inserted", async () => {
  const host = new FakeHost();
  const controller = new PaneController(host);
  await controller.start();
  expect(host.calls.watch).toBe(1);
  await host.insertTemplate({ format: "2021", year: 2024, agency: "某局" });
  await controller.refresh();
  expect(host.calls.watch).toBe(2);
  await controller.refresh();
  expect(host.calls.watch).toBe(2);
});
