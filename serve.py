"""What `make run` serves: Streamlit's app (app.py, the router) with Kinerja's own route that sets
the session cookie from the server, HttpOnly (ui/session_cookie.py). `streamlit run serve.py` finds
the ``app`` below and runs it with uvicorn; every `--server.*` option works as for app.py."""

import streamlit as st

from ui.session_cookie import ROUTES

app = st.App("app.py", routes=ROUTES)
