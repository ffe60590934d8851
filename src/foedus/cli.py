"""The ``foedus`` command line: a thin layer over the library.

Each group of commands lives beside the layer it drives and registers itself here.
"""

from __future__ import annotations

import sys

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


def run() -> None:
    """The console entry point: a usage error (an unknown option, a bad value) is one line on
    stderr and exit status 2, like every other error foedus reports."""
    try:
        status = app(standalone_mode=False)
    except typer.Abort:
        typer.echo("error: aborted", err=True)
        sys.exit(1)
    except typer.TyperException as exc:  # Typer's own (vendored click) usage errors
        if type(exc).__name__ == "NoArgsIsHelpError":
            exc.show()  # type: ignore[attr-defined]  # "foedus" alone prints the help
            sys.exit(0)
        ctx = getattr(exc, "ctx", None)
        # "foedus code", however the program was started ("python -m foedus code")
        path = "foedus" + (ctx.command_path[len(ctx.find_root().command_path):]
                           if ctx is not None else "")
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        typer.echo(f"error: {path}: {' '.join(message.split())}", err=True)
        sys.exit(getattr(exc, "exit_code", 2))
    sys.exit(status if isinstance(status, int) else 0)
