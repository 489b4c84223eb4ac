#!/usr/bin/env python3
"""bench/report.py: turns the raw output of bench/run_all.sh into
docs/benchmarks/REPORT.md and PNG plots (python3-matplotlib).

  python3 bench/report.py --raw docs/benchmarks/raw --out docs/benchmarks

Input (written by run_all.sh in --raw):
  machine.txt        key=value lines: date_utc, nproc, cpu, mem_gib, kernel,
                     commit, load_start, load_end, total_s, quick
  status.txt         one line per benchmark run: NAME ok|FAILED… SECONDSs
  station.json       gongkai-bench-station --json
  xlsx.json          gongkai-bench-xlsx --json (one object per run)
  hub-N.json         gongkai-bench-hub --stations N --json
  pulls.json         gongkai-bench-hub --pulls 1,4,16,64 --rows R --json
  audit-N.json       gongkai-bench-audit --entries N --json
  wire-N.json        gongkai-bench-wire --rows N --json (one JSON object per
                     line, beside its text table)
  county-N.json      gongkai-bench-county --stations N --json
Every *.json file may hold text lines too: only lines starting with "{" are
read. A missing or failed benchmark is reported as such, never invented.
Optional: OUT/crash-matrix.md (the crash matrix's long run) is linked.
"""
import argparse
import glob
import json
import os
import re
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def read_objects(path):
    out = []
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line.startswith("{"):
                    try:
                        out.append(json.loads(line))
                    except json.JSONDecodeError:
                        pass
    except OSError:
        pass
    return out


def by_size(raw, prefix):
    """{N: [objects]} for raw/PREFIX-N.json."""
    found = {}
    for path in glob.glob(os.path.join(raw, prefix + "-*.json")):
        m = re.search(r"-(\d+)\.json$", path)
        if m:
            objs = read_objects(path)
            if objs:
                found[int(m.group(1))] = objs
    return dict(sorted(found.items()))


def latest_by_size(raw, prefix):
    """{N: the last object of prefix-N.json}, by N ascending."""
    return {n: objs[-1] for n, objs in by_size(raw, prefix).items()}


def fmt(x, digits=0):
    if x is None:
        return "—"
    if isinstance(x, float):
        return f"{x:,.{digits}f}"
    return f"{x:,}"


def table(headers, rows):
    lines = ["| " + " | ".join(headers) + " |",
             "|" + "|".join("---:" if i else "---" for i in range(len(headers))) + "|"]
    for r in rows:
        lines.append("| " + " | ".join(str(c) for c in r) + " |")
    return "\n".join(lines)


def size_table(headers, results, cells):
    """A table of one row per measured size N: cells(N, its result)."""
    return table(headers, [cells(n, r) for n, r in results.items()])


def save(fig, out, name):
    fig.tight_layout()
    fig.savefig(os.path.join(out, name), dpi=110)
    plt.close(fig)
    return name


def log_ticks(ax, ns):
    """A log x axis with one plainly labelled tick at each measured size."""
    ax.set_xscale("log")
    ax.set_xticks(ns)
    ax.set_xticklabels([str(n) for n in ns])


def add_plot(md, fig, ax, title, out, name, alt, legend=True):
    """Titles, grids and saves a one-panel plot; appends its image to md."""
    ax.set_title(title)
    ax.grid(True, alpha=0.3)
    if legend:
        ax.legend()
    md.append(f"\n![{alt}]({save(fig, out, name)})\n")


# The aims of issues #7 and #18 for one sync round, by (scenario, session prefix).
WIRE_AIMS = {("one_field_round", "resumed"): "≤ 2,560",
             ("one_field_round", "watch"): "≤ 1,024",
             ("idle_watch_round", "watch"): "≤ 200"}


