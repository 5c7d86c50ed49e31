"""The audit trail: every admin command (allowed or refused) and every privacy deletion, readable by HR admins."""
