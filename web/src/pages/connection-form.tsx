/**
 * The connection form shared by New Connection and Edit: its state (draft, fields left, server errors),
 * the fields every connection has, and the box that says why the server refused it.
 */
import { type InputHTMLAttributes, type ReactNode, type Ref, useState } from "react";
import { Field, type FieldA11y } from "../components/field.tsx";
import type { ApiError } from "../lib/api.ts";
import {
  type ConnectionDraft,
  draftWarnings,
  FIELD_NAMES,
  type FieldErrors,
  type FieldName,
  MAX_INTERVAL,
  MIN_INTERVAL,
} from "../lib/connection-draft.ts";
import { type ResultOf, useApiQuery } from "../lib/queries.ts";
import { Link } from "../lib/router.tsx";
import { AdvancedFields, type FormKit, fieldId, RegionDatalist } from "./connection-form-parts.tsx";

export interface ConnectionFormState {
  draft: ConnectionDraft;
  setDraft: (update: (d: ConnectionDraft) => ConnectionDraft) => void;
  /** The draft's own problems (shown once a field is left, or all of them after a submit). */
  clientErrors: FieldErrors;
  setServerErrors: (update: FieldErrors | ((old: FieldErrors) => FieldErrors)) => void;
  /** Show every client error (after a submit). */
  touchAll: () => void;
  kit: FormKit;
}

/** The form's state: `validate` decides which problems count (an edit keeping its credentials skips theirs). */
export function useConnectionForm(
  init: () => ConnectionDraft,
  validate: (d: ConnectionDraft) => FieldErrors,
): ConnectionFormState {
  const [draft, setDraft] = useState<ConnectionDraft>(init);
  const [touched, setTouched] = useState<Set<FieldName>>(new Set());
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});

  const clientErrors = validate(draft);
  const errorOf = (f: FieldName): string | undefined =>
    serverErrors[f] ?? (touched.has(f) ? clientErrors[f] : undefined);

  const update = <K extends keyof ConnectionDraft>(key: K, value: ConnectionDraft[K], field?: FieldName) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (field && serverErrors[field]) {
      setServerErrors((s) => {
        const { [field]: _gone, ...rest } = s;
        return rest;
      });
    }
  };
  const touch = (f: FieldName) => setTouched((t) => (t.has(f) ? t : new Set(t).add(f)));

  const text = (
    f: FieldName,
    key: keyof ConnectionDraft,
    a11y: FieldA11y,
    extra: InputHTMLAttributes<HTMLInputElement> = {},
  ) => (
    <input
      type="text"
      {...a11y}
      value={String(draft[key])}
      onChange={(e) => update(key, e.target.value as never, f)}
      onBlur={() => touch(f)}
      spellCheck={false}
      autoCapitalize="off"
      {...extra}
    />
  );

  return {
    draft,
    setDraft,
    clientErrors,
    setServerErrors,
    touchAll: () => setTouched(new Set(FIELD_NAMES)),
    kit: { draft, errorOf, update, touch, text },
  };
}

/**
 * Moves focus to the first field with a problem, in the form's order. `idOf` overrides where a field
 * lives (e.g. the credentials choice of the edit form); returns whether something was focused.
 */
export function focusFirst(errors: FieldErrors, idOf: (f: FieldName) => string = fieldId): boolean {
  const first = FIELD_NAMES.find((f) => errors[f]);
  const el = first ? document.getElementById(idOf(first)) : null;
  // A field under a closed "Advanced" cannot take focus: open it first.
  const details = el?.closest("details");
  if (details && !details.open) details.open = true;
  el?.focus();
  return el !== null;
}

export interface Failure {
  error: ApiError;
  /** Problems that name no field of the form. */
  other: string[];
}

/** Why the server refused the form: its message, hint and code (a 422 is the store saying no). */
export function FormFailure({
  failure,
  refusedTitle,
  ref,
}: {
  failure: Failure | null;
  refusedTitle: string;
  ref: Ref<HTMLDivElement>;
}) {
  if (!failure) return null;
  return (
    <div className="alert error" role="alert" tabIndex={-1} ref={ref} data-testid="form-failure">
      <p>
        <strong>{failure.error.status === 422 ? refusedTitle : "Not saved."}</strong> {failure.error.message}
      </p>
      {failure.error.hint ? <p>{failure.error.hint}</p> : null}
      {failure.other.length > 0 && failure.error.status === 400
        ? failure.other.map((o) => <p key={o}>{o}</p>)
        : null}
      <p className="code">code: {failure.error.code}</p>
    </div>
  );
}

export function useContracts() {
  return useApiQuery("listContracts");
}

