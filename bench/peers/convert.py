#!/usr/bin/env python3
"""Turns the benchmark's DOCS.jsonl into each peer's native ingest format (untimed step).

  convert.py postgres DOCS.jsonl OUT.tsv
      COPY text format for deals(id, title, body, status, year, ministries, partners, themes)
      (tsv is a generated column, computed by PostgreSQL during COPY).

  convert.py sphinx DOCS.jsonl OUTDIR
      OUTDIR/docs.xml     xmlpipe2 stream (fields title, body; attributes slug, status, year,
                          ministries, partners, themes; facet strings mapped to integer ids)
      OUTDIR/values.json  {"status": [...], "ministries": [...], ...}: id i is list[i-1]
      OUTDIR/bodies/N.txt each document's body, for CALL SNIPPETS ... 1 AS load_files
      OUTDIR/stats.json   {"documents": N, "max_distinct": M, "bodies_bytes": B}

  convert.py charset
      a Sphinx charset_table: digits, _, a..z, and the Latin letters with diacritics of
      U+00C0..U+024F folded to their base letter (é -> e, ë -> e, ĳ kept as a letter);
      Sphinx 2.2.11 has no non_cjk alias yet.

Prints the number of documents on stdout.
"""
import json
import os
import sys
from xml.sax.saxutils import escape

FACETS = ["status", "ministries", "partners", "themes"]


def docs(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def copy_text(value):
    if value is None:
        return r"\N"
    return (value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            .replace("\r", "\\r"))


def pg_array(values):
    items = []
    for v in values or []:
        items.append('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return "{" + ",".join(items) + "}"


def xml_text(value):
    # Characters XML 1.0 forbids would make the indexer stop; they carry no words anyway.
    value = "".join(c if c in "\t\n\r" or ord(c) >= 0x20 else " " for c in value or "")
    return escape(value)


def postgres(src, out):
    n = 0
    with open(out, "w", encoding="utf-8") as f:
        for d in docs(src):
            row = [d["id"], d.get("title") or "", d.get("body") or "", d.get("status"), d.get("year")]
            cols = [copy_text(v) for v in row]
            cols += [copy_text(pg_array(d.get(k))) for k in ("ministries", "partners", "themes")]
            f.write("\t".join(cols) + "\n")
            n += 1
    return n


def sphinx(src, outdir):
    os.makedirs(os.path.join(outdir, "bodies"), exist_ok=True)
    ids = {k: {} for k in FACETS}

    def vid(facet, value):
        table = ids[facet]
        if value not in table:
            table[value] = len(table) + 1
        return table[value]

    n = 0
    body_bytes = 0
    with open(os.path.join(outdir, "docs.xml"), "w", encoding="utf-8") as x:
        x.write('<?xml version="1.0" encoding="utf-8"?>\n<sphinx:docset>\n')
        for d in docs(src):
            n += 1
            body = d.get("body") or ""
            with open(os.path.join(outdir, "bodies", f"{n}.txt"), "w", encoding="utf-8") as b:
                b.write(body)
            body_bytes += len(body.encode("utf-8"))
            status = vid("status", d["status"]) if d.get("status") else 0
            year = d.get("year")
            year = int(year) if year and str(year).isdigit() else 0
            mvas = {k: " ".join(str(vid(k, v)) for v in (d.get(k) or [])) for k in FACETS[1:]}
            x.write(f'<sphinx:document id="{n}">'
                    f'<title>{xml_text(d.get("title"))}</title>'
                    f'<body>{xml_text(body)}</body>'
                    f'<slug>{xml_text(d["id"])}</slug>'
                    f'<status>{status}</status><year>{year}</year>'
                    f'<ministries>{mvas["ministries"]}</ministries>'
                    f'<partners>{mvas["partners"]}</partners>'
                    f'<themes>{mvas["themes"]}</themes>'
                    '</sphinx:document>\n')
        x.write("</sphinx:docset>\n")
    values = {k: sorted(t, key=t.get) for k, t in ids.items()}
    with open(os.path.join(outdir, "values.json"), "w", encoding="utf-8") as f:
        json.dump(values, f, ensure_ascii=False)
    stats = {"documents": n, "max_distinct": max([len(v) for v in values.values()] + [0]),
             "bodies_bytes": body_bytes}
    with open(os.path.join(outdir, "stats.json"), "w") as f:
        json.dump(stats, f)
    return n


def charset():
    import unicodedata
    parts = ["0..9", "A..Z->a..z", "_", "a..z"]
    for cp in range(0xC0, 0x250):
        ch = chr(cp)
        if not ch.isalpha():
            continue
        base = unicodedata.normalize("NFD", ch)[0].lower()
        if base.isascii() and base.isalpha():
            parts.append(f"U+{cp:02X}->{base}")
        elif ch.lower() != ch:
            parts.append(f"U+{cp:02X}->U+{ord(ch.lower()):02X}")
        else:
            parts.append(f"U+{cp:02X}")
    return ", ".join(parts)


def main():
    if sys.argv[1:] == ["charset"]:
        print(charset())
        return
    if len(sys.argv) != 4 or sys.argv[1] not in ("postgres", "sphinx"):
        sys.exit(__doc__)
    n = (postgres if sys.argv[1] == "postgres" else sphinx)(sys.argv[2], sys.argv[3])
    print(n)


if __name__ == "__main__":
    main()
