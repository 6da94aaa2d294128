"""What only Unggah Data (views/unggah.py) uses: the upload's review on the page (upload)."""
