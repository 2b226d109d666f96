"""The council: its members, sessions, secret ballot, count and minutes."""