/**
 * The fields of every connection, in order: name, provider, `credentials` (the caller's), region and
 * bucket, prefix and pattern (`scopeNote` above them), contract and interval, then Advanced.
 */
export function ConnectionFields({
  kit,
  credentials,
  contracts,
  currentContract,
  scopeNote,
}: {
  kit: FormKit;
  credentials: ReactNode;
  contracts: { data: ResultOf<"listContracts"> | undefined; error: ApiError | null };
  /** The contract linked now, named while the list loads (or if it is no longer listed). */
  currentContract?: { id: string; name: string | null } | undefined;
  scopeNote?: ReactNode;
}) {
  const { draft, errorOf, update, touch, text } = kit;
  const s3Compatible = draft.endpointUrl.trim() !== "";
  const warnings = draftWarnings(draft);
  const listed = contracts.data?.items ?? [];
  const unlisted =
    currentContract && !listed.some((c) => c.id === currentContract.id) ? currentContract : undefined;
  return (
    <>
      <Field
        id={fieldId("name")}
        label="Name"
        hint="A label you will recognise, e.g. Acme orders."
        error={errorOf("name")}
      >
        {(a) => text("name", "name", a, { maxLength: 200, autoCapitalize: "sentences" })}
      </Field>

      <div className="field">
        <label htmlFor="conn-provider">Provider</label>
        <select id="conn-provider" value="aws_s3" disabled aria-describedby="conn-provider-hint">
          <option value="aws_s3">Amazon S3 (or S3-compatible)</option>
        </select>
        <div className="hint" id="conn-provider-hint">
          For MinIO, Ceph, R2 and other S3-compatible stores, set the endpoint URL under Advanced.
        </div>
      </div>

      {credentials}

      <div className="row">
        <Field
          id={fieldId("region")}
          label="Region"
          hint={
            s3Compatible
              ? "The store's region name (e.g. us-east-1, auto)."
              : "The bucket's region, e.g. us-east-1."
          }
          error={errorOf("region")}
        >
          {(a) => text("region", "region", a, { list: "aws-regions" })}
        </Field>
        <Field
          id={fieldId("bucket")}
          label="Bucket name"
          hint="The exact name, without s3://."
          error={errorOf("bucket")}
        >
          {(a) => text("bucket", "bucket", a, { placeholder: "acme-partner-drops" })}
        </Field>
      </div>
      <RegionDatalist />

      {scopeNote}
      <div className="row">
        <Field
          id={fieldId("prefix")}
          label="Prefix"
          optional
          hint="Only files under this path, e.g. incoming/orders/."
          error={errorOf("prefix")}
          warning={warnings.prefix}
        >
          {(a) => text("prefix", "prefix", a, { placeholder: "incoming/orders/" })}
        </Field>
        <Field
          id={fieldId("file_pattern")}
          label="File pattern"
          hint="A glob on the file name: *.json, *.edi, 850_*.json. With a / it matches the path under the prefix."
          error={errorOf("file_pattern")}
        >
          {(a) => text("file_pattern", "filePattern", a)}
        </Field>
      </div>

      <div className="row">
        <Field
          id={fieldId("contract_id")}
          label="Contract"
          hint={
            contracts.error ? (
              `Contracts could not be listed: ${contracts.error.message}`
            ) : contracts.data && contracts.data.items.length === 0 ? (
              <>
                No contract yet: <Link to="/contracts/new">create one</Link>, or save now and link it later.
              </>
            ) : (
              "Files are checked against it. Without one, files are only listed."
            )
          }
          error={errorOf("contract_id")}
        >
          {(a) => (
            <select
              {...a}
              value={draft.contractId}
              onChange={(e) => update("contractId", e.target.value, "contract_id")}
            >
              <option value="">No contract</option>
              {unlisted ? <option value={unlisted.id}>{unlisted.name ?? unlisted.id}</option> : null}
              {listed.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} (v{c.version})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id={fieldId("poll_interval_minutes")}
          label="Poll interval (minutes)"
          hint={`How often to look for new files: ${MIN_INTERVAL} to ${MAX_INTERVAL} (7 days). Default 60.`}
          error={errorOf("poll_interval_minutes")}
        >
          {(a) => (
            <input
              {...a}
              type="number"
              inputMode="numeric"
              min={MIN_INTERVAL}
              max={MAX_INTERVAL}
              step={1}
              value={draft.pollInterval}
              onChange={(e) => update("pollInterval", e.target.value, "poll_interval_minutes")}
              onBlur={() => touch("poll_interval_minutes")}
            />
          )}
        </Field>
      </div>

      <AdvancedFields kit={kit} />
    </>
  );
}
