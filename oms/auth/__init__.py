"""Passwords, tokens, sessions, rate limits: who is calling and what they may do."""
