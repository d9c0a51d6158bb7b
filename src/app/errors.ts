/**
 * The catalogue of application errors. Every error that reaches a user carries a stable `code`, an HTTP
 * status, a sentence saying what went wrong, and a hint saying how to fix it. The domain never throws
 * these; app services and adapters do, and one HTTP error handler renders them as
 * `{ "error": { "code", "message", "hint" } }`.
 */
export interface AppErrorInit {
  code: string;
  status: number;
  message: string;
  hint?: string;
  details?: unknown;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly hint: string | undefined;
  readonly details: unknown;

  constructor(init: AppErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "AppError";
    this.code = init.code;
    this.status = init.status;
    this.hint = init.hint;
    this.details = init.details;
  }

  toJSON(): { code: string; message: string; hint?: string; details?: unknown } {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

export const notFound = (what: string, id: string): AppError =>
  new AppError({
    code: "not_found",
    status: 404,
    message: `${what} ${id} was not found.`,
    hint: `Check the id; list ${what.toLowerCase()}s to see the ones your API key's organisation can read.`,
  });

export const badRequest = (code: string, message: string, hint?: string, details?: unknown): AppError =>
  new AppError({ code, status: 400, message, ...(hint === undefined ? {} : { hint }), details });

export const unauthorized = (message: string): AppError =>
  new AppError({
    code: "auth.unauthorized",
    status: 401,
    message,
    hint: "Send `Authorization: Bearer <api key>` with a key that has not been revoked. The first start prints an admin key.",
  });

export const forbidden = (message: string, hint: string): AppError =>
  new AppError({ code: "auth.forbidden", status: 403, message, hint });

export const conflict = (code: string, message: string, hint: string): AppError =>
  new AppError({ code, status: 409, message, hint });
