// openGauss `start_time` is sent as `yyyy-MM-ddTHH:mm:ss±hhmm`, the form of the API's own example (the
// only verified one; the spec leaves other forms unverified). Formatting in UTC with `+0000` names the same instant on every machine, whatever its zone.

const pad = (value: number, width = 2): string => String(value).padStart(width, "0");

export function formatStartTime(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new RangeError("startTime must be a valid Date");
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError("startTime must fall in the years 0000-9999");
  return (
    `${pad(year, 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}+0000`
  );
}
