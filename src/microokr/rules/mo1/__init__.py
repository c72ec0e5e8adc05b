"""MO1: step 1 of the writing protocol, the trigger.

A sprint is activated by a specific signal (a stalled number, an event, a broken
hand-off), never by the calendar; its trigger type must fit what happened.
"""
