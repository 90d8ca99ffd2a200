"""The ground floor: plumbing every domain may use; it imports none of them."""
