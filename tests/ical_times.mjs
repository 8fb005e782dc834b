// Read .ics files with Mozilla's ical.js (the parser of Thunderbird) and print, as JSON, each event's
// start and end as ical.js understands them: a UTC instant for a timed event (through the VTIMEZONE
// the file carries, if any), the date for an all-day event; and the zone ical.js reads each in ("UTC",
// "floating", a TZID); and each alarm as ical.js reads it: its action, description, trigger (seconds
// relative to the start or the end) and the instant it goes off.
//   node tests/ical_times.mjs FILE.ics ...
//   →   {"FILE.ics": [{"uid", "tzid", "start", "end", "startZone", "endZone",
//                      "alarms": [{"action", "description", "trigger", "related", "fires"}, ...]}, ...], ...}
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function instant(time) {
  if (time.isDate) return time.toString(); // YYYY-MM-DD
  return new Date(time.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
}

function alarm(event, component) {
  const trigger = component.getFirstProperty("trigger");
  const value = trigger.getFirstValue();
  const related = trigger.getParameter("related") ?? "START";
  let fires;
  if (value instanceof ICAL.Duration) {
    fires = (related === "END" ? event.endDate : event.startDate).clone();
    fires.addDuration(value);
  } else {
    fires = value; // an absolute trigger
  }
  return {
    action: component.getFirstPropertyValue("action"),
    description: component.getFirstPropertyValue("description"),
    trigger: value instanceof ICAL.Duration ? value.toSeconds() : null,
    related,
    fires: instant(fires),
  };
}

const result = {};
for (const file of process.argv.slice(2)) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf-8")));
  result[file] = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      tzid: component.getFirstProperty("dtstart").getParameter("tzid") ?? null,
      start: instant(event.startDate),
      end: instant(event.endDate),
      startZone: event.startDate.zone?.tzid ?? null,
      endZone: event.endDate.zone?.tzid ?? null,
      alarms: component.getAllSubcomponents("valarm").map((valarm) => alarm(event, valarm)),
    };
  });
}
process.stdout.write(JSON.stringify(result));
