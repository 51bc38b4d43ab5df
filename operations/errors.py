"""Errors the operational domain raises, each with a Thai and an English message for people."""

from __future__ import annotations


class OperationsError(Exception):
    """Base class: ``message_th`` first (Thai first), ``message_en`` second."""

    def __init__(self, message_th: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_th = message_th
        self.message_en = message_en

    def bilingual(self) -> str:
        return f"{self.message_th} / {self.message_en}"


class FieldError(OperationsError):
    """One invalid input field."""

    def __init__(self, field: str, message_th: str, message_en: str) -> None:
        super().__init__(message_th, message_en)
        self.field = field


class ValidationFailed(OperationsError):
    """A submission with one or more invalid fields; nothing was stored."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(
            "; ".join(error.message_th for error in errors),
            "; ".join(error.message_en for error in errors),
        )
        self.errors = errors


class PermissionDenied(OperationsError):
    def __init__(self, what_en: str = "this action") -> None:
        super().__init__("ไม่มีสิทธิ์ดำเนินการนี้", f"not allowed: {what_en}")


class TransitionNotAllowed(OperationsError):
    def __init__(self, current: str, target: str) -> None:
        super().__init__(
            f"เปลี่ยนสถานะจาก {current} เป็น {target} ไม่ได้",
            f"cannot change status from {current} to {target}",
        )
        self.current = current
        self.target = target


class NotFound(OperationsError):
    def __init__(self, what_th: str = "ไม่พบข้อมูล", what_en: str = "not found") -> None:
        super().__init__(what_th, what_en)


class RateLimited(OperationsError):
    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(
            f"มีคำขอมากเกินไป กรุณาลองใหม่ในอีก {retry_after_seconds} วินาที",
            f"too many requests, try again in {retry_after_seconds} s",
        )
        self.retry_after_seconds = retry_after_seconds


class AuthenticationFailed(OperationsError):
    def __init__(self) -> None:
        super().__init__("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง", "wrong username or password")


class PasswordChangeRequired(OperationsError):
    def __init__(self) -> None:
        super().__init__(
            "กรุณาเปลี่ยนรหัสผ่านครั้งเดียวก่อนทำรายการอื่น",
            "change your one-time password before anything else",
        )


class SessionEnded(OperationsError):
    """The sign-in is no longer valid: signed out, expired, revoked or the account changed."""

    def __init__(self) -> None:
        super().__init__(
            "การเข้าสู่ระบบสิ้นสุดแล้ว กรุณาเข้าสู่ระบบใหม่",
            "your sign-in has ended, please sign in again",
        )
