"""A local stand-in for Slack's Web API, for the tests and the offline demo."""
