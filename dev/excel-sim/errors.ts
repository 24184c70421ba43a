/**
 * Errors shaped like `OfficeExtension.Error`: what `context.sync()` rejects with, and what reading an
 * unloaded property throws. Code strings are Office's own (`Excel.ErrorCodes`, `OfficeExtension.ErrorCodes`),
 * so adapter code that switches on `error.code` behaves the same against the simulator and against Excel.
 */

export type SimErrorCode =
  | "AccessDenied"
  | "ApiNotFound"
  | "GeneralException"
  | "InvalidArgument"
  | "InvalidObjectPath"
  | "InvalidOperation"
  | "InvalidOperationInCellEditMode"
  | "InvalidReference"
  | "InvalidRequestContext"
  | "ItemAlreadyExists"
  | "ItemNotFound"
  | "NotImplemented"
  | "PropertyNotLoaded"
  | "RunMustReturnPromise";

/** Office's standard messages for each code (en-US), used when no more specific message is given. */
const MESSAGES: Record<SimErrorCode, string> = {
  AccessDenied:
    "The cell or chart you're trying to change is on a protected sheet. To make a change, unprotect the sheet. You might be requested to enter a password.",
  ApiNotFound:
    'The API you are trying to use could not be found. It may be available in a newer version of Excel. Please refer to the "Excel JavaScript API requirement sets" documentation for more information.',
  GeneralException: "There was an internal error while processing the request.",
  InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
  InvalidObjectPath: "The object path isn't working for what you're trying to do.",
  InvalidOperation: "The operation attempted is invalid on the object.",
  InvalidOperationInCellEditMode:
    "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.",
  InvalidReference: "This reference isn't valid for the current operation.",
  InvalidRequestContext: "Cannot use the object across different request contexts.",
  ItemAlreadyExists: "A resource with the same name or identifier already exists.",
  ItemNotFound: "The requested resource doesn't exist.",
  NotImplemented: "The requested feature isn't implemented.",
  RunMustReturnPromise:
    'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation.',
  PropertyNotLoaded:
    'The property is not available. Before reading the property\'s value, call the load method on the containing object and call "context.sync()" on the associated request context.',
};

export interface SimDebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
  statement?: string;
}

/** Mirrors `OfficeExtension.Error` (name "RichApi.Error", `code`, `debugInfo`, `traceMessages`). */
export class SimOfficeError extends Error {
  readonly code: SimErrorCode;
  readonly debugInfo: SimDebugInfo;
  traceMessages: string[] = [];
  readonly innerError: SimOfficeError | null = null;

  constructor(code: SimErrorCode, message?: string, errorLocation?: string) {
    super(message ?? MESSAGES[code]);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message: this.message, ...(errorLocation ? { errorLocation } : {}) };
  }
}

export function simError(
  code: SimErrorCode,
  message?: string,
  errorLocation?: string
): SimOfficeError {
  return new SimOfficeError(code, message, errorLocation);
}

/** The exact wording Office uses when a property is read before `load` + `sync`. */
export function propertyNotLoaded(property: string, typeName: string): SimOfficeError {
  return new SimOfficeError(
    "PropertyNotLoaded",
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${typeName}.${property}`
  );
}

/** Marks something real Excel supports but this simulator does not: a loud failure, never a silent fake. */
export function notSimulated(what: string): SimOfficeError {
  return new SimOfficeError("NotImplemented", `excel-sim: ${what} is not simulated.`);
}

/** Boolean property setters refuse any other value with InvalidArgument. */
export function requireBoolean(value: unknown, what: string): boolean {
  if (typeof value !== "boolean") throw simError("InvalidArgument", `${what} must be a boolean.`);
  return value;
}

/** `OfficeExtension.ErrorCodes`-like table for the global stub. */
export const OFFICE_EXTENSION_ERROR_CODES = {
  accessDenied: "AccessDenied",
  generalException: "GeneralException",
  activityLimitReached: "ActivityLimitReached",
  invalidObjectPath: "InvalidObjectPath",
  propertyNotLoaded: "PropertyNotLoaded",
  valueNotLoaded: "ValueNotLoaded",
  invalidRequestContext: "InvalidRequestContext",
  invalidArgument: "InvalidArgument",
  runMustReturnPromise: "RunMustReturnPromise",
  cannotRegisterEvent: "CannotRegisterEvent",
  apiNotFound: "ApiNotFound",
  connectionFailure: "ConnectionFailure",
} as const;
