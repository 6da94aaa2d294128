"""Reading and writing workbooks: screening an upload, its sheets and cells, the Renja form's reader,
and the .xlsx writer that collection, planning, cascade and reporting share."""
