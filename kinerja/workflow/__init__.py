"""The SOP's loop: submissions reviewed, verified or returned, reports finalised and locked, and the
steps, dispositions and deadlines of the process."""
