export { parseQueryString } from "./sigv4.parse.ts";
export type {
  CredentialLookup,
  SigV4Credentials,
  SigV4Failure,
  SigV4Options,
  SigV4Request,
  SigV4Result,
  SigV4Success,
} from "./sigv4.types.ts";
export {
  DEFAULT_MAX_SKEW_MS,
  isHexPayloadHash,
  payloadHashMismatch,
  STREAMING_SIGNED_PAYLOAD,
  STREAMING_SIGNED_PAYLOAD_TRAILER,
  STREAMING_UNSIGNED_PAYLOAD_TRAILER,
  UNSIGNED_PAYLOAD,
  verifySigV4,
} from "./sigv4.verify.ts";
