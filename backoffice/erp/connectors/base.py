"""The one interface every ERP adapter implements. Adding an ERP means writing one subclass."""
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..contract import first_schema_error


@dataclass(frozen=True)
class InboundPackage:
    """A package waiting to be imported: a folder or a .zip readable by erp.package.Package."""

    name: str
    location: Path


class OutboundDocumentInvalid(ValueError):
    """A document we were about to send does not match the contract: a bug on our side."""


class ErpConnector(ABC):
    @abstractmethod
    def fetch_packages(self) -> Iterator[InboundPackage]:
        """Packages ready to import, oldest first."""

    @abstractmethod
    def acknowledge(self, package: InboundPackage, *, imported: bool) -> None:
        """Called after an import: move the package out of the way (archived or failed)."""

    @abstractmethod
    def deliver(self, document: dict, *, name: str) -> str:
        """Hand one outbound document to the ERP; returns a reference (file name, request id...)."""

    def push_document(self, document: dict) -> str:
        """Validate an outbound document (customer order, shipping address) and deliver it."""
        definition = {"customer_order": "outbound_customer_order", "shipping_address": "outbound_shipping_address"}.get(
            document.get("document")
        )
        if definition is None:
            raise OutboundDocumentInvalid(f"unknown document type {document.get('document')!r}")
        error = first_schema_error(definition, document)
        if error:
            raise OutboundDocumentInvalid(error)
        return self.deliver(document, name=f"{document['document']}-{document['platform_id']}")
