/** The scripted account the Resource Explorer 2 + Cloud Control emulator serves, and its public handle. */
import type { SigV4Credentials } from "../sigv4/sigv4.types.ts";

/** One resource of the scripted account. */
export interface ScriptedResource {
  arn: string;
  /** Resource Explorer's type, e.g. `s3:bucket`, `ec2:instance`. */
  resourceType: string;
  /** CloudFormation type, e.g. `AWS::S3::Bucket`: reported as `CfnResourceType` and used by Cloud Control. */
  cfnType: string;
  /** A region code, or `global` (IAM, Route 53, CloudFront …). */
  region: string;
  /** Service prefix; default: the ARN's service field. */
  service?: string;
  tags?: Record<string, string>;
  /** What Cloud Control `GetResource` returns as `Properties` (JSON-encoded on the wire). */
  properties?: Record<string, unknown>;
  /** Cloud Control's primary identifier; default: the ARN's last `/` or `:` segment. */
  identifier?: string;
  /** ISO time for `LastReportedAt`. Default: the emulator's start. */
  lastReportedAt?: string;
}

export interface ScriptedAccount {
  /** 12 digits: the account every resource and every accepted key belongs to. */
  accountId: string;
  /** Key pairs the emulator accepts (sessions issued by the STS emulator are added with addCredentials). */
  credentials?: SigV4Credentials[];
  /** The region of the aggregator index (where the scanner's default view lives). */
  aggregatorRegion: string;
  /** Regions with a local index. Default: every region of a resource, plus the aggregator's. */
  indexRegions?: string[];
  /** False: no index anywhere (Resource Explorer never turned on). Default true. */
  enabled?: boolean;
  /** False: the aggregator region has an index but no default view. Default true. */
  defaultView?: boolean;
  resources: ScriptedResource[];
  /**
   * IAM denials. `actions`: `resource-explorer-2:Search`, `resource-explorer-2:GetIndex`,
   * `cloudformation:GetResource`, … are refused with AccessDeniedException. `readDeniedTypes`: CloudFormation
   * types whose per-service read (what Cloud Control dispatches into) is denied: GetResource fails with the
   * handler's AccessDenied.
   */
  denied?: { actions?: string[]; readDeniedTypes?: string[] };
  /** Types Cloud Control has no read handler for (UnsupportedActionException). */
  unsupportedTypes?: string[];
  /** Types whose identifiers Cloud Control does not accept (InvalidRequestException). */
  unsupportedIdentifierTypes?: string[];
  /** Types Cloud Control's registry does not know (TypeNotFoundException). */
  unknownTypes?: string[];
  /** Share of calls (0–1) answered with ThrottlingException at random, whatever the quotas. */
  throttleRate?: number;
  /**
   * Calls per second, as token buckets holding one second of calls. Keys: `resource-explorer-2` (every
   * Resource Explorer call), `cloudcontrol` (every Cloud Control call), `cloudcontrol:<service>` (Cloud
   * Control reads of one service's resources, e.g. `cloudcontrol:iam`). A call over a quota is answered
   * ThrottlingException and counted in `stats().overQuota`.
   */
  quotas?: Record<string, number>;
  /** Leave `CfnResourceType` out of Resource Explorer results (older API behaviour). */
  omitCfnType?: boolean;
  /** Seed of the random throttling (same seed, same sequence). Default 1. */
  seed?: number;
  /** Largest count Search reports (AWS: 1,000). */
  searchLimit?: number;
}

export type CloudService = "resource-explorer-2" | "cloudcontrol";

export interface CloudCallRecord {
  service: CloudService;
  /** `Search`, `GetIndex`, `GetResource`, … */
  action: string;
  status: number;
  /** AWS error code answered, when not 200. */
  code?: string;
  accessKeyId?: string;
  /** Cloud Control: the type read. */
  typeName?: string;
  /** Resource Explorer Search / ListResources: the query. */
  query?: string;
  /** Milliseconds since the emulator started. */
  at: number;
}

export interface CloudFault {
  service: CloudService;
  action: string;
  code: string;
  status: number;
  message?: string;
  /** Default: every matching call until clearFaults(). */
  times?: number;
  match?: (call: { typeName?: string; identifier?: string; query?: string }) => boolean;
}

export interface CloudEmulatorStats {
  /** Calls received per quota key and per second since start (index = second). */
  perSecond: Record<string, number[]>;
  /** Calls refused because a quota's bucket was empty, per quota key. */
  overQuota: Record<string, number>;
  /** Calls answered ThrottlingException by the random throttle. */
  randomlyThrottled: number;
  /** Calls per action. */
  byAction: Record<string, number>;
}

export interface CloudEmulatorOptions {
  account: ScriptedAccount;
  host?: string;
  port?: number;
  clock?: () => Date;
}

export interface CloudEmulator {
  /** http://127.0.0.1:PORT — both services answer here (set it as both endpoints). */
  endpoint: string;
  account: ScriptedAccount;
  calls: CloudCallRecord[];
  stats(): CloudEmulatorStats;
  /** Accept another key pair or session (the STS emulator's `s3` option calls this). */
  addCredentials(c: SigV4Credentials): void;
  injectFault(f: CloudFault): void;
  clearFaults(): void;
  /** Forget calls and statistics (between phases of a bench). */
  resetStats(): void;
  close(): Promise<void>;
}
