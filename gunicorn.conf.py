"""Gunicorn settings read from the working directory (`make serve`, or `gunicorn wsgi:app` from here).

The access log leaves out query strings and the Referer header: signed order and payment links
(`?k=`, `?t=`) must not end up in log files.
"""

access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss "%(a)s"'
