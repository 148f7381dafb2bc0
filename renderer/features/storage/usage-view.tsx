/** Bytes per repository of a connection, shared layers, untagged manifests: built in issue 20's storage slice. */
export function UsageView() {
  return <p className="muted">Storage usage is being built.</p>;
}
