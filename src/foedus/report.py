"""Alliance reports: one self-contained HTML file with charts, and the same content in Markdown.

The HTML embeds plotly.js (from the pinned ``plotly`` package) and all data, so it opens offline
and fetches nothing. Every chart is followed by the list of the events behind it, and every event
cited anywhere is listed in the evidence appendix with its sentence and its article; figures,
tables and the appendix link to one another by event id.

Output is reproducible: the same store, alliance, options and foedus version give the same bytes
(no timestamps, fixed element ids).
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from foedus import __version__
from foedus.alliances.kb import Alliance
from foedus.analytics import (
    DEFAULT_WINDOW_DAYS,
    Cohesion,
    Complaints,
    DbLike,
    DyadSeries,
    EventRow,
    Freq,
    Reliability,
    Tone,
    cohesion,
    complaints,
    connection,
    dyad_series,
    has_table,
    latest_date,
    period_start,
    reliability,
)
from foedus.output import goldstein_text

#: Diverging scale for Goldstein scores: hostile red, neutral grey, cooperative green.
TONE_SCALE = [[0.0, "#b2182b"], [0.5, "#9e9e9e"], [1.0, "#1a7f37"]]
OUTCOME_COLOURS = {"met": "#1a7f37", "partly met": "#d08b00", "unmet": "#b2182b"}
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}
QUAD_COLOURS = {1: "#7fbf7b", 2: "#1a7f37", 3: "#f4a582", 4: "#b2182b"}


# -- names -------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def actor_names() -> dict[str, str]:
    """Preferred names of countries and organisations from the shipped actor dictionaries."""
    names: dict[str, str] = {}
    folder = resources.files("foedus") / "data" / "actors"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for file, key in (("countries.yaml", "countries"), ("organisations.yaml", "organisations")):
        data = yaml.load((folder / file).read_text(encoding="utf-8"), Loader=loader) or {}
        for entry in data.get(key) or []:
            if isinstance(entry, dict) and entry.get("code") and entry.get("name"):
                names[str(entry["code"])] = str(entry["name"])
    return names


def name_of(code: str, alliance: Alliance | None = None) -> str:
    """A person's name for an actor key: ``ARM`` -> Armenia, ``IGOCSTO`` -> the alliance."""
    if not code:
        return "(unnamed source)"
    if alliance is not None and code == alliance.actor_code:
        return f"{alliance.id} (the organisation)"
    return actor_names().get(code, code)


@lru_cache(maxsize=1)
def _cameo_names() -> dict[str, str]:
    from foedus.events.ontology import load_ontology

    return {c.code: c.name for c in load_ontology().cameo.values()}


def cameo_name(code: str) -> str:
    names = _cameo_names()
    probe = code
    while probe:
        if probe in names:
            return names[probe]
        probe = probe[:-1]
    return code


# -- the report's content ------------------------------------------------------------------------

@dataclass
class Report:
    """Everything a report shows, computed once; rendered as HTML or Markdown."""

    alliance: Alliance
    since: dt.date | None
    until: dt.date | None
    freq: str
    window_days: int
    cohesion: Cohesion
    reliability: Reliability
    complaints: Complaints
    leader_dyads: dict[str, DyadSeries]
    events_in_store: int
    articles_in_store: int
    newest: dt.date | None
    db_name: str
    evidence: dict[str, EventRow] = field(default_factory=dict)

    @property
    def as_of(self) -> dt.date | None:
        """The day membership tables describe: ``until``, else the newest event's date."""
        return self.until or self.newest

    def cite(self, rows: Iterable[EventRow]) -> list[str]:
        """Register rows as evidence and return their ids."""
        ids = []
        for row in rows:
            self.evidence.setdefault(row.event_id, row)
            ids.append(row.event_id)
        return list(dict.fromkeys(ids))


def build_report(
    db: DbLike,
    alliance: Alliance,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    freq: Freq = "quarter",
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> Report:
    """Compute every measure the report shows, over one connection."""
    with connection(db) as con:
        events_total = int((con.execute("SELECT count(*) FROM events").fetchone() or [0])[0])
        articles_total = 0
        if has_table(con, "articles"):  # a bare events table is still reportable
            articles_total = int(
                (con.execute("SELECT count(*) FROM articles").fetchone() or [0])[0])
        newest = latest_date(con)
        coh = cohesion(con, alliance, since=since, until=until, freq=freq)
        rel = reliability(con, alliance, since=since, until=until, window_days=window_days)
        com = complaints(con, alliance, since=since, until=until, freq=freq)
        dyads: dict[str, DyadSeries] = {}
        if alliance.leader:
            for member in alliance.countries():
                if member == alliance.leader:
                    continue
                series = dyad_series(con, member, alliance.leader, since=since, until=until,
                                     freq=freq)
                # Only states that belonged (perhaps suspended) when some of these events
                # happened: Azerbaijan left in 1999 and its later quarrels are not the alliance's.
                if any(e.date and alliance.is_member(member, e.date, include_suspended=True)
                       for e in series.events):
                    dyads[member] = series
        db_name = _db_name(db, con)
    return Report(alliance, since, until, freq, window_days, coh, rel, com, dyads,
                  events_total, articles_total, newest, db_name)


def _db_name(db: DbLike, con: object) -> str:
    path = getattr(db, "path", None) or (db if isinstance(db, str | Path) else None)
    return Path(path).name if path else "(connection)"


# -- figures -------------------------------------------------------------------------------------

def _tone_colour(value: float | None) -> str:
    import plotly.colors as pc

    if value is None:
        return "#d0d0d0"
    position = min(1.0, max(0.0, (value + 10.0) / 20.0))
    return pc.sample_colorscale(TONE_SCALE, [position])[0]


def _fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:+.{digits}f}"


