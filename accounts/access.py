"""Who reads the audit log (its rows are scoped where every topic is known: the top layer's
tryggportal/audit_log.py)."""

from accounts.models import Role, User


def can_read_audit_log(user: User) -> bool:
    """The audit log (/audit/) is for admins and the development lead only."""
    return user.is_superuser or user.role in {Role.ADMIN, Role.DEVELOPMENT_LEAD}
