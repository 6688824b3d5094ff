"""Finding a queue service as lobby staff type: by business code, pinyin or name.

``tb`` finds the business 退保 (3101) through the template index, and so the
service that handles it (保全); ``bq`` or ``保全`` find the service by its name.
"""

from __future__ import annotations

from forms.branch_pack import BranchPack, ServiceSpec
from forms.search import TemplateIndex


def _initials(text: str) -> tuple[str, str]:
    from pypinyin import Style, lazy_pinyin

    first = "".join(lazy_pinyin(text, style=Style.FIRST_LETTER)).lower()
    return first, "".join(lazy_pinyin(text)).lower()


class ServiceSearch:
    def __init__(self, pack: BranchPack, templates: TemplateIndex) -> None:
        self.pack, self.templates = pack, templates
        self._names = {
            s.key: (*_initials(s.name_zh), s.name_zh, s.name_en.lower()) for s in pack.services
        }

    def find(self, text: str) -> list[ServiceSpec]:
        """Services named by ``text`` first, then those handling the businesses it finds."""
        q = text.strip().lower()
        if not q:
            return list(self.pack.services)
        by_name = [s for s in self.pack.services if self._named(s, q)]
        codes = [t.code for t in self.templates.search(q)]
        by_business = sorted(
            (min(codes.index(c) for c in s.businesses if c in codes), i, s)
            for i, s in enumerate(self.pack.services)
            if any(c in codes for c in s.businesses) and s not in by_name
        )
        return by_name + [s for _, _, s in by_business]

    def _named(self, service: ServiceSpec, q: str) -> bool:
        initials, pinyin, zh, en = self._names[service.key]
        return (
            q == service.prefix.lower()
            or q == service.key
            or initials.startswith(q)
            or pinyin.startswith(q)
            or q in zh
            or en.startswith(q)
        )
