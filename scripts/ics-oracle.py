#!/usr/bin/env python3
"""What python's icalendar (with dateutil's rrule) makes of iCalendar files, as JSON.

    scripts/ics-oracle.py [--root DIR] [--occurrences N] [--corpus DIR] [FILE.ics ...] > OUT.json

The checked-in expectations of the Swift tests are made, from the package root, with

    /tmp/oracles/bin/python scripts/ics-oracle.py --root ../shared/corpora \
        --corpus ../shared/corpora/ics/icalendar > Tests/ConveneTests/Fixtures/ics-oracle.json

Needs the oracle environment of ../shared/corpora/README.md:

    python3 -m venv /tmp/oracles && /tmp/oracles/bin/pip install -r ../shared/corpora/oracles/requirements.txt

Prints {"oracle": versions, "files": [...]}; for each file {"path", "error"} when icalendar
cannot parse it, else {"path", "events"}, one entry per VEVENT (at any depth, as
Component.walk finds them) with:
  - "uid", "summary": the first such property as text, or null;
  - "start", "end": "YYYY-MM-DDTHH:MM:SSZ" for an instant (UTC or zoned), "YYYY-MM-DD" for a
    date, "YYYY-MM-DDTHH:MM:SS" for a floating time; null when absent. The end is DTEND, else
    DTSTART + DURATION, else a day after a DATE start or the start itself (RFC 5545 3.6.1);
  - "errors": the properties icalendar could not read (it keeps going without them);
  - "occurrences": the first N (default 20) starts and ends of the recurrence set (DTSTART,
    RRULE, RDATE, minus EXDATE) that start in 2000-01-01..2030-01-01 (UTC for instants, wall
    time for dates and floating times), or "occurrencesError" when dateutil gives up.

DTSTART always counts as the first occurrence (RFC 5545 3.3.10), which plain dateutil does not
do, so it is added as an RDATE. Ends keep the exact length of DTEND - DTSTART, and the nominal
days of a DURATION in wall time (RFC 5545 3.8.5.3 and 3.3.6).
`--root DIR` writes paths relative to DIR; `--corpus DIR` adds every *.ics under DIR, sorted.
"""

import argparse
import datetime as dt
import json
import os
import signal
import sys
import warnings

warnings.simplefilter("ignore")

import icalendar  # noqa: E402
from dateutil import rrule  # noqa: E402

UTC = dt.timezone.utc
WINDOW = (dt.datetime(2000, 1, 1), dt.datetime(2030, 1, 1))


def first(value):
    return value[0] if isinstance(value, list) else value


def is_aware(value):
    return isinstance(value, dt.datetime) and value.tzinfo is not None and value.utcoffset() is not None


def text(value):
    if isinstance(value, dt.datetime):
        if is_aware(value):
            return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    return None


def decoded(event, name):
    if name not in event:
        return None
    value = first(event[name])
    try:
        value = value.dt
    except Exception:  # icalendar keeps unreadable values as "broken" properties
        return None
    return value if isinstance(value, (dt.date, dt.timedelta)) else None


def add_duration(start, duration):
    """Nominal days in wall time, the rest exact (RFC 5545 3.3.6)."""
    if isinstance(start, dt.datetime):
        local = start + dt.timedelta(days=duration.days)
        if is_aware(local):
            local = local.astimezone(UTC)
        return local + dt.timedelta(seconds=duration.seconds, microseconds=duration.microseconds)
    return start + dt.timedelta(days=duration.days)


def make_end(start, event):
    end = decoded(event, "DTEND")
    if isinstance(end, dt.date) and type(end) is type(start):
        return lambda s: shift(s, start, end)
    duration = decoded(event, "DURATION")
    if isinstance(duration, dt.timedelta):
        return lambda s: add_duration(s, duration)
    if isinstance(start, dt.datetime):
        return lambda s: s
    return lambda s: s + dt.timedelta(days=1)


def shift(occurrence, start, end):
    """The occurrence's end: the same exact length as DTEND - DTSTART."""
    if is_aware(start) and is_aware(end):
        return occurrence.astimezone(UTC) + (end.astimezone(UTC) - start.astimezone(UTC))
    return occurrence + (end - start)