def _share(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def _figure_html(fig: object, div_id: str) -> str:
    import plotly.io as pio

    return pio.to_html(
        fig, include_plotlyjs=False, full_html=False, div_id=div_id,
        config={"displaylogo": False, "responsive": True},
        default_height="460px",
    )


def _layout(fig: object, title: str, **extra: object) -> None:
    fig.update_layout(  # type: ignore[attr-defined]
        title={"text": title, "x": 0.01},
        template="plotly_white",
        margin={"l": 60, "r": 30, "t": 60, "b": 50},
        font={"family": "Helvetica, Arial, sans-serif", "size": 13},
        **extra,
    )


def network_figure(report: Report) -> tuple[object, list[str]]:
    """Members around the leader, nodes and links coloured by mean Goldstein of their events."""
    import plotly.graph_objects as go

    a = report.alliance
    coh = report.cohesion
    day = report.as_of or dt.date.today()
    parties = list(dict.fromkeys(
        [*a.members(day, include_suspended=True),
         *(p for pair in coh.pairs for p in pair)]))
    if a.actor_code and a.actor_code not in parties:
        parties.append(a.actor_code)
    centre = a.leader if a.leader in parties else None
    ring = [p for p in parties if p != centre and p != a.actor_code]
    pos: dict[str, tuple[float, float]] = {}
    if centre:
        pos[centre] = (0.0, 0.0)
    if a.actor_code in parties:
        pos[a.actor_code] = (0.0, 1.45) if centre else (0.0, 0.0)
    for i, p in enumerate(ring):
        angle = math.pi / 2 + 2 * math.pi * (i + 0.5) / max(1, len(ring))
        pos[p] = (math.cos(angle), math.sin(angle))
    fig = go.Figure()
    ids: list[str] = []
    mid_x, mid_y, mid_text = [], [], []
    for (x, y), tone in coh.pairs.items():
        if tone.n == 0 or x not in pos or y not in pos:
            continue
        (x0, y0), (x1, y1) = pos[x], pos[y]
        fig.add_trace(go.Scatter(
            x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False,
            line={"color": _tone_colour(tone.mean_goldstein),
                  "width": 1.5 + 2.5 * math.log1p(tone.n)},
        ))
        mid_x.append((x0 + x1) / 2)
        mid_y.append((y0 + y1) / 2)
        mid_text.append(f"{name_of(x, a)} – {name_of(y, a)}<br>{tone.n} events, mean Goldstein "
                        f"{_fmt(tone.mean_goldstein)}<br>conflict {_share(tone.conflict_share)}")
        ids.extend(tone.event_ids)
    if mid_x:
        fig.add_trace(go.Scatter(x=mid_x, y=mid_y, mode="markers", hovertext=mid_text,
                                 hoverinfo="text", showlegend=False,
                                 marker={"size": 10, "color": "rgba(0,0,0,0)"}))
    xs, ys, colours, labels, hover, sizes = [], [], [], [], [], []
    for p in parties:
        tone = coh.member_tone.get(p, Tone())
        status = a.status_on(p, day) if p != a.actor_code else "organisation"
        xs.append(pos[p][0])
        ys.append(pos[p][1])
        colours.append(tone.mean_goldstein if tone.n else None)
        label = name_of(p) if p != a.actor_code else a.id
        labels.append(label if status in ("member", "organisation") else f"{label} ({status})")
        hover.append(f"<b>{label}</b> ({status})<br>{tone.n} events inside the alliance<br>"
                     f"mean Goldstein {_fmt(tone.mean_goldstein)}")
        sizes.append(26 if p in (centre, a.actor_code) else 20)
    known = [c for c in colours if c is not None]
    fig.add_trace(go.Scatter(
        x=xs, y=ys, mode="markers+text", text=labels, textposition="bottom center",
        hovertext=hover, hoverinfo="text", showlegend=False,
        marker={
            "size": sizes,
            "color": [c if c is not None else 0.0 for c in colours],
            "colorscale": TONE_SCALE, "cmin": -10, "cmax": 10,
            "line": {"width": [1 if c is not None else 3 for c in colours],
                     "color": ["#333" if c is not None else "#bbb" for c in colours]},
            "colorbar": {"title": {"text": "mean<br>Goldstein"}, "thickness": 14},
            "showscale": True,
            "opacity": [1.0 if c is not None else 0.35 for c in colours],
        },
    ))
    _layout(fig, "Members and the tone of the events between them",
            xaxis={"visible": False, "range": [-1.6, 1.6]},
            yaxis={"visible": False, "range": [-1.45, 1.75], "scaleanchor": "x"},
            height=560)
    if not known:
        fig.add_annotation(text="No events between members in this period", showarrow=False,
                           x=0, y=-1.3)
    return fig, list(dict.fromkeys(ids))


def cohesion_figure(report: Report) -> tuple[object, list[str]]:
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    coh = report.cohesion
    periods = [p.period for p in coh.periods]
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08,
                        row_heights=[0.55, 0.45],
                        subplot_titles=("Mean Goldstein of events among members",
                                        "Events among members, by kind"))
    fig.add_trace(go.Scatter(
        x=periods, y=[p.tone.mean_goldstein for p in coh.periods], mode="lines+markers",
        name="mean Goldstein", connectgaps=False, line={"color": "#333"},
        hovertemplate="%{x}: %{y:+.2f}<extra></extra>",
    ), row=1, col=1)
    for q in (1, 2, 3, 4):
        fig.add_trace(go.Bar(
            x=periods, y=[p.tone.quad[q - 1] for p in coh.periods], name=QUAD_NAMES[q],
            marker_color=QUAD_COLOURS[q],
        ), row=2, col=1)
    fig.update_yaxes(range=[-10.5, 10.5], zeroline=True, row=1, col=1)
    _layout(fig, f"Cohesion of the {report.alliance.id}", barmode="stack", height=560,
            legend={"orientation": "h", "y": -0.12})
    return fig, list(coh.total.event_ids)


