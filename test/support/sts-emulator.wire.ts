/** The STS Query protocol's wire details for the emulator: errors, XML escaping, dates, SigV4 codes. */

export class StsFailure extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const esc = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
export const xmlDate = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");
export const NS = "https://sts.amazonaws.com/doc/2011-06-15/";

/** STS answers SigV4 problems with its own codes. */
export function stsAuthFailure(code: string, message: string): StsFailure {
  switch (code) {
    case "InvalidAccessKeyId":
    case "InvalidToken":
      return new StsFailure(
        403,
        "InvalidClientTokenId",
        "The security token included in the request is invalid.",
      );
    case "ExpiredToken":
      return new StsFailure(400, "ExpiredToken", "The security token included in the request is expired");
    case "SignatureDoesNotMatch":
      return new StsFailure(
        403,
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
      );
    case "RequestTimeTooSkewed":
      return new StsFailure(
        403,
        "SignatureDoesNotMatch",
        "Signature expired: the request time is too far from now.",
      );
    case "AccessDenied":
      return new StsFailure(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
    default:
      return new StsFailure(400, "IncompleteSignature", message);
  }
}
