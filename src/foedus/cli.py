"""The ``foedus`` command line: a thin layer over the library.

Each group of commands lives beside the layer it drives and registers itself here.
"""

from __future__ import annotations

import typer

from foedus import __version__

app = typer.Typer(
    name="foedus",
    help="Code English news into political events and measure how alliances hold together.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"foedus {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """foedus: who did what to whom, when, how strongly, and says who."""


def _register() -> None:
    # Imported here, not at the top, so that each module can import ``app`` helpers freely.
    from foedus import cli_alliance, cli_code, cli_corpus, cli_evaluate

    for module in (cli_code, cli_corpus, cli_evaluate, cli_alliance):
        module.register(app)


_register()
