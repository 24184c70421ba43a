/**
 * Build settings of a deployment, read by webpack.config.js and tested on their own:
 *
 *   ADDIN_PUBLIC_URL=https://…/   where dist/ is served; replaces the development address in the manifest
 *   PLATFORM_URL=https://…/       the disclosure platform the pane submits to (protocol nianbao/submit@1);
 *                                 without it the pane has no submit button at all
 */

const DEV_URL = "https://localhost:3000/";
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The platform's base URL from PLATFORM_URL, with a trailing slash, or undefined when unset. Office add-ins
 * only talk to HTTPS, so plain http is refused except on the loopback address (the workbench and tests).
 */
function platformUrlFrom(value) {
  const text = (value || "").trim();
  if (text === "") return undefined;
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`PLATFORM_URL is not an absolute URL: ${text}`);
  }
  const loopback = LOOPBACK.has(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new Error(
      `PLATFORM_URL must be https:// (http:// only on 127.0.0.1 or localhost): ${text}`
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`PLATFORM_URL must have no query, fragment or credentials: ${text}`);
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** ADDIN_PUBLIC_URL with a trailing slash in production; the development address otherwise. */
function publicUrlFrom(value, production) {
  const text = (value || "").trim();
  if (!production || text === "") return DEV_URL;
  return text.endsWith("/") ? text : `${text}/`;
}

function escapeXml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * The manifest as deployed: the add-in's own address instead of the development one and, when there is a
 * platform, its origin in <AppDomains> (Office trusts the domain; the requests themselves are allowed by
 * the platform's CORS). <AppDomains> goes right before the top-level <Hosts>, as the schema orders it.
 */
function deploymentManifest(xml, { publicUrl = DEV_URL, platformUrl } = {}) {
  let out = publicUrl === DEV_URL ? xml : xml.split(DEV_URL).join(publicUrl);
  if (platformUrl) {
    const origin = new URL(platformUrl).origin;
    const hosts = out.search(/^([ \t]*)<Hosts>/m);
    if (hosts < 0 || /<AppDomains>/.test(out)) {
      throw new Error("manifest.xml: expected one top-level <Hosts> and no <AppDomains>");
    }
    const indent = /^[ \t]*/.exec(out.slice(hosts))[0];
    const block =
      `${indent}<AppDomains>\n` +
      `${indent}  <AppDomain>${escapeXml(origin)}</AppDomain>\n` +
      `${indent}</AppDomains>\n`;
    out = out.slice(0, hosts) + block + out.slice(hosts);
  }
  return out;
}

module.exports = { DEV_URL, platformUrlFrom, publicUrlFrom, deploymentManifest };
