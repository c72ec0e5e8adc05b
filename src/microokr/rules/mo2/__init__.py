"""MO2: step 2 of the writing protocol, the anchor KR.

Every sprint serves one existing Tactical or Strategic KR of the OKR files, in
that file's period, owned by one team of the registry. The findings point at the
sprint's `anchor_kr` or window; the message names the OKR file where the fix goes.
"""
