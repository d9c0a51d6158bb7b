/**
 * Listing every resource of an account through Resource Explorer 2 (the real `@aws-sdk/client-resource-
 * explorer-2`): the aggregator index and its default view are checked first, then `Search` is paged.
 * Search counts at most 1,000 matches and returns no more: a query whose `Count.Complete` is false is split
 * — by region, then by type, then by id prefix — and every split has a remainder part that excludes the
 * values already asked for, so what was not foreseen is still found. A part that cannot be split further
 * is reported (`aws.resource_explorer.truncated`), never dropped silently.
 */
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import {
  GetDefaultViewCommand,
  GetIndexCommand,
  ListIndexesCommand,
  type Resource,
  ResourceExplorer2Client,
  SearchCommand,
  type SearchCommandOutput,
} from "@aws-sdk/client-resource-explorer-2";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { ScanError } from "../../domain/cloud/resource.ts";
import { notEnabled, viewNotFound } from "./aws-errors.discovery.ts";
import type { AwsOperation } from "./aws-errors.ts";
import { pacedCall, retryableFor, scanErrorFrom } from "./paced-call.ts";
import type { TokenBucket } from "./token-bucket.ts";

/** Where and as whom an AWS client calls. */
export interface AwsClientTarget {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  /** Already resolved (see endpoints.ts); undefined: AWS's regional endpoint. */
  endpoint?: string;
  maxSockets?: number;
  requestTimeoutMs?: number;
}

export function httpHandler(t: AwsClientTarget): NodeHttpHandler {
  const agent = { keepAlive: true, maxSockets: t.maxSockets ?? 32 };
  return new NodeHttpHandler({
    connectionTimeout: 5_000,
    requestTimeout: t.requestTimeoutMs ?? 30_000,
    httpAgent: new HttpAgent(agent),
    httpsAgent: new HttpsAgent(agent),
  });
}

export function createResourceExplorerClient(t: AwsClientTarget): ResourceExplorer2Client {
  return new ResourceExplorer2Client({
    region: t.region,
    credentials: t.credentials,
    ...(t.endpoint ? { endpoint: t.endpoint } : {}),
    maxAttempts: 1,
    requestHandler: httpHandler(t),
  });
}

/** Discovery itself failed (not enabled, no view, denied, credentials): the scan is `failed`. */
export class DiscoveryFailure extends Error {
  readonly scanError: ScanError;
  constructor(scanError: ScanError) {
    super(scanError.message);
    this.name = "DiscoveryFailure";
    this.scanError = scanError;
  }
}

/** Resource Explorer counts and returns at most this many matches per query. */
export const SEARCH_LIMIT = 1000;
const QUERY_MAX = 1280;
/** How many times a part may be divided by id prefix. */
const ID_PREFIX_DEPTH = 12;
type Dimension = "region" | "resourcetype" | "id";

export interface ResourceExplorerOptions {
  region: string;
  endpoint?: string;
  signal?: AbortSignal;
  maxAttempts?: number;
  onThrottle?: () => void;
}

export class ResourceExplorerReader {
  private readonly client: ResourceExplorer2Client;
  private readonly bucket: TokenBucket;
  private readonly opts: ResourceExplorerOptions;
  private indexRegions: string[] | undefined;
  searches = 0;

  constructor(client: ResourceExplorer2Client, bucket: TokenBucket, opts: ResourceExplorerOptions) {
    this.client = client;
    this.bucket = bucket;
    this.opts = opts;
  }

  private op(action: string): AwsOperation {
    return {
      service: "resource_explorer",
      action,
      region: this.opts.region,
      ...(this.opts.endpoint ? { endpoint: this.opts.endpoint } : {}),
    };
  }

