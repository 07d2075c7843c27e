"""Module 6 (seeds 000 and 004): the coverage dashboard — pick an account, one of their people
and one of ours (or a new person) and a relationship strength, and switch "technical staff
report into KAM" on or off → the gap score, the coverage map and the gap list follow.
"""

from __future__ import annotations

import html
import io

import ipywidgets as w
import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from kamlab.cases.buying_centre import (
    AFTER_REORG,
    BEFORE_REORG,
    FUNCTIONS,
    ROLES,
    coverage_map,
    gap_scores,
    with_coverage,
)
from kamlab.exceptions import ParameterError
from kamlab.i18n import t, value_label
from kamlab.plotting.buying_centre import _map_state, plot_coverage_map
from kamlab.widgets._base import (
    _Dashboard,
    _describe,
    _grid,
    _red,
    _require,
    _row,
    _strip,
    format_table,
)

__all__ = ["CoverageDashboard", "coverage_dashboard"]

_NEW = "__new__"
_DPI = 90  # as _Dashboard's PNG charts
_FRAMES = 12  # map frames kept (an account × team each)
_CENTRE = ("account_id", "contact_id", "role", "influence")
_COVERAGE = ("contact_id", "our_person", "function", "strength")
_GAP_COLUMNS = ("contact", "title", "roles", "influence", "team_strength", "covered_by", "gap",
                "coverage_status")
_WIDE = dict(style={"description_width": "initial"})  # _grid puts the label above


def _team_code(team: tuple) -> str:
    """How the code line writes a team: the module's constant when it is one."""
    if set(team) == set(AFTER_REORG):
        return "AFTER_REORG"
    if set(team) == set(BEFORE_REORG):
        return "BEFORE_REORG"
    return repr(tuple(team))


