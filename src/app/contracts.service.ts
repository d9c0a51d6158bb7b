import type {
  Contract as ApiContract,
  ContractVersion,
  ContractVersionDocument,
} from "../api/contracts.api.ts";
import {
  type CheckResult,
  type CompiledContract,
  type Contract,
  ContractInvalidError,
  checkFile,
  compileContract,
  contractToYaml,
  type FileFormat,
  formatFromKey,
  InferError,
  inferContract,
  isFileFormat,
  type LintIssue,
  lintContract,
  loadContract,
} from "../domain/contracts/index.ts";
import type { Db, Queryable } from "../infra/db/engine.ts";
import { AppError, conflict, notFound } from "./errors.ts";
import { isUuid, type Page, pageOf, parseCursor } from "./pagination.ts";

/**
 * Contracts as the service keeps them: a named contract per org, versioned on every change of its document.
 * Documents are linted before they are stored (a lint error is a 400 with line and column), and compiled
 * once per version (cached) for every file checked against them.
 */
export type ContractView = ApiContract;

export type ContractVersionView = ContractVersion;
export type ContractVersionDocumentView = ContractVersionDocument;

interface ContractRow {
  id: string;
  org_id: string;
  name: string;
  current_version: number;
  created_at: Date;
  updated_at: Date;
  version_id: string;
  contract_key: string;
  odcs_version: string;
  format: string | null;
  document: string;
  connections: number;
}

/** A compiled contract version, ready to check files. */
export interface ActiveContract {
  versionId: string;
  contractId: string;
  /** The version's document, for checks compiled elsewhere (the check threads). */
  document: string;
  compiled: CompiledContract;
}

function invalid(err: ContractInvalidError): AppError {
  const first = err.issues.find((i) => i.severity === "error");
  return new AppError({
    code: "contract.invalid",
    status: 400,
    message: err.message,
    hint: first
      ? `Fix line ${first.line}, column ${first.column} (${first.path}) and send the document again; POST /api/v1/contracts/lint lists every problem.`
      : "Fix the document and send it again.",
    details: { issues: err.issues },
  });
}

function parse(document: string): Contract {
  try {
    return loadContract(document);
  } catch (err) {
    if (err instanceof ContractInvalidError) throw invalid(err);
    throw err;
  }
}

const SELECT = `SELECT c.*, v.id AS version_id, v.contract_key, v.odcs_version, v.format, v.document,
  (SELECT count(*)::int FROM connections k WHERE k.contract_id = c.id) AS connections
  FROM contracts c JOIN contract_versions v ON v.contract_id = c.id AND v.version = c.current_version`;

function toView(row: ContractRow): ContractView {
  return {
    id: row.id,
    name: row.name,
    contract_key: row.contract_key,
    version: row.current_version,
    odcs_version: row.odcs_version,
    format: row.format,
    document: row.document,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    connections: row.connections,
  };
}

export class ContractService {
  readonly #db: Db;
  readonly #compiled = new Map<string, CompiledContract>();
  readonly #maxFileBytes: number;

  constructor(db: Db, opts: { maxCheckBytes: number }) {
    this.#db = db;
    this.#maxFileBytes = opts.maxCheckBytes;
  }

  lint(document: string): LintIssue[] {
    return lintContract(document);
  }