  private async call<T>(action: string, send: () => Promise<T>): Promise<T> {
    const op = this.op(action);
    try {
      return await pacedCall([this.bucket], send, retryableFor(op), {
        ...(this.opts.maxAttempts ? { maxAttempts: this.opts.maxAttempts } : {}),
        ...(this.opts.signal ? { signal: this.opts.signal } : {}),
        ...(this.opts.onThrottle ? { onThrottle: this.opts.onThrottle } : {}),
      });
    } catch (err) {
      if (this.opts.signal?.aborted) throw err;
      throw new DiscoveryFailure(scanErrorFrom(err, op, { region: this.opts.region }));
    }
  }

  private fatal(reasoned: { reason: string; message: string; hint: string }): DiscoveryFailure {
    return new DiscoveryFailure({
      code: `aws.resource_explorer.${reasoned.reason}`,
      region: this.opts.region,
      message: reasoned.message,
      fix: reasoned.hint,
    });
  }

  /**
   * Checks that the region has an index and a default view. Returns warnings (a local index only sees its
   * own region); throws DiscoveryFailure when discovery cannot run.
   */
  async checkSetup(): Promise<{ viewArn: string; indexType: string; warnings: ScanError[] }> {
    const index = await this.call("GetIndex", () => this.client.send(new GetIndexCommand({})));
    if (!index.Arn || index.State === "DELETING" || index.State === "DELETED") {
      throw this.fatal(notEnabled(this.opts.region));
    }
    const view = await this.call("GetDefaultView", () => this.client.send(new GetDefaultViewCommand({})));
    if (!view.ViewArn) throw this.fatal(viewNotFound(this.opts.region));
    const warnings: ScanError[] = [];
    if (index.Type === "LOCAL") {
      warnings.push({
        code: "aws.resource_explorer.local_index",
        region: this.opts.region,
        message: `The index in ${this.opts.region} is a local index: it only holds the resources of ${this.opts.region}, so resources in other regions are unknown.`,
        fix: `Promote the index in ${this.opts.region} to the aggregator (Resource Explorer console → Settings → Indexes → Change index type), or set the credential's region to the aggregator's.`,
      });
    }
    return { viewArn: view.ViewArn, indexType: index.Type ?? "LOCAL", warnings };
  }

  private async regions(): Promise<string[]> {
    if (this.indexRegions) return this.indexRegions;
    const regions = new Set<string>();
    let token: string | undefined;
    try {
      do {
        const out = await this.call("ListIndexes", () =>
          this.client.send(new ListIndexesCommand({ MaxResults: 100, NextToken: token })),
        );
        for (const i of out.Indexes ?? []) if (i.Region) regions.add(i.Region);
        token = out.NextToken;
      } while (token);
    } catch (err) {
      // Without ListIndexes the regions seen in results are used; the remainder part still covers the rest.
      if (!(err instanceof DiscoveryFailure)) throw err;
    }
    this.indexRegions = [...regions].sort();
    return this.indexRegions;
  }

  private async search(query: string, token?: string): Promise<SearchCommandOutput> {
    this.searches++;
    return this.call("Search", () =>
      this.client.send(new SearchCommand({ QueryString: query, MaxResults: SEARCH_LIMIT, NextToken: token })),
    );
  }

