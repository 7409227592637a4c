"""Reads echo-agenda's calendars with Python's icalendar and expands them
with recurring-ical-events, a parser and an expander independent of
libical and of ical.js: every date, the cancellations, the overrides and
the UIDs of cars-2027.yaml, and its session file as that series'
occurrence."""
import datetime as dt
import sys

import icalendar
import recurring_ical_events

series_ics, session_ics = sys.argv[1], sys.argv[2]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def load(path):
    with open(path, "rb") as f:
        return icalendar.Calendar.from_ical(f.read())


cal = load(series_ics)
events = recurring_ical_events.of(cal).between(dt.date(2027, 1, 1), dt.date(2027, 6, 1))
got = sorted((e["DTSTART"].dt.strftime("%Y-%m-%d %H:%M"), str(e.get("STATUS", "")),
              str(e["SUMMARY"])) for e in events)
want_sessions = ["2027-01-14", "2027-01-28", "2027-02-11", "2027-02-25", "2027-03-11",
                 "2027-04-08", "2027-04-22", "2027-04-29"]
dates = [g[0] for g in got]
want = sorted(["2027-01-07 09:00", "2027-01-08 09:00"] + [d + " 12:00" for d in want_sessions])
check(dates == want, "dates: got %s, want %s" % (dates, want))
cancelled = [g for g in got if g[1] == "CANCELLED"]
check([c[0] for c in cancelled] == ["2027-02-11 12:00"], "cancelled: %s" % cancelled)
check(all(c[2].startswith("Cancelled:") for c in cancelled), "cancelled summary")
moved = [g for g in got if g[0] == "2027-04-29 12:00"]
check(moved and "Understanding addiction" in moved[0][2], "moved topic: %s" % moved)
check(not any(g[0].startswith("2027-03-25") for g in got), "skipped 2027-03-25 is gone")

vevents = [c for c in cal.walk("VEVENT")]
master = [e for e in vevents if "RRULE" in e]
check(len(master) == 1, "one recurring event")
uid = str(master[0]["UID"])
for e in vevents:
    if "RECURRENCE-ID" in e:
        check(str(e["UID"]) == uid, "override shares the series UID")
    check(int(e["SEQUENCE"]) == 2, "SEQUENCE is the revision: %s" % e.get("SEQUENCE"))
training = [e for e in vevents if "training" in str(e["SUMMARY"])]
check(len(training) == 2 and all(str(e["UID"]) != uid and "RRULE" not in e for e in training),
      "training days are events of their own")
check(str(master[0]["URL"]) == "https://example.org/j/5550100123", "URL")
check(str(master[0]["ORGANIZER"]) == "mailto:facilitator@example.org", "ORGANIZER")

# The session file: the series' occurrence of 2027-03-11, a later SEQUENCE,
# and the rest of the series as the series file has it (a calendar keeps
# one event per UID, so a lone override would replace the series).
session_cal = load(session_ics)
sess_events = [c for c in session_cal.walk("VEVENT")]
own = [e for e in sess_events if "RECURRENCE-ID" in e and
       e["RECURRENCE-ID"].dt.strftime("%Y-%m-%d %H:%M") == "2027-03-11 12:00"]
check(len(own) == 1, "the session file has the occurrence of 2027-03-11 once")
s = own[0] if own else sess_events[0]
check(str(s["UID"]) == uid, "session UID is the series'")
check(int(s["SEQUENCE"]) > 2, "session SEQUENCE is above the series'")
check("Case day" in str(s["SUMMARY"]), "the occurrence is the session's: %s" % s["SUMMARY"])
smaster = [e for e in sess_events if "RRULE" in e]
check(len(smaster) == 1 and str(smaster[0]["UID"]) == uid and
      smaster[0]["RRULE"] == master[0]["RRULE"], "the session file carries the series' master")
for e in sess_events:
    if e is not s:
        check(int(e["SEQUENCE"]) == 2, "the series' events keep its SEQUENCE")
alone = recurring_ical_events.of(session_cal).between(dt.date(2027, 1, 1), dt.date(2027, 6, 1))
alone_dates = sorted(e["DTSTART"].dt.strftime("%Y-%m-%d %H:%M") for e in alone)
check(alone_dates == want, "the session file alone: %s, want %s" % (alone_dates, want))
day = [e for e in alone if e["DTSTART"].dt.strftime("%Y-%m-%d") == "2027-03-11"]
check(len(day) == 1 and (day[0]["DTEND"].dt - day[0]["DTSTART"].dt) == dt.timedelta(minutes=75),
      "the session file's 2027-03-11 is the session's 75 minutes")
# Its occurrence with the series in one calendar: one event that day.
both = load(series_ics)
both.add_component(s)
day = recurring_ical_events.of(both).at(dt.date(2027, 3, 11))
check(len(day) == 1, "importing both gives one event on 2027-03-11, not %d" % len(day))
check(day and (day[0]["DTEND"].dt - day[0]["DTSTART"].dt) == dt.timedelta(minutes=75),
      "the session's own length wins")

for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
