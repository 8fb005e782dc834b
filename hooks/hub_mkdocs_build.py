"""The MkDocs engine of ``hub.build``: one ``mkdocs build --strict`` of one language, told as an argument.

``hub.build.build`` (``./hub build``, the benchmark, the tests) hands ``MkDocsEngine`` a
``LanguageJob`` per language, in its own process or in a worker; ``./hub serve`` calls
``build_language`` itself (``hooks/hub_serve.py``). The configuration is ``mkdocs.yml`` as MkDocs loads
it; the job is put in ``config.extra`` under ``JOB`` before the build starts, where the hub's adapter
(``hooks/hub_mkdocs.py``) reads which language it builds and which staged folder it builds from.
mkdocs-static-i18n's own loop over languages is not used (``hub_private.build_one_language``).
"""

from __future__ import annotations

from hub.build import EngineError, LanguageJob

JOB = "hub_job"  # the key of config.extra that holds the LanguageJob (read by hooks/hub_mkdocs.py)


class MkDocsEngine:
    """Builds one language with MkDocs, Material and mkdocs-static-i18n."""

    name = "mkdocs"

    def build_language(self, job: LanguageJob) -> None:
        from mkdocs.exceptions import Abort, ConfigurationError, PluginError

        try:
            build_language(job)
        except (Abort, ConfigurationError, PluginError) as error:
            raise EngineError(str(error)) from None


def build_language(job: LanguageJob, *, serve_url: str | None = None, dirty: bool = False) -> None:
    """One language's ``mkdocs build --strict``; raises MkDocs' Abort, PluginError or ConfigurationError."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(job.settings.config_file), site_dir=str(job.site_dir), strict=True)
    if (config.site_url or "/") != job.settings.site_url:  # the settings' address (the preview's own)
        config.site_url = job.settings.site_url
    config.extra[JOB] = job
    config.plugins.on_startup(command="serve" if serve_url else "build", dirty=dirty)
    try:
        build(config, serve_url=serve_url, dirty=dirty)
    finally:
        config.plugins.on_shutdown()
