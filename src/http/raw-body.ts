import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../app/errors.ts";

/**
 * Routes that take a file as their body (check, infer) receive it as a stream, not parsed. A declared
 * Content-Length over the limit is refused at once (413); a body without one is cut at the limit by the
 * reader, which reports `file_too_large`.
 */
export function acceptRawBodies(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser("*", (_request, payload, done) => done(null, payload));
}

export function assertBodyWithin(request: FastifyRequest, limit: number): void {
  const declared = Number(request.headers["content-length"] ?? "0");
  if (declared > limit) {
    throw new AppError({
      code: "request.too_large",
      status: 413,
      message: `The file is ${declared} bytes; this endpoint takes at most ${limit} bytes.`,
      hint: "Check a smaller sample here, or use `driftwatch check` offline; the limit is DRIFTWATCH_CHECK_BODY_LIMIT_BYTES.",
    });
  }
}

export async function readAll(stream: AsyncIterable<Uint8Array>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > limit) {
      throw new AppError({
        code: "request.too_large",
        status: 413,
        message: `The file is larger than ${limit} bytes.`,
        hint: "Send a smaller sample; the limit is DRIFTWATCH_CHECK_BODY_LIMIT_BYTES.",
      });
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