def wire_round_section(md, wire):
    """Every scenario of the smallest wire run: bytes of one sync round."""
    n = min(wire)
    rows = []
    for o in wire[n]:
        if o.get("scenario") == "initial_pull":
            continue
        session = o.get("session", "")
        aim = next((a for (sc, prefix), a in WIRE_AIMS.items()
                    if sc == o.get("scenario") and session.startswith(prefix)), "")
        if aim and "aim_met" in o:
            aim += " — met" if o["aim_met"] else " — NOT met"
        rows.append([o.get("scenario"), session, fmt(o.get("bytes_to_hub")),
                     fmt(o.get("bytes_to_station")), fmt(o.get("bytes")), aim])
    if not rows:
        return
    md.append(f"### One sync round on the wire ({n:,}-row catalog)\n")
    md.append(table(["scenario", "session", "to hub", "to station", "total B", "aim"], rows))
    md.append("\nTLS records both ways, counted at the proxy: a one-field round (edit, `sync`, "
              "approve, `sync`) as two one-shot runs (fresh and resumed TLS sessions) and "
              "within `sync --watch` on its kept connection; an idle round; 100 edits and "
              "another station's catch-up. Per-exchange figures: the `.err` file of the run "
              "(raw/). How each decision changed these figures: docs/decisions/0023, 0025, "
              "0031-0034.\n")


def section(md, heading, results, write):
    """A section of the report: its heading, then write(results), or a line
    saying that the benchmark left no results."""
    md.append(f"## {heading}\n")
    if results:
        write(results)
    else:
        md.append("_No result (failed or not run)._\n")


def station_section(md, st):
    """The station benchmark: import, list and seal rates."""
    s = st[-1]
    md.append(table(["rows", "import rows/s", "list rows/s", "list --json s", "seal rows/s",
                     "peak RSS MB"],
                    [[fmt(s["rows"]), fmt(s["import_rows_per_s"]),
                      fmt(s["list_rows_per_s"]), fmt(s["list_json_s"], 3),
                      fmt(s["seal_rows_per_s"]), fmt(s["peak_rss_mb"], 1)]]))
    md.append("\n`gongkai-bench-station`: the real `import`, `list` and `seal` commands "
              "(in process) on a fresh store; aims ≥ 20,000 rows/s import, < 30 MB.\n")


def xlsx_section(md, xl):
    """The .xlsx import benchmark, one row per run."""
    rows = []
    for x in xl:
        rows.append([x.get("measured", "?"), fmt(x["rows"]), fmt(x.get("clauses", 0)),
                     fmt(x["workbook_bytes"] / 1048576, 1),
                     fmt(x["check_rows_per_s"]),
                     fmt(x["rows"] / x["check_cpu_s"]) if x.get("check_cpu_s") else "?",
                     fmt(x["import_rows_per_s"]),
                     fmt(x["import_rows_per_cpu_s"]) if x.get("import_rows_per_cpu_s")
                     else "?",
                     fmt(x["import_peak_rss_mb"], 1),
                     fmt(x["load_average"], 1) if "load_average" in x else "?"])
    md.append(table(["measured", "rows", "clauses", "workbook MB", "--check rows/s",
                     "--check rows/CPU-s", "import rows/s", "import rows/CPU-s",
                     "peak RSS MB", "load"], rows))
    md.append("\n`gongkai-bench-xlsx`: a workbook written by the project's exporter "
              "(shared strings; 公开内容 of 1 to `clauses` clauses with Alt+Enter line "
              "breaks, 公开依据 of 1 to 4 laws) imported by the real `gongkai-station "
              "import` as its own process; rows/s by wall time (start, store, journal "
              "included) and by the process's CPU time, which other work on a shared "
              "machine disturbs less; peak RSS from wait4. Aims: ≥ 20,000 rows/s, "
              "≤ 40 MB. See [xlsx.md § Speed](../formats/xlsx.md#speed).\n")


