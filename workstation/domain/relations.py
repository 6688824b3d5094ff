"""How a person relates to the insured: the keys of the catalog's [relation] section.

One list for the form's relation field, the directory's beneficiaries and the printed form.
"""

from __future__ import annotations

RELATIONS = (
    "self",
    "spouse",
    "child",
    "parent",
    "sibling",
    "grandchild",
    "grandparent",
    "employer",
    "other",
)
