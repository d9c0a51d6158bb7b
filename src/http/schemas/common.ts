import { Type } from "typebox";

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: "Stable machine-readable code, e.g. `connection.s3.access_denied`." }),
      message: Type.String({ description: "What went wrong, in a sentence." }),
      hint: Type.Optional(Type.String({ description: "How to fix it." })),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: "ErrorResponse", description: "Every error has this shape." },
);

export const errorResponses = {
  400: Type.Ref("ErrorResponse"),
  401: Type.Ref("ErrorResponse"),
  404: Type.Ref("ErrorResponse"),
};

export const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) }, { additionalProperties: false });

export const CursorQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: "`next_cursor` of the previous page." })),
};

export const Timestamp = Type.String({ format: "date-time" });
export const NullableTimestamp = Type.Union([Type.String({ format: "date-time" }), Type.Null()]);
