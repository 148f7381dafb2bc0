import { Dialog } from '../../components/dialog.js';

// Placeholder until the Diagnose panel is built (issue 11); replaced, not shipped.
export function DiagnosePanel({ host, onClose }: { host: string; connection?: string; onClose: () => void }) {
  return (
    <Dialog title={`Diagnose ${host}`} onClose={onClose}>
      <p>Not built yet.</p>
    </Dialog>
  );
}
