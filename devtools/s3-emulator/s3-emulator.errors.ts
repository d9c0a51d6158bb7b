/** S3 error codes with the status and message AWS answers them with. */

const CATALOGUE: Record<string, { status: number; message: string }> = {
  AccessDenied: { status: 403, message: "Access Denied" },
  AuthorizationHeaderMalformed: { status: 400, message: "The authorization header is malformed." },
  BadDigest: {
    status: 400,
    message: "The Content-MD5 or checksum value that you specified did not match what the server received.",
  },
  BucketAlreadyOwnedByYou: {
    status: 409,
    message: "Your previous request to create the named bucket succeeded and you already own it.",
  },
  BucketNotEmpty: { status: 409, message: "The bucket you tried to delete is not empty" },
  EntityTooLarge: { status: 400, message: "Your proposed upload exceeds the maximum allowed size" },
  ExpiredToken: { status: 400, message: "The provided token has expired." },
  IllegalLocationConstraintException: {
    status: 400,
    message:
      "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.",
  },
  IncompleteBody: {
    status: 400,
    message: "You did not provide the number of bytes specified by the Content-Length HTTP header.",
  },
  InternalError: { status: 500, message: "We encountered an internal error. Please try again." },
  InvalidAccessKeyId: {
    status: 403,
    message: "The AWS Access Key Id you provided does not exist in our records.",
  },
  InvalidArgument: { status: 400, message: "Invalid Argument" },
  InvalidBucketName: { status: 400, message: "The specified bucket is not valid." },
  InvalidDigest: {
    status: 400,
    message: "The Content-MD5 or checksum value that you specified is not valid.",
  },
  InvalidObjectState: { status: 403, message: "The operation is not valid for the object's storage class" },
  InvalidRange: { status: 416, message: "The requested range is not satisfiable" },
  InvalidRequest: { status: 400, message: "Invalid Request" },
  InvalidStorageClass: { status: 400, message: "The storage class you specified is not valid" },
  InvalidToken: { status: 400, message: "The provided token is malformed or otherwise invalid." },
  MalformedXML: {
    status: 400,
    message: "The XML you provided was not well-formed or did not validate against our published schema",
  },
  MethodNotAllowed: { status: 405, message: "The specified method is not allowed against this resource." },
  MissingContentLength: { status: 411, message: "You must provide the Content-Length HTTP header." },
  NoSuchBucket: { status: 404, message: "The specified bucket does not exist" },
  NoSuchKey: { status: 404, message: "The specified key does not exist." },
  NoSuchVersion: { status: 404, message: "The specified version does not exist." },
  "KMS.AccessDeniedException": { status: 403, message: "Access Denied" },
  NotImplemented: {
    status: 501,
    message: "A header you provided implies functionality that is not implemented",
  },
  PermanentRedirect: {
    status: 301,
    message:
      "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.",
  },
  PreconditionFailed: {
    status: 412,
    message: "At least one of the pre-conditions you specified did not hold",
  },
  RequestTimeTooSkewed: {
    status: 403,
    message: "The difference between the request time and the current time is too large.",
  },
  ServiceUnavailable: { status: 503, message: "Please reduce your request rate." },
  SignatureDoesNotMatch: {
    status: 403,
    message:
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
  },
  SlowDown: { status: 503, message: "Please reduce your request rate." },
};

const CODE_FOR_STATUS: Record<number, string> = {
  400: "InvalidRequest",
  403: "AccessDenied",
  404: "NoSuchKey",
  405: "MethodNotAllowed",
  409: "OperationAborted",
  412: "PreconditionFailed",
  500: "InternalError",
  501: "NotImplemented",
  503: "SlowDown",
};

/** An S3 error answer: rendered as the XML error document with its status. */
export class S3Error extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, string>;

  constructor(code: string, message?: string, details: Record<string, string> = {}, status?: number) {
    const known = CATALOGUE[code];
    super(message ?? known?.message ?? code);
    this.name = "S3Error";
    this.code = code;
    this.status = status ?? known?.status ?? 400;
    this.details = details;
  }

  /** For injected faults: fill in whichever of code and status is missing. */
  static fromFault(code: string | undefined, status: number | undefined, message?: string): S3Error {
    const c = code ?? (status !== undefined ? CODE_FOR_STATUS[status] : undefined) ?? "InternalError";
    return new S3Error(c, message, {}, status);
  }
}

/** Misuse of the emulator's programmatic API (unknown bucket, bad name…), thrown to the test. */
export class S3EmulatorError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "S3EmulatorError";
    this.code = code;
  }
}
