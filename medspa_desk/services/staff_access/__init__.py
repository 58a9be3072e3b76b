"""Who is at the desk: signing in and out, the lockout, a manager's approval on the spot, and the
accounts a manager keeps (services.staff_access.sign_in, .permissions, .accounts)."""
