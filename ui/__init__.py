"""What the pages share: the cached store, cached queries keyed by data version, state keys and the
sidebar. Streamlit lives here and in views/, never in kinerja/."""
