"""MO6: step 6 of the writing protocol, duration and ownership.

A window of 1-4 weeks; owners that are teams of the registry; one named Sprint
Lead; initiatives divided by team; a check-in cadence (daily when joint).
"""
