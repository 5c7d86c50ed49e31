"""Helpers the tests share: templates of the migrated database, and the steps many scenarios take."""
