"""The served OpenAPI document describes every route (API.md), with its permission and schemas."""

from tests.support.http import API


async def test_the_openapi_document_lists_every_route_with_its_permission(anon) -> None:
    response = await anon.get(f"{API}/openapi.json")
    document = await response.json()
    assert response.status == 200 and document["openapi"].startswith("3.")
    routes = {(r.method.lower(), r.resource.canonical) for r in anon.app.router.routes() if r.method != "HEAD"}
    described = {(method, path) for path, ops in document["paths"].items() for method in ops}
    assert routes - described == {("get", "/assets/{name}"), ("get", "/{tail}")}  # the web UI, not the API
    assert described < routes
    place = document["paths"]["/api/v1/orders"]["post"]
    assert place["x-permission"] == "orders.place"
    body = place["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/PlaceOrder"}
    order_item = document["components"]["schemas"]["OrderItem"]
    assert order_item["properties"]["quantity"]["minimum"] == 1
    listing = {p["name"] for p in document["paths"]["/api/v1/orders"]["get"]["parameters"]}
    assert {"status", "from", "page", "per_page", "q"} <= listing
    assert "security" not in document["paths"]["/api/v1/auth/login"]["post"]
