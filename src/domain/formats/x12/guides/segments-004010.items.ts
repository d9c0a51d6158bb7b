/**
 * Element definitions of the 004010 line-item and totals segments (PO1, PID, PO4, SAC, CTT, AMT), part of
 * the 004010 segment dictionary assembled in segments-004010.ts.
 */
import { el, type SegmentSpec, spec } from "../guide.model.ts";

const M = "M";
const O = "O";
const X = "X";

/** Product/Service ID qualifier + ID pairs (PO106/07 … PO124/25). */
function productIdPairs(count: number): ReturnType<typeof el>[] {
  const out: ReturnType<typeof el>[] = [];
  for (let i = 0; i < count; i++) {
    out.push(
      el("235", "Product/Service ID Qualifier", X, "ID", 2, 2),
      el("234", "Product/Service ID", X, "AN", 1, 48),
    );
  }
  return out;
}

function pairedNotes(first: number, count: number): string[] {
  const notes: string[] = [];
  for (let i = 0; i < count; i++) {
    const a = first + 2 * i;
    notes.push(`P${String(a).padStart(2, "0")}${String(a + 1).padStart(2, "0")}`);
  }
  return notes;
}

export const LINE_ITEM_SEGMENTS_004010: Readonly<Record<string, SegmentSpec>> = {
  PO1: spec(
    "PO1",
    "Baseline Item Data",
    [
      el("350", "Assigned Identification", O, "AN", 1, 20),
      el("330", "Quantity Ordered", X, "R", 1, 15),
      el("355", "Unit or Basis for Measurement Code", O, "ID", 2, 2),
      el("212", "Unit Price", X, "R", 1, 17),
      el("639", "Basis of Unit Price Code", O, "ID", 2, 2),
      ...productIdPairs(10),
    ],
    ["C0302", "C0504", ...pairedNotes(6, 10)],
  ),
  PID: spec(
    "PID",
    "Product/Item Description",
    [
      el("349", "Item Description Type", M, "ID", 1, 1, ["F", "S", "X"]),
      el("750", "Product/Process Characteristic Code", O, "ID", 2, 3),
      el("559", "Agency Qualifier Code", X, "ID", 2, 2),
      el("751", "Product Description Code", X, "AN", 1, 12),
      el("352", "Description", X, "AN", 1, 80),
      el("752", "Surface/Layer/Position Code", O, "ID", 2, 2),
      el("822", "Source Subqualifier", O, "AN", 1, 15),
      el("1073", "Yes/No Condition or Response Code", O, "ID", 1, 1, ["N", "U", "W", "Y"]),
      el("819", "Language Code", O, "ID", 2, 3),
    ],
    ["C0403", "R0405", "C0703"],
  ),
  PO4: spec(
    "PO4",
    "Item Physical Details",
    [
      el("356", "Pack", O, "N0", 1, 6),
      el("357", "Size", X, "R", 1, 8),
      el("355", "Unit or Basis for Measurement Code", X, "ID", 2, 2),
      el("103", "Packaging Code", O, "AN", 3, 5),
      el("187", "Weight Qualifier", X, "ID", 1, 2),
      el("384", "Gross Weight per Pack", X, "R", 1, 9),
      el("355", "Unit or Basis for Measurement Code", X, "ID", 2, 2),
      el("385", "Gross Volume per Pack", X, "R", 1, 9),
      el("355", "Unit or Basis for Measurement Code", X, "ID", 2, 2),
      el("82", "Length", X, "R", 1, 8),
      el("189", "Width", X, "R", 1, 8),
      el("65", "Height", X, "R", 1, 8),
      el("355", "Unit or Basis for Measurement Code", X, "ID", 2, 2),
      el("810", "Inner Pack", O, "N0", 1, 6),
      el("752", "Surface/Layer/Position Code", O, "ID", 2, 2),
      el("350", "Assigned Identification", X, "AN", 1, 20),
      el("350", "Assigned Identification", O, "AN", 1, 20),
      el("1470", "Number", O, "N0", 1, 9),
    ],
    ["C0203", "C0605", "C0705", "C0809", "C1013", "C1113", "C1213"],
  ),
  SAC: spec(
    "SAC",
    "Service, Promotion, Allowance, or Charge Information",
    [
      el("248", "Allowance or Charge Indicator", M, "ID", 1, 1, ["A", "C", "N", "P", "Q", "R", "S"]),
      el("1300", "Service, Promotion, Allowance, or Charge Code", X, "ID", 4, 4),
      el("559", "Agency Qualifier Code", X, "ID", 2, 2),
      el("1301", "Agency Service, Promotion, Allowance, or Charge Code", X, "AN", 1, 10),
      el("610", "Amount", O, "N2", 1, 15),
      el("378", "Allowance/Charge Percent Qualifier", X, "ID", 1, 1),
      el("332", "Percent", X, "R", 1, 6),
      el("118", "Rate", O, "R", 1, 9),
      el("355", "Unit or Basis for Measurement Code", X, "ID", 2, 2),
      el("380", "Quantity", X, "R", 1, 15),
      el("380", "Quantity", O, "R", 1, 15),
      el("331", "Allowance or Charge Method of Handling Code", O, "ID", 2, 2),
      el("127", "Reference Identification", X, "AN", 1, 30),
      el("770", "Option Number", O, "AN", 1, 20),
      el("352", "Description", X, "AN", 1, 80),
      el("819", "Language Code", O, "ID", 2, 3),
    ],
    ["R0203", "P0304", "P0607", "P0910", "C1110"],
  ),
  CTT: spec(
    "CTT",
    "Transaction Totals",
    [
      el("354", "Number of Line Items", M, "N0", 1, 6),
      el("347", "Hash Total", O, "R", 1, 10),
      el("81", "Weight", X, "R", 1, 10),
      el("355", "Unit or Basis for Measurement Code", X, "ID", 2, 2),
      el("183", "Volume", X, "R", 1, 8),
      el("355", "Unit or Basis for Measurement Code", X, "ID", 2, 2),
      el("352", "Description", O, "AN", 1, 80),
    ],
    ["P0304", "P0506"],
  ),
  AMT: spec("AMT", "Monetary Amount", [
    el("522", "Amount Qualifier Code", M, "ID", 1, 3),
    el("782", "Monetary Amount", M, "R", 1, 18),
    el("478", "Credit/Debit Flag Code", O, "ID", 1, 1, ["C", "D"]),
  ]),
};
