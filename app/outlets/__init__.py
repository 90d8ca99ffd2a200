"""Outlets: the union's sales-outlet shops, their staff and delivery areas, the stock ledger and routing."""