class CoverageDashboard(_Dashboard):
    """Who covers whom, as controls → the gap score, the coverage map and the gap list.

    The same numbers in code (each change to the coverage is one ``with_coverage`` line)::

        coverage = with_coverage(coverage, "M01", "M01-C04", "Tom Becker", 2)
        coverage_map(centre, coverage, "M01", team=AFTER_REORG)
        gap_scores(centre, coverage, team=AFTER_REORG)

    Picking a contact and one of our people shows their strength today; moving the strength
    changes the coverage (``with_coverage``) and re-renders. "+ new person…" assigns someone
    not in the table yet (a name and a function). The check box "technical staff report into
    KAM" adds ``technical`` to the account team or takes it out (seed 000's reorganisation).
    About 100 ms a change of strength, or a return to an account and team shown before;
    about 140 ms the first time an account and team are shown (``make bench``).

    Attributes: ``centre``, ``original`` (the coverage given), ``coverage`` (with the changes),
    ``edits`` (the ``with_coverage`` arguments, in order); after each render ``team``,
    ``map`` (a :class:`~kamlab.cases.buying_centre.CoverageMap`), ``scores``
    (``gap_scores``), ``score`` (the account's), ``score_all`` (all accounts') and ``gaps``
    (the account's ``coverage_gaps``).

    Raises, when built: MissingColumnsError / InvalidDataError for tables the analysis
    refuses, ParameterError for an unknown account or team code; after that an error is one
    red status line.
    """

    def __init__(self, centre: pd.DataFrame, coverage: pd.DataFrame, *, account=None,
                 team=AFTER_REORG, lang=None):
        _require(centre, _CENTRE, dashboard="coverage_dashboard")
        _require(coverage, _COVERAGE, dashboard="coverage_dashboard")
        # Checked once, here: the whole analysis on the tables as given (raises when built).
        start = gap_scores(centre, coverage, team=team)
        accounts = start["account_id"].tolist()
        if account is None:
            account = accounts[0]
        if account not in accounts:
            raise ParameterError(f"coverage_dashboard(): no account {account!r} in the "
                                 f"buying-centre table; it has {accounts}.", account=account)
        super().__init__(lang, figsize=(1, 1))
        # The map has a figure of its own (Agg, no pyplot): its frame — axes, our people,
        # labels, legend — is drawn once per account and team and cached; a change of
        # strength draws only the cells, the contacts' names and the title over it (blitting).
        self.fig = Figure(figsize=(8.4, 6.8), dpi=_DPI)
        FigureCanvasAgg(self.fig)
        self.ax = self.fig.add_subplot()
        self.fig.subplots_adjust(left=0.25, right=0.98, top=0.89, bottom=0.24)  # fits any account
        self._map_key = None
        self._frames: dict = {}  # (account, team, our people) -> the frame's pixels
        self._areas: dict = {}  # ... -> where its names and title are
        self._live: list = []
        self.centre, self.original, self.coverage = centre, coverage, coverage
        self.base_team = tuple(team if not isinstance(team, str) else (team,))
        self.edits: list[tuple] = []
        self.team = self.map = self.scores = self.gaps = None
        self.score = self.score_all = None
        self._syncing = False
        lang = self.lang
        names = start.set_index("account_id")
        name_col = "company_zh" if lang == "zh" and "company_zh" in names else "company"
        self.account = w.Dropdown(
            options=[(f"{a} {names.loc[a, name_col]}" if name_col in names else a, a)
                     for a in accounts], value=account,
            description=t("covdash.account", lang), **_WIDE)
        self.contact = w.Dropdown(description=t("covdash.contact", lang), **_WIDE)
        self.person = w.Dropdown(description=t("covdash.person", lang), **_WIDE)
        self.new_name = w.Text(description=t("covdash.new_name", lang), **_WIDE)
        self.new_function = w.Dropdown(
            options=[(value_label("bcfunction", f, lang), f) for f in FUNCTIONS],
            value="technical", description=t("covdash.new_function", lang), **_WIDE)
        self.strength = w.IntSlider(value=0, min=0, max=3, step=1, continuous_update=False,
                                    description=t("covdash.strength", lang), **_WIDE)
        self.reorg = w.Checkbox(value="technical" in self.base_team,
                                description=t("covdash.reorg", lang),
                                style={"description_width": "initial"})
        self.reset = w.Button(description=t("covdash.reset", lang), icon="undo")
        self.reset.on_click(lambda _b: self._safely(self.undo))
        self.gap_list = w.HTML()
        self._fill_contacts()
        self._fill_people()
        self._sync_strength()

        self.account.observe(self._account_changed, names="value")
        self.contact.observe(self._pair_changed, names="value")
        self.person.observe(self._pair_changed, names="value")
        self.strength.observe(self._strength_changed, names="value")
        self._observe([self.reorg])
        self._layout(
            _grid(self.account, self.contact, self.person, self.strength, self.new_name,
                  self.new_function, self.reorg, self.reset),
            _row(self.table, self.status), self.code, self.chart, self.gap_list,
        )
        self._safely(self.render)

    # --- the controls' options --------------------------------------------------------------

    def _fill_contacts(self):
        lang, rows = self.lang, self.centre[self.centre["account_id"] == self.account.value]
        people = rows.drop_duplicates("contact_id")
        roles = rows.groupby("contact_id", sort=False)["role"].agg(list)
        options = []
        for _, r in people.iterrows():
            name = r.get("contact_zh" if lang == "zh" and "contact_zh" in r else "contact",
                         r["contact_id"])
            held = sorted(roles[r["contact_id"]], key=ROLES.index)  # seed order, as the map
            label = " + ".join(value_label("bcrole", x, lang) for x in held)
            options.append((f"{name} ({label})", r["contact_id"]))
        self.contact.options = options
        self.contact.value = options[0][1]

    def _fill_people(self):
        lang, cov = self.lang, self.coverage
        here = cov.loc[cov["account_id"] == self.account.value, "our_person"] \
            if "account_id" in cov else cov["our_person"]
        order = list(dict.fromkeys([*here, *cov["our_person"]]))
        function = cov.drop_duplicates("our_person").set_index("our_person")["function"]
        zh = (cov.drop_duplicates("our_person").set_index("our_person")["our_person_zh"]
              if lang == "zh" and "our_person_zh" in cov else None)
        options = [(f"{zh[p] if zh is not None else p} "
                    f"({value_label('bcfunction', function[p], lang)})", p) for p in order]
        options.append((t("covdash.new_option", lang), _NEW))
        keep = self.person.value
        self.person.options = options
        self.person.value = keep if keep in dict(options).values() else options[0][1]

    def _current_strength(self) -> int:
        cov = self.coverage
        hit = cov[(cov["contact_id"] == self.contact.value)
                  & (cov["our_person"] == self.person.value)]
        return int(hit["strength"].iloc[0]) if len(hit) else 0

    def _sync_strength(self):
        """Show the picked pair's strength today, without counting it as a change."""
        self._syncing = True
        try:
            self.strength.value = self._current_strength()
        finally:
            self._syncing = False

    # --- callbacks ---------------------------------------------------------------------------

    def _account_changed(self, _change):
        self._syncing = True
        try:
            self._fill_contacts()
            self._fill_people()
        finally:
            self._syncing = False
        self._sync_strength()
        if not self._paused:
            self._safely(self.render)

    def _pair_changed(self, _change):
        if not self._syncing:
            self._sync_strength()

    def _strength_changed(self, change):
        if self._syncing or self._paused:
            return
        self._safely(lambda: self.assign(int(change["new"])))

    def assign(self, strength: int):
        """Give the picked contact and person ``strength`` (a new person: the name typed and
        the function picked), then render."""
        person, kwargs = self.person.value, {}
        if person == _NEW:
            person = self.new_name.value.strip()
            if not person:
                self._sync_strength()  # the slider back to what the pair has
                self.status.value = _red(t("covdash.need_name", self.lang))
                return
            kwargs = {"function": self.new_function.value}
            if person in set(self.coverage["our_person"]):
                kwargs = {}
        args = (self.account.value, self.contact.value, person, int(strength))
        self.coverage = with_coverage(self.coverage, *args, **kwargs)
        for i, (*pair, _, first) in enumerate(self.edits):  # one line per pair in the code
            if tuple(pair) == args[:3]:
                self.edits[i] = (*args, first)
                break
        else:
            self.edits.append((*args, kwargs))
        if self.person.value == _NEW:
            self._syncing = True
            try:
                self._fill_people()
                self.person.value = person
            finally:
                self._syncing = False
        self.render()

    def undo(self):
        """Back to the coverage the dashboard was given."""
        self.coverage, self.edits = self.original, []
        self._syncing = True
        try:
            self._fill_people()
        finally:
            self._syncing = False
        self._sync_strength()
        self.render()

    # --- render ------------------------------------------------------------------------------

    def _team(self) -> tuple:
        team = [f for f in self.base_team if f != "technical"]
        if self.reorg.value:
            team.append("technical")
        return tuple(f for f in FUNCTIONS if f in team)

    def _code(self) -> str:
        team = _team_code(self.team)
        lines = []
        for account, contact, person, strength, kwargs in self.edits:
            extra = "".join(f", {k}={v!r}" for k, v in kwargs.items())
            lines.append(f"coverage = with_coverage(coverage, {account!r}, {contact!r}, "
                         f"{person!r}, {strength}{extra})")
        lines.append(f"coverage_map(centre, coverage, {self.account.value!r}, team={team})")
        lines.append(f"gap_scores(centre, coverage, team={team})")
        return lines

    def render(self):
        """Recompute and redraw from the current controls and coverage."""
        lang, account = self.lang, self.account.value
        self.team = self._team()
        self.map = coverage_map(self.centre, self.coverage, account, team=self.team)
        self.scores = gap_scores(self.centre, self.coverage, team=self.team)
        contacts = self.map.contacts  # the account's gaps: the map has them, in table order
        self.gaps = contacts.iloc[np.argsort(-contacts["gap"].to_numpy(), kind="stable")] \
            .reset_index(drop=True)
        row = self.scores.set_index("account_id").loc[account]
        self.score = float(row["gap_score"])
        self.score_all = float(self.scores["gap"].sum() / self.scores["influence_total"].sum())
        self.code.value = "<br>".join(f"<code>{html.escape(line)}</code>"
                                      for line in self._code())
        self.table.value = self._readouts(account)
        self.status.value = html.escape(t("covdash.changes", lang, n=len(self.edits))) \
            if self.edits else ""
        self.gap_list.value = self._gap_list()
        self._show_map()

    def _show_map(self):
        """The coverage map as PNG, drawn in layers.

        The frame — axes, our people, axis labels, legend, and the names and title as they
        were — is drawn once per (account, team, our people) and kept; the live layer (the
        cells: image, white gaps, team line, numbers) is drawn over it on every render. The
        names (their colour says the status) and the title (the score) are repainted when
        they may have changed: their areas are cleared to the figure's white, where nothing
        else is drawn, and drawn again. A test compares the pixels with a map drawn fresh.
        """
        people, canvas = self.map.people, self.fig.canvas
        key = (self.account.value, self.team, tuple(people["our_person"]),
               tuple(people["in_team"]))
        names = self.ax.get_yticklabels()
        if any(name.get_figure(root=True) is None for name in names):
            self._map_key = None  # the axis made new ticks (a full draw elsewhere): redraw all
        with mpl.rc_context({"axes.titley": 1.0, "text.hinting": "none"}):
            repaint = True
            if key != self._map_key:  # another frame: set up the axes for it
                self._map_key = key
                _strip(self.ax)
                plot_coverage_map(self.map, ax=self.ax, lang=self.lang)
                names = self.ax.get_yticklabels()
                self._live = [*self.ax.images, *self.ax.collections, *self.ax.lines,
                              *self.ax.texts]
                for artist in self._live:
                    artist.set_animated(True)
                if key not in self._frames:  # drawn once: names and title are current
                    canvas.draw()
                    if len(self._frames) >= _FRAMES:  # the oldest goes (1.9 MB each)
                        del self._frames[next(iter(self._frames))]
                    self._frames[key] = canvas.copy_from_bbox(self.fig.bbox)
                    repaint = False
            else:  # the same frame: new values into the live artists, names and title
                state = _map_state(self.map, self.lang)
                self.ax.images[0].set_data(state.values)
                cells = {a.get_gid(): a for a in self.ax.texts}
                for gid, text, colour, _ in state.cells:
                    cells[gid].set_text(text)
                    cells[gid].set_color(colour)
                for name, colour in zip(names, state.ycolours, strict=True):
                    name.set_color(colour)
                self.ax.title.set_text(state.title)
            if repaint:
                canvas.restore_region(self._frames[key])
                self._repaint(names)
            for artist in self._live:
                self.ax.draw_artist(artist)
        buffer = io.BytesIO()
        mpl.image.imsave(buffer, np.asarray(canvas.buffer_rgba())[..., :3], format="png",
                         pil_kwargs={"compress_level": 1})
        self.chart.value = buffer.getvalue()
        _describe(self.chart, self.fig)

    def _repaint(self, names):
        """Clear the names' column (left of the axes) and the title's band (above them) to
        white, and draw the names and the title there again."""
        canvas = self.fig.canvas
        pixels = np.asarray(canvas.buffer_rgba())
        if self._map_key not in self._areas:  # the frame's geometry: once per frame
            renderer, height = canvas.get_renderer(), pixels.shape[0]
            box = self.ax.get_window_extent(renderer)
            extents = [name.get_window_extent(renderer) for name in names]
            rows = (height - int(np.ceil(max(e.y1 for e in extents) + 2)),
                    height - int(min(e.y0 for e in extents) - 2))
            cols = (max(int(min(e.x0 for e in extents) - 2), 0), int(np.floor(box.x0)) - 1)
            self._areas[self._map_key] = (rows, cols, height - int(np.ceil(box.y1)) - 1)
        (r0, r1), (c0, c1), band = self._areas[self._map_key]
        pixels[r0:r1, c0:c1] = 255
        pixels[:band, :] = 255
        for artist in [*names, self.ax.title]:
            self.ax.draw_artist(artist)

    def _readouts(self, account) -> str:
        lang = self.lang
        rows = [(t("covdash.score", lang, account=account), f"{self.score:.1%}"),
                (t("covdash.score_all", lang, n=len(self.scores)), f"{self.score_all:.1%}")]
        body = "".join(f"<tr><th style='text-align:left'>{html.escape(k)}</th>"
                       f"<td>{html.escape(v)}</td></tr>" for k, v in rows)
        return f"<table class='kamlab-table'>{body}</table>"

    def _gap_list(self) -> str:
        lang = self.lang
        gaps = self.gaps[self.gaps["gap"] > 0]
        title = f"<b>{html.escape(t('covdash.gaps', lang))}</b>"
        if gaps.empty:
            return f"{title}<br>{html.escape(t('covdash.no_gaps', lang))}"
        shown = gaps[[c for c in _GAP_COLUMNS if c in gaps]].copy()
        if lang == "zh":
            for col in ("contact", "title"):
                if f"{col}_zh" in gaps and col in shown:
                    shown[col] = gaps[f"{col}_zh"].to_numpy()
            if "our_person_zh" in self.coverage:
                zh = dict(zip(self.coverage["our_person"], self.coverage["our_person_zh"],
                              strict=True))
                shown["covered_by"] = [zh.get(p, p) for p in shown["covered_by"]]
        shown["team_strength"] = [f"{x:g}" for x in shown["team_strength"]]
        shown["roles"] = [" + ".join(value_label("bcrole", r, lang) for r in x.split("+"))
                          for x in shown["roles"]]
        shown["coverage_status"] = [value_label("bcstatus", s, lang)
                                    for s in shown["coverage_status"].astype(str)]
        return f"{title}{format_table(shown, lang=lang)}"


def coverage_dashboard(centre: pd.DataFrame, coverage: pd.DataFrame, *, account=None,
                       team=AFTER_REORG, lang=None) -> CoverageDashboard:
    """Coverage dashboard: pick an account, their person, our person and a strength, and
    whether technical staff report into KAM; see the gap score, the coverage map and the
    largest gaps."""
    return CoverageDashboard(centre, coverage, account=account, team=team, lang=lang)
