import { Empty } from '../../components/error-view.js';

// Placeholder until this page is built (see its issue); replaced, not shipped.
export function LocalImagesPage() {
  return (
    <div className="workspace">
      <header className="topbar">
        <h1 className="page-title">Local images</h1>
      </header>
      <div className="page-body">
        <Empty>Not built yet.</Empty>
      </div>
    </div>
  );
}
