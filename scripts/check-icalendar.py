#!/usr/bin/env python3
"""Check iCalendar files the way two independent readers see them.

    scripts/check-icalendar.py FILE.ics [FILE.ics ...] [--expect EXPECT.json]

Each file must:
  - use CRLF line endings only, be UTF-8, and have no line longer than 75 octets;
  - parse with python's `icalendar` (Calendar.from_ical) and with `vobject`
    (readComponents), both finding the same number of VEVENTs;
  - give every DTSTART/DTEND as a date or a time-zone-aware datetime in both.

With --expect, EXPECT.json is a list of {"uid", "start", "end"}: ISO 8601 UTC instants
("2026-03-08T14:00:00Z") for timed events, dates ("2026-03-08") for all-day ones, with
`end` exclusive (a timed event without DTEND ends at its start, a date one a day later).
Each listed event's start and end must agree, in UTC, as read by icalendar, by vobject and
through the file's own VTIMEZONE (icalendar's Timezone.to_tz without looking the TZID up),
and every listed uid must be found in some file.

Prints "OK <path> <n> events" or "FAIL <path>: <error>" per file; exits 1 if any fails.
Installs icalendar and vobject with pip when they cannot be imported.
"""

import argparse
import datetime as dt
import json
import subprocess
import sys


def import_parsers():
    try:
        import icalendar
        import vobject
    except ImportError:
        subprocess.check_call(
            [sys.executable, "-m", "pip", "install", "--quiet", "icalendar", "vobject"])
        import icalendar
        import vobject
    return icalendar, vobject


icalendar, vobject = import_parsers()
UTC = dt.timezone.utc


class CheckError(Exception):
    pass


def check_lines(data):
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CheckError(f"not UTF-8: {error}")
    if not data.endswith(b"\r\n"):
        raise CheckError("does not end with CRLF")
    for number, line in enumerate(data[:-2].split(b"\r\n"), start=1):
        if b"\n" in line or b"\r" in line:
            raise CheckError(f"line {number}: bare CR or LF")
        if len(line) > 75:
            raise CheckError(f"line {number}: {len(line)} octets")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            raise CheckError(f"line {number}: folded inside a UTF-8 character")


def normalized(value, what):
    """A date stays a date; a datetime must be aware and is turned to UTC."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise CheckError(f"{what}: floating time {value}")
        return value.astimezone(UTC)
    if isinstance(value, dt.date):
        return value
    raise CheckError(f"{what}: unexpected value {value!r}")


def implied_end(start):
    if isinstance(start, dt.datetime):
        return start
    return start + dt.timedelta(days=1)


def read_with_icalendar(text):
    calendar = icalendar.Calendar.from_ical(text)
    zones = {}
    for component in calendar.walk("VTIMEZONE"):
        try:
            zones[str(component["TZID"])] = component.to_tz(lookup_tzid=False)
        except TypeError:  # icalendar before 6 has no lookup_tzid and always builds its own
            zones[str(component["TZID"])] = component.to_tz()
    events = {}
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID", ""))
        str(event.get("SUMMARY", ""))
        start = normalized(event["DTSTART"].dt, f"icalendar {uid} DTSTART")
        end = (normalized(event["DTEND"].dt, f"icalendar {uid} DTEND")
               if "DTEND" in event else implied_end(start))
        own = {}
        for name in ("DTSTART", "DTEND"):
            if name not in event:
                continue
            tzid = event[name].params.get("TZID")
            if tzid is None:
                continue
            if tzid not in zones:
                raise CheckError(f"{uid}: TZID {tzid} has no VTIMEZONE")
            local = event[name].dt.replace(tzinfo=None)
            own[name] = local.replace(tzinfo=zones[tzid]).astimezone(UTC)
        events[uid] = (start, end, own)
    return events


def forget_vobject_zones():
    """vobject keeps the first VTIMEZONE it meets for each TZID for the rest of the process,
    so without this a file would be read with an earlier file's zone definitions."""
    registry = getattr(vobject.icalendar, "__tzidMap", None)
    if isinstance(registry, dict):
        registry.clear()
        vobject.icalendar.registerTzid("UTC", vobject.icalendar.utc)


def read_with_vobject(text):
    forget_vobject_zones()
    events = {}
    count = 0
    for calendar in vobject.readComponents(text):
        for event in getattr(calendar, "vevent_list", []):
            count += 1
            uid = event.uid.value if hasattr(event, "uid") else ""
            if hasattr(event, "summary"):
                event.summary.value
            start = normalized(event.dtstart.value, f"vobject {uid} DTSTART")
            end = (normalized(event.dtend.value, f"vobject {uid} DTEND")
                   if hasattr(event, "dtend") else implied_end(start))
            events[uid] = (start, end)
    return events, count


def expected_value(text):
    if "T" in text:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)
    return dt.date.fromisoformat(text)


def compare(expect, by_icalendar, by_vobject):
    for uid, (start, end) in expect.items():
        if uid not in by_icalendar:
            continue
        ical_start, ical_end, own = by_icalendar[uid]
        vob_start, vob_end = by_vobject[uid]
        readings = [("icalendar", ical_start, ical_end), ("vobject", vob_start, vob_end),
                    ("own VTIMEZONE", own.get("DTSTART", ical_start), own.get("DTEND", ical_end))]
        for reader, got_start, got_end in readings:
            if (got_start, got_end) != (start, end):
                raise CheckError(
                    f"{uid}: {reader} reads {got_start} .. {got_end}, expected {start} .. {end}")


def check(path, expect, seen):
    with open(path, "rb") as file:
        data = file.read()
    check_lines(data)
    text = data.decode("utf-8")
    by_icalendar = read_with_icalendar(text)
    by_vobject, vobject_count = read_with_vobject(text)
    ical_count = len(icalendar.Calendar.from_ical(text).walk("VEVENT"))
    if ical_count != vobject_count:
        raise CheckError(f"icalendar finds {ical_count} events, vobject {vobject_count}")
    if expect:
        seen.update(uid for uid in by_icalendar if uid in expect)
        compare(expect, by_icalendar, by_vobject)
    return ical_count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", metavar="FILE.ics")
    parser.add_argument("--expect", metavar="FILE.json",
                        help="a JSON list of {uid, start, end} in ISO 8601 UTC to compare against")
    arguments = parser.parse_args()

    expect = {}
    if arguments.expect:
        with open(arguments.expect, encoding="utf-8") as file:
            for entry in json.load(file):
                expect[entry["uid"]] = (expected_value(entry["start"]), expected_value(entry["end"]))

    failed = False
    seen = set()
    for path in arguments.paths:
        try:
            count = check(path, expect, seen)
            print(f"OK {path} {count} events")
        except Exception as error:  # any reader's exception is a failure of that file
            failed = True
            print(f"FAIL {path}: {type(error).__name__}: {error}")
    missing = sorted(set(expect) - seen)
    if missing:
        failed = True
        print(f"FAIL {arguments.expect}: {len(missing)} expected events not found, e.g. {missing[:3]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
