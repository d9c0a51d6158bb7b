/**
 * The 40 resource types of the scripted account: how each names its resources, its ARN, the Terraform
 * attributes and the Cloud Control properties of an in-sync pair, and one drift it can carry.
 */
import type { Attrs } from "../../src/domain/terraform/mapping.model.ts";

export type StateFile = "network" | "app" | "platform";

export interface TypeSpec {
  cfn: string;
  /** Terraform type; unmapped types (matched through the ARN) are named as Terraform names them. */
  tf: string;
  state: StateFile;
  global?: boolean;
  /** The resource's name/id from a number unique in the account (`k`: its index within its region). */
  id: (n: number, region: string, k: number) => string;
  arn: (id: string, region: string, account: string) => string;
  /** Cloud Control's identifier, when it is not the id. */
  identifier?: (id: string, region: string, account: string) => string;
  /** Terraform attributes of an in-sync resource (tags are added by the generator). */
  attrs: (id: string, arn: string, region: string) => Attrs;
  /** Cloud Control properties of the same resource (tags are added by the generator). */
  props?: (id: string, region: string) => Attrs;
  /** A drift other than a tag: live properties patched, and the changelog path it gives. */
  drift?: { patch: Attrs; path: string[] };
  /** Tags are compared for this type (its catalogue tag property can drift). */
  tags: boolean;
}

export const hex = (n: number, w = 8) => n.toString(16).padStart(w, "0");
export const ec2 = (kind: string) => (id: string, r: string, a: string) =>
  `arn:aws:ec2:${r}:${a}:${kind}/${id}`;
export const regional = (svc: string, sep: string) => (id: string, r: string, a: string) =>
  `arn:aws:${svc}:${r}:${a}:${sep}${id}`;
export const rc = (r: string) => r.replace(/-/g, "").slice(0, 6);
