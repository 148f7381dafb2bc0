import { useT } from '../i18n/index.js';
import { useNavigation } from '../navigation.js';
import { components as m } from './messages.js';

/** Opens the Diagnose panel for a registry host (with the saved connection whose settings to use). */
export function DiagnoseButton({
  host,
  connection,
  className = 'button small',
}: {
  host: string;
  connection?: string;
  className?: string;
}) {
  const t = useT();
  const navigation = useNavigation();
  return (
    <button type="button" className={className} onClick={() => navigation.diagnose(host, connection)}>
      {t(m.diagnose)}
    </button>
  );
}
