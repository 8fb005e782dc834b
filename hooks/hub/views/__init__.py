"""Per-language view models: every text chosen, formatted and linked, ready for a template to lay out.

Logic lives here; the templates in ``overrides/hub/`` only place these values in markup. One module per
page type (``webinar_page``, ``series_page``, ``figures_page``), the cards the lists share (``cards``), and
the page being written (``context``).
"""

from .cards import UNSTATED, ExpertCard, WebinarCard, card_state, expert_card, follow_view, registration_note, \
    series_card, webinar_card
from .context import PageContext, lang_attr
from .figures_page import FIGURE_COLUMNS, figures_view, series_figures_view
from .series_page import SeriesPage, series_page
from .webinar_page import (ESSENTIALS, StatsView, WebinarPage, decision_view, not_yet_known, sources_view,
                           stats_view, survey_shown, time_view, webinar_page)

__all__ = ["ESSENTIALS", "FIGURE_COLUMNS", "UNSTATED", "ExpertCard", "PageContext", "SeriesPage", "StatsView",
           "WebinarCard", "WebinarPage", "card_state", "decision_view", "expert_card", "figures_view", "follow_view",
           "lang_attr", "not_yet_known", "registration_note", "series_card", "series_figures_view", "series_page",
           "sources_view", "stats_view", "survey_shown", "time_view", "webinar_card", "webinar_page"]
