"""OMS: order management and point of sale for small shops."""
