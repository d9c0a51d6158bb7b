/**
 * Element definitions of the X12 004010 segments the 850 uses most (the envelope's are in
 * envelope-004010.ts).
 * Written from the 004010 data element dictionary as our own data: reference number, usage, type, min/max
 * length, and code lists where the list is short and stable. Elements whose standard code lists are long
 * (units of measure, entity identifiers, qualifiers…) carry no list: any value of the right shape passes,
 * and a partner-specific guide can narrow them.
 */
import { comp, el, type SegmentSpec, spec } from "../guide.model.ts";
import { LINE_ITEM_SEGMENTS_004010 } from "./segments-004010.items.ts";

const M = "M";
const O = "O";
const X = "X";

/** Date/time qualifier + date + time triplets that CUR repeats five times. */
function dateTimeTriplet(): ReturnType<typeof el>[] {
  return [
    el("374", "Date/Time Qualifier", X, "ID", 3, 3),
    el("373", "Date", O, "DT", 8, 8),
    el("337", "Time", O, "TM", 4, 8),
  ];
}

/** BEG01 / 353 Transaction Set Purpose Code. */
const PURPOSE_CODES = [
  ...Array.from({ length: 57 }, (_, i) => String(i).padStart(2, "0")).filter(
    (c) => !["09", "23", "29"].includes(c),
  ),
  "5C",
  "77",
  "CN",
  "CO",
  "EX",
  "GR",
  "PR",
  "RH",
  "RV",
  "SU",
  "ZZ",
];

/** FOB01 / 146 Shipment Method of Payment. */
const PAYMENT_METHODS = [
  "11",
  "BP",
  "CA",
  "CC",
  "CD",
  "CF",
  "DE",
  "DF",
  "FO",
  "HP",
  "MX",
  "NC",
  "NR",
  "PA",
  "PB",
  "PC",
  "PD",
  "PE",
  "PL",
  "PO",
  "PP",
  "PS",
  "PU",
  "RC",
  "RF",
  "RS",
  "TP",
  "WC",
];

const C040 = comp(
  "C040",
  "Reference Identifier",
  O,
  [
    el("128", "Reference Identification Qualifier", M, "ID", 2, 3),
    el("127", "Reference Identification", M, "AN", 1, 30),
    el("128", "Reference Identification Qualifier", X, "ID", 2, 3),
    el("127", "Reference Identification", X, "AN", 1, 30),
    el("128", "Reference Identification Qualifier", X, "ID", 2, 3),
    el("127", "Reference Identification", X, "AN", 1, 30),
  ],
  ["P0304", "P0506"],
);

