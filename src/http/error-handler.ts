import type { FastifyError, FastifyInstance } from "fastify";
import { AppError } from "../app/errors.ts";
import { describeValidationError } from "./validation.ts";

interface Rendered {
  status: number;
  body: { error: { code: string; message: string; hint?: string; details?: unknown } };
}

function render(status: number, code: string, message: string, hint?: string, details?: unknown): Rendered {
  return {
    status,
    body: {
      error: { code, message, ...(hint ? { hint } : {}), ...(details === undefined ? {} : { details }) },
    },
  };
}

/** Maps any error to the one error shape. Unknown errors are logged and shown without their internals. */
export function renderError(err: FastifyError | Error, bodyLimit: number): Rendered {
  if (err instanceof AppError) return render(err.status, err.code, err.message, err.hint, err.details);
  const fe = err as FastifyError & { validation?: unknown[]; validationContext?: string; status?: number };
  if (Array.isArray(fe.validation) && fe.validation.length > 0) {
    const part = fe.validationContext ?? "body";
    const problems = fe.validation.slice(0, 10).map((v) => describeValidationError(part, v as never));
    return render(
      400,
      "request.invalid",
      `${problems.map((p) => p.problem).join("; ")}.`,
      "Fix the named field and send the request again; /openapi.json describes every field.",
      problems,
    );
  }
  switch (fe.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return render(
        400,
        "request.malformed_json",
        `The body is not valid JSON: ${fe.message}`,
        "Send a JSON object; check quotes, commas and brackets.",
      );
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return render(
        400,
        "request.empty_body",
        "The body is empty but the content type says JSON.",
        "Send a JSON object, or no Content-Type header.",
      );
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return render(
        413,
        "request.too_large",
        `The body is larger than the limit of ${bodyLimit} bytes.`,
        "Send a smaller body; the limit is set by DRIFTWATCH_BODY_LIMIT_BYTES.",
      );
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return render(
        415,
        "request.unsupported_media_type",
        fe.message,
        "Send `Content-Type: application/json`.",
      );
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return render(
        400,
        "request.invalid_content_length",
        fe.message,
        "The Content-Length header must match the body.",
      );
  }
  if (err instanceof SyntaxError || fe.code === "FST_ERR_CTP_INVALID_JSON") {
    return render(
      400,
      "request.malformed_json",
      `The body is not valid JSON: ${err.message}`,
      "Send a JSON object; check quotes, commas and brackets.",
    );
  }
  const status = fe.statusCode ?? fe.status;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return render(status, "request.rejected", fe.message);
  }
  return render(
    500,
    "internal",
    "Something went wrong on the server; it has been logged.",
    "Try again; if it persists, check the server log for this request id.",
  );
}

export function installErrorHandler(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const { status, body } = renderError(err, bodyLimit);
    if (status >= 500) request.log.error({ err }, "request failed");
    else request.log.info({ code: body.error.code, status }, "request rejected");
    reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      error: {
        code: "route.not_found",
        message: `There is no ${request.method} ${request.url.split("?")[0]}.`,
        hint: "See /docs for the API reference.",
      },
    });
  });
}
