/**
 * GENERATED from /openapi.json by openapi-typescript (scripts/openapi/openapi-types.ts); do not edit.
 * `npm run openapi:types` regenerates it; `npm test` fails while it is not current.
 */
export interface paths {
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The public keys driftwatch signs federation tokens with (no API key). */
        get: operations["getJwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/openid-configuration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** OIDC discovery document (no API key). AWS reads it to find the JWKS. */
        get: operations["getOpenIdConfiguration"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API keys (prefix only). */
        get: operations["listApiKeys"];
        put?: never;
        /** Create an API key. The key is in this response only; store it now. */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key. Requests with it get 401 from now on. */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cloud-accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List cloud accounts with their health, by display name. */
        get: operations["listCloudAccounts"];
        put?: never;
        /** Register an AWS account. The credential is checked through its whole chain (STS GetCallerIdentity) and must reach external_account_id; then it is sealed and never returned. */
        post: operations["createCloudAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cloud-accounts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A cloud account with its health and last error. */
        get: operations["getCloudAccount"];
        put?: never;
        post?: never;
        /** Delete a cloud account, its sealed credential and the state sources its scans use. Refused (409) while it reads state for another account. */
        delete: operations["deleteCloudAccount"];
        options?: never;
        head?: never;
        /** Change a cloud account. A new credential or account id is checked through STS first (422 on failure, nothing changed). */
        patch: operations["updateCloudAccount"];
        trace?: never;
    };
    "/api/v1/cloud-accounts/{id}/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The setup for this account: Resource Explorer, the scan policy, the state-read statement, the cross-account bucket policy, the KMS statement and the role's trust policy, with your organisation and this account filled in. */
        get: operations["getCloudAccountSetup"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cloud-accounts/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Validate the stored credential again (STS through the whole chain). The outcome is kept as the account's health; a refusal is `ok: false` with the code and the fix. */
        post: operations["testCloudAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List connections with their health. */
        get: operations["listConnections"];
        put?: never;
        /** Create an S3 connection. The prefix is listed and one object read first; a failure is a 422 and nothing is stored. */
        post: operations["createConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A connection with its health, last error and next poll. */
        get: operations["getConnection"];
        put?: never;
        post?: never;
        /** Delete a connection, its ledger and its events. */
        delete: operations["deleteConnection"];
        options?: never;
        head?: never;
        /** Change a connection. New credentials, bucket, region, endpoint, prefix or pattern are checked against the store first (422 on failure, nothing changed). */
        patch: operations["updateConnection"];
        trace?: never;
    };
    "/api/v1/connections/{id}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ledger: every file the connection has seen, newest first. */
        get: operations["listConnectionFiles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connections/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause: no more polls until resumed. */
        post: operations["pauseConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connections/{id}/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The least-privilege IAM policy for this connection's bucket and prefix (and the trust policy for a role). */
        get: operations["getConnectionPolicy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connections/{id}/poll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Poll now. 202 with the queued run; with ?wait=true, 200 with the finished run (or 202 if it is still running at the timeout). */
        post: operations["pollConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connections/{id}/poll-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent poll runs of a connection, newest first. */
        get: operations["listPollRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connections/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume polling (a poll runs at once). */
        post: operations["resumeConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List contracts. */
        get: operations["listContracts"];
        put?: never;
        /** Create a contract (linted first; a lint error is a 400 with line and column). */
        post: operations["createContract"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A contract with its current document. */
        get: operations["getContract"];
        /** Update a contract; a changed document becomes a new version. Connections check new files against it. */
        put: operations["updateContract"];
        post?: never;
        /** Delete a contract no connection uses. */
        delete: operations["deleteContract"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/{id}/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check a file (the request body, any content type) against the contract; returns its drift events, stores nothing. */
        post: operations["checkFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Versions of a contract, newest first. */
        get: operations["listContractVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/{id}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One version of a contract, with its document. */
        get: operations["getContractVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/infer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Infer an ODCS contract (YAML) from a sample file (the request body). */
        post: operations["inferContract"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contracts/lint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lint a contract document without storing it. */
        post: operations["lintContract"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/credentials/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check AWS credentials through the whole chain (AssumeRole / AssumeRoleWithWebIdentity, then GetCallerIdentity) without saving anything. */
        post: operations["validateCredentials"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/destinations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List destinations with their export status. */
        get: operations["listDestinations"];
        put?: never;
        /** Create an S3 destination. A connection test first writes a small object under the prefix and deletes it; a failure is a 422 and nothing is stored. */
        post: operations["createDestination"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/destinations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A destination with its health, last error, backlog and totals. */
        get: operations["getDestination"];
        put?: never;
        post?: never;
        /** Delete a destination and its export history (the objects it wrote stay in the bucket). */
        delete: operations["deleteDestination"];
        options?: never;
        head?: never;
        /** Change a destination. New credentials, bucket, region, endpoint, prefix or KMS key are tested first (422 on failure, nothing changed). */
        patch: operations["updateDestination"];
        trace?: never;
    };
    "/api/v1/destinations/{id}/batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest export batches of a destination: their keys, status, attempts and last error. */
        get: operations["listExportBatches"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/destinations/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Export what is waiting now (batches not yet full or old enough included) and finish any batch not yet written. */
        post: operations["exportDestination"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/destinations/{id}/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The least-privilege IAM policy for this destination: s3:PutObject under the prefix, s3:DeleteObject for the connection test only (and KMS when a key is set). */
        get: operations["getDestinationPolicy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/destinations/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run the connection test again: write a small object under the prefix, then delete it. */
        post: operations["testDestination"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/destinations/template-preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What a path prefix resolves to now; an unknown variable or an unbalanced brace is a 400 naming it. */
        post: operations["previewDestinationTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/drift-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Drift events, newest first, filtered by connection, type, severity, status and time; cursor-paged. */
        get: operations["listDriftEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/drift-events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Acknowledge a drift event (or reopen it). */
        patch: operations["updateDriftEvent"];
        trace?: never;
    };
    "/api/v1/drift-events/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Events per day (UTC) and severity, for charts. */
        get: operations["getDriftEventSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/federation-info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How to trust driftwatch from an AWS account: issuer, audience, subject, claim names, and (with account_id) the OIDC provider ARN and the trust policy for your organisation. */
        get: operations["getFederationInfo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/federation/rotate-signing-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Admin: sign new federation tokens with a new key now. Earlier keys stay in the JWKS until their last token expired, unless revoke_previous. */
        post: operations["rotateSigningKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/federation/signing-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The federation signing keys: the active one, a pre-published next one, retired ones still in the JWKS. */
        get: operations["listSigningKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/org": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organisation of the calling API key, with its external id. */
        get: operations["getOrg"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orgs/{id}/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register an AWS account. The credential is checked through its whole chain (STS GetCallerIdentity) and must reach external_account_id; then it is sealed and never returned. The same as POST /api/v1/cloud-accounts; :id is your organisation's id. */
        post: operations["createOrgAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policies/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A least-privilege IAM policy: s3-source, s3-destination, state-read (identity policies), trust-role, trust-oidc (role trust policies), bucket-policy (cross-account). */
        get: operations["getPolicy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/poll-runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A poll run: status and counts. */
        get: operations["getPollRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/state-sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List state sources, optionally those a scan of one account uses or those one account reads. */
        get: operations["listStateSources"];
        put?: never;
        /** Link a Terraform state object in S3. It is read and parsed first with the reading account's credential; a failure is a 422 with a state.* code and its fix, and nothing is stored. */
        post: operations["createStateSource"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/state-sources/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A state source with what its last read found. */
        get: operations["getStateSource"];
        put?: never;
        post?: never;
        /** Unlink a state source (the object in S3 is not touched). */
        delete: operations["deleteStateSource"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/state-sources/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Read and parse the state object now: its serial, lineage, Terraform version and resource count, or the error code with its fix (`ok: false`). Kept as the source's last test. */
        post: operations["testStateSource"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers. */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the database answers. */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ApiKey: {
            /** Format: date-time */
            created_at: string;
            /** Format: uuid */
            id: string;
            last_used_at: string | null;
            name: string;
            /** @description The first characters of the key, to tell keys apart. */
            prefix: string;
            revoked_at: string | null;
            role: "admin" | "member";
        };
        CloudAccount: {
            /** @description Who the credential is, as STS GetCallerIdentity last answered. */
            caller_arn: string | null;
            /** Format: date-time */
            created_at: string;
            /** @description Never the secret: the type and a fingerprint. */
            credential: {
                access_key_id_suffix?: string;
                external_id?: string;
                /** @description Changes when the credential changes; not a secret. */
                fingerprint: string;
                /** @description aws_oidc: the region STS is dialled in. */
                region?: string;
                role_arn?: string;
                /** @enum {string} */
                type: "aws_static" | "aws_role" | "aws_oidc";
            };
            credential_type: "aws_static" | "aws_role" | "aws_oidc";
            default_region: string | null;
            display_name: string;
            /** @description The 12-digit AWS account id the credential reaches. */
            external_account_id: string;
            health: "healthy" | "warning" | "critical" | "unknown";
            /** Format: uuid */
            id: string;
            last_error: {
                /** Format: date-time */
                at: string;
                aws_code: string | null;
                code: string;
                hint: string;
                message: string;
            } | null;
            last_validated_at: string | null;
            /** @enum {string} */
            provider: "aws";
            /** Format: date-time */
            updated_at: string;
        };
        Connection: {
            backfill: boolean;
            bucket: string;
            contract_id: string | null;
            contract_name: string | null;
            /** Format: date-time */
            created_at: string;
            /** @description Never the secret: the type and a fingerprint. */
            credentials: {
                access_key_id_suffix?: string;
                external_id?: string;
                /** @description Changes when the credential changes; not a secret. */
                fingerprint: string;
                /** @description aws_oidc: the region STS is dialled in. */
                region?: string;
                role_arn?: string;
                /** @enum {string} */
                type: "aws_static" | "aws_role" | "aws_oidc";
            };
            endpoint_url: string | null;
            file_pattern: string;
            force_path_style: boolean;
            health: "healthy" | "warning" | "critical" | "unknown";
            /** Format: uuid */
            id: string;
            last_error: {
                /** Format: date-time */
                at: string;
                aws_code: string | null;
                code: string;
                hint: string;
                message: string;
            } | null;
            last_poll_at: string | null;
            last_success_at: string | null;
            name: string;
            next_poll_at: string | null;
            open_events: number;
            paused: boolean;
            poll_interval_minutes: number;
            prefix: string;
            /** @enum {string} */
            provider: "aws_s3";
            region: string;
            /** Format: date-time */
            updated_at: string;
        };
        Contract: {
            /** @description Connections that check files against this contract. */
            connections: number;
            /** @description The document's own id (ODCS `id`), as drift events name it. */
            contract_key: string;
            /** Format: date-time */
            created_at: string;
            document: string;
            format: string | null;
            /** Format: uuid */
            id: string;
            name: string;
            /** @description The document's own `version`. */
            odcs_version: string;
            /** Format: date-time */
            updated_at: string;
            /** @description driftwatch's version number, +1 on every document change. */
            version: number;
        };
        Destination: {
            batch_max_age_seconds: number;
            batch_max_events: number;
            bucket: string;
            /** Format: date-time */
            created_at: string;
            /** @description Never the secret: the type and a fingerprint. */
            credentials: {
                access_key_id_suffix?: string;
                external_id?: string;
                /** @description Changes when the credential changes; not a secret. */
                fingerprint: string;
                /** @description aws_oidc: the region STS is dialled in. */
                region?: string;
                role_arn?: string;
                /** @enum {string} */
                type: "aws_static" | "aws_role" | "aws_oidc";
            };
            endpoint_url: string | null;
            export_events: boolean;
            export_scan_reports: boolean;
            force_path_style: boolean;
            format: "ndjson" | "csv" | "parquet";
            gzip: boolean;
            health: "healthy" | "warning" | "critical" | "unknown";
            /** Format: uuid */
            id: string;
            kms_key_arn: string | null;
            last_error: {
                /** Format: date-time */
                at: string;
                aws_code: string | null;
                code: string;
                hint: string;
                message: string;
            } | null;
            name: string;
            path_prefix: string;
            /** @description What the path prefix resolves to today for an events export (example values for the rest). */
            path_preview: string;
            paused: boolean;
            /** @enum {string} */
            provider: "aws_s3";
            region: string;
            status: {
                /** @description Drift events recorded but not yet in a batch. */
                backlog_events: number;
                bytes_written: number;
                events_exported: number;
                last_attempt_at: string | null;
                last_success_at: string | null;
                last_tested_at: string | null;
                objects_written: number;
                /** @description Batches planned but not yet written. */
                pending_batches: number;
            };
            /** Format: date-time */
            updated_at: string;
        };
        DriftEvent: {
            actual: string;
            contract: {
                id: string;
                version: string;
            };
            count: number;
            detail?: {
                [key: string]: unknown;
            };
            expected: string;
            file: {
                key: string;
                sha256: string;
                size: number;
            };
            path: string;
            percent: number | null;
            rule: string;
            samples: {
                record: number;
                value: unknown;
            }[];
            severity: "info" | "warning" | "error" | "critical";
            type: "file_unparseable" | "file_too_large" | "file_empty" | "required_field_missing" | "null_in_required" | "unexpected_field" | "type_mismatch" | "enum_violation" | "pattern_violation" | "format_violation" | "length_violation" | "range_violation" | "duplicate_key" | "column_missing" | "column_unexpected" | "column_order_changed" | "row_count_out_of_range" | "x12_envelope_invalid" | "x12_segment_missing" | "x12_segment_unexpected" | "x12_segment_order" | "x12_loop_repeat_exceeded" | "x12_element_invalid" | "file_unprocessable";
        };
        DriftEventRecord: {
            acknowledged_at: string | null;
            actual: string;
            connection_id: string | null;
            connection_name: string | null;
            contract: {
                id: string;
                version: string;
            };
            count: number;
            /** Format: date-time */
            created_at: string;
            detail?: {
                [key: string]: unknown;
            };
            expected: string;
            file: {
                key: string;
                sha256: string;
                size: number;
            };
            file_id: string | null;
            /** Format: uuid */
            id: string;
            path: string;
            percent: number | null;
            rule: string;
            samples: {
                record: number;
                value: unknown;
            }[];
            severity: "info" | "warning" | "error" | "critical";
            status: "open" | "acknowledged";
            type: "file_unparseable" | "file_too_large" | "file_empty" | "required_field_missing" | "null_in_required" | "unexpected_field" | "type_mismatch" | "enum_violation" | "pattern_violation" | "format_violation" | "length_violation" | "range_violation" | "duplicate_key" | "column_missing" | "column_unexpected" | "column_order_changed" | "row_count_out_of_range" | "x12_envelope_invalid" | "x12_segment_missing" | "x12_segment_unexpected" | "x12_segment_order" | "x12_loop_repeat_exceeded" | "x12_element_invalid" | "file_unprocessable";
        };
        /** @description Every error has this shape. */
        ErrorResponse: {
            error: {
                /** @description Stable machine-readable code, e.g. `connection.s3.access_denied`. */
                code: string;
                /** @description More about the problem, e.g. each invalid field (400). */
                details?: unknown;
                /** @description How to fix it. */
                hint?: string;
                /** @description What went wrong, in a sentence. */
                message: string;
            };
        };
        PollRun: {
            /** Format: uuid */
            connection_id: string;
            counts: {
                duplicate: number;
                events: number;
                failed: number;
                listed: number;
                matched: number;
                new: number;
                processed: number;
                skipped: number;
                too_large: number;
            };
            /** Format: date-time */
            created_at: string;
            error: {
                /** Format: date-time */
                at: string;
                aws_code: string | null;
                code: string;
                hint: string;
                message: string;
            } | null;
            finished_at: string | null;
            /** Format: uuid */
            id: string;
            /** @description More new files than one cycle takes: the next cycle starts at once. */
            more_pending: boolean;
            started_at: string | null;
            status: "queued" | "running" | "completed" | "failed";
            trigger: "manual" | "schedule" | "backlog";
            /** @description Where the watermark stood after this cycle. */
            watermark: string | null;
        };
        StateSource: {
            bucket: string;
            /**
             * Format: uuid
             * @description The account whose credential reads the object.
             */
            cloud_account_id: string;
            /** Format: date-time */
            created_at: string;
            endpoint_url: string | null;
            force_path_style: boolean;
            /** Format: uuid */
            id: string;
            key: string;
            last_test: {
                error: {
                    /** Format: date-time */
                    at: string;
                    aws_code: string | null;
                    code: string;
                    hint: string;
                    message: string;
                } | null;
                lineage: string | null;
                /** @description The key read: <workspace_key_prefix>/<workspace>/<key> for a workspace. */
                object_key: string;
                ok: boolean;
                /** @description Managed resource instances (data sources are not counted). */
                resource_count: number | null;
                serial: number | null;
                /** @description Bytes read. */
                size: number | null;
                terraform_version: string | null;
                /** Format: date-time */
                tested_at: string;
                version_id: string | null;
            } | null;
            /** @description The S3 key actually read. */
            object_key: string;
            region: string;
            /**
             * Format: uuid
             * @description The account whose scans compare against this state.
             */
            scan_account_id: string;
            /** Format: date-time */
            updated_at: string;
            version_id: string | null;
            workspace: string | null;
            workspace_key_prefix: string;
        };
        WatchedFile: {
            attempts: number;
            duplicate_of_key: string | null;
            error: ({
                at?: string;
                aws_code?: string | null;
                code?: string;
                hint?: string;
                message?: string;
            } & {
                [key: string]: unknown;
            }) | null;
            etag: string;
            events: number;
            /** Format: date-time */
            first_seen_at: string;
            format: string | null;
            id: string;
            key: string;
            /** Format: date-time */
            last_modified: string;
            next_attempt_at: string | null;
            processed_at: string | null;
            records: number | null;
            sha256: string | null;
            size: number;
            status: "pending" | "processed" | "duplicate" | "failed" | "too_large" | "skipped";
            storage_class: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getJwks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keys: {
                            [key: string]: unknown;
                        }[];
                    };
                };
            };
        };
    };
    getOpenIdConfiguration: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        claims_supported: string[];
                        id_token_signing_alg_values_supported: string[];
                        issuer: string;
                        jwks_uri: string;
                        response_types_supported: string[];
                        scopes_supported: string[];
                        subject_types_supported: string[];
                    };
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ApiKey"][];
                    };
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @default member */
                    role?: "admin" | "member";
                };
            };
        };
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        api_key: components["schemas"]["ApiKey"];
                        /** @description The key itself: in this response only. */
                        key: string;
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Only an admin key can manage keys. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Only an admin key can manage keys. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listCloudAccounts: {
        parameters: {
            query?: {
                /** @description `next_cursor` of the previous page. */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["CloudAccount"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createCloudAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The credential: an object, or that object as a JSON string. */
                    credential_ref: {
                        /** @description Accepted for clients that send it; never required, and must equal credential_type. */
                        _credential_type?: string;
                        access_key_id?: string;
                        external_id?: string;
                        /** @description Where STS is dialled and Resource Explorer's aggregator index is read. Default: default_region. */
                        region?: string;
                        role_arn?: string;
                        secret_access_key?: string;
                        session_token?: string;
                    } | string;
                    /**
                     * @description Decides how credential_ref is read.
                     * @enum {string}
                     */
                    credential_type: "aws_static" | "aws_role" | "aws_oidc";
                    default_region?: string | null;
                    display_name: string;
                    /** @description 12 digits. */
                    external_account_id: string;
                    /** @enum {string} */
                    provider?: "aws";
                };
            };
        };
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CloudAccount"];
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The display name is taken in your organisation, or (delete) the account reads state for another account. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AWS refused the credential, or it reaches another account than external_account_id (aws.sts.account_mismatch); nothing was changed. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getCloudAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CloudAccount"];
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteCloudAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The display name is taken in your organisation, or (delete) the account reads state for another account. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    updateCloudAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The credential: an object, or that object as a JSON string. */
                    credential_ref?: {
                        /** @description Accepted for clients that send it; never required, and must equal credential_type. */
                        _credential_type?: string;
                        access_key_id?: string;
                        external_id?: string;
                        /** @description Where STS is dialled and Resource Explorer's aggregator index is read. Default: default_region. */
                        region?: string;
                        role_arn?: string;
                        secret_access_key?: string;
                        session_token?: string;
                    } | string;
                    /**
                     * @description Decides how credential_ref is read.
                     * @enum {string}
                     */
                    credential_type?: "aws_static" | "aws_role" | "aws_oidc";
                    default_region?: string | null;
                    display_name?: string;
                    /** @description 12 digits. */
                    external_account_id?: string;
                };
            };
        };
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CloudAccount"];
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The display name is taken in your organisation, or (delete) the account reads state for another account. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AWS refused the credential, or it reaches another account than external_account_id (aws.sts.account_mismatch); nothing was changed. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getCloudAccountSetup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        account_id: string;
                        principal_arn: string | null;
                        region: string;
                        sections: {
                            attach: "identity" | "trust" | "resource" | "commands";
                            commands: string[];
                            id: "resource_explorer" | "scan_policy" | "state_read" | "bucket_policy" | "kms" | "trust_policy";
                            notes: string[];
                            policy: {
                                Statement: ({
                                    Action: string | string[];
                                    Condition?: {
                                        [key: string]: {
                                            [key: string]: string | string[];
                                        };
                                    };
                                    /** @enum {string} */
                                    Effect: "Allow";
                                    Principal?: {
                                        AWS: string;
                                    } | {
                                        Federated: string;
                                    };
                                    Resource?: string | string[];
                                    Sid: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                /** @enum {string} */
                                Version: "2012-10-17";
                            } | null;
                            title: string;
                        }[];
                        /** @description The same, as plain text in order. */
                        text: string;
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    testCloudAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        caller: {
                            account: string;
                            arn: string;
                            user_id: string;
                        } | null;
                        cloud_account: components["schemas"]["CloudAccount"];
                        error: {
                            /** Format: date-time */
                            at: string;
                            aws_code: string | null;
                            code: string;
                            hint: string;
                            message: string;
                        } | null;
                        ok: boolean;
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listConnections: {
        parameters: {
            query?: {
                /** @description `next_cursor` of the previous page. */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Connection"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createConnection: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Also check objects older than the connection. */
                    backfill?: boolean;
                    bucket: string;
                    contract_id?: string | null;
                    credentials: {
                        access_key_id?: string;
                        external_id?: string;
                        /** @description aws_oidc: the region STS is dialled in. */
                        region?: string;
                        role_arn?: string;
                        secret_access_key?: string;
                        session_token?: string;
                        /**
                         * @description Decides which other fields are read.
                         * @enum {string}
                         */
                        type: "aws_static" | "aws_role" | "aws_oidc";
                    };
                    endpoint_url?: string | null;
                    /** @description Glob on the file name (or on the key below the prefix when it has /). Default *. */
                    file_pattern?: string;
                    force_path_style?: boolean;
                    name: string;
                    poll_interval_minutes?: number;
                    /** @description Only keys under this path; end folders with /. */
                    prefix?: string;
                    /** @enum {string} */
                    provider: "aws_s3";
                    region: string;
                };
            };
        };
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Connection"];
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The name is taken in your organisation; the message names the field. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The store refused the settings (AWS's code, the field it concerns and the fix); nothing was changed. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Connection"];
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    updateConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Also check objects older than the connection. */
                    backfill?: boolean;
                    bucket?: string;
                    contract_id?: string | null;
                    credentials?: {
                        access_key_id?: string;
                        external_id?: string;
                        /** @description aws_oidc: the region STS is dialled in. */
                        region?: string;
                        role_arn?: string;
                        secret_access_key?: string;
                        session_token?: string;
                        /**
                         * @description Decides which other fields are read.
                         * @enum {string}
                         */
                        type: "aws_static" | "aws_role" | "aws_oidc";
                    };
                    endpoint_url?: string | null;
                    /** @description Glob on the file name (or on the key below the prefix when it has /). Default *. */
                    file_pattern?: string;
                    force_path_style?: boolean;
                    name?: string;
                    poll_interval_minutes?: number;
                    /** @description Only keys under this path; end folders with /. */
                    prefix?: string;
                    region?: string;
                };
            };
        };
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Connection"];
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The name is taken in your organisation; the message names the field. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The store refused the settings (AWS's code, the field it concerns and the fix); nothing was changed. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listConnectionFiles: {
        parameters: {
            query?: {
                /** @description `next_cursor` of the previous page. */
                cursor?: string;
                limit?: number;
                status?: "pending" | "processed" | "duplicate" | "failed" | "too_large" | "skipped";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["WatchedFile"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    pauseConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Connection"];
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getConnectionPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        notes: string[];
                        /** @description The IAM identity policy (JSON). */
                        policy: unknown;
                        /** @description For an OIDC role: its trust policy, pinned to this organisation. */
                        trust_policy?: unknown;
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    pollConnection: {
        parameters: {
            query?: {
                timeout_seconds?: number;
                wait?: boolean;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The run finished (with ?wait=true). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        poll_run: components["schemas"]["PollRun"];
                    };
                };
            };
            /** @description The run is queued or still running. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        poll_run: components["schemas"]["PollRun"];
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The connection is paused: resume it first. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listPollRuns: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["PollRun"][];
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    resumeConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Connection"];
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listContracts: {
        parameters: {
            query?: {
                /** @description `next_cursor` of the previous page. */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Contract"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createContract: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description ODCS v3.1 (YAML or JSON) or a JSON Schema. */
                    document: string;
                    name: string;
                };
            };
        };
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contract"];
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The name is taken, or (delete) connections still use the contract. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getContract: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contract"];
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    updateContract: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    document?: string;
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contract"];
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The name is taken, or (delete) connections still use the contract. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteContract: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The name is taken, or (delete) connections still use the contract. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    checkFile: {
        parameters: {
            query?: {
                /** @description Tells the format by its extension. */
                filename?: string;
                format?: "json" | "ndjson" | "csv" | "parquet" | "x12";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description The file, as it is (any content type). */
        requestBody: {
            content: {
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: components["schemas"]["DriftEvent"][];
                        format: string | null;
                        records: number;
                        sha256: string;
                        size: number;
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The file is over the limit (DRIFTWATCH_CHECK_BODY_LIMIT_BYTES); the message names it. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listContractVersions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            contract_key: string;
                            /** Format: date-time */
                            created_at: string;
                            odcs_version: string;
                            version: number;
                        }[];
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getContractVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contract_key: string;
                        /** Format: date-time */
                        created_at: string;
                        document: string;
                        odcs_version: string;
                        version: number;
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    inferContract: {
        parameters: {
            query?: {
                /** @description Tells the format by its extension. */
                filename?: string;
                format?: "json" | "ndjson" | "csv" | "parquet" | "x12";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The file, as it is (any content type). */
        requestBody: {
            content: {
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        document: string;
                        format: string | null;
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The file is over the limit (DRIFTWATCH_CHECK_BODY_LIMIT_BYTES); the message names it. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Nothing could be inferred: the sample does not parse in the format named or implied. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    lintContract: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    document: string;
                };
            };
        };
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        issues: {
                            column: number;
                            line: number;
                            message: string;
                            path: string;
                            severity: "error" | "warning";
                        }[];
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    validateCredentials: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    credentials: {
                        access_key_id?: string;
                        external_id?: string;
                        /** @description aws_oidc: the region STS is dialled in. */
                        region?: string;
                        role_arn?: string;
                        secret_access_key?: string;
                        session_token?: string;
                        /**
                         * @description Decides which other fields are read.
                         * @enum {string}
                         */
                        type: "aws_static" | "aws_role" | "aws_oidc";
                    };
                    /** @description Refuse credentials of another account. */
                    expected_account_id?: string;
                    /** @description Region of the resource (and of STS). */
                    region: string;
                };
            };
        };
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        account: string;
                        arn: string;
                        user_id: string;
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AWS refused the credentials (the code, the step of the chain and the fix). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listDestinations: {
        parameters: {
            query?: {
                /** @description `next_cursor` of the previous page. */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Destination"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createDestination: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description How long the oldest waiting event may wait for a full batch. Default 300. */
                    batch_max_age_seconds?: number;
                    /** @description Events per object. Default 1000. */
                    batch_max_events?: number;
                    bucket: string;
                    credentials: {
                        access_key_id?: string;
                        external_id?: string;
                        /** @description aws_oidc: the region STS is dialled in. */
                        region?: string;
                        role_arn?: string;
                        secret_access_key?: string;
                        session_token?: string;
                        /**
                         * @description Decides which other fields are read.
                         * @enum {string}
                         */
                        type: "aws_static" | "aws_role" | "aws_oidc";
                    };
                    endpoint_url?: string | null;
                    /** @description Export drift events. Default true. */
                    export_events?: boolean;
                    /** @description Export infrastructure scan reports. Default false. */
                    export_scan_reports?: boolean;
                    force_path_style?: boolean;
                    /** @description Default ndjson. */
                    format?: "ndjson" | "csv" | "parquet";
                    /** @description ndjson and csv only. Default false. */
                    gzip?: boolean;
                    kms_key_arn?: string | null;
                    name: string;
                    /** @description Where objects go, with variables in braces: {org} {tenant} {connection} {contract} {account} {kind} {date} {full_date} {year} {month} {day} {hour} {job_id} {env}. E.g. drift/{org}/{kind}/{full_date}/. */
                    path_prefix?: string;
                    /** @enum {string} */
                    provider?: "aws_s3";
                    region: string;
                };
            };
        };
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Destination"];
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The name is taken in your organisation; the message names the field. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The connection test failed (the code names the missing action or the bucket/region problem, and the fix); nothing was changed. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getDestination: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Destination"];
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteDestination: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    updateDestination: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description How long the oldest waiting event may wait for a full batch. Default 300. */
                    batch_max_age_seconds?: number;
                    /** @description Events per object. Default 1000. */
                    batch_max_events?: number;
                    bucket?: string;
                    credentials?: {
                        access_key_id?: string;
                        external_id?: string;
                        /** @description aws_oidc: the region STS is dialled in. */
                        region?: string;
                        role_arn?: string;
                        secret_access_key?: string;
                        session_token?: string;
                        /**
                         * @description Decides which other fields are read.
                         * @enum {string}
                         */
                        type: "aws_static" | "aws_role" | "aws_oidc";
                    };
                    endpoint_url?: string | null;
                    /** @description Export drift events. Default true. */
                    export_events?: boolean;
                    /** @description Export infrastructure scan reports. Default false. */
                    export_scan_reports?: boolean;
                    force_path_style?: boolean;
                    /** @description Default ndjson. */
                    format?: "ndjson" | "csv" | "parquet";
                    /** @description ndjson and csv only. Default false. */
                    gzip?: boolean;
                    kms_key_arn?: string | null;
                    name?: string;
                    /** @description Where objects go, with variables in braces: {org} {tenant} {connection} {contract} {account} {kind} {date} {full_date} {year} {month} {day} {hour} {job_id} {env}. E.g. drift/{org}/{kind}/{full_date}/. */
                    path_prefix?: string;
                    paused?: boolean;
                    region?: string;
                };
            };
        };
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Destination"];
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The name is taken in your organisation; the message names the field. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The connection test failed (the code names the missing action or the bucket/region problem, and the fix); nothing was changed. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listExportBatches: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            attempts: number;
                            batch_no: number;
                            bytes: number;
                            event_count: number;
                            /** Format: uuid */
                            id: string;
                            keys: string[];
                            kind: "events" | "scan-reports" | "files";
                            last_error: {
                                /** Format: date-time */
                                at: string;
                                aws_code: string | null;
                                code: string;
                                hint: string;
                                message: string;
                            } | null;
                            /** Format: date-time */
                            planned_at: string;
                            status: "pending" | "written" | "failed";
                            written_at: string | null;
                        }[];
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    exportDestination: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batches_planned: number;
                        batches_written: number;
                        bytes: number;
                        events_exported: number;
                        objects_already_written: number;
                        objects_written: number;
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description S3 refused a write (the code names the missing action or the problem, and the fix); the batch is retried. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getDestinationPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        external_id: string | null;
                        notes: string[];
                        policy: {
                            Statement: ({
                                Action: string | string[];
                                Condition?: {
                                    [key: string]: {
                                        [key: string]: string | string[];
                                    };
                                };
                                /** @enum {string} */
                                Effect: "Allow";
                                Principal?: {
                                    AWS: string;
                                } | {
                                    Federated: string;
                                };
                                Resource?: string | string[];
                                Sid: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            /** @enum {string} */
                            Version: "2012-10-17";
                        };
                        trust_policy?: {
                            Statement: ({
                                Action: string | string[];
                                Condition?: {
                                    [key: string]: {
                                        [key: string]: string | string[];
                                    };
                                };
                                /** @enum {string} */
                                Effect: "Allow";
                                Principal?: {
                                    AWS: string;
                                } | {
                                    Federated: string;
                                };
                                Resource?: string | string[];
                                Sid: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            /** @enum {string} */
                            Version: "2012-10-17";
                        };
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    testDestination: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bytes: number;
                        /** @description The object written and deleted. */
                        key: string;
                        /** @enum {boolean} */
                        ok: true;
                        steps: {
                            action: "s3:PutObject" | "s3:DeleteObject";
                            ms: number;
                        }[];
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The test failed: the code names the missing action (s3:PutObject, s3:DeleteObject, KMS) or the bucket/region problem, and the fix. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    previewDestinationTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Default events. */
                    kind?: "events" | "scan-reports" | "files";
                    /** @description Where objects go, with variables in braces: {org} {tenant} {connection} {contract} {account} {kind} {date} {full_date} {year} {month} {day} {hour} {job_id} {env}. E.g. drift/{org}/{kind}/{full_date}/. */
                    path_prefix: string;
                };
            };
        };
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        at: string;
                        /** @description The part before the first variable: what the policy pins. */
                        literal_prefix: string;
                        path_prefix: string;
                        /** @description What the prefix could resolve to now (UTC), with example values. */
                        preview: string;
                        variables: string[];
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listDriftEvents: {
        parameters: {
            query?: {
                connection_id?: string;
                /** @description `next_cursor` of the previous page. */
                cursor?: string;
                file_id?: string;
                limit?: number;
                severity?: "info" | "warning" | "error" | "critical";
                /** @description Recorded at or after (ISO 8601). */
                since?: string;
                status?: "open" | "acknowledged";
                type?: "file_unparseable" | "file_too_large" | "file_empty" | "required_field_missing" | "null_in_required" | "unexpected_field" | "type_mismatch" | "enum_violation" | "pattern_violation" | "format_violation" | "length_violation" | "range_violation" | "duplicate_key" | "column_missing" | "column_unexpected" | "column_order_changed" | "row_count_out_of_range" | "x12_envelope_invalid" | "x12_segment_missing" | "x12_segment_unexpected" | "x12_segment_order" | "x12_loop_repeat_exceeded" | "x12_element_invalid" | "file_unprocessable";
                /** @description Recorded before (ISO 8601). */
                until?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["DriftEventRecord"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    updateDriftEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    status: "acknowledged" | "open";
                };
            };
        };
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DriftEventRecord"];
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getDriftEventSummary: {
        parameters: {
            query?: {
                connection_id?: string;
                days?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        days: {
                            critical: number;
                            date: string;
                            error: number;
                            info: number;
                            warning: number;
                        }[];
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getFederationInfo: {
        parameters: {
            query?: {
                /** @description 12-digit AWS account id: adds the provider ARN and the trust policy. */
                account_id?: string;
                partition?: "aws" | "aws-cn" | "aws-us-gov";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        audience: string;
                        claims: {
                            audience: string;
                            org_id: string;
                            subject: string;
                        };
                        commands?: {
                            add_audience: string;
                            create_provider: string;
                            create_role: string;
                        };
                        condition_keys: {
                            audience: string;
                            org_id: string;
                            subject: string;
                        };
                        discovery_url: string;
                        issuer: string;
                        jwks_uri: string;
                        notes?: string[];
                        /** @description With account_id: the provider to create. */
                        oidc_provider_arn?: string;
                        org_id: string;
                        /** @description The IAM OIDC provider's name and the prefix of its condition keys: the issuer without https://. */
                        provider_name: string;
                        signing_algorithm: string;
                        subject: string;
                        token_lifetime_seconds: number;
                        trust_policy?: {
                            Statement: ({
                                Action: string | string[];
                                Condition?: {
                                    [key: string]: {
                                        [key: string]: string | string[];
                                    };
                                };
                                /** @enum {string} */
                                Effect: "Allow";
                                Principal?: {
                                    AWS: string;
                                } | {
                                    Federated: string;
                                };
                                Resource?: string | string[];
                                Sid: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            /** @enum {string} */
                            Version: "2012-10-17";
                        };
                        warnings: string[];
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    rotateSigningKey: {
        parameters: {
            query?: {
                /** @description Remove the previous keys from the JWKS at once (a leaked key): tokens they signed stop working. */
                revoke_previous?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        kid: string;
                        previous: {
                            activates_at: string;
                            alg: string;
                            created_at: string;
                            kid: string;
                            /** @description When it leaves the JWKS; null while it signs or waits to. */
                            published_until: string | null;
                            state: "pending" | "active" | "retired";
                        }[];
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Only an admin key may do this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listSigningKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            activates_at: string;
                            alg: string;
                            created_at: string;
                            kid: string;
                            /** @description When it leaves the JWKS; null while it signs or waits to. */
                            published_until: string | null;
                            state: "pending" | "active" | "retired";
                        }[];
                    };
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getOrg: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The calling key. */
                        api_key: {
                            id: string;
                            role: "admin" | "member";
                        };
                        /** Format: date-time */
                        created_at: string;
                        /** @description Pin this in your IAM role trust policies (sts:ExternalId). */
                        external_id: string;
                        /** Format: uuid */
                        id: string;
                        name: string;
                    };
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createOrgAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The credential: an object, or that object as a JSON string. */
                    credential_ref: {
                        /** @description Accepted for clients that send it; never required, and must equal credential_type. */
                        _credential_type?: string;
                        access_key_id?: string;
                        external_id?: string;
                        /** @description Where STS is dialled and Resource Explorer's aggregator index is read. Default: default_region. */
                        region?: string;
                        role_arn?: string;
                        secret_access_key?: string;
                        session_token?: string;
                    } | string;
                    /**
                     * @description Decides how credential_ref is read.
                     * @enum {string}
                     */
                    credential_type: "aws_static" | "aws_role" | "aws_oidc";
                    default_region?: string | null;
                    display_name: string;
                    /** @description 12 digits. */
                    external_account_id: string;
                    /** @enum {string} */
                    provider?: "aws";
                };
            };
        };
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CloudAccount"];
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The display name is taken in your organisation, or (delete) the account reads state for another account. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description AWS refused the credential, or it reaches another account than external_account_id (aws.sts.account_mismatch); nothing was changed. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getPolicy: {
        parameters: {
            query?: {
                /** @description bucket-policy: what the principal does with the bucket. */
                access?: "source" | "state-read" | "destination";
                /** @description trust-oidc: the account the role lives in. */
                account_id?: string;
                bucket?: string;
                /** @description trust-role; default: your organisation's external id. */
                external_id?: string;
                kms_key_arn?: string;
                partition?: "aws" | "aws-cn" | "aws-us-gov";
                prefix?: string;
                /** @description trust-role, bucket-policy: the IAM user or role driftwatch uses. */
                principal_arn?: string;
            };
            header?: never;
            path: {
                kind: "s3-source" | "s3-destination" | "state-read" | "trust-role" | "trust-oidc" | "bucket-policy";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attach: "identity" | "trust" | "resource";
                        kind: string;
                        notes: string[];
                        policy: {
                            Statement: ({
                                Action: string | string[];
                                Condition?: {
                                    [key: string]: {
                                        [key: string]: string | string[];
                                    };
                                };
                                /** @enum {string} */
                                Effect: "Allow";
                                Principal?: {
                                    AWS: string;
                                } | {
                                    Federated: string;
                                };
                                Resource?: string | string[];
                                Sid: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            /** @enum {string} */
                            Version: "2012-10-17";
                        };
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description There is no policy of that kind. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getPollRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PollRun"];
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listStateSources: {
        parameters: {
            query?: {
                cloud_account_id?: string;
                /** @description `next_cursor` of the previous page. */
                cursor?: string;
                limit?: number;
                scan_account_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["StateSource"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createStateSource: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    bucket: string;
                    /** Format: uuid */
                    cloud_account_id: string;
                    endpoint_url?: string | null;
                    force_path_style?: boolean;
                    /** @description The S3 backend's `key`. */
                    key: string;
                    /** @description The bucket's region. Default: the reading account's region. */
                    region?: string;
                    /** Format: uuid */
                    scan_account_id?: string;
                    /** @description Read this object version instead of the current one. */
                    version_id?: string | null;
                    /** @description A non-default Terraform workspace. */
                    workspace?: string | null;
                    /** @description The S3 backend's `workspace_key_prefix`. Default env:. */
                    workspace_key_prefix?: string;
                };
            };
        };
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StateSource"];
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The same object is already a state source of that scanned account. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The object could not be read or is not a Terraform state (the code, AWS's code and the fix); nothing was stored. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getStateSource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StateSource"];
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteStateSource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    testStateSource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** Format: date-time */
                            at: string;
                            aws_code: string | null;
                            code: string;
                            hint: string;
                            message: string;
                        } | null;
                        lineage: string | null;
                        /** @description The key read: <workspace_key_prefix>/<workspace>/<key> for a workspace. */
                        object_key: string;
                        ok: boolean;
                        /** @description Managed resource instances (data sources are not counted). */
                        resource_count: number | null;
                        serial: number | null;
                        /** @description Bytes read. */
                        size: number | null;
                        terraform_version: string | null;
                        /** Format: date-time */
                        tested_at: string;
                        version_id: string | null;
                    };
                };
            };
            /** @description A field or parameter is malformed; the message names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or a wrong or revoked one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such object in your organisation (another organisation's objects are not found either). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Any other client error, in the same shape. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        database: string;
                        /** @enum {string} */
                        status: "ready";
                    };
                };
            };
            /** @description The database does not answer (the message says why). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
}
