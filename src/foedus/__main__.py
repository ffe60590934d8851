"""python -m foedus"""

from foedus.cli import app

if __name__ == "__main__":
    app()
