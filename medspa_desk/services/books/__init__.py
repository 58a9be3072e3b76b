"""The books as files: backups and restore, where they live, and the audit trail every change leaves."""
