// The X-Sdk-Date format, YYYYMMDDTHHMMSSZ in UTC (Go layout 20060102T150405Z).

const SDK_DATE_PATTERN = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/** Formats a Date as an X-Sdk-Date value (UTC, whole seconds, milliseconds dropped). */
export function formatSdkDate(date: Date): string {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError("formatSdkDate: invalid Date");
  return (
    pad(date.getUTCFullYear(), 4) +
    pad(date.getUTCMonth() + 1, 2) +
    pad(date.getUTCDate(), 2) +
    "T" +
    pad(date.getUTCHours(), 2) +
    pad(date.getUTCMinutes(), 2) +
    pad(date.getUTCSeconds(), 2) +
    "Z"
  );
}

/** Parses an X-Sdk-Date value; undefined unless it is exactly YYYYMMDDTHHMMSSZ and a real calendar time. */
export function parseSdkDate(value: string): Date | undefined {
  const match = SDK_DATE_PATTERN.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 20240230 over to March; a rolled-over value is not the date that was written.
  return formatSdkDate(date) === value ? date : undefined;
}