def hub_section(md, hub, out):
    """Hub ingest rate by number of concurrent stations, with its plot."""
    def hub_cells(n, h):
        lat = h.get("latency_ms", {})
        return [n, fmt(h["change_sets"]), fmt(h["changesets_per_s"]), fmt(h["ops_per_s"]),
                fmt(lat.get("p50"), 1), fmt(lat.get("p99"), 1),
                fmt(h["hub_cpu_s"], 2), fmt(h["hub_peak_rss_mb"], 1), h["failures"]]
    md.append(size_table(["stations", "change sets", "change sets/s", "ops/s", "p50 ms",
                          "p99 ms", "hub CPU s", "hub peak RSS MB", "failures"],
                         hub, hub_cells))
    ns = list(hub)
    fig, ax = plt.subplots(figsize=(6.4, 4))
    ax.plot(ns, [hub[n]["changesets_per_s"] for n in ns], "o-", label="change sets/s")
    ax.set_xlabel("concurrent stations (one kept-alive HTTPS connection each)")
    ax.set_ylabel("change sets per second (10 ops each)")
    log_ticks(ax, ns)
    ax2 = ax.twinx()
    ax2.plot(ns, [hub[n]["latency_ms"]["p99"] for n in ns], "s--", color="tab:red",
             label="p99 latency")
    ax2.set_ylabel("p99 request latency (ms)", color="tab:red")
    add_plot(md, fig, ax, "Hub ingest rate vs concurrent stations", out,
             "ingest_vs_stations.png", "ingest rate vs concurrent stations", legend=False)
    md.append("`gongkai-bench-hub`: N clients each push signed change sets of 10 creates, "
              "one per HTTPS request, to a real `gongkai-hub serve` (2 threads); every "
              "answer comes after the group commit (synchronous=FULL).\n")


def pulls_section(md, pulls, out):
    """Hub peak RSS by number of concurrent fresh pulls, with its plot."""
    p = pulls[-1]
    runs = p["runs"]
    md.append(table(["concurrent pulls", "hub peak RSS MB", "wall s", "answer bytes",
                     "failures"],
                    [[r["pulls"], fmt(r["hub_peak_rss_mb"], 1), fmt(r["wall_s"], 2),
                      fmt(r["answer_bytes"]), r["failures"]] for r in runs]))
    fig, ax = plt.subplots(figsize=(6.4, 4))
    ns = [r["pulls"] for r in runs]
    ax.plot(ns, [r["hub_peak_rss_mb"] for r in runs], "o-", label="hub peak RSS")
    ax.axhline(64, color="tab:red", linestyle="--", label="aim: 64 MB")
    log_ticks(ax, ns)
    ax.set_ylim(bottom=0)
    ax.set_xlabel("concurrent fresh pulls")
    ax.set_ylabel("hub peak RSS (MB, VmHWM)")
    add_plot(md, fig, ax, f"Hub memory vs concurrent pulls of {fmt(p['rows'])} rows", out,
             "rss_vs_pulls.png", "hub peak RSS vs concurrent pulls")
    md.append(f"`gongkai-bench-hub --pulls`: a hub whose catalog has {fmt(p['rows'])} rows; "
              "for each N a fresh `gongkai-hub serve` (2 threads) and N stations, connected "
              "beforehand, pull the whole catalog at once (binary, deflate) — the snapshot "
              "is deflated once and shared (docs/decisions/0016).\n")


