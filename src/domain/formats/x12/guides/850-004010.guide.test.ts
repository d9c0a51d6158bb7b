import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compileGuide, type GuideNode } from "../guide.compile.ts";
import { checkX12 } from "../x12.check.ts";
import { chunked, envelope, set, summary, x12 } from "../x12.test-support.ts";
import { GUIDE_850_004010 } from "./850-004010.guide.ts";
import { ENVELOPE_004010 } from "./envelope-004010.ts";

const OPTS = { guide: "004010/850", fileKey: "k", contract: { id: "c", version: "1" } };

function ids(node: GuideNode): string[] {
  return node.children.map((c) => (c.kind === "loop" ? `${c.id}[` + ids(c).join(",") + "]" : c.id));
}

async function events(body: string[]) {
  return summary((await checkX12(chunked(x12(envelope([set("0001", body)])), 1 << 16), OPTS)).events);
}

describe("850 004010 guide", () => {
  const root = compileGuide(GUIDE_850_004010).root;
  const top = ids(root);

  it("has the heading in the standard's order with its loops", () => {
    const heading = top.slice(
      0,
      top.findIndex((s) => s.startsWith("PO1[")),
    );
    const flat = heading.map((s) => s.replace(/\[.*$/, "+loop"));
    assert.deepEqual(flat, [
      "ST",
      "BEG",
      "CUR",
      "REF",
      "PER",
      "TAX",
      "FOB",
      "CTP",
      "PAM",
      "CSH",
      "TC2",
      "SAC+loop",
      "ITD",
      "DIS",
      "INC",
      "DTM",
      "LDT",
      "LIN",
      "SI",
      "PID",
      "MEA",
      "PWK",
      "PKG",
      "TD1",
      "TD5",
      "TD3",
      "TD4",
      "MAN",
      "PCT",
      "CTB",
      "TXI",
      "AMT+loop",
      "N9+loop",
      "N1+loop",
      "LM+loop",
      "SPI+loop",
      "ADV+loop",
    ]);
    assert.ok(top.includes("N1[N1,N2,N3,N4,NX2,REF,PER,SI,FOB,TD1,TD5,TD3,TD4,PKG]"));
  });

  it("has the detail PO1 loop (mandatory, 100,000) and the summary CTT loop and SE", () => {
    const po1 = root.children.find((c) => c.id === "PO1")!;
    assert.equal(po1.kind, "loop");
    assert.equal(po1.usage, "M");
    assert.equal(po1.max, 100_000);
    const inner = po1.children.map((c) => c.id);
    for (const id of [
      "PO1",
      "LIN",
      "SI",
      "CUR",
      "CN1",
      "PO3",
      "CTP",
      "PAM",
      "MEA",
      "PID",
      "PWK",
      "PO4",
      "REF",
      "PER",
      "SAC",
      "IT8",
      "CSH",
      "ITD",
      "DIS",
      "INC",
      "TAX",
      "FOB",
      "SDQ",
      "IT3",
      "DTM",
      "TC2",
      "TD1",
      "TD5",
      "TD3",
      "TD4",
      "PCT",
      "MAN",
      "MSG",
      "SPI",
      "TXI",
      "CTB",
      "QTY",
      "SCH",
      "PKG",
      "LS",
      "N9",
      "N1",
      "SLN",
      "AMT",
      "LM",
    ]) {
      assert.ok(inner.includes(id), `PO1 loop lacks ${id}`);
    }
    assert.deepEqual(top.slice(-2), ["CTT[CTT,AMT]", "SE"]);
  });

  it("defines the elements of the segments an 850 uses most", () => {
    const defined = new Set([...Object.keys(GUIDE_850_004010.segments), ...Object.keys(ENVELOPE_004010)]);
    for (const id of [
      "ISA",
      "GS",
      "ST",
      "BEG",
      "CUR",
      "REF",
      "PER",
      "FOB",
      "ITD",
      "DTM",
      "TD5",
      "N1",
      "N2",
      "N3",
      "N4",
      "PO1",
      "PID",
      "PO4",
      "SAC",
      "CTT",
      "AMT",
      "SE",
      "GE",
      "IEA",
    ]) {
      assert.ok(defined.has(id), `no element definitions for ${id}`);
    }
    assert.equal(GUIDE_850_004010.segments.PO1!.elements.length, 25);
    assert.equal(ENVELOPE_004010.ISA.elements.length, 15);
  });

  it("passes a rich purchase order with nested loops without a single event", async () => {
    const body = [
      "BEG*00*SA*PO-77**20240315*CONTRACT-9",
      "CUR*BY*USD",
      "REF*DP*038",
      "REF*IA*VENDOR-22",
      "PER*BD*JANE BUYER*TE*5555550100*EM*jane@example.com",
      "FOB*CC*OR*ORIGIN",
      "SAC*C*D240***1500",
      "CUR*BY*USD",
      "ITD*05*3*****30",
      "DTM*002*20240401*1200",
      "DTM*010*20240325",
      "TD5*O*2*UPSN*M*UPS GROUND",
      "N9*L1*NOTES",
      "MSG*HANDLE WITH CARE",
      "N1*ST*MAIN WAREHOUSE*92*0001",
      "N2*RECEIVING DOCK 4",
      "N3*100 DOCK ROAD",
      "N4*SPRINGFIELD*IL*62701*US",
      "REF*DP*038",
      "PER*DC*DOCK OFFICE*TE*5555550111",
      "N1*BT*BUYERCO INC",
      "PO1*1*10*EA*12.50*PE*BP*ITEM-001*VP*V-001*UP*012345678905",
      "CUR*BY*USD",
      "CTP**RES*19.99",
      "PID*F****BLUE WIDGET",
      "PID*F*08***LARGE",
      "PO4*12*1*EA",
      "REF*PO*LINE-1",
      "SAC*A*C310***250",
      "DTM*002*20240402",
      "SCH*5*EA****002*20240402",
      "SCH*5*EA****002*20240409",
      "N1*ST*STORE 12*92*0012",
      "N4*PEORIA*IL*61602",
      "SLN*1**I*2*EA",
      "PID*F****SUB ITEM",
      "PO1*2*1*CS*100*PE*BP*ITEM-002",
      "LS*1",
      "LDT*AE*5*DA",
      "LE*1",
      "AMT*1*100",
      "CTT*2*11",
      "AMT*TT*225",
    ];
    assert.deepEqual(await events(body), []);
  });

  it("names segment events with their loop context", async () => {
    const body = [
      "BEG*00*SA*PO-1**20240315",
      "N1*ST*X",
      "N4*CITY*IL",
      "N3*STREET",
      "PO1*1*1*EA*1**BP*X",
      "LS*1",
      "CTT*1",
    ];
    assert.deepEqual(await events(body), [
      { type: "x12_segment_order", path: "N1/N3", rule: "x12.850.N1/N3.order", code: "7" },
      { type: "x12_segment_missing", path: "PO1/LS/LE", rule: "x12.850.PO1/LS/LE.required", code: "3" },
    ]);
  });

  it("counts max use inside loops and unknown segments inside the detail", async () => {
    const body = [
      "BEG*00*SA*PO-1**20240315",
      "PER*BD*A",
      "PER*BD*B",
      "PER*BD*C",
      "PER*BD*D",
      "PO1*1*1*EA*1**BP*X",
      "XYZ*1",
      "CTT*1",
    ];
    assert.deepEqual(await events(body), [
      { type: "x12_loop_repeat_exceeded", path: "PER", rule: "x12.850.PER.max_use", code: "5" },
      { type: "x12_segment_unexpected", path: "PO1/XYZ", rule: "x12.850.PO1/XYZ.unrecognized", code: "1" },
    ]);
  });

  it("reports a transaction set without any PO1 loop", async () => {
    assert.deepEqual(await events(["BEG*00*SA*PO-1**20240315", "CTT*0"]), [
      { type: "x12_segment_missing", path: "PO1", rule: "x12.850.PO1.required", code: "3" },
    ]);
  });
});