  /**
   * Every resource, each passed to `onResources` once, page by page. `complete` is false when some part
   * could not be listed whole (the errors say which).
   */
  async listAll(
    onResources: (batch: Resource[]) => void,
  ): Promise<{ complete: boolean; errors: ScanError[] }> {
    const seen = new Set<string>();
    const errors: ScanError[] = [];
    const emit = (batch: Resource[]) => {
      const fresh = batch.filter((r) => r.Arn && !seen.has(r.Arn) && seen.add(r.Arn));
      if (fresh.length > 0) onResources(fresh);
    };

    /** Lists a query whole when its count is complete; else returns its first page as a sample. */
    const whole = async (terms: string[]): Promise<Resource[] | undefined> => {
      const query = terms.join(" ");
      let out = await this.search(query);
      const reported = out.Count;
      const incomplete =
        reported?.Complete === false ||
        (reported === undefined &&
          (out.Resources?.length ?? 0) >= SEARCH_LIMIT &&
          out.NextToken !== undefined);
      if (incomplete) return out.Resources ?? [];
      emit(out.Resources ?? []);
      for (let pages = 1; out.NextToken && pages <= SEARCH_LIMIT; pages++) {
        out = await this.search(query, out.NextToken);
        emit(out.Resources ?? []);
      }
      return undefined;
    };

    const part = async (terms: string[], level: number): Promise<void> => {
      const sample = await whole(terms);
      if (sample) await split(terms, level, [], sample);
    };

    const split = async (base: string[], level: number, excluded: string[], sample: Resource[]) => {
      const dim = dimensionAt(level);
      if (!dim) {
        errors.push(truncated(base, this.opts.region));
        emit(sample);
        return;
      }
      const values = new Set<string>();
      if (dim === "region" && excluded.length === 0) for (const r of await this.regions()) values.add(r);
      if (dim === "region" && excluded.length === 0) values.add("global");
      for (const v of valuesOf(dim, sample)) if (!excluded.includes(v)) values.add(v);
      const filter = dim === "id" ? "id" : dim;
      for (const v of values) await part([...base, `${filter}:${v}`], level + 1);
      const nowExcluded = [...excluded, ...values];
      const rest = [...base, ...nowExcluded.map((v) => `-${filter}:${v}`)];
      if (rest.join(" ").length > QUERY_MAX || values.size === 0) {
        // Nothing new to split on, or the remainder query would be too long for Resource Explorer.
        errors.push(truncated(base, this.opts.region));
        emit(sample);
        return;
      }
      const restSample = await whole(rest);
      if (restSample) await split(base, level, nowExcluded, restSample);
    };

    await part([], 0);
    return { complete: errors.length === 0, errors };
  }
}

function dimensionAt(level: number): Dimension | undefined {
  if (level === 0) return "region";
  if (level === 1) return "resourcetype";
  if (level <= 1 + ID_PREFIX_DEPTH) return "id";
  return undefined;
}

/** The id Resource Explorer's `id:` filter matches: the ARN's last `/` or `:` segment. */
function idOf(arn: string): string {
  const resource = arn.split(":").slice(5).join(":");
  const cut = Math.max(resource.lastIndexOf("/"), resource.lastIndexOf(":"));
  return (cut < 0 ? resource : resource.slice(cut + 1)).toLowerCase();
}

/**
 * The values to split a sample on. Ids: the sample's longest common prefix plus each next character
 * (`i-0a*`, `i-0b*` …), so ids that share a long prefix still divide; an id that is the prefix itself is
 * asked for exactly.
 */
function valuesOf(dim: Dimension, sample: Resource[]): string[] {
  if (dim === "region") return sample.map((r) => r.Region?.toLowerCase() ?? "").filter(Boolean);
  if (dim === "resourcetype") return sample.map((r) => r.ResourceType?.toLowerCase() ?? "").filter(Boolean);
  const ids = sample.map((r) => (r.Arn ? idOf(r.Arn) : "")).filter((id) => id !== "" && !/[\s"*]/.test(id));
  if (ids.length === 0) return [];
  let common = ids[0]!;
  for (const id of ids) {
    let i = 0;
    while (i < common.length && i < id.length && common[i] === id[i]) i++;
    common = common.slice(0, i);
  }
  const out = new Set<string>();
  for (const id of ids) out.add(id.length === common.length ? id : `${common}${id[common.length]}*`);
  return [...out];
}

function truncated(terms: string[], region: string): ScanError {
  const query = terms.join(" ") || "(all resources)";
  return {
    code: "aws.resource_explorer.truncated",
    region,
    message: `Resource Explorer matches more than ${SEARCH_LIMIT} resources for "${query}" and driftwatch could not split the query further, so some of them are not listed.`,
    fix: "Report it with the query: Resource Explorer returns at most 1,000 results per query, and this part of the account could not be divided by region, type or id.",
  };
}
