// Numbers, sizes and dates in the interface language, through the catalogue (so the pseudo-locale marks
// them too). The plain helpers in lib/format.ts stay for what is not language (digests, commands).
import { useMemo } from 'react';
import { useIntl, type IntlShape } from 'react-intl';
import { translator } from './index.js';
import { common } from './messages.js';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Decimal units like `docker images` shows them: `1.5 MB`, `912 B` (`1,234 MB`…). */
export function formatSize(intl: IntlShape, bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  const number = intl.formatNumber(value, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return translator(intl)(common.size, { value: number, unit: UNITS[unit] });
}

/** `2026-11-25 14:25` in local time, in every language: sortable, one line. */
export function formatDateTime(intl: IntlShape, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (value: number) => String(value).padStart(2, '0');
  return translator(intl)(common.dateTime, {
    date: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`,
    time: `${pad(date.getHours())}:${pad(date.getMinutes())}`,
  });
}

/** `Dec 5` / `12月5日` this year, with the year before. */
export function formatShortDay(intl: IntlShape, iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return translator(intl)(
    date.getFullYear() === now.getFullYear() ? common.dayThisYear : common.dayOtherYear,
    {
      when: date,
    },
  );
}

/** Items joined the locale's way: `a, b, c` / `a、b、c`. */
export function formatInlineList(intl: IntlShape, items: readonly string[]): string {
  return items.join(translator(intl)(common.listSeparator));
}

/** The formatters above bound to the interface language. */
export function useFormat() {
  const intl = useIntl();
  return useMemo(
    () => ({
      intl,
      size: (bytes: number) => formatSize(intl, bytes),
      dateTime: (iso: string) => formatDateTime(intl, iso),
      day: (iso: string, now?: Date) => formatShortDay(intl, iso, now),
      number: (value: number) => intl.formatNumber(value),
      list: (items: readonly string[]) => formatInlineList(intl, items),
    }),
    [intl],
  );
}
