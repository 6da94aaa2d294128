"""Who may do what: roles and their rules, accounts and sessions, the audit trail, and read-only
share links."""
