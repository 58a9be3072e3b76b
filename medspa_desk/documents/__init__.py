"""Printed documents (ReportLab): receipts and the end-of-day Z report.

Each takes plain data from a service and returns PDF bytes. Importing any of these modules
imports ReportLab, so the window imports them where it prints, not at start-up (DESIGN: cold
start); services never import them.
"""
