#!/usr/bin/env python3
"""Writes the synthetic Microsoft Teams attendance reports beside it: the
current download (UTF-16LE with BOM, tab-separated, three sections), the
same re-saved as UTF-8, and the legacy single table.  Names are invented;
addresses are at example.org; the phone number is a 555-01xx one."""

T = "\t"
DAY = "5/14/26"

# name, join, leave, email, role: one row per join ("3. In-Meeting Activities").
ACTS = [
    ("Miriam Castellano", (11, 52, 10), (13, 3, 40), "miriam.castellano@example.org", "Organizer"),
    ("Tomás Ibarra", (11, 58, 2), (13, 0, 5), "tomas.ibarra@example.org", "Presenter"),
    ("Dubois, Renée", (11, 59, 40), (12, 31, 15), "renee.dubois@example.org", "Attendee"),
    ("Dubois, Renée", (12, 34, 0), (13, 1, 2), "renee.dubois@example.org", "Attendee"),
    ("Kwame Mensah", (12, 0, 31), (12, 58, 40), "kwame.mensah@example.org", "Attendee"),
    ("Lena Park (she/her)", (12, 2, 13), (12, 59, 0), "lena.park@example.org", "Attendee"),
    ("carmen yazzie (External)", (12, 3, 0), (12, 50, 30), "carmen.yazzie@clinic.example.org", "Attendee"),
    ("Jordan Reyes (Guest)", (12, 5, 0), (12, 40, 0), "", "Attendee"),
    ("Jordan Reyes (Guest)", (12, 42, 10), (13, 0, 0), "", "Attendee"),
    ("Nadia Petrova", (11, 53, 0), (11, 57, 40), "nadia.petrova@example.org", "Attendee"),
    ("+1 505-555-0142", (12, 6, 0), (12, 55, 0), "", "Attendee"),
    ("Bobby Tsosie's iPad", (12, 10, 0), (12, 48, 0), "", "Attendee"),
    ("Valley Clinic Conference Room", (11, 59, 0), (13, 0, 0), "valley.room@clinic.example.org", "Attendee"),
]
START, END = (11, 52, 10), (13, 3, 40)


def sec(t):
    return t[0] * 3600 + t[1] * 60 + t[2]


def clock(x, day):
    h, m, s = x // 3600, x % 3600 // 60, x % 60
    return f"{day}, {h % 12 or 12}:{m:02d}:{s:02d} {'AM' if h < 12 else 'PM'}"


def dur(d):
    h, m, s = d // 3600, d % 3600 // 60, d % 60
    return " ".join(([f"{h}h"] if h else []) + ([f"{m}m"] if m or h else []) + [f"{s}s"])


people = {}
for name, j, l, email, role in ACTS:
    p = people.setdefault(name, [sec(j), sec(l), 0, email, role])
    p[0], p[1], p[2] = min(p[0], sec(j)), max(p[1], sec(l)), p[2] + sec(l) - sec(j)

lines = ["1. Summary",
         f"Meeting title{T}Rural Opioid Use Disorder ECHO",
         f"Attended participants{T}{len(people)}",
         f"Start time{T}{clock(sec(START), DAY)}",
         f"End time{T}{clock(sec(END), DAY)}",
         f"Meeting duration{T}{dur(sec(END) - sec(START))}",
         f"Average attendance time{T}48m 12s",
         "",
         "2. Participants",
         T.join(["Name", "First Join", "Last Leave", "In-Meeting Duration", "Email",
                 "Participant ID (UPN)", "Role"])]
for name, (j, l, d, email, role) in people.items():
    lines.append(T.join([name, clock(j, DAY), clock(l, DAY), dur(d), email, email, role]))
lines += ["", "3. In-Meeting Activities",
          T.join(["Name", "Join Time", "Leave Time", "Duration", "Email", "Role"])]
for name, j, l, email, role in ACTS:
    lines.append(T.join([name, clock(sec(j), DAY), clock(sec(l), DAY), dur(sec(l) - sec(j)),
                         email, role]))
text = "\r\n".join(lines) + "\r\n"
open("2026-05-14-teams.csv", "wb").write(b"\xff\xfe" + text.encode("utf-16-le"))
open("2026-05-14-teams-utf8.csv", "wb").write(b"\xef\xbb\xbf" + text.encode("utf-8"))

events = sorted([(sec(j), n, "Joined") for n, j, l, e, r in ACTS] +
                [(sec(l), n, "Left") for n, j, l, e, r in ACTS])
legacy = ["Full Name\tUser Action\tTimestamp"] + \
    [f"{n}\t{a}\t{clock(x, '5/14/2026')}" for x, n, a in events]
open("2026-05-14-teams-legacy.csv", "wb").write(
    b"\xff\xfe" + ("\r\n".join(legacy) + "\r\n").encode("utf-16-le"))

# The same two, opened in Excel and saved as "CSV UTF-8": commas, quotes
# where a field has a comma, a byte-order mark.
def excel_csv(text):
    import csv
    import io
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for line in text.split("\r\n")[:-1]:
        writer.writerow(line.split("\t") if line else [])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


open("2026-05-14-teams-excel.csv", "wb").write(excel_csv(text))
open("2026-05-14-teams-legacy-excel.csv", "wb").write(excel_csv("\r\n".join(legacy) + "\r\n"))
