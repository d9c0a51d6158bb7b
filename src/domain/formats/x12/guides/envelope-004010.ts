/**
 * Element definitions of the interchange and group envelope (ISA, GS, GE, IEA) as used with 004010
 * transaction sets. ST and SE belong to each set's dictionary (segments-004010.ts).
 */
import { el, type SegmentSpec, spec } from "../guide.model.ts";

const M = "M";

const TWO_DIGITS_01_38 = Array.from({ length: 38 }, (_, i) => String(i + 1).padStart(2, "0"));
const INTERCHANGE_ID_QUALIFIERS = [...TWO_DIGITS_01_38, "AM", "NR", "SA", "SN", "ZZ"];

export const ENVELOPE_004010: Readonly<Record<"ISA" | "GS" | "GE" | "IEA", SegmentSpec>> = {
  ISA: spec("ISA", "Interchange Control Header", [
    el("I01", "Authorization Information Qualifier", M, "ID", 2, 2, [
      "00",
      "01",
      "02",
      "03",
      "04",
      "05",
      "06",
    ]),
    el("I02", "Authorization Information", M, "AN", 10, 10),
    el("I03", "Security Information Qualifier", M, "ID", 2, 2, ["00", "01"]),
    el("I04", "Security Information", M, "AN", 10, 10),
    el("I05", "Interchange ID Qualifier", M, "ID", 2, 2, INTERCHANGE_ID_QUALIFIERS),
    el("I06", "Interchange Sender ID", M, "AN", 15, 15),
    el("I05", "Interchange ID Qualifier", M, "ID", 2, 2, INTERCHANGE_ID_QUALIFIERS),
    el("I07", "Interchange Receiver ID", M, "AN", 15, 15),
    el("I08", "Interchange Date", M, "DT", 6, 6),
    el("I09", "Interchange Time", M, "TM", 4, 4),
    el("I10", "Interchange Control Standards Identifier", M, "ID", 1, 1, ["U"]),
    el("I11", "Interchange Control Version Number", M, "ID", 5, 5),
    el("I12", "Interchange Control Number", M, "N0", 9, 9),
    el("I13", "Acknowledgment Requested", M, "ID", 1, 1, ["0", "1"]),
    el("I14", "Usage Indicator", M, "ID", 1, 1, ["P", "T", "I"]),
    // ISA16 (component separator) is a delimiter, not data: it is read by the tokenizer, never checked here.
  ]),
  GS: spec("GS", "Functional Group Header", [
    el("479", "Functional Identifier Code", M, "ID", 2, 2),
    el("142", "Application Sender's Code", M, "AN", 2, 15),
    el("124", "Application Receiver's Code", M, "AN", 2, 15),
    el("373", "Date", M, "DT", 8, 8),
    el("337", "Time", M, "TM", 4, 8),
    el("28", "Group Control Number", M, "N0", 1, 9),
    el("455", "Responsible Agency Code", M, "ID", 1, 2, ["T", "X"]),
    el("480", "Version / Release / Industry Identifier Code", M, "AN", 1, 12),
  ]),
  GE: spec("GE", "Functional Group Trailer", [
    el("97", "Number of Transaction Sets Included", M, "N0", 1, 6),
    el("28", "Group Control Number", M, "N0", 1, 9),
  ]),
  IEA: spec("IEA", "Interchange Control Trailer", [
    el("I16", "Number of Included Functional Groups", M, "N0", 1, 5),
    el("I12", "Interchange Control Number", M, "N0", 9, 9),
  ]),
};