  async create(orgId: string, input: { name: string; document: string }): Promise<ContractView> {
    const contract = parse(input.document);
    const name = input.name.trim();
    try {
      return await this.#db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: string }>(
          "INSERT INTO contracts (org_id, name) VALUES ($1, $2) RETURNING id",
          [orgId, name],
        );
        const id = rows[0]!.id;
        await this.#insertVersion(tx, orgId, id, 1, contract, input.document);
        return this.#get(tx, orgId, id);
      });
    } catch (err) {
      if ((err as { code?: string }).code === "23505") {
        throw conflict(
          "contract.name_taken",
          `A contract named "${name}" exists already.`,
          "Pick another name, or update that contract (PUT /api/v1/contracts/:id).",
        );
      }
      throw err;
    }
  }

  async #insertVersion(
    q: Queryable,
    orgId: string,
    contractId: string,
    version: number,
    contract: Contract,
    document: string,
  ) {
    await q.query(
      `INSERT INTO contract_versions (org_id, contract_id, version, contract_key, odcs_version, format, document)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [orgId, contractId, version, contract.id, contract.version, contract.format ?? null, document],
    );
  }

  async update(
    orgId: string,
    id: string,
    input: { name?: string; document?: string },
  ): Promise<ContractView> {
    const contract = input.document === undefined ? undefined : parse(input.document);
    try {
      return await this.#db.transaction(async (tx) => {
        const current = await this.#get(tx, orgId, id, true);
        if (input.name !== undefined && input.name.trim() !== current.name) {
          await tx.query("UPDATE contracts SET name = $3, updated_at = now() WHERE id = $1 AND org_id = $2", [
            id,
            orgId,
            input.name.trim(),
          ]);
        }
        if (contract && input.document !== current.document) {
          const next = current.version + 1;
          await this.#insertVersion(tx, orgId, id, next, contract, input.document!);
          await tx.query(
            "UPDATE contracts SET current_version = $3, updated_at = now() WHERE id = $1 AND org_id = $2",
            [id, orgId, next],
          );
        }
        return this.#get(tx, orgId, id);
      });
    } catch (err) {
      if ((err as { code?: string }).code === "23505") {
        throw conflict(
          "contract.name_taken",
          `A contract named "${input.name}" exists already.`,
          "Pick another name.",
        );
      }
      throw err;
    }
  }

  async get(orgId: string, id: string): Promise<ContractView> {
    return this.#get(this.#db, orgId, id);
  }

  async #get(q: Queryable, orgId: string, id: string, lock = false): Promise<ContractView> {
    if (!isUuid(id)) throw notFound("Contract", id);
    const { rows } = await q.query<ContractRow>(
      `${SELECT} WHERE c.id = $1 AND c.org_id = $2${lock ? " FOR UPDATE OF c" : ""}`,
      [id, orgId],
    );
    if (!rows[0]) throw notFound("Contract", id);
    return toView(rows[0]);
  }

  async list(orgId: string, opts: { limit?: number; cursor?: string }): Promise<Page<ContractView>> {
    const limit = opts.limit ?? 50;
    const after = parseCursor(opts.cursor);
    const { rows } = await this.#db.query<ContractRow>(
      `${SELECT} WHERE c.org_id = $1 AND ($2::text IS NULL OR (c.name, c.id::text) > ($2, $3))
       ORDER BY c.name, c.id LIMIT $4`,
      [orgId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
    return pageOf(rows.map(toView), limit, (c) => [c.name, c.id]);
  }

  async versions(orgId: string, id: string): Promise<ContractVersionView[]> {
    await this.get(orgId, id);
    const { rows } = await this.#db.query<{
      version: number;
      odcs_version: string;
      contract_key: string;
      created_at: Date;
    }>(
      "SELECT version, odcs_version, contract_key, created_at FROM contract_versions WHERE contract_id = $1 AND org_id = $2 ORDER BY version DESC",
      [id, orgId],
    );
    return rows.map((r) => ({ ...r, created_at: r.created_at.toISOString() }));
  }

  async version(orgId: string, id: string, version: number): Promise<ContractVersionDocumentView> {
    await this.get(orgId, id);
    const { rows } = await this.#db.query<{
      version: number;
      odcs_version: string;
      contract_key: string;
      document: string;
      created_at: Date;
    }>(
      "SELECT version, odcs_version, contract_key, document, created_at FROM contract_versions WHERE contract_id = $1 AND org_id = $2 AND version = $3",
      [id, orgId, version],
    );
    if (!rows[0]) throw notFound("Contract version", `${id}@${version}`);
    return { ...rows[0], created_at: rows[0].created_at.toISOString() };
  }

  async delete(orgId: string, id: string): Promise<void> {
    const contract = await this.get(orgId, id);
    if (contract.connections > 0) {
      throw conflict(
        "contract.in_use",
        `Contract "${contract.name}" is used by ${contract.connections} connection(s).`,
        "Link those connections to another contract (or none) first.",
      );
    }
    await this.#db.query("DELETE FROM contracts WHERE id = $1 AND org_id = $2", [id, orgId]);
  }

  /** The current version of a contract, compiled (cached per version). */
  async active(q: Queryable, orgId: string, contractId: string): Promise<ActiveContract> {
    const { rows } = await q.query<{ id: string; document: string }>(
      `SELECT v.id, v.document FROM contracts c JOIN contract_versions v ON v.contract_id = c.id AND v.version = c.current_version
       WHERE c.id = $1 AND c.org_id = $2`,
      [contractId, orgId],
    );
    const row = rows[0];
    if (!row) throw notFound("Contract", contractId);
    return {
      versionId: row.id,
      contractId,
      document: row.document,
      compiled: this.compiled(row.id, row.document),
    };
  }

  compiled(versionId: string, document: string): CompiledContract {
    let compiled = this.#compiled.get(versionId);
    if (!compiled) {
      compiled = compileContract(loadContract(document));
      if (this.#compiled.size >= 100) this.#compiled.delete(this.#compiled.keys().next().value!);
      this.#compiled.set(versionId, compiled);
    }
    return compiled;
  }

  /** Checks an uploaded file against a contract's current version; nothing is stored. */
  async check(
    orgId: string,
    id: string,
    body: AsyncIterable<Uint8Array>,
    filename: string,
    format?: string,
  ): Promise<CheckResult> {
    const { compiled } = await this.active(this.#db, orgId, id);
    return checkFile(compiled, body, {
      key: filename,
      maxBytes: this.#maxFileBytes,
      ...(format ? { format: checkedFormat(format) } : {}),
    });
  }

  infer(filename: string, bytes: Uint8Array, format?: string): { document: string; format: string | null } {
    try {
      const base = filename.replace(/^.*\//, "").replace(/\.[^.]+$/, "") || "inferred";
      const doc = inferContract([{ key: filename, bytes }], {
        id: base,
        name: base,
        ...(format ? { format: checkedFormat(format) } : {}),
      });
      const fmt = format ?? formatFromKey(filename) ?? null;
      return { document: contractToYaml(doc), format: fmt };
    } catch (err) {
      if (err instanceof InferError) {
        throw new AppError({
          code: err.code,
          status: 422,
          message: err.message,
          hint: "Send a sample that parses, in JSON, NDJSON, CSV or Parquet; name its format with ?format= if the file name has no extension.",
        });
      }
      throw err;
    }
  }
}

function checkedFormat(format: string): FileFormat {
  if (!isFileFormat(format)) {
    throw new AppError({
      code: "request.invalid",
      status: 400,
      message: `format "${format}" is not one of json, ndjson, csv, parquet, x12.`,
      hint: "Leave it out to take the format from the contract or the file name.",
    });
  }
  return format;
}
