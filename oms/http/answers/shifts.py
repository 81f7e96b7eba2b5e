"""Shifts and registers: the X/Z report and the drawer's cash movements."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from oms.http.answers.base import Answer, ChainHead, MoneyText


class ShiftReport(Answer, frozen=True):
    kind: Literal["X", "Z"]
    sales_count: int
    sales_total: MoneyText
    tax: MoneyText
    discounts: MoneyText
    sales_by_tender: dict[str, MoneyText]
    refunds_count: int
    refunds_total: MoneyText
    refunds_by_tender: dict[str, MoneyText]
    cash_in: MoneyText
    cash_out: MoneyText
    opening_float: MoneyText
    expected_cash: MoneyText
    counted_cash: MoneyText | None
    variance: MoneyText | None


class CashMovement(Answer, frozen=True):
    kind: Literal["in", "out"]
    amount: MoneyText
    reason: str
    actor: str


class Shift(Answer, frozen=True):
    id: UUID
    register: str
    cashier: str
    status: Literal["open", "closed"]
    opening_float: MoneyText
    version: int
    opened_at: datetime
    updated_at: datetime
    report: ShiftReport | None = None
    movements: list[CashMovement] | None = None
    cashier_name: str | None = None  # shown by name where it is known
    sales_count: int | None = None
    sales_total: MoneyText | None = None
    refunds_total: MoneyText | None = None
    counted_cash: MoneyText | None = None
    closed_at: datetime | None = None
    chain: ChainHead | None = None  # closing: the audit chain's head then (the Z report prints it)
    position: int | None = None


class Register(Answer, frozen=True):
    name: str
    invoice_series: str | None
    shift_id: UUID | None
    version: int
    position: int | None = None

