"""`field__in_ids=[1, 2, ...]`: membership in a long list of integer ids as ONE parameter on
PostgreSQL (`= ANY(%s)` with an array) instead of one placeholder per id, which Django and the
driver would each build and parse (thousands of ids per page for materialised search results).
Other databases get a plain IN list."""
from django.db.models import Field, Lookup


@Field.register_lookup
class InIds(Lookup):
    lookup_name = "in_ids"
    prepare_rhs = False

    def get_prep_lookup(self):
        return [int(value) for value in self.rhs]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        ids = self.rhs
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, ids]
        if not ids:
            return "1 = 0", list(lhs_params)
        return f"{lhs} IN ({', '.join(['%s'] * len(ids))})", [*lhs_params, *ids]
