/**
 * The two statutory formats as data: one definition per format serves the model, the JSON Schema, the
 * checks, the Excel layout and the printed report. Labels come from labels.ts; keys are the JSON keys of
 * docs/report-json.md.
 */
import type { ValueKind } from "./value-kind";
import {
  APPEALS_LABELS as A,
  ARTICLE_ITEMS,
  INFO_CONTENT,
  PART_HEADINGS,
  PROACTIVE_LABELS as P,
} from "./labels";
import { REQUESTS_LABELS as R } from "./labels";

export type FormatId = "2019" | "2021";
export const FORMAT_IDS: readonly FormatId[] = ["2019", "2021"];

export const FORMAT_TITLES: Record<FormatId, { document: string; issuedBy: string }> = {
  "2019": {
    document: "《中华人民共和国政府信息公开工作年度报告格式（试行）》",
    issuedBy: "国办公开办函〔2019〕60号",
  },
  "2021": {
    document: "《中华人民共和国政府信息公开工作年度报告格式》",
    issuedBy: "国办公开办函〔2021〕30号",
  },
};

/** The first report year each format applies to; formats run until the next one starts. */
const FORMAT_FIRST_YEAR: Record<FormatId, number> = { "2019": 2019, "2021": 2021 };

/** The format that applies to a report year, or undefined before 2019 (no uniform format then). */
export function formatForYear(year: number): FormatId | undefined {
  if (!Number.isInteger(year) || year < FORMAT_FIRST_YEAR["2019"]) return undefined;
  return year >= FORMAT_FIRST_YEAR["2021"] ? "2021" : "2019";
}

export type PartId = "一" | "二" | "三" | "四" | "五" | "六";

export interface ColumnDef {
  key: string;
  label: string;
  kind: ValueKind;
}

export interface RowDef {
  key: string;
  label: string;
}

/** One of part 二's small tables, headed by the article item it reports. */
export interface ProactiveTableDef {
  /** Stable id of the table: "item1", "item5" … */
  id: keyof typeof ARTICLE_ITEMS;
  heading: string;
  columns: ColumnDef[];
  rows: RowDef[];
}

/** A data row of part 三. `path` is the pointer below /requests, e.g. "withheld/stateSecret". */
export interface RequestRowDef {
  path: string;
  label: string;
  /** How messages name the row: "一", "（三）1", "（七）总计". */
  short: string;
  role: "received" | "carriedOver" | "outcome" | "totalHandled" | "carriedForward";
}

/** Part 三's rows as the format nests their label cells. */
export type OutcomeItem =
  { type: "row"; row: RequestRowDef } | { type: "group"; label: string; rows: RequestRowDef[] };
export type RequestLayoutItem =
  { type: "row"; row: RequestRowDef } | { type: "outcomes"; label: string; items: OutcomeItem[] };

export interface NarrativeDef {
  key: "overview" | "problems" | "other";
  part: PartId;
  heading: string;
}

export interface FormatDef {
  id: FormatId;
  narrative: NarrativeDef[];
  proactive: ProactiveTableDef[];
  requests: {
    columns: ColumnDef[];
    /** The six applicant columns that add up to `total`. */
    applicantKeys: string[];
    totalKey: string;
    layout: RequestLayoutItem[];
    rows: RequestRowDef[];
  };
  appeals: {
    groups: { key: string; label: string }[];
    columns: ColumnDef[];
    /** The four columns that add up to `total`. */
    partKeys: string[];
    totalKey: string;
  };
}

const count = (key: string, label: string): ColumnDef => ({ key, label, kind: "count" });

const NARRATIVE: NarrativeDef[] = [
  { key: "overview", part: "一", heading: PART_HEADINGS.overview },
  { key: "problems", part: "五", heading: PART_HEADINGS.problems },
  { key: "other", part: "六", heading: PART_HEADINGS.other },
];

const PROACTIVE_2021: ProactiveTableDef[] = [
  {
    id: "item1",
    heading: ARTICLE_ITEMS.item1,
    columns: [
      count("issued", P.issued),
      count("repealed", P.repealed),
      count("inForce", P.inForce),
    ],
    rows: [
      { key: "regulations", label: P.regulations },
      { key: "normativeDocuments", label: P.normativeDocuments2021 },
    ],
  },
  {
    id: "item5",
    heading: ARTICLE_ITEMS.item5,
    columns: [count("decisions", P.decisions2021)],
    rows: [{ key: "licensing", label: P.licensing }],
  },
  {
    id: "item6",
    heading: ARTICLE_ITEMS.item6,
    columns: [count("decisions", P.decisions2021)],
    rows: [
      { key: "penalties", label: P.penalties },
      { key: "enforcement", label: P.enforcement },
    ],
  },
  {
    id: "item8",
    heading: ARTICLE_ITEMS.item8,
    columns: [{ key: "amount", label: P.feeAmount, kind: "amount" }],
    rows: [{ key: "fees", label: P.fees }],
  },
];

const ITEMS_2019 = (): ColumnDef[] => [
  count("previousItems", P.previousItems),
  { key: "change", label: P.change, kind: "signed" },
  count("decisions", P.decisions2019),
];

