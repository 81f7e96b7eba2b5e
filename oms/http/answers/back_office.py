"""Back-office records: vendors, salesmen, customers, expenses."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from oms.http.answers.base import Answer, MoneyText, Stamped


class Vendor(Stamped, frozen=True, kw_only=True):
    name: str
    contact: str | None
    email: str | None
    phone: str | None
    address: str | None


class Salesman(Stamped, frozen=True, kw_only=True):
    name: str
    commission_rate: str


class Customer(Stamped, frozen=True, kw_only=True):
    full_name: str
    email: str | None
    phone: str | None
    billing_address: str | None
    delivery_address: str | None
    credit_limit: MoneyText
    balance: MoneyText  # what the customer owes on account (negative: what the shop owes them)
    user_id: UUID | None  # their own login, when they signed up


class Expense(Stamped, frozen=True, kw_only=True):
    category: str
    amount: MoneyText
    date: date
    note: str | None
    vendor_id: UUID | None


class CategoryTotal(Answer, frozen=True):
    category: str
    total: MoneyText
    count: int


class ExpenseTotals(Answer, frozen=True):
    total: MoneyText
    categories: list[CategoryTotal]

