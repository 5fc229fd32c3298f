#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, taken from the bundle in data/ (python3 stdlib only)."""
import argparse
import glob
import hashlib
import json
import os


def write(out, target, payload):
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    data = payload if isinstance(payload, bytes) else payload.encode("utf-8")
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    data = os.path.join(args.source_dir, "data")
    records = []
    for name in ["offices.json", "procedures.json", "forms.json", "visits.json", "calendar/closures.json"]:
        with open(os.path.join(data, name), encoding="utf-8") as f:
            records += json.load(f)[:40]
    for record in records:
        write(args.out, "fuzz_json_codec", json.dumps(record, ensure_ascii=False))
        for key, value in record.items():
            if key == "opening_hours" and isinstance(value, str):
                write(args.out, "fuzz_hours", value)
            if isinstance(value, str) and len(value) < 200:
                write(args.out, "fuzz_params", value)
    for value in ["Mo-Fr 08:00-16:00", "Mo,We 08:00-12:00,13:00-16:00; Fr 08:00-12:00; PH off",
                  "2025 Oct 20 08:00-10:30", "Mo-Th 08:00-16:30; Fr 08:00-14:00; Sa off"]:
        write(args.out, "fuzz_hours", value)
    for path in glob.glob(os.path.join(data, "**", "*.csv"), recursive=True):
        with open(path, "rb") as f:
            write(args.out, "fuzz_csv", b"".join(f.readlines()[:30]))
    with open(os.path.join(args.source_dir, "tests", "search", "dev-queries.tsv"), encoding="utf-8") as f:
        for line in f.readlines()[1:]:
            write(args.out, "fuzz_query", line.split("\t")[0])
    for raw in ["GET /v1/search?q=hagyat%C3%A9k HTTP/1.1\r\nHost: x\r\n\r\n",
                "POST /v1/offices HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}GET / HTTP/1.1\r\n\r\n",
                "9223372036854775807", "-12", "ph-16568", "hagyateki-eljaras@koh-22406", "%FF%C3%A9", "+36 1 234 567",
                "https://example.hu/a?b#c", "a@b.hu", "2026-02-29"]:
        write(args.out, "fuzz_params", raw)


if __name__ == "__main__":
    main()
