"""Styringsoverblik's pure model: source contract, domain rules, loader and demo generator."""
