"""Pagination for lists that can reach a million rows (incidents, reports over years).

Django's Paginator counts every row (`COUNT(*)` over the whole filtered list) on each page
view; on ten years of incidents that alone takes hundreds of milliseconds. CappedPaginator
counts at most CAP rows, so a page costs the same at any size; past the cap the list says
"more than 1000" instead of an exact total. Counting 10,001 rows still cost 3–6 ms of a
25 ms page at ten years; nobody pages past the fortieth page of a list, filters do that.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

CAP = 1_000


class CappedPaginator(Paginator):
    cap = CAP

    @cached_property
    def count(self) -> int:
        # Without ordering the database stops as soon as it has cap + 1 rows.
        found = self.object_list.order_by()[: self.cap + 1].count()
        self.capped = found > self.cap
        return min(found, self.cap)

    capped = False