def like(value, start):
    """`value` in the form of `start` (date vs naive vs aware datetime), or None."""
    if isinstance(start, dt.datetime):
        if not isinstance(value, dt.datetime):
            return None
        if is_aware(start) and not is_aware(value):
            return value.replace(tzinfo=start.tzinfo)
        if not is_aware(start) and is_aware(value):
            return value.astimezone(UTC).replace(tzinfo=None)
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def rule_set(event, start):
    base = start if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time())
    rules = rrule.rruleset()
    rules.rdate(base)
    periods = {}
    for prop in event.get("RRULE", []) if isinstance(event.get("RRULE"), list) else [event.get("RRULE")]:
        if prop is None:
            continue
        line = prop.to_ical().decode()
        parts = []
        for part in line.split(";"):
            key, _, value = part.partition("=")
            if key.upper() == "UNTIL":
                until = icalendar.vDDDTypes.from_ical(value)
                until = like(until, base) if isinstance(until, dt.datetime) else dt.datetime.combine(until, dt.time(23, 59, 59))
                if is_aware(until):
                    until = until.astimezone(UTC)
                    value = until.strftime("%Y%m%dT%H%M%SZ")
                else:
                    if is_aware(base):
                        until = until.replace(tzinfo=base.tzinfo).astimezone(UTC)
                        value = until.strftime("%Y%m%dT%H%M%SZ")
                    else:
                        value = until.strftime("%Y%m%dT%H%M%S")
            parts.append(key + "=" + value)
        rules.rrule(rrule.rrulestr(";".join(parts), dtstart=base))
    for name, add in (("RDATE", rules.rdate), ("EXDATE", rules.exdate)):
        props = event.get(name)
        for prop in props if isinstance(props, list) else [props]:
            if prop is None:
                continue
            for item in prop.dts:
                value = item.dt
                end = None
                if isinstance(value, tuple):
                    value, end = value
                value = like(value, start)
                if value is None:
                    continue
                if not isinstance(value, dt.datetime):
                    value = dt.datetime.combine(value, dt.time())
                add(value)
                if end is not None and name == "RDATE":
                    periods[value] = end
    return rules, periods


class Timeout(Exception):
    pass


def on_alarm(signum, frame):
    raise Timeout()


def occurrences(event, start, count):
    rules, periods = rule_set(event, start)
    end_of = make_end(start, event)
    low, high = WINDOW
    if is_aware(rules._rdate[0]):
        low, high = low.replace(tzinfo=UTC), high.replace(tzinfo=UTC)
    found = []
    for value in rules.xafter(low, count=count * 4, inc=True):
        if value >= high or len(found) >= count:
            break
        occurrence = value if isinstance(start, dt.datetime) else value.date()
        if occurrence in periods or value in periods:
            period = periods.get(occurrence, periods.get(value))
            end = add_duration(occurrence, period) if isinstance(period, dt.timedelta) else like(period, start)
        else:
            end = end_of(occurrence)
        found.append({"start": text(occurrence), "end": text(end)})
    return found


def describe(event, count):
    summary = event.get("SUMMARY")
    uid = event.get("UID")
    entry = {
        "uid": None if uid is None else str(first(uid)),
        "summary": None if summary is None else str(first(summary)),
        "start": None,
        "end": None,
    }
    errors = [str(error[0]) + ": " + str(error[1]) for error in getattr(event, "errors", [])]
    if errors:
        entry["errors"] = errors
    start = decoded(event, "DTSTART")
    if not isinstance(start, dt.date):
        return entry
    entry["start"] = text(start)
    entry["end"] = text(make_end(start, event)(start))
    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(5)
    try:
        entry["occurrences"] = occurrences(event, start, count)
    except Timeout:
        entry["occurrencesError"] = "timeout"
    except Exception as error:  # dateutil's own complaints about the rule
        entry["occurrencesError"] = type(error).__name__ + ": " + str(error)
    finally:
        signal.alarm(0)
    return entry


def read(path, count):
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except Exception as error:
        return {"error": type(error).__name__ + ": " + str(error)}
    events = []
    for calendar in calendars:
        for event in calendar.walk("VEVENT"):
            events.append(describe(event, count))
    return {"events": events}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*")
    parser.add_argument("--root", default=None)
    parser.add_argument("--corpus", default=None)
    parser.add_argument("--occurrences", type=int, default=20)
    args = parser.parse_args()
    files = list(args.files)
    if args.corpus:
        for directory, _, names in os.walk(args.corpus):
            files += [os.path.join(directory, name) for name in names if name.endswith(".ics")]
    results = []
    for path in sorted(files):
        name = os.path.relpath(path, args.root) if args.root else path
        results.append({"path": name, **read(path, args.occurrences)})
    import dateutil
    oracle = "python icalendar %s, python-dateutil %s" % (icalendar.__version__, dateutil.__version__)
    json.dump({"oracle": oracle, "files": results}, sys.stdout, indent=1, ensure_ascii=False, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
