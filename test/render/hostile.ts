/** Hostile text for every text field of a report, and what each must come out as. */
import type { Report } from "../../src/report/model";
import { randomConsistentReport } from "../support/random-report";

const CONTROLS = "\u0000\u0001\u0007\u0008\u000b\u000c\u001b\u007f\u0085\u009f";

/** A 50,000-character paragraph without line breaks: Chinese text with markup and a number in it. */
export const LONG_PARAGRAPH = (() => {
  const unit = "政府信息公开<b>加粗</b>&amp;第12段；";
  return unit.repeat(Math.ceil(50_000 / unit.length)).slice(0, 50_000);
})();

export const HOSTILE = {
  agency: `某局<script>alert(1)</script><img src=x onerror=alert(2)>]]>"'&${CONTROLS}`,
  overview: `第一段<script>alert("overview")</script>${CONTROLS}\r\n${LONG_PARAGRAPH}\r\n<img src=x onerror="alert(3)">`,
  problems: `<![CDATA[x]]>]]><!-- c -->\r<iframe src="https://example.invalid/"></iframe>\u2028<a href="javascript:alert(4)">链接</a>`,
  other: `</p></body><style>body{display:none}</style><svg onload=alert(5)>${CONTROLS}制\t表符\ud800`,
  date: `2025-01-20<script>alert(6)</script>${CONTROLS}`,
};

/** Strings that must appear literally, as text, in the rendered output. */
export const LITERALS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(2)>",
  '<script>alert("overview")</script>',
  '<img src=x onerror="alert(3)">',
  "<![CDATA[x]]>]]><!-- c -->",
  '<iframe src="https://example.invalid/"></iframe>',
  '<a href="javascript:alert(4)">链接</a>',
  "</p></body><style>body{display:none}</style><svg onload=alert(5)>",
  "2025-01-20<script>alert(6)</script>",
];

export function hostileReport(format: "2019" | "2021" = "2021"): Report {
  return {
    ...randomConsistentReport(format, 3),
    agency: HOSTILE.agency,
    date: HOSTILE.date,
    narrative: { overview: HOSTILE.overview, problems: HOSTILE.problems, other: HOSTILE.other },
  };
}

/** Control characters that must not survive (everything C0/C1 but \t and \n). */
// eslint-disable-next-line no-control-regex
export const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
