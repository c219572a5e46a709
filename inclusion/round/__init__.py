"""Running the annual round: the audit window, notices that fall due, preferences, worklists."""
