"""Commands about the database and its sources: ``build-db``, ``fetch-ssb``, ``browse``."""

from __future__ import annotations

import importlib.util
import tempfile
from dataclasses import replace
from pathlib import Path

import click

from bot import config
from bot.cli.database import build_database, ensure_database
from bot.cli.group import main
from bot.config import Settings
from bot.pipeline.sources import RawPaths


@main.command("build-db")
@click.option("--out", type=click.Path(path_type=Path), help="Where to write the database.")
@click.option(
    "--raw", "raw_dir", type=click.Path(path_type=Path), envvar=config.RAW_DIR,
    show_envvar=True, help="The raw sources.",
)  # fmt: skip
@click.pass_obj
def build_db(settings: Settings, out: Path | None, raw_dir: Path | None) -> None:
    """Build the SQLite database from data/raw/ and print the coverage report."""
    if raw_dir is not None:
        settings = replace(settings, raw_dir=raw_dir)
    build_database(settings, out)


@main.command("fetch-ssb")
@click.option("--table", "tables", multiple=True, help="Table id (default: 11678 12130 12991).")
@click.pass_obj
def fetch_ssb(settings: Settings, tables: tuple[str, ...]) -> None:
    """Download SSB tables (PxWebApi v2, JSON-stat2) into data/raw/ssb/api/, then rebuild."""
    from bot.pipeline.fetch import TABLES, FetchError, fetch_tables

    try:
        fetched = fetch_tables(RawPaths(settings.raw_dir).ssb_api_dir, tables or TABLES)
    except FetchError as exc:
        raise click.ClickException(f"fetch failed: {exc}") from exc
    for item in fetched:
        click.echo(f"{item.table}: {item.cells} cells -> {item.path}")
    build_database(settings)


@main.command("browse")
@click.option("--port", default=8001, show_default=True, help="Port on 127.0.0.1.")
@click.option(
    "--save-metadata", type=click.Path(dir_okay=False, path_type=Path),
    help="Write datasette's metadata.json (titles, sources, licences) here and stop.",
)  # fmt: skip
@click.pass_obj
def browse(settings: Settings, port: int, save_metadata: Path | None) -> None:
    """The database in datasette: browse, search and export CSV (read-only, 127.0.0.1)."""
    from bot import browse as datasette_browser

    ensure_database(settings)
    if save_metadata is not None:
        datasette_browser.write_metadata(save_metadata, settings.db_path.stem)
        click.echo(f"metadata: {save_metadata}", err=True)
        return
    if importlib.util.find_spec("datasette") is None:
        raise click.ClickException("browse needs datasette: pip install 'krisebot[browse]'")
    click.echo(f"http://{datasette_browser.HOST}:{port}/{settings.db_path.stem}", err=True)
    with tempfile.TemporaryDirectory() as folder:
        datasette_browser.serve(settings.db_path, port, Path(folder))