def audit_section(md, audit, out):
    """Audit rate by log size, with its plot, and proof latencies."""
    md.append(size_table(["log entries", "LogVerifier entries/s", "`verify --file --jobs 1` "
                          "entries/s", "`verify --file --jobs N` entries/s", "N (cores)",
                          "export MB", "CLI s (--jobs N)"], audit,
                         lambda n, r: [fmt(r.get("entries", n)),
                                       fmt(r.get("verifier_entries_per_s")),
                                       fmt(r.get("cli_jobs1_entries_per_s")),
                                       fmt(r.get("cli_entries_per_s")), fmt(r.get("cli_jobs")),
                                       fmt(r.get("log_export_mb"), 1), fmt(r.get("cli_s"), 2)]))
    ns = list(audit)
    fig, ax = plt.subplots(figsize=(6.4, 4))
    ax.plot(ns, [audit[n].get("verifier_entries_per_s", 0) for n in ns], "o-",
            label="LogVerifier (in process)")
    ax.plot(ns, [audit[n].get("cli_jobs1_entries_per_s", 0) for n in ns], "^-",
            label="gongkai-audit verify --file --jobs 1")
    ax.plot(ns, [audit[n].get("cli_entries_per_s", 0) for n in ns], "s-",
            label="gongkai-audit verify --file --jobs N (one per core)")
    ax.set_xscale("log")
    ax.set_xlabel("log entries")
    ax.set_ylabel("entries verified per second")
    add_plot(md, fig, ax, "Audit rate vs log size", out, "audit_vs_log_size.png",
             "audit rate vs log size")
    proofs = [r for r in audit.values() if "inclusion_proof_us" in r]
    if proofs:
        p = proofs[-1]
        md.append(f"Proofs on a {fmt(p.get('append_leaves'))}-leaf tree in the hub's SQLite "
                  f"node store (append {fmt(p.get('append_leaves_per_s'))} leaves/s):\n")
        prow = []
        for key, label in [("inclusion_proof_us", "inclusion proof"),
                           ("consistency_proof_us", "consistency proof"),
                           ("root_of_a_random_size_us", "root of a random size")]:
            if key in p:
                q = p[key]
                prow.append([label, fmt(q["p50"], 1), fmt(q["p99"], 1), fmt(q["max"], 1),
                             fmt(q["node_reads"], 1)])
        md.append(table(["", "p50 µs", "p99 µs", "max µs", "node reads"], prow))
    md.append("\n`gongkai-bench-audit`: a realistic log (50 stations, one-`set` change sets, "
              "an approval every 500 entries) verified entry by entry: signatures, change-set "
              "chains, merges replayed, Merkle tree, checkpoint.\n")


