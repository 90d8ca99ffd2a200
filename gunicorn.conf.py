"""Gunicorn settings read from the working directory (`make serve`, or `gunicorn wsgi:app` from here).

The access log leaves out query strings and the Referer header: signed order and payment links
(`?k=`, `?t=`) must not end up in log files.
"""

access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss "%(a)s"'


def post_fork(server, worker):
    """A worker that crashes in C code (a segmentation fault) leaves each thread's Python stack in
    the error log instead of only the arbiter's "was sent SIGSEGV"."""
    import faulthandler

    faulthandler.enable()
