/**
 * The structure ODCS v3.0.x and v3.1.0 give a data contract, written in driftwatch's shape language from
 * the standard's documentation and JSON Schemas (bitol-io/open-data-contract-standard, Apache-2.0): which
 * fields each object has, which are required, which objects are closed, and which fields depend on a
 * server's type, a property's logicalType or a quality rule's type. The official schema files are not
 * shipped; `npm run conformance` checks that this description gives the same verdicts as they do.
 */
import type { Json } from "../issues.ts";
import { serverTypes, serverVariant } from "./servers.shapes.ts";
import type { ObjectShape, Shape, Variant } from "./shape.ts";

export type OdcsVersion = "3.0" | "3.1";

const str: Shape = { kind: "string" };
const bool: Shape = { kind: "boolean" };
const int: Shape = { kind: "integer" };
const num: Shape = { kind: "number" };
const any: Shape = { kind: "any" };
const scalar: Shape = { kind: "scalar" };
const strings: Shape = { kind: "array", items: str };
const nonNegative: Shape = { kind: "integer", minimum: 0 };

const STABLE_ID: Shape = {
  kind: "string",
  pattern: /^[A-Za-z0-9_-]+$/u,
  patternText: "may contain only letters, digits, _ and -",
};

const SHORTHAND_REF = /^[A-Za-z_]\w*\.[A-Za-z_]\w*$/u;
const QUALIFIED_REF =
  /^(?:(?:https?:\/\/)?[A-Za-z0-9._\-/]+\.yaml#)?\/?[A-Za-z_]\w*\/[A-Za-z0-9_-]+(?:\/[A-Za-z_]\w*\/[A-Za-z0-9_-]+)*$/u;

export const API_VERSIONS: Record<OdcsVersion, readonly string[]> = {
  "3.1": ["v3.1.0", "v3.0.2", "v3.0.1", "v3.0.0", "v2.2.2", "v2.2.1", "v2.2.0"],
  "3.0": ["v3.0.2", "v3.0.1", "v3.0.0", "v2.2.2", "v2.2.1", "v2.2.0"],
};

export const LOGICAL_TYPES_BY_VERSION: Record<OdcsVersion, readonly string[]> = {
  "3.1": ["string", "date", "timestamp", "time", "number", "integer", "object", "array", "boolean"],
  "3.0": ["string", "date", "number", "integer", "object", "array", "boolean"],
};

const OPERATORS = [
  "mustBe",
  "mustNotBe",
  "mustBeGreaterThan",
  "mustBeGreaterOrEqualTo",
  "mustBeLessThan",
  "mustBeLessOrEqualTo",
  "mustBeBetween",
  "mustNotBeBetween",
] as const;

const pair: Shape = { kind: "array", items: num, minItems: 2, maxItems: 2, uniqueItems: true };
const OPERATOR_FIELDS: Record<string, Shape> = {
  mustBe: any,
  mustNotBe: any,
  mustBeGreaterThan: num,
  mustBeGreaterOrEqualTo: num,
  mustBeLessThan: num,
  mustBeLessOrEqualTo: num,
  mustBeBetween: pair,
  mustNotBeBetween: pair,
};

const ENUM_HINT =
  "driftwatch checks it, but other ODCS tools may refuse it; the standard's own forms are a quality rule (metric: invalidValues, arguments: { validValues: [...] }, mustBe: 0) or customProperties (property: enum)";

/** The enum forms other tools write (a property-level enum as proposed for v3.2, logicalTypeOptions.enum). */
const enumExtension = (key: string): string | undefined => (key === "enum" ? ENUM_HINT : undefined);

function withId(version: OdcsVersion, fields: Record<string, Shape>): Record<string, Shape> {
  return version === "3.1" ? { id: STABLE_ID, ...fields } : fields;
}

/** The shape of a whole ODCS document of this version. */
export function odcsShape(version: OdcsVersion): ObjectShape {
  const v31 = version === "3.1";
  const authoritativeDefinitions: Shape = {
    kind: "array",
    items: {
      kind: "object",
      label: "an authoritative definition",
      fields: withId(version, v31 ? { url: str, type: str, description: str } : { url: str, type: str }),
      required: ["url", "type"],
      closed: v31,
    },
  };
  const customProperty: Shape = {
    kind: "object",
    label: "a custom property",
    fields: withId(
      version,
      v31 ? { property: str, value: any, description: str } : { property: str, value: any },
    ),
    ...(v31 ? { required: ["property", "value"] } : {}),
    closed: v31,
    unknownHint: () => "a custom property is { property, value }",
  };
  const customProperties: Shape = { kind: "array", items: customProperty };
  const role: Shape = {
    kind: "object",
    label: "a role",
    fields: withId(version, {
      role: str,
      description: str,
      access: str,
      firstLevelApprovers: str,
      secondLevelApprovers: str,
      customProperties,
    }),
    required: ["role"],
    closed: v31,
  };
  const server: ObjectShape = {
    kind: "object",
    label: "a server",
    fields: withId(version, {
      server: str,
      type: { kind: "string", enum: serverTypes(version) },
      description: str,
      environment: str,
      roles: { kind: "array", items: role },
      customProperties,
    }),
    required: ["server", "type"],
    closed: v31,
    variants: (obj) => serverVariant(version, obj.type),
    requiredHint: { server: "a name for it, e.g. production", type: "s3, local, kafka, postgres…" },
    unknownHint: (key, obj) =>
      typeof obj.type === "string"
        ? `${String(obj.type)} servers have no ${key} in ODCS v${v31 ? "3.1.0" : "3.0.2"}`
        : undefined,
  };
  const quality = qualityShape(version, authoritativeDefinitions, customProperty);
  const relationshipRef: Shape = {
    kind: "string",
    pattern: new RegExp(`${SHORTHAND_REF.source}|${QUALIFIED_REF.source}`, "u"),
    patternText: "is not a reference: use table.column, or schema/<id>/properties/<id>",
  };
  const fromTo: Shape = {
    kind: "oneOf",
    options: [relationshipRef, { kind: "array", items: relationshipRef, minItems: 1 }],
    label: "a reference or a list of references",
  };
  const relationshipFields: Record<string, Shape> = {
    type: { kind: "string", enum: ["foreignKey"] },
    from: fromTo,
    to: fromTo,
    customProperties,
  };
  const schemaRelationship: Shape = {
    kind: "object",
    label: "a relationship",
    fields: relationshipFields,
    required: ["from", "to"],
    closed: true,
    variants: () => [
      {
        refine: (obj, at, report) => {
          if (obj.from === undefined || obj.to === undefined) return;
          const a = Array.isArray(obj.from);
          const b = Array.isArray(obj.to);
          const strA = typeof obj.from === "string";
          const strB = typeof obj.to === "string";
          if ((a && b) || (strA && strB)) return;
          if ((a || strA) && (b || strB))
            report(at, "from and to must both be references, or both lists of them");
        },
      },
    ],
  };
  const propertyRelationship: Shape = {
    kind: "object",
    label: "a property's relationship",
    fields: relationshipFields,
    required: ["to"],
    closed: true,
    variants: () => [
      {
        refine: (obj, at, report) => {
          if (obj.from !== undefined)
            report(
              [...at, "from"],
              "a relationship on a property takes no from (the property is the source)",
              "key",
            );
        },
      },
    ],
  };
  const elementFields = withId(version, {
    name: str,
    physicalType: str,
    description: str,
    businessName: str,
    authoritativeDefinitions,
    tags: strings,
    customProperties,
  });
  const qualityList: Shape = { kind: "array", items: quality };
  const baseFields: Record<string, Shape> = {
    ...elementFields,
    primaryKey: bool,
    primaryKeyPosition: int,
    logicalType: { kind: "string", enum: LOGICAL_TYPES_BY_VERSION[version] },
    logicalTypeOptions: { kind: "object", label: "logical type options", fields: {}, closed: false },
    physicalType: str,
    physicalName: str,
    required: bool,
    unique: bool,
    partitioned: bool,
    partitionKeyPosition: int,
    classification: str,
    encryptedName: str,
    transformSourceObjects: strings,
    transformLogic: str,
    transformDescription: str,
    examples: { kind: "array", items: any },
    criticalDataElement: bool,
    quality: qualityList,
  };
  if (v31) baseFields.relationships = { kind: "array", items: propertyRelationship };
  const propertyRef: Shape = { kind: "lazy", get: () => property };
  const itemRef: Shape = { kind: "lazy", get: () => item };
  const byType = logicalTypeVariants(version, propertyRef, itemRef);
  const pick = (obj: Json): Variant[] => {
    const t = obj.logicalType;
    if (t === undefined) return byType.absent;
    return typeof t === "string" && Object.hasOwn(byType.types, t) ? [byType.types[t]!] : [];
  };
  const property: ObjectShape = {
    kind: "object",
    label: "a schema property",
    fields: baseFields,
    required: ["name"],
    closed: true,
    variants: pick,
    unknownHint: (key) => propertyHint(key),
    extension: enumExtension,
  };
  const item: ObjectShape = {
    kind: "object",
    label: "the items of an array",
    fields: v31 ? baseFields : { ...baseFields, properties: { kind: "array", items: property } },
    closed: true,
    variants: pick,
    unknownHint: (key) => propertyHint(key),
    extension: enumExtension,
  };
  const schemaObject: ObjectShape = {
    kind: "object",
    label: "a schema object",
    fields: {
      ...elementFields,
      logicalType: { kind: "string", enum: ["object"] },
      physicalName: str,
      dataGranularityDescription: str,
      properties: { kind: "array", items: property },
      ...(v31 ? { relationships: { kind: "array", items: schemaRelationship } } : {}),
      quality: qualityList,
    },
    required: ["name"],
    closed: true,
    unknownHint: (key) =>
      key === "type" ? "a schema object's kind goes in physicalType (table, view…)" : undefined,
  };
  const member: ObjectShape = {
    kind: "object",
    label: v31 ? "a team member" : "a team entry",
    fields: withId(version, {
      username: str,
      name: str,
      description: str,
      role: str,
      dateIn: { kind: "string", format: "date" },
      dateOut: { kind: "string", format: "date" },
      replacedByUsername: str,
      ...(v31
        ? {
            tags: strings,
            customProperties: { kind: "array", items: customProperty },
            authoritativeDefinitions,
          }
        : {}),
    }),
    ...(v31 ? { required: ["username"] } : {}),
    closed: v31,
  };
  const team: Shape = v31
    ? {
        kind: "oneOf",
        label: "a team (name, members) or a list of team members",
        options: [
          {
            kind: "object",
            label: "a team",
            fields: {
              id: STABLE_ID,
              name: str,
              description: str,
              members: { kind: "array", items: member },
              tags: strings,
              customProperties: { kind: "array", items: customProperty },
              authoritativeDefinitions,
            },
            closed: true,
          },
          { kind: "array", items: member },
        ],
      }
    : { kind: "array", items: member };
  const support: Shape = {
    kind: "array",
    items: {
      kind: "object",
      label: "a support channel",
      fields: withId(version, {
        channel: str,
        url: str,
        description: str,
        tool: str,
        scope: str,
        invitationUrl: str,
        ...(v31 ? { customProperties } : {}),
      }),
      required: v31 ? ["channel"] : ["channel", "url"],
      closed: v31,
    },
  };
  const sla: Shape = {
    kind: "array",
    items: {
      kind: "object",
      label: "an SLA property",
      fields: withId(version, {
        property: str,
        value: scalar,
        valueExt: scalar,
        unit: str,
        element: str,
        driver: str,
        ...(v31 ? { description: str, scheduler: str, schedule: str } : {}),
      }),
      required: ["property", "value"],
      closed: v31,
    },
  };
  return {
    kind: "object",
    label: "the contract",
    fields: {
      version: str,
      kind: { kind: "string", enum: ["DataContract"] },
      apiVersion: { kind: "string", enum: API_VERSIONS[version] },
      id: str,
      name: str,
      tenant: str,
      tags: strings,
      status: str,
      servers: { kind: "array", items: server },
      dataProduct: str,
      description: {
        kind: "object",
        label: "usage, purpose, limitations",
        fields: { usage: str, purpose: str, limitations: str, authoritativeDefinitions, customProperties },
        closed: false,
      },
      domain: str,
      schema: { kind: "array", items: schemaObject },
      support,
      price: {
        kind: "object",
        label: "a price",
        fields: withId(version, { priceAmount: num, priceCurrency: str, priceUnit: str }),
        closed: v31,
      },
      team,
      roles: { kind: "array", items: role },
      slaDefaultElement: str,
      slaProperties: sla,
      authoritativeDefinitions,
      customProperties,
      contractCreatedTs: { kind: "string", format: "date-time" },
    },
    required: ["version", "apiVersion", "kind", "id", "status"],
    requiredHint: {
      status: "proposed, draft, active, deprecated or retired",
      apiVersion: v31 ? "v3.1.0" : "v3.0.2",
      kind: "DataContract",
      version: "the contract's own version, e.g. 1.0.0",
    },
    closed: true,
    unknownHint: (key) => {
      if (key === "dataContractSpecification") return undefined;
      if (key === "models" || key === "info")
        return "that is a Data Contract Specification field; an ODCS contract lists schema objects under schema";
      return "the standard does not define it; keep your own fields under customProperties";
    },
  };
}

function propertyHint(key: string): string | undefined {
  if (key === "type")
    return "use logicalType (string, integer, number…) and physicalType for the storage type";
  if (key === "customProperty") return "the field is customProperties (a list of { property, value })";
  return undefined;
}

/**
 * What a property's logicalType adds: its options, and `properties` (objects) or `items` (arrays); and
 * what applies when it has no logicalType.
 */
function logicalTypeVariants(
  version: OdcsVersion,
  property: Shape,
  item: Shape,
): { types: Record<string, Variant>; absent: Variant[] } {
  const v31 = version === "3.1";
  // the 3.0 schema takes exclusive bounds as booleans (JSON Schema draft 4 style)
  const exclusive: Shape = v31 ? num : bool;
  const dateBound: Shape = v31 ? str : bool;
  const options = (type: string, fields: Record<string, Shape>): Shape => ({
    kind: "object",
    label: `the options of ${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`,
    fields,
    closed: true,
    unknownHint: () => `${type} takes ${Object.keys(fields).join(", ") || "no options"}`,
    extension: enumExtension,
  });
  const numeric = (formats: readonly string[]): Record<string, Shape> => ({
    multipleOf: { kind: "number", exclusiveMinimum: 0 },
    maximum: num,
    exclusiveMaximum: exclusive,
    minimum: num,
    exclusiveMinimum: exclusive,
    format: { kind: "string", enum: formats },
  });
  const all: Record<string, Variant> = {
    string: {
      fields: {
        logicalTypeOptions: options("string", {
          minLength: nonNegative,
          maxLength: nonNegative,
          pattern: str,
          format: str,
        }),
      },
    },
    date: {
      fields: {
        logicalTypeOptions: options("date", {
          format: str,
          exclusiveMaximum: dateBound,
          maximum: str,
          exclusiveMinimum: dateBound,
          minimum: str,
        }),
      },
    },
    integer: {
      fields: {
        logicalTypeOptions: options(
          "integer",
          numeric(["i8", "i16", "i32", "i64", "i128", "u8", "u16", "u32", "u64", "u128"]),
        ),
      },
    },
    number: { fields: { logicalTypeOptions: options("number", numeric(["f32", "f64"])) } },
    object: {
      fields: {
        logicalTypeOptions: options("object", {
          maxProperties: nonNegative,
          minProperties: nonNegative,
          required: { kind: "array", items: str, minItems: 1, uniqueItems: true },
        }),
        properties: { kind: "array", items: property },
      },
    },
    array: {
      fields: {
        logicalTypeOptions: options("array", {
          maxItems: nonNegative,
          minItems: nonNegative,
          uniqueItems: bool,
        }),
        items: item,
      },
    },
  };
  if (v31) {
    const temporal = (type: string): Variant => ({
      fields: {
        logicalTypeOptions: options(type, {
          format: str,
          exclusiveMaximum: str,
          maximum: str,
          exclusiveMinimum: str,
          minimum: str,
          timezone: bool,
          defaultTimezone: str,
        }),
      },
    });
    all.timestamp = temporal("timestamp");
    all.time = temporal("time");
  }
  // without a logicalType every type's rules apply at once: no option can satisfy them all
  const absent: Variant[] = [
    {
      fields: {
        logicalTypeOptions: {
          kind: "object",
          label: "logical type options",
          fields: {},
          closed: true,
          unknownHint: () => "options need a logicalType (they depend on it)",
        },
        properties: { kind: "array", items: property },
        items: item,
      },
    },
  ];
  return { types: all, absent };
}

function qualityShape(
  version: OdcsVersion,
  authoritativeDefinitions: Shape,
  customProperty: Shape,
): ObjectShape {
  const v31 = version === "3.1";
  const exactlyOneOperator = (
    obj: Json,
    at: ReadonlyArray<string | number>,
    report: (p: ReadonlyArray<string | number>, m: string, part?: "key" | "value") => void,
  ): void => {
    const present = OPERATORS.filter((op) => obj[op] !== undefined);
    if (present.length === 0)
      report(
        at,
        `a ${obj.type === "sql" ? "sql" : "library"} quality rule needs one operator: ${OPERATORS.join(", ")}`,
      );
    else if (present.length > 1)
      report(
        [...at, present[1]!],
        `a quality rule takes one operator; found ${present.join(" and ")}`,
        "key",
      );
  };
  const variants = (obj: Json): Variant[] => {
    const out: Variant[] = [];
    const library = v31
      ? obj.type === "library" || typeof obj.metric === "string"
      : obj.type === undefined || obj.type === "library";
    if (library) {
      out.push(
        v31
          ? {
              label: "a library quality rule",
              fields: {
                metric: {
                  kind: "string",
                  enum: ["nullValues", "missingValues", "invalidValues", "duplicateValues", "rowCount"],
                },
                rule: str,
                arguments: { kind: "object", label: "the rule's arguments", fields: {}, closed: false },
                ...OPERATOR_FIELDS,
              },
              required: ["metric"],
              refine: exactlyOneOperator,
            }
          : {
              label: "a library quality rule",
              fields: { rule: str, ...OPERATOR_FIELDS },
              required: ["rule"],
            },
      );
    }
    if (obj.type === "sql") {
      out.push({
        label: "a sql quality rule",
        fields: { query: str, ...(v31 ? OPERATOR_FIELDS : {}) },
        required: ["query"],
        ...(v31 ? { refine: exactlyOneOperator } : {}),
      });
    }
    if (obj.type === "custom") {
      out.push({
        label: "a custom quality rule",
        fields: {
          engine: str,
          implementation: {
            kind: "oneOf",
            label: "text or a mapping",
            options: [str, { kind: "object", label: "an implementation", fields: {}, closed: false }],
          },
        },
        required: ["engine", "implementation"],
      });
    }
    return out;
  };
  return {
    kind: "object",
    label: "a quality rule",
    fields: withId(version, {
      authoritativeDefinitions,
      businessImpact: str,
      customProperties: { kind: "array", items: customProperty },
      description: str,
      dimension: {
        kind: "string",
        enum: [
          "accuracy",
          "completeness",
          "conformity",
          "consistency",
          "coverage",
          "timeliness",
          "uniqueness",
        ],
      },
      method: str,
      name: str,
      schedule: str,
      scheduler: str,
      severity: str,
      tags: strings,
      type: { kind: "string", enum: ["text", "library", "sql", "custom"] },
      unit: str,
    }),
    closed: v31,
    variants,
    unknownHint: (key, obj) => {
      const needs =
        key === "query" ? "sql" : key === "engine" || key === "implementation" ? "custom" : undefined;
      if (needs !== undefined)
        return obj.type === undefined
          ? `${key} belongs to type: ${needs} rules (add it)`
          : `a ${String(obj.type)} rule has no ${key}`;
      if (
        (OPERATORS as readonly string[]).includes(key) ||
        key === "metric" ||
        key === "rule" ||
        key === "arguments"
      )
        return obj.type === undefined
          ? `add type: library and a metric (or type: sql and a query) so ${key} applies`
          : `a ${String(obj.type)} rule has no ${key}`;
      return undefined;
    },
  };
}

/** Which version's structure a document follows, from its apiVersion (unknown ones are held to v3.1.0). */
export function versionOf(doc: Json): OdcsVersion {
  const v = doc.apiVersion;
  return typeof v === "string" && /^v3\.0\.\d+$/.test(v) && API_VERSIONS["3.0"].includes(v) ? "3.0" : "3.1";
}
