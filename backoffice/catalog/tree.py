"""The category tree, read once and cached: navigation, breadcrumbs, subtrees and visibility are
computed from it in memory instead of one query each.

Each process keeps the tree in memory (unpickling 3,000 categories from a cache on every request
would cost more than it saves) together with a version token from the cache. A change on this
platform (`category_tree_changed`, called by the ERP sync and the admin) writes a new token:
with a shared cache (Redis) every process reloads at its next request; with the per-process
default cache, other processes reload within TREE_TTL seconds.
"""
import threading
import time
import uuid
from dataclasses import dataclass, field
from functools import cached_property

from django.core.cache import cache
from django.utils.translation import get_language

TREE_KEY = "catalog:category-tree-version:v1"
TREE_TTL = 60
_lock = threading.Lock()
_local: dict = {"token": None, "tree": None, "loaded_at": 0.0}


@dataclass
class CategoryNode:
    pk: int
    parent_id: int | None
    level: int
    path: str
    sort: int
    restricted: bool
    names: dict[str, str]
    children: list["CategoryNode"] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.names.get(get_language() or "pl") or self.names.get("pl") or next(iter(self.names.values()), "")

    @property
    def ancestor_ids(self) -> list[int]:
        """Root first, the node itself last."""
        return [int(part) for part in self.path.strip("/").split("/") if part]


@dataclass
class CategoryTree:
    nodes: dict[int, CategoryNode]  # active categories reachable from an active root
    roots: list[CategoryNode]
    unreachable: frozenset[int]  # inactive categories and everything under them
    grants: dict[int, frozenset[int]] = field(default_factory=dict)  # company -> restricted categories it may see
    product_counts: dict[int, int] = field(default_factory=dict)  # active products per category (own, not subtree)
    _hidden: dict = field(default_factory=dict, repr=False)

    def get(self, pk: int) -> CategoryNode | None:
        return self.nodes.get(pk)

    def path_of(self, pk: int) -> str | None:
        node = self.nodes.get(pk)
        return node.path if node else None

    def breadcrumbs(self, pk: int) -> list[CategoryNode]:
        node = self.nodes.get(pk)
        return [self.nodes[a] for a in node.ancestor_ids if a in self.nodes] if node else []

    def subtree_ids(self, pk: int) -> list[int]:
        ids, stack = [], [self.nodes[pk]]
        while stack:
            node = stack.pop()
            ids.append(node.pk)
            stack.extend(node.children)
        return ids

    def subtree_product_count(self, pk: int) -> int:
        """Active products in the subtree: an upper bound of what a customer can see there."""
        return sum(self.product_counts.get(node_pk, 0) for node_pk in self.subtree_ids(pk))

    def hidden_ids(self, granted: set[int]) -> frozenset[int]:
        """Categories under a restricted category that is not granted (C04). A grant opens the
        granted category's subtree, except deeper restricted categories, which need their own.
        Remembered per set of grants: most customers share the same few."""
        closed = frozenset(pk for pk in self.restricted_ids if pk not in granted)
        hidden = self._hidden.get(closed)
        if hidden is None:
            hidden = self.unreachable | {pk for pk, node in self.nodes.items() if closed.intersection(node.ancestor_ids)} if closed else self.unreachable
            self._hidden[closed] = hidden
        return hidden

    @cached_property
    def restricted_ids(self) -> tuple[int, ...]:
        return tuple(pk for pk, node in self.nodes.items() if node.restricted)


def _load() -> CategoryTree:
    from django.db.models import Count

    from .models import Category, CategoryAccess, Product

    nodes: dict[int, CategoryNode] = {}
    inactive = set(Category.objects.filter(is_active=False).values_list("pk", flat=True))
    rows = Category.objects.filter(is_active=True).prefetch_related("translations").order_by("level", "sort", "pk")
    for category in rows:
        names = {t.language_code: t.name for t in category.translations.all()}
        nodes[category.pk] = CategoryNode(
            category.pk, category.parent_id, category.level, category.path, category.sort, category.restricted, names
        )
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.parent_id) if node.parent_id else None
        if node.parent_id is None:
            roots.append(node)
        elif parent is not None:
            parent.children.append(node)
    # A category under an inactive parent is unreachable: drop it with its subtree.
    reachable: dict[int, CategoryNode] = {}
    stack = list(roots)
    while stack:
        node = stack.pop()
        reachable[node.pk] = node
        stack.extend(node.children)
    for node in reachable.values():
        node.children.sort(key=lambda child: (child.sort, child.names.get("pl", "").lower()))
    roots.sort(key=lambda root: (root.sort, root.names.get("pl", "").lower()))
    unreachable = frozenset(inactive | (nodes.keys() - reachable.keys()))
    # C04 assignments travel with the tree (a few rows per restricted category): no query per page.
    grants: dict[int, set[int]] = {}
    for company_id, category_id in CategoryAccess.objects.filter(category__restricted=True).values_list("company_id", "category_id"):
        grants.setdefault(company_id, set()).add(category_id)
    counts = dict(Product.objects.filter(is_active=True).order_by().values("category_id").annotate(n=Count("pk")).values_list("category_id", "n"))
    return CategoryTree(
        nodes=reachable,
        roots=roots,
        unreachable=unreachable,
        grants={k: frozenset(v) for k, v in grants.items()},
        product_counts=counts,
    )


def category_tree() -> CategoryTree:
    token = cache.get(TREE_KEY)
    if token is None:
        token = uuid.uuid4().hex
        cache.add(TREE_KEY, token, None)
        token = cache.get(TREE_KEY, token)
    now = time.monotonic()
    if _local["token"] == token and now - _local["loaded_at"] < TREE_TTL:
        return _local["tree"]
    with _lock:
        tree = _load()
        _local.update(token=token, tree=tree, loaded_at=now)
    return tree


def catalog_version() -> str:
    """Changes whenever the catalog does (category_tree_changed, called after every ERP sync run):
    part of the keys of caches derived from the catalog."""
    return cache.get(TREE_KEY) or "none"


def category_tree_changed() -> None:
    cache.set(TREE_KEY, uuid.uuid4().hex, None)
    _local["token"] = None
