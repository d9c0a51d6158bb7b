/** Shapes every area shares: the error body, ids, timestamps, cursor pages. */
import { type TSchema, type TSchemaOptions, type TUnsafe, Type } from "typebox";

/** Gives a schema its component name (`$id`): it is registered once and referenced with `ref()`. */
export function named<const N extends string, S extends TSchema>(name: N, schema: S): S & { $id: N } {
  return Object.assign(schema, { $id: name });
}

/** One of these strings: on the wire `anyOf` of `const`s, typed as their union. */
export function OneOf<const T extends readonly string[]>(
  values: T,
  options?: TSchemaOptions,
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      options,
    ),
  );
}

export const ErrorBody = named(
  "ErrorResponse",
  Type.Object(
    {
      error: Type.Object({
        code: Type.String({
          description: "Stable machine-readable code, e.g. `connection.s3.access_denied`.",
        }),
        message: Type.String({ description: "What went wrong, in a sentence." }),
        hint: Type.Optional(Type.String({ description: "How to fix it." })),
        details: Type.Optional(
          Type.Unknown({ description: "More about the problem, e.g. each invalid field (400)." }),
        ),
      }),
    },
    { description: "Every error has this shape." },
  ),
);

/** AWS partitions (for ARNs). */
export const PARTITIONS = ["aws", "aws-cn", "aws-us-gov"] as const;

export const Uuid = Type.String({ format: "uuid" });
export const Timestamp = Type.String({ format: "date-time" });
export const NullableTimestamp = Type.Union([Type.String({ format: "date-time" }), Type.Null()]);
export const NullableString = Type.Union([Type.String(), Type.Null()]);

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const CursorQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: "`next_cursor` of the previous page." })),
};

/** A cursor-paged list: `next_cursor` is null on the last page. */
export function PageOf<S extends TSchema>(item: S) {
  return Type.Object({ items: Type.Array(item), next_cursor: NullableString });
}

export function ListOf<S extends TSchema>(item: S) {
  return Type.Object({ items: Type.Array(item) });
}
