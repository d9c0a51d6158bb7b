/** Types shared by the SigV4 verifier and the emulators that call it. */

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Set for temporary credentials: requests must carry this exact token. */
  sessionToken?: string;
  /** Temporary credentials stop working at this instant (`ExpiredToken`). */
  expiresAt?: Date;
}

export type HeaderBag = Record<string, string | string[] | undefined>;
export type QueryBag = Record<string, string | string[] | undefined>;

export interface SigV4Request {
  method: string;
  /** The path exactly as it was sent (still percent-encoded), without the query string. */
  path: string;
  /** The raw query string (without `?`), or already-decoded parameters. */
  query: string | QueryBag;
  /** Header names in any case (node's `IncomingHttpHeaders` are lower-case). */
  headers: HeaderBag;
  /**
   * The body, when the caller has it. Without an `x-amz-content-sha256` header the payload hash is
   * computed from it (Query-protocol services); with a hex header it is checked against it.
   */
  body?: Uint8Array | string;
}

export interface SigV4Options {
  /** The signing name of the service: `s3`, `sts`, … */
  service: string;
  /** "Now" for the skew check, token expiry and presigned-URL expiry. Default: real time. */
  clock?: () => Date;
  /** When set, the credential scope's region must equal it (S3: the bucket's region). */
  expectedRegion?: string;
  /** Allowed difference between the request time and the clock. Default 15 minutes, as AWS. */
  maxSkewMs?: number;
}

export interface SigV4Success {
  ok: true;
  accessKeyId: string;
  region: string;
  service: string;
  signedAt: Date;
  /** The payload hash the request was signed with: hex, `UNSIGNED-PAYLOAD`, `STREAMING-…`. */
  payloadHash: string;
  presigned: boolean;
  sessionToken?: string;
}

export interface SigV4Failure {
  ok: false;
  /** The AWS error code, e.g. `SignatureDoesNotMatch`. */
  code: string;
  message: string;
  /** The HTTP status AWS answers with for this code. */
  status: number;
  /** Extra elements AWS puts in its error document (e.g. `Region`); never a secret. */
  details: Record<string, string>;
}

export type SigV4Result = SigV4Success | SigV4Failure;

export type CredentialLookup = (accessKeyId: string) => SigV4Credentials | undefined;
