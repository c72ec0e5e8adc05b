"""MO3: step 3 of the writing protocol, the desired condition.

The change in the world the team wants at sprint close: not tasks, not deliverables.
"""
