"""The fan-out's own subscribers: who hears about a step, as the lifecycle table's `tells` says.

`reporter.py` the reporter, `followers.py` the report's followers, `staff.py` the city's staff.
`reports/apps.py` registers them with `reports/fanout.py`.
"""