const PROACTIVE_2019: ProactiveTableDef[] = [
  {
    id: "item1",
    heading: ARTICLE_ITEMS.item1,
    columns: [
      count("made", P.made),
      count("published", P.published),
      count("publicTotal", P.publicTotal),
    ],
    rows: [
      { key: "regulations", label: P.regulations },
      { key: "normativeDocuments", label: P.normativeDocuments2019 },
    ],
  },
  {
    id: "item5",
    heading: ARTICLE_ITEMS.item5,
    columns: ITEMS_2019(),
    rows: [
      { key: "licensing", label: P.licensing },
      { key: "otherServices", label: P.otherServices },
    ],
  },
  {
    id: "item6",
    heading: ARTICLE_ITEMS.item6,
    columns: ITEMS_2019(),
    rows: [
      { key: "penalties", label: P.penalties },
      { key: "enforcement", label: P.enforcement },
    ],
  },
  {
    id: "item8",
    heading: ARTICLE_ITEMS.item8,
    columns: ITEMS_2019().slice(0, 2),
    rows: [{ key: "fees", label: P.fees }],
  },
  {
    id: "item9",
    heading: ARTICLE_ITEMS.item9,
    columns: [
      count("items", P.procurementItems),
      { key: "amount", label: P.procurementAmount, kind: "amount" },
    ],
    rows: [{ key: "procurement", label: P.procurement }],
  },
];

const APPLICANT_COLUMNS: ColumnDef[] = [
  count("naturalPerson", R.naturalPerson),
  count("commercial", R.commercial),
  count("research", R.research),
  count("publicInterest", R.publicInterest),
  count("legalService", R.legalService),
  count("otherOrg", R.otherOrg),
  count("total", R.total),
];

const row = (
  path: string,
  label: string,
  short: string,
  role: RequestRowDef["role"] = "outcome"
): RequestRowDef => ({
  path,
  label,
  short,
  role,
});

/** Rows of a numbered group: "1.属于国家秘密" → short "（三）1". */
const numbered = (
  groupShort: string,
  prefix: string,
  entries: [string, string][]
): RequestRowDef[] =>
  entries.map(([key, label], i) => row(`${prefix}/${key}`, label, `${groupShort}${i + 1}`));

function requestsLayout(format: FormatId): RequestLayoutItem[] {
  const other: OutcomeItem =
    format === "2019"
      ? { type: "row", row: row("other", R.other, "（六）") }
      : {
          type: "group",
          label: R.other,
          rows: numbered("（六）", "other", [
            ["noCorrection", R.noCorrection],
            ["unpaidFee", R.unpaidFee],
            ["otherReasons", R.otherReasons],
          ]),
        };
  return [
    { type: "row", row: row("newReceived", R.newReceived, "一", "received") },
    { type: "row", row: row("carriedOver", R.carriedOver, "二", "carriedOver") },
    {
      type: "outcomes",
      label: R.outcomes,
      items: [
        { type: "row", row: row("granted", R.granted, "（一）") },
        { type: "row", row: row("partlyGranted", R.partlyGranted, "（二）") },
        {
          type: "group",
          label: R.withheld,
          rows: numbered("（三）", "withheld", [
            ["stateSecret", R.stateSecret],
            ["prohibitedByLaw", R.prohibitedByLaw],
            ["securityStability", R.securityStability],
            ["thirdPartyRights", R.thirdPartyRights],
            ["internalAffairs", R.internalAffairs],
            ["deliberative", R.deliberative],
            ["enforcementFile", R.enforcementFile],
            ["administrativeQuery", R.administrativeQuery],
          ]),
        },
        {
          type: "group",
          label: R.unavailable,
          rows: numbered("（四）", "unavailable", [
            ["notHeld", R.notHeld],
            ["needsCreation", R.needsCreation],
            ["unclear", R.unclear],
          ]),
        },
        {
          type: "group",
          label: R.notProcessed,
          rows: numbered("（五）", "notProcessed", [
            ["complaint", R.complaint],
            ["duplicate", R.duplicate],
            ["publication", R.publication],
            ["excessive", R.excessive],
            ["confirmation", R.confirmation],
          ]),
        },
        other,
        { type: "row", row: row("totalHandled", R.totalHandled, "（七）总计", "totalHandled") },
      ],
    },
    { type: "row", row: row("carriedForward", R.carriedForward, "四", "carriedForward") },
  ];
}

function flattenRows(layout: RequestLayoutItem[]): RequestRowDef[] {
  const out: RequestRowDef[] = [];
  const addItem = (item: OutcomeItem | RequestLayoutItem) => {
    if (item.type === "row") out.push(item.row);
    else if (item.type === "group") out.push(...item.rows);
    else item.items.forEach(addItem);
  };
  layout.forEach(addItem);
  return out;
}

function defineFormat(id: FormatId): FormatDef {
  const layout = requestsLayout(id);
  return {
    id,
    narrative: NARRATIVE,
    proactive: id === "2019" ? PROACTIVE_2019 : PROACTIVE_2021,
    requests: {
      columns: APPLICANT_COLUMNS,
      applicantKeys: APPLICANT_COLUMNS.slice(0, 6).map((c) => c.key),
      totalKey: "total",
      layout,
      rows: flattenRows(layout),
    },
    appeals: {
      groups: [
        { key: "review", label: A.review },
        { key: "litigationDirect", label: A.litigationDirect },
        { key: "litigationAfterReview", label: A.litigationAfterReview },
      ],
      columns: [
        count("upheld", A.upheld),
        count("corrected", A.corrected),
        count("other", A.other),
        count("pending", A.pending),
        count("total", A.total),
      ],
      partKeys: ["upheld", "corrected", "other", "pending"],
      totalKey: "total",
    },
  };
}

export const FORMATS: Record<FormatId, FormatDef> = {
  "2019": defineFormat("2019"),
  "2021": defineFormat("2021"),
};

export { INFO_CONTENT };
