"""Every write to a report, one module per area; each public function is one business action.

`intake` (a report arrives, the reporter confirms) · `triage` (the operations centre refers,
categorises, rejects, merges, asks, corrects) · `agency` (accept, officer, return, progress) ·
`outcome` (resolve, rate, reopen, close) · `deadlines` (escalation, extensions) · `moderation`
(public text, photos, comments) · `participation` (comments, "me too", following) · `privacy`
(claiming reports by address, anonymising a reporter). `_base` holds what they share. What each
action may do, and what follows from it, is one row of `reports/lifecycle.py`.
"""
