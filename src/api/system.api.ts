/** Liveness and readiness: no API key, no organisation. */
import { Type } from "typebox";
import { operation } from "./operation.ts";

const tags = ["system"];

export const systemOperations = {
  getHealth: operation({
    operationId: "getHealth",
    method: "GET",
    path: "/healthz",
    tags,
    summary: "Liveness: the process answers.",
    security: [],
    response: { 200: Type.Object({ status: Type.Literal("ok") }) },
    errors: {},
  }),
  getReadiness: operation({
    operationId: "getReadiness",
    method: "GET",
    path: "/readyz",
    tags,
    summary: "Readiness: the database answers.",
    security: [],
    response: { 200: Type.Object({ status: Type.Literal("ready"), database: Type.String() }) },
    errors: { 503: "The database does not answer (the message says why)." },
  }),
};
