/** Saved cleanup rules, their preview and their runs: built in issue 20's cleanup slice. */
export function CleanupView() {
  return <p className="muted">Cleanup rules are being built.</p>;
}
