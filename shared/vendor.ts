/**
 * What a registry's own API says beyond the v2 API (Harbor, Quay, GHCR, GitLab, Docker Hub): push dates,
 * sizes, descriptions, scan results. Every field is optional: each vendor gives some of them.
 */

/** A repository as a vendor lists it. */
export interface RepositoryFactsView {
  description?: string;
  /** When anything in it last changed (ISO 8601). */
  updatedAt?: string;
  /** Bytes the vendor counts for it (its own rule; shared layers may be counted twice). */
  size?: number;
  tagCount?: number;
  /** Images in it, tagged or not (Harbor's artifacts). */
  artifactCount?: number;
  pullCount?: number;
  starCount?: number;
  isPrivate?: boolean;
}

/** A tag as a vendor lists it. */
export interface TagFactsView {
  digest?: string;
  /** When the tag was pushed (ISO 8601). */
  pushedAt?: string;
  /** When it was last pulled (ISO 8601). */
  pulledAt?: string;
  /** Bytes the vendor counts for the image (compressed layers, or all platforms of an index). */
  size?: number;
}

/** A vulnerability scan's summary as the vendor reports it. */
export interface ScanOverviewView {
  /** The scanner's state in the vendor's words (`Success`, `Running`, `Error`, `Not Scanned`…). */
  status: string;
  scanner?: string;
  /** The worst severity found (`Critical`, `High`, …). */
  severity?: string;
  /** Findings per severity. */
  counts: Record<string, number>;
  fixable?: number;
  completedAt?: string;
}

export interface LabelView {
  name: string;
  /** `#rrggbb` when the vendor gives a colour. */
  color?: string;
  description?: string;
}

/** One image's facts from the vendor's API, for the image view. */
export interface ImageVendorFactsView {
  /** The vendor's name as people know it: `Harbor`, `Quay`, `GitHub Packages`, `GitLab`, `Docker Hub`. */
  vendor: string;
  pushedAt?: string;
  pulledAt?: string;
  size?: number;
  labels?: LabelView[];
  scan?: ScanOverviewView;
  description?: string;
}
