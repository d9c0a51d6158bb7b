export { S3EmulatorError } from "./s3-emulator.errors.ts";
export { startS3Emulator } from "./s3-emulator.server.ts";
export type {
  AuthorizeRequest,
  Authorizer,
  FaultTarget,
  RequestRecord,
  S3Credentials,
  S3Emulator,
  S3EmulatorOptions,
  S3Fault,
  S3Op,
  StoredObjectView,
} from "./s3-emulator.types.ts";
