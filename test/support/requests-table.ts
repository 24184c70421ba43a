/**
 * The applicant columns of 三、收到和处理政府信息公开申请情况, spelled out here rather than taken from
 * src/templates, so that tests check the code against the statutory table and not against itself.
 */
export const APPLICANT_COLUMNS = [
  "naturalPerson",
  "commercial",
  "research",
  "publicInterest",
  "legalService",
  "otherOrg",
  "total",
] as const;
