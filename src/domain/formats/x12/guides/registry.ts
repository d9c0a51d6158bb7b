/**
 * The implementation guides driftwatch ships, by the id a contract names in `customProperties.x12Guide`
 * (`<version>/<transaction set>`). Add a guide here after writing it (see the note in guide.model.ts).
 */
import type { TransactionSetGuide } from "../guide.model.ts";
import { GUIDE_850_004010 } from "./850-004010.guide.ts";

const GUIDES: ReadonlyMap<string, TransactionSetGuide> = new Map([[GUIDE_850_004010.id, GUIDE_850_004010]]);

export function listGuides(): string[] {
  return [...GUIDES.keys()].sort();
}

export function findGuide(id: string): TransactionSetGuide | undefined {
  return GUIDES.get(id);
}
