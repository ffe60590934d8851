"""python -m foedus"""

from foedus.cli import run

if __name__ == "__main__":
    run()
