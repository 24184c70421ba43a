/**
 * The disclosure platform this build submits to: PLATFORM_URL at build time (webpack's DefinePlugin writes
 * `__PLATFORM_URL__`, checked and normalised by scripts/deployment.js), or undefined when the deployment
 * names none, and then the pane shows no submit button at all.
 */
declare const __PLATFORM_URL__: string | undefined;

export const PLATFORM_URL: string | undefined =
  typeof __PLATFORM_URL__ === "string" && __PLATFORM_URL__ !== "" ? __PLATFORM_URL__ : undefined;
