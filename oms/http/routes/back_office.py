"""/vendors, /salesmen, /customers, /expenses: the back office's records (`record_routes`),
payments on a customer's account, and expense totals."""

from __future__ import annotations

from aiohttp import web

from commands.bus import Written
from commands.customers import (
    CreateCustomer,
    TakeAccountPayment,
    UpdateCustomer,
    create_customer,
    forget_customer,
    take_account_payment,
)
from commands.expenses import CreateExpense, UpdateExpense, create_expense, update_expense
from commands.salesmen import CreateSalesman, UpdateSalesman, create_salesman
from commands.vendors import CreateVendor, UpdateVendor, create_vendor
from oms.auth import refresh
from oms.domain.customer import Customer
from oms.domain.expense import Expense
from oms.domain.salesman import Salesman
from oms.domain.vendor import Vendor
from oms.http import answers
from oms.http.codec import ok, query, read, uuid_param
from oms.http.keys import BUS, POOL, PRINCIPALS
from oms.http.openapi import schema
from oms.http.permissions import actor_of, requires
from oms.http.reading import caught_up
from oms.http.records import Area
from oms.http.render import answer
from oms.personal import erase
from queries.back_office import CONTACT, CustomerFilter, ExpenseFilter, RecordFilter, expense_totals

CUSTOMERS = Area("customers", Customer, answers.Customer, CustomerFilter, CreateCustomer, create_customer,
                 UpdateCustomer, read="customers.read", write="customers.write", private=CONTACT,
                 private_to="customers.contact")
AREAS = (
    Area("vendors", Vendor, answers.Vendor, RecordFilter, CreateVendor, create_vendor, UpdateVendor,
         read="vendors.read", write="vendors.write"),
    Area("salesmen", Salesman, answers.Salesman, RecordFilter, CreateSalesman, create_salesman, UpdateSalesman,
         read="salesmen.read", write="salesmen.write"),
    CUSTOMERS,
    Area("expenses", Expense, answers.Expense, ExpenseFilter, CreateExpense, create_expense, UpdateExpense,
         read="expenses.read", write="expenses.write", edit=update_expense),
)
routes = web.RouteTableDef()


@routes.post("/api/v1/customers/{id}/payments")
@requires("customers.write")
@schema(body=TakeAccountPayment, answer=answers.Customer, status=201)
async def pay_account(request: web.Request) -> web.Response:
    """Take a payment on a customer's account (it lowers what they owe)"""
    customer_id, cmd = uuid_param(request), await read(request, TakeAccountPayment)
    result = await request.app[BUS].run(take_account_payment, actor_of(request), customer_id, cmd)
    return answer(result, lambda r: CUSTOMERS.shown(request, r), status=201)


@routes.post("/api/v1/customers/{id}/forget")
@requires("customers.forget")
@schema(answer=answers.Customer)
async def forget(request: web.Request) -> web.Response:
    """Forget a customer at their request: their name, contact details and addresses (and
    those of the user they signed up as, whose account closes) are erased for good; what they
    bought and paid stays in every total. Refused while their account owes anything"""
    result = await request.app[BUS].run(forget_customer, actor_of(request), uuid_param(request))
    customer, people = result.value[0], [person.id for person in result.value]
    await erase(request.app[POOL], people)
    for user_id in people[1:]:
        await refresh.revoke_user(request.app[POOL], user_id, "forgotten")
        request.app[PRINCIPALS].forget(user_id)
    return answer(Written(customer, result.position, result.events), lambda r: CUSTOMERS.shown(request, r))


@routes.get("/api/v1/expense-totals")
@requires("expenses.read")
@schema(query=ExpenseFilter, answer=answers.ExpenseTotals)
async def totals(request: web.Request) -> web.Response:
    """Expenses totalled, and per category, for the same filters as the list"""
    f = query(request, ExpenseFilter)
    await caught_up(request, f.min_position)
    return ok(await expense_totals(request.app[POOL], f))
