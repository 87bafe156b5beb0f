from polybius.cli import app

app()
