"""Sellers: applications, members, listings and consignments.

The blueprint lives in app.sellers.blueprint, not here: catalog.models imports sellers.models,
so loading the views from this file would import the catalog while it is half-built.
"""
