"""A fake ERP for the hand-off tests: speaks the real wire format (ErpConnector.push_document
validates every document against the contract schema) and can be switched "down"."""
from backoffice.erp.connectors.base import ErpConnector


class FakeErp(ErpConnector):
    """State lives on the class: the code under test builds its own instance via get_connector()."""

    documents: list[dict] = []
    files: list[tuple[str, bytes]] = []
    down: bool = False
    calls: int = 0

    @classmethod
    def reset(cls):
        cls.documents, cls.files, cls.down, cls.calls = [], [], False, 0

    def fetch_packages(self):
        return iter(())

    def acknowledge(self, package, *, imported):
        return None

    def _fail_if_down(self):
        type(self).calls += 1
        if type(self).down:
            raise ConnectionError("ERP unreachable (connection refused)")

    def deliver(self, document, *, name):
        self._fail_if_down()
        type(self).documents.append(document)
        return f"fake-{len(type(self).documents)}"

    def deliver_file(self, data, *, name, suffix):
        self._fail_if_down()
        type(self).files.append((name + suffix, data))
        return name + suffix
