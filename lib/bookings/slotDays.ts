/**
 * Slot starts grouped by the viewer's local day, with labels in the viewer's
 * time zone (Intl), for the slot picker: a client picks times on their own
 * calendar whatever the advisor's zone.
 */
export type SlotDay = { key: string; label: string; slots: { start: number; time: string }[] };

export function groupSlotsByDay(starts: readonly number[], timeZone: string, locale?: string): SlotDay[] {
  const dateKey = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  const dayLabel = new Intl.DateTimeFormat(locale, { timeZone, weekday: "short", month: "short", day: "numeric" });
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: "2-digit", minute: "2-digit" });
  const days: SlotDay[] = [];
  for (const start of starts) {
    const key = dateKey.format(start);
    let day = days[days.length - 1];
    if (day === undefined || day.key !== key) {
      day = { key, label: dayLabel.format(start), slots: [] };
      days.push(day);
    }
    day.slots.push({ start, time: time.format(start) });
  }
  return days;
}

/** "Europe/London (GMT+1)": the zone's name and its offset now, for labelling times. */
export function zoneLabel(timeZone: string, at: number, locale?: string): string {
  const offset = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "shortOffset" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value;
  return offset === undefined ? timeZone : `${timeZone.replaceAll("_", " ")} (${offset})`;
}
