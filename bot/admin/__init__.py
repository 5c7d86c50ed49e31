"""HR admins: who may use `/mentor admin …`."""