def leader_figure(report: Report) -> tuple[object, list[str]]:
    import plotly.graph_objects as go

    a = report.alliance
    fig = go.Figure()
    ids: list[str] = []
    palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf",
               "#bcbd22", "#ff7f0e", "#7f7f7f"]
    for i, (member, series) in enumerate(sorted(report.leader_dyads.items())):
        colour = palette[i % len(palette)]
        # A date axis (periods at their first day) so that suspensions can be drawn on the day.
        starts = [period_start(p.period).isoformat() for p in series.periods]
        fig.add_trace(go.Scatter(
            x=starts, y=[p.tone.mean_goldstein for p in series.periods],
            mode="lines+markers", name=name_of(member), connectgaps=True,
            line={"color": colour},
            marker={"size": [6 + 2 * math.sqrt(p.tone.n) for p in series.periods]},
            customdata=[[p.period, p.tone.n, p.tone.negated] for p in series.periods],
            hovertemplate=(f"{name_of(member)}: %{{customdata[0]}}<br>mean Goldstein "
                           "%{y:+.2f}<br>%{customdata[1]} events, %{customdata[2]} negated"
                           "<extra></extra>"),
        ))
        ids.extend(e.event_id for e in series.events)
        for spell in a.spells(member):
            for day, what in ((spell.suspended, "suspended"), (spell.left, "left")):
                if day is None or not starts or day.isoformat() < starts[0]:
                    continue
                fig.add_shape(type="line", x0=day.isoformat(), x1=day.isoformat(), y0=0,
                              y1=1, yref="paper", line={"dash": "dot", "color": colour})
                fig.add_annotation(x=day.isoformat(), y=1, yref="paper", showarrow=False,
                                   text=f"{name_of(member)} {what}", xanchor="right",
                                   font={"color": colour, "size": 11})
    leader = name_of(a.leader or "")
    _layout(fig, f"Tone between each member and {leader} (all their events, both directions)",
            yaxis={"title": "mean Goldstein", "range": [-10.5, 10.5], "zeroline": True},
            xaxis={"type": "date"}, height=480,
            legend={"orientation": "h", "y": -0.15})
    return fig, list(dict.fromkeys(ids))


def reliability_figure(report: Report) -> tuple[object, list[str]]:
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    a = report.alliance
    rel = report.reliability
    fig = make_subplots(rows=1, cols=2, column_widths=[0.58, 0.42], horizontal_spacing=0.2,
                        subplot_titles=("Needs over time, by outcome",
                                        "What each partner gave when expected"))
    ids: list[str] = []
    for outcome, colour in OUTCOME_COLOURS.items():
        eps = [e for e in rel.episodes if e.outcome == outcome]
        fig.add_trace(go.Scatter(
            x=[e.start.isoformat() for e in eps], y=[name_of(e.member) for e in eps],
            mode="markers", name=outcome,
            marker={"color": colour, "size": 16, "symbol": "circle",
                    "line": {"color": "#222", "width": 1}},
            hovertext=[f"{name_of(e.member)}, {e.start}: {e.outcome}<br>{e.reason}"
                       for e in eps],
            hoverinfo="text",
        ), row=1, col=1)
        for e in eps:
            ids.extend(e.event_ids)
    partners = sorted(rel.partners.values(), key=lambda p: -p.expected)
    names = [name_of(p.partner, a) for p in partners]
    for label, attr, colour in (("material help", "material", "#1a7f37"),
                                ("verbal support only", "verbal", "#d08b00"),
                                ("nothing", "none", "#b2182b")):
        fig.add_trace(go.Bar(y=names, x=[getattr(p, attr) for p in partners], name=label,
                             orientation="h", marker_color=colour, legendgroup="partner"),
                      row=1, col=2)
    fig.update_xaxes(type="date", row=1, col=1)
    fig.update_xaxes(title_text="episodes", dtick=1, row=1, col=2)
    _layout(fig, f"Did {a.id} partners answer when an ally needed them?", barmode="stack",
            height=max(380, 120 + 40 * len({e.member for e in rel.episodes})),
            legend={"orientation": "h", "y": -0.2})
    if not rel.episodes:
        fig.add_annotation(text="No needs found in this period", showarrow=False,
                           xref="paper", yref="paper", x=0.3, y=0.5)
    return fig, list(dict.fromkeys(ids))