export const SEGMENTS_004010: Readonly<Record<string, SegmentSpec>> = {
  ...LINE_ITEM_SEGMENTS_004010,
  ST: spec("ST", "Transaction Set Header", [
    el("143", "Transaction Set Identifier Code", M, "ID", 3, 3),
    el("329", "Transaction Set Control Number", M, "AN", 4, 9),
  ]),
  SE: spec("SE", "Transaction Set Trailer", [
    el("96", "Number of Included Segments", M, "N0", 1, 10),
    el("329", "Transaction Set Control Number", M, "AN", 4, 9),
  ]),
  BEG: spec("BEG", "Beginning Segment for Purchase Order", [
    el("353", "Transaction Set Purpose Code", M, "ID", 2, 2, PURPOSE_CODES),
    el("92", "Purchase Order Type Code", M, "ID", 2, 2),
    el("324", "Purchase Order Number", M, "AN", 1, 22),
    el("328", "Release Number", O, "AN", 1, 30),
    el("373", "Date", M, "DT", 8, 8),
    el("367", "Contract Number", O, "AN", 1, 30),
    el("587", "Acknowledgment Type", O, "ID", 2, 2),
    el("1019", "Invoice Type Code", O, "ID", 3, 3),
    el("1166", "Contract Type Code", O, "ID", 2, 2),
    el("1232", "Purchase Category", O, "ID", 2, 2),
    el("786", "Security Level Code", O, "ID", 2, 2),
    el("640", "Transaction Type Code", O, "ID", 2, 2),
  ]),
  CUR: spec(
    "CUR",
    "Currency",
    [
      el("98", "Entity Identifier Code", M, "ID", 2, 3),
      el("100", "Currency Code", M, "ID", 3, 3),
      el("280", "Exchange Rate", O, "R", 4, 10),
      el("98", "Entity Identifier Code", O, "ID", 2, 3),
      el("100", "Currency Code", O, "ID", 3, 3),
      el("669", "Currency Market/Exchange Code", O, "ID", 3, 3),
      ...dateTimeTriplet(),
      ...dateTimeTriplet(),
      ...dateTimeTriplet(),
      ...dateTimeTriplet(),
      ...dateTimeTriplet(),
    ],
    [
      "C0807",
      "C0907",
      "L101112",
      "C1110",
      "C1210",
      "L131415",
      "C1413",
      "C1513",
      "L161718",
      "C1716",
      "C1816",
      "L192021",
      "C2019",
      "C2119",
    ],
  ),
  REF: spec(
    "REF",
    "Reference Identification",
    [
      el("128", "Reference Identification Qualifier", M, "ID", 2, 3),
      el("127", "Reference Identification", X, "AN", 1, 30),
      el("352", "Description", X, "AN", 1, 80),
      C040,
    ],
    ["R0203"],
  ),
  PER: spec(
    "PER",
    "Administrative Communications Contact",
    [
      el("366", "Contact Function Code", M, "ID", 2, 2),
      el("93", "Name", O, "AN", 1, 60),
      el("365", "Communication Number Qualifier", X, "ID", 2, 2),
      el("364", "Communication Number", X, "AN", 1, 80),
      el("365", "Communication Number Qualifier", X, "ID", 2, 2),
      el("364", "Communication Number", X, "AN", 1, 80),
      el("365", "Communication Number Qualifier", X, "ID", 2, 2),
      el("364", "Communication Number", X, "AN", 1, 80),
      el("443", "Contact Inquiry Reference", O, "AN", 1, 20),
    ],
    ["P0304", "P0506", "P0708"],
  ),
  FOB: spec(
    "FOB",
    "F.O.B. Related Instructions",
    [
      el("146", "Shipment Method of Payment", M, "ID", 2, 2, PAYMENT_METHODS),
      el("309", "Location Qualifier", X, "ID", 1, 2),
      el("352", "Description", O, "AN", 1, 80),
      el("334", "Transportation Terms Qualifier Code", O, "ID", 2, 2),
      el("335", "Transportation Terms Code", X, "ID", 3, 3),
      el("309", "Location Qualifier", X, "ID", 1, 2),
      el("352", "Description", O, "AN", 1, 80),
      el("54", "Risk of Loss Code", O, "ID", 2, 2),
      el("352", "Description", X, "AN", 1, 80),
    ],
    ["C0302", "C0405", "C0706", "C0809"],
  ),
  ITD: spec(
    "ITD",
    "Terms of Sale/Deferred Terms of Sale",
    [
      el("336", "Terms Type Code", O, "ID", 2, 2),
      el("333", "Terms Basis Date Code", O, "ID", 1, 2),
      el("338", "Terms Discount Percent", O, "R", 1, 6),
      el("370", "Terms Discount Due Date", X, "DT", 8, 8),
      el("351", "Terms Discount Days Due", X, "N0", 1, 3),
      el("446", "Terms Net Due Date", O, "DT", 8, 8),
      el("386", "Terms Net Days", O, "N0", 1, 3),
      el("362", "Terms Discount Amount", O, "N2", 1, 10),
      el("388", "Terms Deferred Due Date", O, "DT", 8, 8),
      el("389", "Deferred Amount Due", X, "N2", 1, 10),
      el("342", "Percent of Invoice Payable", X, "R", 1, 5),
      el("352", "Description", O, "AN", 1, 80),
      el("765", "Day of Month", X, "N0", 1, 2),
      el("107", "Payment Method Code", O, "ID", 1, 2),
      el("954", "Percent", O, "R", 1, 10),
    ],
    ["L03040513", "L08040513", "L091011"],
  ),
  DTM: spec(
    "DTM",
    "Date/Time Reference",
    [
      el("374", "Date/Time Qualifier", M, "ID", 3, 3),
      el("373", "Date", X, "DT", 8, 8),
      el("337", "Time", X, "TM", 4, 8),
      el("623", "Time Code", O, "ID", 2, 2),
      el("1250", "Date Time Period Format Qualifier", X, "ID", 2, 3),
      el("1251", "Date Time Period", X, "AN", 1, 35),
    ],
    ["R020305", "C0403", "P0506"],
  ),
  TD5: spec(
    "TD5",
    "Carrier Details (Routing Sequence/Transit Time)",
    [
      el("133", "Routing Sequence Code", O, "ID", 1, 2),
      el("66", "Identification Code Qualifier", X, "ID", 1, 2),
      el("67", "Identification Code", X, "AN", 2, 80),
      el("91", "Transportation Method/Type Code", X, "ID", 1, 2),
      el("387", "Routing", X, "AN", 1, 35),
      el("368", "Shipment/Order Status Code", X, "ID", 2, 2),
      el("309", "Location Qualifier", O, "ID", 1, 2),
      el("310", "Location Identifier", X, "AN", 1, 30),
      el("731", "Transit Direction Code", O, "ID", 2, 2),
      el("732", "Transit Time Direction Qualifier", O, "ID", 2, 2),
      el("733", "Transit Time", X, "R", 1, 4),
      el("284", "Service Level Code", X, "ID", 2, 2),
      el("284", "Service Level Code", X, "ID", 2, 2),
      el("284", "Service Level Code", O, "ID", 2, 2),
      el("26", "Country Code", O, "ID", 2, 3),
    ],
    ["R0204050612", "C0203", "C0708", "C1011", "C1312", "C1413"],
  ),
  N1: spec(
    "N1",
    "Name",
    [
      el("98", "Entity Identifier Code", M, "ID", 2, 3),
      el("93", "Name", X, "AN", 1, 60),
      el("66", "Identification Code Qualifier", X, "ID", 1, 2),
      el("67", "Identification Code", X, "AN", 2, 80),
      el("706", "Entity Relationship Code", O, "ID", 2, 2),
      el("98", "Entity Identifier Code", O, "ID", 2, 3),
    ],
    ["R0203", "P0304"],
  ),
  N2: spec("N2", "Additional Name Information", [
    el("93", "Name", M, "AN", 1, 60),
    el("93", "Name", O, "AN", 1, 60),
  ]),
  N3: spec("N3", "Address Information", [
    el("166", "Address Information", M, "AN", 1, 55),
    el("166", "Address Information", O, "AN", 1, 55),
  ]),
  N4: spec(
    "N4",
    "Geographic Location",
    [
      el("19", "City Name", O, "AN", 2, 30),
      el("156", "State or Province Code", O, "ID", 2, 2),
      el("116", "Postal Code", O, "ID", 3, 15),
      el("26", "Country Code", O, "ID", 2, 3),
      el("309", "Location Qualifier", X, "ID", 1, 2),
      el("310", "Location Identifier", O, "AN", 1, 30),
    ],
    ["C0605"],
  ),
  N9: spec(
    "N9",
    "Reference Identification",
    [
      el("128", "Reference Identification Qualifier", M, "ID", 2, 3),
      el("127", "Reference Identification", X, "AN", 1, 30),
      el("369", "Free-form Description", X, "AN", 1, 45),
      el("373", "Date", O, "DT", 8, 8),
      el("337", "Time", X, "TM", 4, 8),
      el("623", "Time Code", O, "ID", 2, 2),
      C040,
    ],
    ["R0203", "C0605"],
  ),
  MSG: spec(
    "MSG",
    "Message Text",
    [
      el("933", "Free-Form Message Text", M, "AN", 1, 264),
      el("934", "Printer Carriage Control Code", X, "ID", 2, 2),
      el("1470", "Number", O, "N0", 1, 9),
    ],
    ["C0302"],
  ),
};
