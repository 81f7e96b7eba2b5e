"""The aiohttp edge: app factory, middlewares, routes. Handlers parse, call, encode."""
