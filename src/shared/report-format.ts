/**
 * The report file is a documented, versioned format (schema/report.schema.json). Its format version changes
 * only when a reader of the previous version would misread a new report; keys may be added without a change.
 */
export const REPORT_FORMAT_VERSION = 1
export const ACTION_NAME = 'acm-expiry-audit'
/** The action's version, as package.json states it (a test keeps them equal). */
export const ACTION_VERSION = '0.1.0'
