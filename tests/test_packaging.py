"""Every data file the code reads ships in the wheel: CI tests the installed package, so a file
left out of package-data only shows there (knowledge/given_names.txt once was)."""
import pathlib
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_every_data_file_is_package_data():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = conf["tool"]["setuptools"]["package-data"]["lagebild"]
    pkg = ROOT / "src" / "lagebild"
    shipped = {p for g in globs for p in pkg.glob(g)}
    data = {p for p in pkg.rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc")
            and "__pycache__" not in p.parts}
    assert data - shipped == set(), sorted(str(p.relative_to(pkg)) for p in data - shipped)


def test_installed_given_names_are_there():
    from lagebild.actors.knowledge import given_names

    assert {"Donald", "Olena", "Jean-Luc"} <= given_names()