def complaints_figure(report: Report) -> tuple[object, list[str]]:
    import plotly.graph_objects as go

    com = report.complaints
    fig = go.Figure()
    palette = ["#b2182b", "#ef8a62", "#762a83", "#2166ac", "#5aae61", "#8c510a", "#35978f"]
    for i, (who, counts) in enumerate(com.by_complainer.items()):
        fig.add_trace(go.Bar(x=com.periods, y=counts, name=name_of(who, report.alliance),
                             marker_color=palette[i % len(palette)]))
    _layout(fig, "Complaints and accusations by members against partners",
            barmode="stack", yaxis={"title": "events", "dtick": 1},
            xaxis={"type": "category"}, height=400, legend={"orientation": "h", "y": -0.2})
    if not com.events:
        fig.add_annotation(text="No complaints found in this period", showarrow=False,
                           xref="paper", yref="paper", x=0.5, y=0.5)
    return fig, [e.event_id for e in com.events]


# -- HTML ----------------------------------------------------------------------------------------

CSS = """
body { font-family: Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 1180px;
       padding: 0 24px 60px; color: #1d1d1d; line-height: 1.45; }
h1 { font-size: 1.9em; margin: 1em 0 0.2em; } h2 { border-bottom: 2px solid #ddd;
     padding-bottom: 4px; margin-top: 2.2em; }
.lead { color: #444; font-size: 1.05em; }
table { border-collapse: collapse; width: 100%; margin: 0.8em 0; font-size: 0.92em; }
th, td { border: 1px solid #ddd; padding: 5px 8px; vertical-align: top; text-align: left; }
th { background: #f4f4f4; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff;
         font-weight: bold; font-size: 0.9em; white-space: nowrap; }
.met { background: #1a7f37; } .partly { background: #d08b00; } .unmet { background: #b2182b; }
.figure { border: 1px solid #e4e4e4; border-radius: 6px; padding: 8px; margin: 1em 0; }
details { margin: 0.4em 0 1em; } summary { cursor: pointer; color: #0b57d0; }
.ev { font-size: 0.92em; margin: 3px 0; }
.ev q { font-style: italic; }
.neg { color: #b2182b; font-weight: bold; }
.muted { color: #666; font-size: 0.9em; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { flex: 1 1 180px; border: 1px solid #ddd; border-radius: 6px; padding: 10px 14px; }
.card b { font-size: 1.6em; display: block; }
code { background: #f4f4f4; padding: 0 3px; }
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _badge(outcome: str) -> str:
    css = {"met": "met", "partly met": "partly", "unmet": "unmet"}[outcome]
    return f'<span class="badge {css}">{_e(outcome)}</span>'


def _ev_line(report: Report, row: EventRow, prefix: str = "") -> str:
    report.cite([row])
    a = report.alliance
    flags = []
    if not row.asserted:
        flags.append('<span class="neg">NEGATED</span>')
    if row.modality != "actual":
        flags.append(f'<span class="muted">{_e(row.modality)}</span>')
    who = f"{name_of(row.source_key(), a)} → {name_of(row.target_key(), a)}"
    return (
        f'<div class="ev">{prefix}<a href="#ev-{_e(row.event_id)}">{_e(row.date)}</a> '
        f"{_e(who)}: <b>{_e(cameo_name(row.cameo_code))}</b> "
        f"({_e(row.cameo_code)}) {' '.join(flags)} — <q>{_e(row.sentence)}</q></div>"
    )


def _evidence_list(report: Report, ids: Sequence[str], what: str) -> str:
    if not ids:
        return f'<p class="muted">No events behind this {what}.</p>'
    links = ", ".join(f'<a href="#ev-{_e(i)}">{_e(i[:8])}</a>' for i in ids)
    return (f"<details><summary>Evidence: the {len(ids)} events behind this {what}</summary>"
            f'<p class="muted">{links}</p></details>')


def _figure_block(report: Report, fig: object, ids: list[str], div_id: str, caption: str) -> str:
    rows = [report.evidence.get(i) for i in ids]
    missing = [i for i, r in zip(ids, rows, strict=True) if r is None]
    if missing:
        # The figure's events may not have been cited yet: fetch them from the measures' rows.
        pool = {e.event_id: e for e in _all_rows(report)}
        report.cite(pool[i] for i in missing if i in pool)
    return (f'<div class="figure" id="{_e(div_id)}-box">{_figure_html(fig, div_id)}'
            f'<p class="muted">{caption}</p>{_evidence_list(report, ids, "chart")}</div>')


def _all_rows(report: Report) -> list[EventRow]:
    rows = list(report.cohesion.events) + list(report.complaints.events)
    for series in report.leader_dyads.values():
        rows.extend(series.events)
    for ep in report.reliability.episodes:
        rows.extend(n.event for n in ep.needs)
        rows.extend(r.event for r in ep.responses)
        rows.extend(ep.refusals)
    return rows


def _period_text(report: Report) -> str:
    if report.since and report.until:
        return f"{report.since} to {report.until}"
    if report.since:
        return f"since {report.since}"
    if report.until:
        return f"up to {report.until}"
    return "all dates in the store"


def _members_table(report: Report) -> str:
    a = report.alliance
    day = report.as_of or dt.date.today()
    rows = []
    for m in a.memberships:
        rows.append(
            f"<tr><td>{_e(name_of(m.country))} <span class='muted'>{_e(m.country)}</span></td>"
            f"<td>{_e(m.joined)}</td><td>{_e(m.left or '')}</td><td>{_e(m.suspended or '')}"
            f"{' towards ' + _e(', '.join(m.suspended_towards)) if m.suspended_towards else ''}"
            f"</td><td>{_e(a.status_on(m.country, day))}</td><td class='muted'>{_e(m.note)}</td>"
            "</tr>")
    duties = "".join(
        f"<tr><td><b>{_e(o.type)}</b></td><td>{_e(o.article or '–')}</td><td>{_e(o.condition)}"
        f"{'<br><span class=muted>scope: ' + _e(o.scope) + '</span>' if o.scope else ''}</td></tr>"
        for o in a.obligations)
    return (
        f"<table><tr><th>member</th><th>joined</th><th>left</th><th>suspended</th>"
        f"<th>status on {_e(day)}</th><th>note</th></tr>{''.join(rows)}</table>"
        f"<h3>What the members promise each other</h3>"
        f"<table><tr><th>obligation</th><th>article</th><th>condition</th></tr>{duties}</table>"
    )


def _episode_rows(report: Report) -> str:
    a = report.alliance
    out = []
    for i, ep in enumerate(report.reliability.episodes, start=1):
        needs = "".join(_ev_line(report, n.event, f"<b>{_e(n.kind)}</b> ") for n in ep.needs)
        if ep.responses:
            responses = "".join(
                _ev_line(report, r.event, f"<b>{_e(name_of(r.responder, a))}</b>, "
                                          f"{_e(r.kind)} ({_e(r.how)}): ")
                for r in ep.responses)
        else:
            responses = (f"<p><b>No response</b> from any partner between {_e(ep.start)} and "
                         f"{_e(ep.window_end)}.</p>")
        if ep.refusals:
            responses += "<p><b>Help withheld, according to the texts:</b></p>" + "".join(
                _ev_line(report, r) for r in ep.refusals)
        expected = ", ".join(name_of(x, a) for x in ep.expected) or "–"
        answers = "; ".join(
            f"{name_of(x.partner, a)}: {x.answer}{' (refused)' if x.refused else ''}"
            f"{'' if x.expected else ' (not asked)'}" for x in ep.answers)
        note = "" if ep.window_complete else (
            "<br><span class='muted'>The store has no events up to the end of the window; "
            "this may still change.</span>")
        out.append(
            f'<tr id="need-{i}"><td>{i}</td><td><b>{_e(name_of(ep.member))}</b><br>'
            f"{_e(ep.start)}{' to ' + _e(ep.end) if ep.end != ep.start else ''}<br>"
            f"<span class='muted'>{_e(', '.join(ep.kinds))}</span></td>"
            f"<td>{_badge(ep.outcome)}<br><span class='muted'>{_e(ep.reason)}</span>{note}"
            f"<br><span class='muted'>expected: {_e(expected)}<br>{_e(answers)}</span></td>"
            f"<td>{needs}</td><td>{responses}</td></tr>")
    if not out:
        return "<p>No needs were found: no member was attacked or threatened by a third party " \
               "and no member asked a partner for help in this period.</p>"
    return ("<table><tr><th>#</th><th>ally in need</th><th>outcome</th>"
            "<th>the need (evidence)</th><th>the response (evidence)</th></tr>"
            + "".join(out) + "</table>")


def _partner_table(report: Report) -> str:
    a = report.alliance
    rows = "".join(
        f"<tr><td>{_e(name_of(p.partner, a))}</td><td>{p.expected}</td><td>{p.material}</td>"
        f"<td>{p.verbal}</td><td>{p.none}</td><td>{p.refused}</td><td>{p.unsolicited}</td></tr>"
        for p in report.reliability.partners.values())
    if not rows:
        return ""
    return ("<table><tr><th>partner</th><th>expected to respond</th><th>material help</th>"
            "<th>verbal support only</th><th>nothing</th><th>refusals reported</th>"
            "<th>helped without being asked</th></tr>" + rows + "</table>")


def _leader_table(report: Report) -> str:
    a = report.alliance
    rows = []
    for member, series in sorted(report.leader_dyads.items()):
        cells = "".join(
            f"<td>{_fmt(p.tone.mean_goldstein, 1)}<br><span class='muted'>n={p.tone.n}"
            f"</span></td>" for p in series.periods)
        rows.append(f"<tr><th>{_e(name_of(member))}</th>{cells}</tr>")
    if not rows:
        return ""
    header = "".join(f"<th>{_e(p.period)}</th>"
                     for p in next(iter(report.leader_dyads.values())).periods)
    return (f"<details><summary>The numbers: mean Goldstein with {_e(name_of(a.leader or ''))}"
            f" per period</summary><div style='overflow-x:auto'><table><tr><th></th>{header}"
            f"</tr>{''.join(rows)}</table></div></details>")


def _complaints_table(report: Report) -> str:
    lines = "".join(_ev_line(report, e) for e in report.complaints.events)
    return lines or "<p>No complaints found in this period.</p>"


def _appendix(report: Report) -> str:
    a = report.alliance
    rows = []
    for row in sorted(report.evidence.values(),
                      key=lambda r: (r.date or dt.date.min, r.event_id)):
        article = _e(row.title or row.article_id)
        if row.url:
            article = f'<a href="{_e(row.url)}" rel="noreferrer">{article}</a>'
        flags = ("negated" if not row.asserted else "") + (
            f" {row.modality}" if row.modality != "actual" else "")
        rows.append(
            f'<tr id="ev-{_e(row.event_id)}"><td>{_e(row.date)}</td>'
            f"<td>{_e(name_of(row.source_key(), a))}<br><span class='muted'>"
            f"{_e(row.source_code)}</span></td><td>{_e(cameo_name(row.cameo_code))} "
            f"<span class='muted'>{_e(row.cameo_code)}, "
            f"Goldstein {goldstein_text(row.goldstein)}</span>"
            f"{'<br><span class=neg>' + _e(flags.strip()) + '</span>' if flags.strip() else ''}"
            f"</td><td>{_e(name_of(row.target_key(), a))}<br><span class='muted'>"
            f"{_e(row.target_code)}</span></td><td><q>{_e(row.sentence)}</q><br>"
            f"<span class='muted'>{article}{', ' + _e(row.outlet) if row.outlet else ''}"
            f" · event {_e(row.event_id)}</span></td></tr>")
    return ("<table><tr><th>date</th><th>who</th><th>did what</th><th>to whom</th>"
            "<th>sentence and article</th></tr>" + "".join(rows) + "</table>")


HOW_TO_READ = """
<p>This report was made by <b>foedus</b>, which reads news articles and turns each sentence that
reports a political act into an <i>event</i>: who did what to whom, on which day. Each event
carries a <b>Goldstein score</b> from −10 (most hostile, e.g. military attack) to +10 (most
cooperative, e.g. military aid), and one of four kinds: verbal cooperation (praise, appeals,
meetings), material cooperation (aid, troops sent to help), verbal conflict (criticism,
threats) and material conflict (force). Events that a text says did <i>not</i> happen ("received
no assistance") are marked <span class="neg">NEGATED</span> and never count as help.</p>
<p>Every chart is followed by a list of the events behind it; every event links to the evidence
table at the end, which quotes the sentence and names the article. Numbers depend on which
articles are in the store: an event that no article reports cannot appear.</p>
"""


def _definitions(report: Report) -> str:
    w = report.reliability.window_days
    g = report.reliability.gap_days
    return f"""
<ul>
<li><b>Members</b> count only on dates when they belong to the alliance: from joining until
leaving, and not while their membership is suspended.</li>
<li><b>Cohesion</b>: events between two members (or between a member and the organisation
itself), counting what was actually done or said, not promises or requests; the mean Goldstein
score and the share of conflict events, per period.</li>
<li><b>Tone with the leading power</b>: all events between the member and the leader in both
directions, whatever the membership status (suspensions are marked on the chart).</li>
<li><b>A need</b>: a member attacked (material conflict) or threatened by a state or group
outside the alliance, or a member asking a partner or the organisation for help.</li>
<li>Needs of one member less than {g} days apart form one <b>episode</b>. A <b>response</b> is
material help to the ally (aid, cooperation, troops or peacekeepers), verbal support of it, or
condemnation of (or action against) its attacker, by a partner or the organisation, from the
first need to {w} days after the last one. Promises, meetings and calls on both sides to calm
down do not count.</li>
<li><b>Met</b>: the organisation itself, or every partner the ally asked, gave material help.
<b>Partly met</b>: some response, but only words, or material help from only some of those
asked. <b>Unmet</b>: no response at all within the window.</li>
<li><b>Complaints</b>: a member's disapproval, criticism or accusation aimed at a partner or at
the organisation.</li>
</ul>
<p class="muted">Full definitions: docs/analytics.md in the foedus documentation.</p>
"""


def render_html(report: Report) -> str:
    """The whole report as one HTML document with plotly.js inlined (opens offline)."""
    from plotly.offline import get_plotlyjs

    a = report.alliance
    rel = report.reliability
    counts = rel.counts()
    coh = report.cohesion
    # Tables first, so that the figures' evidence lists find their rows registered.
    episodes_html = _episode_rows(report)
    complaints_html = _complaints_table(report)
    figures = [
        ("fig-network", network_figure(report),
         "Each dot is a member (the leading power in the middle); colour is the mean Goldstein "
         "score of the events it sent or received inside the alliance, from red (hostile) to "
         "green (cooperative); grey, faded dots had no such events. Lines join members with "
         "events between them, thicker for more events; hover for numbers."),
        ("fig-cohesion", cohesion_figure(report),
         "Top: mean Goldstein score of events among members per period (a gap means no "
         "events). Bottom: how many events of each kind."),
        ("fig-leader", leader_figure(report),
         "Mean Goldstein score of all events between each member and the leading power, per "
         "period; bigger markers mean more events."),
        ("fig-reliability", reliability_figure(report),
         "Left: each dot is an episode of need, coloured by outcome; hover for the reason. "
         "Right: for each partner, the episodes in which it was expected to respond and what "
         "it gave. The table below quotes the evidence."),
        ("fig-complaints", complaints_figure(report),
         "Members' disapproval and accusations aimed at partners or the organisation."),
    ]
    blocks = {div: _figure_block(report, fig, ids, div, caption)
              for div, (fig, ids), caption in figures}
    total = coh.total
    cards = (
        f'<div class="cards"><div class="card"><b>{total.n}</b>events among members</div>'
        f'<div class="card"><b>{_fmt(total.mean_goldstein)}</b>mean Goldstein among members</div>'
        f'<div class="card"><b>{_share(total.conflict_share)}</b>of them conflict</div>'
        f'<div class="card"><b>{counts["met"]} / {counts["partly met"]} / {counts["unmet"]}</b>'
        f"needs met / partly met / unmet</div>"
        f'<div class="card"><b>{len(report.complaints.events)}</b>complaints</div></div>')
    leader = name_of(a.leader) if a.leader else "none"
    body = f"""
<h1>{_e(a.name)} ({_e(a.id)})</h1>
<p class="lead">How the alliance held together, {_e(_period_text(report))}: the tone among its
members, whether partners answered when an ally needed help, and who complained about whom.
Leading power: <b>{_e(leader)}</b>. Based on {report.events_in_store} events from
{report.articles_in_store} articles in <code>{_e(report.db_name)}</code>
(newest event: {_e(report.newest or "none")}).</p>
{cards}
<h2>How to read this report</h2>{HOW_TO_READ}
<h2>Members and obligations</h2>{_members_table(report)}
<h2>The network of members</h2>{blocks["fig-network"]}
<h2>Cohesion over time</h2>{blocks["fig-cohesion"]}
<h2>Tone with the leading power</h2>{blocks["fig-leader"]}{_leader_table(report)}
<h2>Needs and responses</h2>{blocks["fig-reliability"]}
{_partner_table(report)}
<p>Window: a response counts from the first need to {rel.window_days} days after the last need
of an episode.</p>
{episodes_html}
<h2>Complaints</h2>{blocks["fig-complaints"]}{complaints_html}
<h2>Definitions</h2>{_definitions(report)}
<h2>Evidence</h2>
<p>Every event cited above, with the sentence it was coded from and its article.</p>
{_appendix(report)}
<p class="muted">foedus {__version__} · alliance data: {_e(Path(a.origin).name)} ·
window {rel.window_days} days · periods: {_e(report.freq)}</p>
"""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{_e(a.id)} alliance report — foedus</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{CSS}</style>"
        f'<script type="text/javascript">{get_plotlyjs()}</script>'
        f"</head><body>{body}</body></html>\n"
    )


# -- Markdown ----------------------------------------------------------------------------------

def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _md_ev(report: Report, row: EventRow) -> str:
    a = report.alliance
    flag = " **NEGATED**" if not row.asserted else ""
    flag += f" ({row.modality})" if row.modality != "actual" else ""
    source = f"[{row.title or row.article_id}]({row.url})" if row.url else (row.title or "")
    return (f"{row.date} {name_of(row.source_key(), a)} → {name_of(row.target_key(), a)}: "
            f"{cameo_name(row.cameo_code)} ({row.cameo_code}){flag} — “{row.sentence}” "
            f"{source} `{row.event_id}`")


def render_markdown(report: Report) -> str:
    """The report's content as Markdown: the same tables and evidence, numbers instead of charts."""
    a = report.alliance
    rel = report.reliability
    coh = report.cohesion
    counts = rel.counts()
    lines = [
        f"# {a.name} ({a.id})", "",
        f"How the alliance held together, {_period_text(report)}. Leading power: "
        f"{name_of(a.leader) if a.leader else 'none'}. Based on {report.events_in_store} events "
        f"from {report.articles_in_store} articles in `{report.db_name}` (newest event: "
        f"{report.newest or 'none'}). The HTML version of this report has the charts.", "",
        f"- Events among members: {coh.total.n}, mean Goldstein {_fmt(coh.total.mean_goldstein)},"
        f" conflict {_share(coh.total.conflict_share)}",
        f"- Needs: {counts['met']} met, {counts['partly met']} partly met, "
        f"{counts['unmet']} unmet (window {rel.window_days} days)",
        f"- Complaints: {len(report.complaints.events)}", "",
        "Goldstein scores run from −10 (most hostile) to +10 (most cooperative). Negated events "
        "(\"received no assistance\") never count as help.", "",
        "## Members", "",
        "| member | joined | left | suspended | status |", "|---|---|---|---|---|",
    ]
    day = report.as_of or dt.date.today()
    for m in a.memberships:
        lines.append(f"| {name_of(m.country)} ({m.country}) | {m.joined} | {m.left or ''} | "
                     f"{m.suspended or ''} | {a.status_on(m.country, day)} |")
    lines += ["", "| obligation | article | condition |", "|---|---|---|"]
    for o in a.obligations:
        lines.append(f"| {o.type} | {_md(o.article or '–')} | {_md(o.condition)} |")
    lines += ["", "## Cohesion over time", "",
              "| period | events | mean Goldstein | conflict share | negated |",
              "|---|---|---|---|---|"]
    for p in coh.periods:
        t = p.tone
        lines.append(f"| {p.period} | {t.n} | {_fmt(t.mean_goldstein)} | "
                     f"{_share(t.conflict_share)} | {t.negated} |")
    lines += ["", "### Pairs of members", "", "| pair | events | mean Goldstein | conflict |",
              "|---|---|---|---|"]
    for (x, y), t in coh.pairs.items():
        lines.append(f"| {name_of(x, a)} – {name_of(y, a)} | {t.n} | {_fmt(t.mean_goldstein)} | "
                     f"{_share(t.conflict_share)} |")
    if report.leader_dyads:
        lines += ["", f"## Tone with {name_of(a.leader or '')}", "",
                  "Mean Goldstein of all events between each member and the leading power "
                  "(both directions), with the number of events.", ""]
        periods = [p.period for p in next(iter(report.leader_dyads.values())).periods]
        lines += ["| member | " + " | ".join(periods) + " |",
                  "|---|" + "---|" * len(periods)]
        for member, series in sorted(report.leader_dyads.items()):
            cells = " | ".join(f"{_fmt(p.tone.mean_goldstein, 1)} ({p.tone.n})"
                               for p in series.periods)
            lines.append(f"| {name_of(member)} | {cells} |")
    lines += ["", "## Needs and responses", ""]
    if rel.partners:
        lines += ["| partner | expected | material | verbal only | nothing | refusals | "
                  "unasked help |", "|---|---|---|---|---|---|---|"]
        for p in rel.partners.values():
            lines.append(f"| {name_of(p.partner, a)} | {p.expected} | {p.material} | {p.verbal}"
                         f" | {p.none} | {p.refused} | {p.unsolicited} |")
        lines.append("")
    if not rel.episodes:
        lines.append("No needs found in this period.")
    for i, ep in enumerate(rel.episodes, start=1):
        span = f"{ep.start}" + (f" to {ep.end}" if ep.end != ep.start else "")
        pending = "" if ep.window_complete else " (not yet covered by the store)"
        lines += [f"### {i}. {name_of(ep.member)}, {span}: {ep.outcome.upper()}", "",
                  f"{ep.reason.capitalize()}. Expected to respond: "
                  f"{', '.join(name_of(x, a) for x in ep.expected) or '–'}. Window ends "
                  f"{ep.window_end}{pending}.", "", "Need:"]
        lines += [f"- {n.kind}: {_md_ev(report, n.event)}" for n in ep.needs]
        lines += ["", "Response:"]
        if ep.responses:
            lines += [f"- {name_of(r.responder, a)}, {r.kind} ({r.how}): "
                      f"{_md_ev(report, r.event)}" for r in ep.responses]
        else:
            lines.append(f"- none from any partner between {ep.start} and {ep.window_end}")
        if ep.refusals:
            lines += ["", "Help withheld, according to the texts:"]
            lines += [f"- {_md_ev(report, r)}" for r in ep.refusals]
        lines.append("")
    lines += ["## Complaints", ""]
    if report.complaints.events:
        lines += [f"- {_md_ev(report, e)}" for e in report.complaints.events]
    else:
        lines.append("No complaints found in this period.")
    lines += ["", f"foedus {__version__} · window {rel.window_days} days · periods: "
              f"{report.freq}", ""]
    return "\n".join(lines)


def write_report(report: Report, out: Path) -> tuple[Path, Path]:
    """Write ``out`` (HTML) and the Markdown beside it (same name, ``.md``); return both paths."""
    out = Path(out)
    if out.suffix.lower() not in (".html", ".htm"):
        out = out.with_suffix(".html")
    out.parent.mkdir(parents=True, exist_ok=True)
    md_path = out.with_suffix(".md")
    out.write_text(render_html(report), encoding="utf-8")
    md_path.write_text(render_markdown(report), encoding="utf-8")
    return out, md_path