def county_section(md, county, out, status):
    """The county-scale runs: growth with stations and rows, with plots."""
    base = min(county)
    md.append(size_table(["scale", "stations", "rows", "rounds", "edits", "on shared rows",
                          "versions", "sync p50 ms", "sync p99 ms", "hub CPU s",
                          "hub peak RSS MB", "hub DB MB", "run s", "converged"], county,
                         lambda n, c: [f"{n // base if base else n}×", n, fmt(c["rows"]),
                                       c["rounds"], fmt(c["edits"]),
                                       fmt(c["conflicting_edits"]), c["versions"],
                                       fmt(c["sync_ms"]["p50"], 1), fmt(c["sync_ms"]["p99"], 1),
                                       fmt(c["hub_cpu_s"], 1), fmt(c["hub_peak_rss_mb"], 1),
                                       fmt(c["hub_db_mb"], 2), fmt(c["total_s"], 1),
                                       f"{c['converged']}/{n}"]))
    md.append("")
    for n, c in county.items():
        md.append(f"<details><summary>{n} stations: per round</summary>\n")
        md.append(table(["round", "sync wall s", "p50 ms", "p99 ms", "conflicts",
                         "admin s", "version"],
                        [[r["name"], fmt(r["sync_wall_s"], 2), fmt(r["sync_ms"]["p50"], 1),
                          fmt(r["sync_ms"]["p99"], 1), r["conflicts"], fmt(r["admin_s"], 2),
                          r["version"] or "—"] for r in c["round_list"]]))
        md.append("\n</details>\n")
    ns = list(county)
    fig, axes = plt.subplots(2, 2, figsize=(9, 6.5))
    series = [
        (axes[0][0], "sync time per station (ms)",
         [("p50", [county[n]["sync_ms"]["p50"] for n in ns]),
          ("p99", [county[n]["sync_ms"]["p99"] for n in ns])]),
        (axes[0][1], "hub CPU (s, whole run)", [("CPU", [county[n]["hub_cpu_s"] for n in ns])]),
        (axes[1][0], "hub peak RSS (MB)", [("VmHWM", [county[n]["hub_peak_rss_mb"] for n in ns])]),
        (axes[1][1], "hub database on disk (MB)",
         [("hub.db + WAL", [county[n]["hub_db_mb"] for n in ns])]),
    ]
    for ax, title, lines in series:
        for label, ys in lines:
            ax.plot(ns, ys, "o-", label=label)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xticks(ns)
        ax.set_xticklabels([f"{n}\n({county[n]['rows']:,} rows)" for n in ns], fontsize=8)
        ax.set_title(title, fontsize=10)
        ax.grid(True, alpha=0.3, which="both")
        if len(lines) > 1:
            ax.legend(fontsize=8)
    fig.suptitle("County-scale run: cost vs stations (and rows)")
    name = save(fig, out, "county_growth.png")
    md.append(f"\n![county-scale growth]({name})\n")
    c0 = county[ns[0]]
    md.append(
        f"`gongkai-bench-county`: a real `gongkai-hub serve` ({c0['hub_threads']} threads) and "
        f"N in-process stations, each with its own store, running the gongkai-station "
        f"command code (`import`, `edit`, `sync` over TLS with the pinned certificate), "
        f"{c0['parallel']} syncing at a time. Stations come in pairs per village; each round "
        f"every station edits its rows and a third of the pairs change the same field of "
        f"the same row (a conflict, resolved with `gongkai-hub resolve --keep`), then the "
        f"administrator runs `gongkai-hub pending`, `resolve` and `approve --all`. The "
        f"last sync round must leave every station on the hub's catalog hash (converged). "
        f"Sync time is the wall time of one station's whole `sync` (seal, push, pull, "
        f"verify, apply) while {c0['parallel']} run at once.\n")
    missing = [l for l in status if l.startswith("county") and " ok " not in l]
    if missing:
        md.append("**Not finished in this run:** " + "; ".join(f"`{l}`" for l in missing) +
                  " (stopped or failed: no figures for that size).\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--raw", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    raw, out = a.raw, a.out
    os.makedirs(out, exist_ok=True)

    machine = {}
    try:
        with open(os.path.join(raw, "machine.txt"), encoding="utf-8") as f:
            for line in f:
                if "=" in line:
                    k, v = line.rstrip("\n").split("=", 1)
                    machine[k] = v
    except OSError:
        pass
    status = []
    try:
        with open(os.path.join(raw, "status.txt"), encoding="utf-8") as f:
            status = [l.strip() for l in f if l.strip()]
    except OSError:
        pass

    md = []
    md.append("# Gongkai Sync — benchmark report\n")
    md.append("Written by `bash bench/run_all.sh` (Release build, every benchmark in one run on "
              "one machine); plots by `bench/report.py`. Raw output: [`raw/`](raw/).\n")
    md.append(table(["machine", ""], [
        ["date", machine.get("date_utc", "?")],
        ["CPU", f"{machine.get('cpu', '?')}, {machine.get('nproc', '?')} logical CPUs"],
        ["memory", f"{machine.get('mem_gib', '?')} GiB"],
        ["kernel", machine.get("kernel", "?")],
        ["commit", machine.get("commit", "?")],
        ["load average (1/5/15 min) at start → end",
         f"{machine.get('load_start', '?')} → {machine.get('load_end', '?')}"],
        ["whole run", f"{machine.get('total_s', '?')} s"],
    ]))
    md.append("\nThe machine is shared (other engineers' builds and tests may have been running "
              "during the run: see the load average); absolute figures are therefore "
              "pessimistic, and what the plots are for is how cost grows with size.\n")
    if machine.get("quick") == "1":
        md.append("**This is a --quick run (small sizes only).**\n")
    if status:
        md.append("Runs: " + "; ".join(f"`{s}`" for s in status) + "\n")
    md.append("Figures measured by hand between runs (USB bundles, attachments over a slow "
              "link, the wire figures decision by decision) and the earlier reports: "
              "[earlier.md](earlier.md).\n")

    section(md, "Station: import, list, seal", read_objects(os.path.join(raw, "station.json")),
            lambda st: station_section(md, st))

    section(md, "Station: .xlsx import", read_objects(os.path.join(raw, "xlsx.json")),
            lambda xl: xlsx_section(md, xl))

    section(md, "Hub: ingest rate vs concurrent stations", latest_by_size(raw, "hub"),
            lambda hub: hub_section(md, hub, out))

    section(md, "Hub: peak RSS vs concurrent fresh pulls",
            read_objects(os.path.join(raw, "pulls.json")),
            lambda pulls: pulls_section(md, pulls, out))

    section(md, "Audit rate vs log size", latest_by_size(raw, "audit"),
            lambda audit: audit_section(md, audit, out))

    # --- wire ------------------------------------------------------------
    md.append("## Pull time and bytes vs catalog size\n")
    wire = by_size(raw, "wire")
    if wire:
        rows, xs, secs, kbytes = [], [], [], []
        for n, objs in wire.items():
            pulls = [o for o in objs if o.get("scenario") == "initial_pull"]
            if not pulls:
                continue
            p = pulls[-1]
            xs.append(p.get("rows", n))
            secs.append(p["seconds"])
            kbytes.append(p["bytes"] / 1000.0)
            catch = [o for o in objs if o.get("scenario") == "hundred_edits_catch_up"]
            rows.append([fmt(p.get("rows", n)), fmt(p["bytes"]), fmt(p["bytes_to_station"]),
                         fmt(p["seconds"], 2), fmt(p.get("connections")),
                         fmt(catch[-1]["bytes"]) if catch else "—"])
        if xs:
            md.append(table(["catalog rows", "initial pull bytes (TLS incl.)", "to station",
                             "seconds", "connections", "100-edit catch-up bytes"], rows))
            fig, ax = plt.subplots(figsize=(6.4, 4))
            ax.plot(xs, secs, "o-", label="initial pull time")
            ax.set_xlabel("catalog rows")
            ax.set_ylabel("seconds (whole `gongkai-station sync`)")
            ax2 = ax.twinx()
            ax2.plot(xs, kbytes, "s--", color="tab:green", label="bytes")
            ax2.set_ylabel("kB on the wire (both ways, TLS included)", color="tab:green")
            add_plot(md, fig, ax, "Initial pull: time and bytes vs catalog size", out,
                     "pull_vs_catalog.png", "pull time and bytes vs catalog size", legend=False)
            md.append("`gongkai-bench-wire` (bench/wire_bench.cc): a new station's first `sync` "
                      "of the whole catalog through a byte-counting proxy; real processes.\n")
            wire_round_section(md, wire)
        else:
            md.append("_gongkai-bench-wire ran but printed no initial_pull figures._\n")
    else:
        md.append("_Not run: gongkai-bench-wire was not built or failed (see Runs above)._\n")

    section(md, "County-scale run: growth with stations and rows", latest_by_size(raw, "county"),
            lambda county: county_section(md, county, out, status))

    # --- crash matrix ----------------------------------------------------
    crash = os.path.join(out, "crash-matrix.md")
    if os.path.exists(crash):
        md.append("## Crash matrix\n")
        md.append("See [crash-matrix.md](crash-matrix.md) (the long run of "
                  "tests/e2e/crash_matrix_test.cc, SIGKILL at random points).\n")

    with open(os.path.join(out, "REPORT.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(md).rstrip() + "\n")
    print(os.path.join(out, "REPORT.md"))


if __name__ == "__main__":
    sys.exit(main())
