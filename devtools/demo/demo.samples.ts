/**
 * What `driftwatch demo` drops into its local bucket: a partner's JSON purchase orders (clean, drifted, a
 * duplicate and a broken one) and X12 850s (clean and with a wrong segment count), and the two contracts
 * they are checked against.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const ORDERS_CONTRACT = `# Orders partners drop as JSON arrays: one object per purchase order.
apiVersion: v3.1.0
kind: DataContract
id: acme-orders
version: 1.0.0
status: active
name: ACME purchase orders (JSON)
servers:
  - server: partner-drops
    type: s3
    location: s3://partner-drops/incoming/acme/orders/*.json
    format: json
    delimiter: array
schema:
  - name: orders
    customProperties:
      - property: additionalProperties
        value: false
    properties:
      - name: po_number
        logicalType: string
        required: true
        unique: true
        logicalTypeOptions:
          pattern: "^PO-[0-9]{6}$"
      - name: ordered_at
        logicalType: timestamp
        required: true
      - name: buyer_email
        logicalType: string
        required: true
        logicalTypeOptions:
          format: email
      - name: currency
        logicalType: string
        required: true
        customProperties:
          - property: enum
            value: [USD, EUR, GBP]
      - name: total
        logicalType: number
        required: true
        logicalTypeOptions:
          minimum: 0
      - name: lines
        logicalType: array
        required: true
        items:
          logicalType: object
          properties:
            - name: sku
              logicalType: string
              required: true
            - name: qty
              logicalType: integer
              required: true
              logicalTypeOptions:
                minimum: 1
`;

export const X12_CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: acme-edi-850
version: 1.0.0
status: active
name: ACME purchase orders (X12 850)
servers:
  - server: partner-drops
    type: s3
    location: s3://partner-drops/incoming/acme/edi/*.edi
    format: x12
schema:
  - name: purchase_order
    customProperties:
      - property: x12Guide
        value: "004010/850"
`;

interface Order {
  po_number: string;
  ordered_at: string;
  buyer_email: string;
  currency: string;
  total: number;
  lines: Array<{ sku: string; qty: number }>;
  [extra: string]: unknown;
}

function orders(from: number, n: number): Order[] {
  return Array.from({ length: n }, (_, i) => ({
    po_number: `PO-${String(from + i).padStart(6, "0")}`,
    ordered_at: `2026-11-2${i % 3}T0${i % 9}:15:00Z`,
    buyer_email: `buyer${from + i}@acme.example`,
    currency: "USD",
    total: 100 + i * 12.5,
    lines: [{ sku: `W-${100 + i}`, qty: 1 + (i % 4) }],
  }));
}

/** [key, body] pairs to put in the demo bucket, oldest first. */
export function demoFiles(): Array<[string, string]> {
  const clean1 = JSON.stringify(orders(1000, 12), null, 2);
  const clean2 = JSON.stringify(orders(2000, 8), null, 2);
  const drifted = orders(3000, 10).map((o, i) => {
    const d: Order = { ...o };
    if (i % 3 === 0) d.currency = "JPY"; // not in the enum
    if (i === 4) delete (d as Partial<Order>).buyer_email; // required field missing
    if (i === 5) d.total = "118.50" as unknown as number; // a number sent as text
    if (i === 7) d.discount_code = "FALL26"; // a field the contract does not have (strict)
    return d;
  });
  const edi = readFileSync(join(import.meta.dirname, "850-sample.edi"), "utf8");
  return [
    ["incoming/acme/orders/850_0001.json", clean1],
    ["incoming/acme/orders/850_0002.json", clean2],
    ["incoming/acme/orders/850_0003.json", JSON.stringify(drifted, null, 2)],
    ["incoming/acme/orders/850_0004.json", clean1], // the same content as 0001: a duplicate
    ["incoming/acme/orders/850_0005.json", clean2.slice(0, 300)], // cut off mid-upload: unparseable
    ["incoming/acme/orders/readme.txt", "not a purchase order: outside the file pattern"],
    ["incoming/acme/edi/PO_20261123_01.edi", edi],
    ["incoming/acme/edi/PO_20261123_02.edi", edi.replace(/^SE\*(\d+)\*/m, (_m, n) => `SE*${Number(n) - 1}*`)],
  ];
}
