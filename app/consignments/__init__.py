"""Consignments: goods a seller sends to an outlet or takes back, confirmed by outlet staff."""
