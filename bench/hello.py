"""The smallest Flask app, served by run.py under the same gunicorn settings as the shop.

Its requests per second are the ceiling of this machine, server and load generator: the
shop's pages are measured against it.
"""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "hello"
