import { useEffect, useState } from 'react';
import type {
  DaemonEntryCheck,
  DaemonListKey,
  DaemonPreview,
  DaemonChangeInput,
} from '../../../shared/contract/index.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { call, errorInfo } from '../../api.js';
import { useAsync } from '../../hooks/use-async.js';

/** daemon.json as the core read it; a reload keeps showing the last answer instead of flashing. */
export function useDaemonState() {
  const state = useAsync('daemon', () => call('daemon.read', {}));
  return { state, current: state.lastValue, reload: state.reload };
}

/** dockerd's verdict on what is being typed, asked of the core a moment after typing stops. */
export function useEntryCheck(key: DaemonListKey, entry: string) {
  const [check, setCheck] = useState<(DaemonEntryCheck & { notes: string[] }) | undefined>();
  const text = entry.trim();
  // A verdict belongs to the list and text it was asked for: any change drops it while rendering.
  const [asked, setAsked] = useState({ key, text });
  if (asked.key !== key || asked.text !== text) {
    setAsked({ key, text });
    setCheck(undefined);
  }
  useEffect(() => {
    if (!text) return;
    let current = true;
    const timer = setTimeout(() => {
      call('daemon.validate', { key, entry: text }).then(
        (value) => current && setCheck(value),
        () => undefined,
      );
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, text]);
  return check?.entry === text ? check : undefined;
}

/** The preview of a change to the file read with `fingerprint`, asked again when the change settles. */
export function usePreview(fingerprint: string, change: DaemonChangeInput | undefined) {
  const [preview, setPreview] = useState<{ for: string; value?: DaemonPreview; error?: ErrorInfo }>();
  const changeKey = change ? JSON.stringify(change) : undefined;
  useEffect(() => {
    if (!changeKey) return;
    let current = true;
    const timer = setTimeout(() => {
      call('daemon.preview', { fingerprint, change: JSON.parse(changeKey) as DaemonChangeInput }).then(
        (value) => current && setPreview({ for: changeKey, value }),
        (error: unknown) => current && setPreview({ for: changeKey, error: errorInfo(error) }),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [fingerprint, changeKey]);
  return preview && preview.for === changeKey ? preview : undefined;
}
