/**
 * The deployment's build settings (scripts/deployment.js, used by webpack.config.js): PLATFORM_URL is
 * checked, and its origin goes into the manifest's <AppDomains> in the place the schema orders it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "htmlparser2";

const deployment = require("../../scripts/deployment.js") as {
  DEV_URL: string;
  platformUrlFrom(value: string | undefined): string | undefined;
  publicUrlFrom(value: string | undefined, production: boolean): string;
  deploymentManifest(xml: string, options: { publicUrl?: string; platformUrl?: string }): string;
};
const { DEV_URL, deploymentManifest, platformUrlFrom, publicUrlFrom } = deployment;

const MANIFEST = readFileSync(join(__dirname, "../../manifest.xml"), "utf8");
/** learn.microsoft.com/office/dev/add-ins/develop/manifest-element-ordering, TaskPaneApp. */
const ORDER = [
  "Id",
  "AlternateID",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "Dictionary",
  "VersionOverrides",
];

/** The few fields of htmlparser2's nodes read here. */
interface XmlNode {
  type: string;
  name?: string;
  data?: string;
  children?: XmlNode[];
}

function topLevel(xml: string): XmlNode[] {
  const doc = parseDocument(xml, { xmlMode: true }) as unknown as XmlNode;
  const app = doc.children?.find((n) => n.name === "OfficeApp");
  if (!app) throw new Error("no OfficeApp");
  return (app.children ?? []).filter((n) => n.type === "tag");
}
const text = (n: XmlNode): string => n.data ?? (n.children ?? []).map(text).join("");

describe("PLATFORM_URL", () => {
  test("unset or empty: no platform", () => {
    expect(platformUrlFrom(undefined)).toBeUndefined();
    expect(platformUrlFrom("  ")).toBeUndefined();
  });

  test("https, normalised with a trailing slash; http only on the loopback address", () => {
    expect(platformUrlFrom("https://gk.example.gov.cn/nianbao")).toBe(
      "https://gk.example.gov.cn/nianbao/"
    );
    expect(platformUrlFrom("http://127.0.0.1:8080")).toBe("http://127.0.0.1:8080/");
    expect(platformUrlFrom("http://localhost:8080/x/")).toBe("http://localhost:8080/x/");
  });

  test.each([
    ["http://gk.example.gov.cn/", /must be https/],
    ["ftp://gk.example.gov.cn/", /must be https/],
    ["gk.example.gov.cn/nianbao", /not an absolute URL/],
    ["https://gk.example.gov.cn/?a=1", /no query/],
    ["https://user:pw@gk.example.gov.cn/", /credentials/],
  ])("%s is refused", (value, message) => {
    expect(() => platformUrlFrom(value)).toThrow(message);
  });
});

describe("dist/manifest.xml", () => {
  test("with PLATFORM_URL: its origin in <AppDomains>, in schema order, and the add-in's own address", () => {
    const xml = deploymentManifest(MANIFEST, {
      publicUrl: publicUrlFrom("https://oa.example.gov.cn/nianbao", true),
      platformUrl: platformUrlFrom("https://gk.example.gov.cn:8443/nianbao/"),
    });
    const names = topLevel(xml).map((e) => e.name ?? "");
    expect(names.every((n) => ORDER.includes(n))).toBe(true);
    expect(names).toEqual([...names].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b)));
    expect(names.indexOf("AppDomains")).toBe(names.indexOf("Hosts") - 1);
    const domains = topLevel(xml).find((e) => e.name === "AppDomains");
    const listed = (domains?.children ?? []).filter((c) => c.type === "tag");
    expect(listed.map((c) => [c.name, text(c)])).toEqual([
      ["AppDomain", "https://gk.example.gov.cn:8443"],
    ]);
    expect(xml).not.toContain(DEV_URL);
    expect(xml).toContain("https://oa.example.gov.cn/nianbao/taskpane.html");
    // Only the top-level <Hosts> got it; the ribbon's <Hosts> inside VersionOverrides is untouched.
    expect(xml.match(/<AppDomains>/g)).toHaveLength(1);
  });

  test("without PLATFORM_URL: no <AppDomains>, and in development the manifest is unchanged", () => {
    expect(deploymentManifest(MANIFEST, { publicUrl: publicUrlFrom("", false) })).toBe(MANIFEST);
    expect(publicUrlFrom("https://oa.example.gov.cn/nianbao", false)).toBe(DEV_URL);
    const xml = deploymentManifest(MANIFEST, { publicUrl: "https://oa.example.gov.cn/" });
    expect(topLevel(xml).some((e) => e.name === "AppDomains")).toBe(false);
  });
});
