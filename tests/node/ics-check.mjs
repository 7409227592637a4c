// Reads an echo-agenda calendar (render --to ics) with ical.js, expands its
// recurrence, and compares every occurrence with the sessions the tool's
// --to json gives: the same start and end instants, the same wall-clock
// times in the hub's zone, and the same UTC offsets, so the VTIMEZONE
// rules agree with the system zone database across daylight saving.
// Usage: node ics-check.mjs CALENDAR.ics AGENDA.json [--expect-dst]
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const [icsPath, jsonPath, flag] = process.argv.slice(2);
const agenda = JSON.parse(readFileSync(jsonPath, 'utf8'));
const cal = new ICAL.Component(ICAL.parse(readFileSync(icsPath, 'utf8')));
let failures = 0;
const fail = (msg) => { console.error(`FAIL: ${icsPath}: ${msg}`); failures++; };

// The calendar's own VTIMEZONE, not ical.js's idea of the zone.
const zones = cal.getAllSubcomponents('vtimezone');
if (zones.length !== 1) fail(`${zones.length} VTIMEZONEs, expected 1`);
for (const z of zones) {
  ICAL.TimezoneService.register(z);
  const tzid = z.getFirstPropertyValue('tzid');
  if (tzid !== agenda.time_zone) fail(`VTIMEZONE ${tzid}, the agenda says ${agenda.time_zone}`);
}

// "2026-03-12T12:00:00-05:00" -> { local: "2026-03-12T12:00:00", offset: -300 }
function split(iso) {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)([+-])(\d\d):(\d\d)$/.exec(iso);
  if (!m) throw new Error(`not a local time with an offset: ${iso}`);
  return { local: m[1], offset: (m[2] === '-' ? -1 : 1) * (Number(m[3]) * 60 + Number(m[4])) };
}
function describe(t) {
  return { local: t.toString().slice(0, 19), offset: t.utcOffset() / 60, instant: t.toUnixTime() };
}

const expected = (agenda.kind === 'series' ? agenda.sessions : [agenda]).map((s) => ({
  date: s.date, start: split(s.start), end: split(s.end),
  startInstant: Date.parse(s.start) / 1000, endInstant: Date.parse(s.end) / 1000,
}));

// Occurrences: a master event (RRULE) with its per-session overrides
// (RECURRENCE-ID), or a single event; a session file of a series is the
// series with its own override.  Training days are events of their own
// (other UIDs), checked against the agenda's training_days; cancelled
// occurrences (STATUS:CANCELLED) against its cancelled sessions.
const events = cal.getAllSubcomponents('vevent');
const training = new Set((agenda.training_days || []).map((t) => t.date + 'T' + split(t.start).local.slice(11)));
const isTraining = (e) => training.has(e.getFirstPropertyValue('dtstart').toString().slice(0, 19));
let sessionEvents = events.filter((e) => !isTraining(e));
// A session file of a series carries the whole series (a calendar keeps
// one event per UID and an import replaces it whole): the series' event
// and overrides under the UID of the session's own override, whose date
// alone is checked against the session.
let onlyDay = null;
if (agenda.kind === 'session' && sessionEvents.length > 1) {
  const own = sessionEvents.find((e) => e.hasProperty('recurrence-id') &&
    e.getFirstPropertyValue('recurrence-id').toString().slice(0, 10) === agenda.date);
  if (!own) fail(`no override for the session's date ${agenda.date}`);
  const uid = own && own.getFirstPropertyValue('uid');
  sessionEvents = sessionEvents.filter((e) => e.getFirstPropertyValue('uid') === uid);
  onlyDay = agenda.date;
} else if (events.length - sessionEvents.length !== training.size) {
  fail(`${events.length - sessionEvents.length} training-day events, the agenda has ${training.size}`);
}
const masters = sessionEvents.filter((e) => !e.hasProperty('recurrence-id'));
const lone = agenda.kind === 'session' && masters.length === 0 && sessionEvents.length === 1;
if (masters.length !== 1 && !lone) fail(`${masters.length} events without RECURRENCE-ID, expected 1`);
const master = new ICAL.Event(lone ? sessionEvents[0] : masters[0], { strictExceptions: true });
for (const e of sessionEvents) if (!lone && e !== masters[0]) master.relateException(e);
if (agenda.kind === 'series' && !master.isRecurring()) fail('the series event has no RRULE');
const cancelledDates = new Set((agenda.cancelled || []).map((c) => c.date));

const got = [];
const it = lone ? null : master.iterator();
if (lone) {
  got.push({ start: describe(master.startDate), end: describe(master.endDate) });
}
for (let next = it && it.next(); next && got.length <= 1000; next = it.next()) {
  const d = master.getOccurrenceDetails(next);
  const status = d.item.component.getFirstPropertyValue('status');
  const day = d.startDate.toString().slice(0, 10);
  if (onlyDay && day !== onlyDay) continue;
  if (status === 'CANCELLED') {
    if (!cancelledDates.has(day)) fail(`${day} is cancelled in the calendar, not in the agenda`);
    cancelledDates.delete(day);
    continue;
  }
  got.push({ start: describe(d.startDate), end: describe(d.endDate) });
}
if (cancelledDates.size) fail(`cancelled in the agenda, not in the calendar: ${[...cancelledDates]}`);
if (got.length !== expected.length)
  fail(`${got.length} occurrences, the agenda has ${expected.length} sessions: ` +
       got.map((g) => g.start.local.slice(0, 10)).join(' '));
for (let i = 0; i < Math.min(got.length, expected.length); i++) {
  const g = got[i], x = expected[i];
  for (const k of ['start', 'end']) {
    if (g[k].local !== x[k].local || g[k].offset !== x[k].offset)
      fail(`session ${x.date} ${k}: calendar ${g[k].local} (UTC${g[k].offset / 60}), ` +
           `agenda ${x[k].local} (UTC${x[k].offset / 60})`);
    if (g[k].instant !== x[k + 'Instant'])
      fail(`session ${x.date} ${k}: calendar instant ${new Date(g[k].instant * 1000).toISOString()}, ` +
           `agenda ${new Date(x[k + 'Instant'] * 1000).toISOString()}`);
  }
}
const offsets = new Set(got.map((g) => g.start.offset));
if (flag === '--expect-dst' && offsets.size < 2)
  fail(`expected the sessions to span a daylight saving change, all are at UTC${[...offsets][0] / 60}`);
if (failures) process.exit(1);
console.log(`${icsPath}: ${got.length} occurrence(s) match the agenda` +
            (offsets.size > 1 ? `, across UTC offsets ${[...offsets].map((o) => o / 60).join(', ')}` : ''));
