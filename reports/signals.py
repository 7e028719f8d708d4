"""What reports tell the apps above them, which they must not import.

`report_event` is sent once the state change that caused it is committed, with
`report_id`, `event` ("shared", "revised" after sharing, or "acknowledged"), `occurrence`
(what makes it unique: the report, and for a revision its version) and `actor_id`. The
notifications app receives it (notifications/receivers.py) and tells the people concerned.

`joint_summary_signed` is sent once one side has signed a joint summary the other side has
not signed yet, after commit, with `picture_id`, `side` (the side that signed), `occurrence`
(the picture and the version signed) and `actor_id`; the other side is asked to sign.
"""

from django.dispatch import Signal

report_event = Signal()
joint_summary_signed = Signal()
