"""Thai and English labels of the operational pages (``app.i18n`` picks the language)."""

from __future__ import annotations

from app.i18n import lang

LABELS: dict[str, tuple[str, str]] = {
    # report
    "report_title": ("แจ้งปัญหา / ร้องเรียน", "Report a problem"),
    "report_intro": (
        "แจ้งปัญหาในพื้นที่ของท่าน เรื่องจะถูกส่งถึงหน่วยงานที่รับผิดชอบโดยอัตโนมัติ และท่านติดตามผลได้ด้วยรหัสติดตาม",
        "Report a problem where you live: it goes straight to the responsible agency and you "
        "follow it with a tracking code.",
    ),
    "category": ("ประเภทเรื่อง", "Category"),
    "description": ("รายละเอียดปัญหา", "What is the problem?"),
    "description_help": ("ไม่เกิน 5,000 ตัวอักษร", "Up to 5,000 characters"),
    "amphoe": ("อำเภอ", "District (amphoe)"),
    "tambon": ("ตำบล", "Subdistrict (tambon)"),
    "village_no": ("หมู่ที่ (0 = ไม่ระบุ)", "Village no. (0 = not given)"),
    "latitude": ("ละติจูด (ไม่บังคับ)", "Latitude (optional)"),
    "longitude": ("ลองจิจูด (ไม่บังคับ)", "Longitude (optional)"),
    "photo": (
        "รูปภาพ (JPEG/PNG/WebP ไม่เกิน 5 MB, ไม่บังคับ)",
        "Photo (JPEG/PNG/WebP, 5 MB max, optional)",
    ),
    "contact_header": ("ข้อมูลติดต่อ (ไม่บังคับ)", "Contact details (optional)"),
    "contact_name": ("ชื่อ", "Name"),
    "contact_phone": ("เบอร์โทรศัพท์", "Phone"),
    "contact_line_id": ("LINE ID", "LINE ID"),
    "consent": (
        "ข้าพเจ้ารับทราบและยินยอมตามประกาศความเป็นส่วนตัวข้างต้น",
        "I have read and accept the privacy notice above",
    ),
    "privacy_title": ("ประกาศความเป็นส่วนตัว (PDPA)", "Privacy notice (PDPA)"),
    "submit": ("ส่งเรื่อง", "Submit"),
    "bad_number": ("พิกัดต้องเป็นตัวเลข", "coordinates must be numbers"),
    "received_title": ("ได้รับเรื่องของท่านแล้ว", "Your report has been received"),
    "your_code": (
        "รหัสติดตามของท่าน (จดไว้หรือถ่ายภาพหน้าจอ ใช้ติดตามเรื่องและยืนยันผล)",
        "Your tracking code (write it down or take a screenshot: you need it to follow the case)",
    ),
    "routed_to": ("ส่งถึงหน่วยงาน: {agency}", "Sent to: {agency}"),
    "not_routed": (
        "เรื่องจะถูกส่งต่อให้หน่วยงานที่รับผิดชอบโดยเจ้าหน้าที่",
        "An officer will pass the case to the responsible agency",
    ),
    "possible_duplicate": (
        "มีเรื่องคล้ายกันในบริเวณนี้แล้ว เจ้าหน้าที่จะพิจารณารวมเรื่อง",
        "A similar case nearby is already open; officers may merge them",
    ),
    "report_another": ("แจ้งเรื่องใหม่", "Report another problem"),
    # track
    "track_title": ("ติดตามเรื่อง", "Track a case"),
    "track_intro": (
        "กรอกรหัสติดตาม เช่น K7M2-9QXD-F4TA เพื่อดูความคืบหน้า (ไม่แสดงข้อมูลส่วนบุคคล)",
        "Enter your tracking code, e.g. K7M2-9QXD-F4TA, to see progress (no personal data shown)",
    ),
    "code": ("รหัสติดตาม", "Tracking code"),
    "look_up": ("ค้นหา", "Look up"),
    "status": ("สถานะ", "Status"),
    "agency": ("หน่วยงานที่รับผิดชอบ", "Responsible agency"),
    "area": ("พื้นที่", "Area"),
    "received_at": ("วันที่รับเรื่อง", "Received"),
    "resolved_at": ("วันที่แก้ไข", "Resolved"),
    "result": ("ผลการแก้ไข", "Result"),
    "timeline": ("ลำดับเหตุการณ์", "Timeline"),
    "when": ("เวลา", "When"),
    "event": ("เหตุการณ์", "Event"),
    "confirm_fix": ("ยืนยันว่าแก้ไขแล้ว", "Confirm the fix"),
    "reopen": ("ยังไม่ได้รับการแก้ไข ขอเปิดเรื่องใหม่", "Not fixed: reopen the case"),
    "reopen_reason": ("เหตุผล", "Why is it not fixed?"),
    "rate": ("ให้คะแนนการบริการ", "Rate the service"),
    "rating": ("คะแนน", "Rating"),
    "send": ("ส่ง", "Send"),
    "thanks": ("ขอบคุณ บันทึกแล้ว", "Thank you, saved"),
    "export_title": ("ขอสำเนาข้อมูลของฉัน (PDPA)", "Get a copy of my data (PDPA)"),
    "export_contact": (
        "เบอร์โทรศัพท์หรือ LINE ID ที่ให้ไว้ตอนแจ้งเรื่อง",
        "The phone number or LINE ID you gave with the report",
    ),
    "download_json": ("ดาวน์โหลดข้อมูล (JSON)", "Download my data (JSON)"),
    # board
    "board_title": ("กระดานเรื่องร้องเรียนสาธารณะ", "Public case board"),
    "board_intro": (
        "เรื่องที่ประชาชนแจ้งล่าสุดและสถานะ (ไม่แสดงข้อความหรือข้อมูลส่วนบุคคล พิกัดปัดเศษประมาณ 100 เมตร)",
        "Recent reports and their status (no text or personal data; positions rounded to ~100 m)",
    ),
    "all": ("ทั้งหมด", "All"),
    "days": ("ย้อนหลัง (วัน)", "Last (days)"),
    "no_cases": ("ยังไม่มีเรื่องในช่วงนี้", "No cases in this period"),
    "map": ("แผนที่", "Map"),
    "no_map": ("ยังไม่มีขอบเขตพื้นที่ในคลังข้อมูล แสดงเป็นรายการ", "No area boundaries yet: list only"),
    "agency_stats": ("ผลการแก้ไขรายหน่วยงาน", "Resolution by agency"),
    "cases": ("เรื่อง", "Cases"),
    "open_cases": ("ค้างอยู่", "Open"),
    "resolved": ("แก้ไขแล้ว", "Resolved"),
    "within_sla": ("แก้ไขทันกำหนด", "Resolved within SLA"),
    "overdue_open": ("เกินกำหนด (ยังไม่ปิด)", "Overdue, open"),
    "median_days": ("มัธยฐานวันที่ใช้", "Median days"),
    "avg_rating": ("คะแนนเฉลี่ย", "Average rating"),
    # staff
    "login_title": ("เข้าสู่ระบบเจ้าหน้าที่", "Staff sign-in"),
    "username": ("ชื่อผู้ใช้", "Username"),
    "password": ("รหัสผ่าน", "Password"),
    "sign_in": ("เข้าสู่ระบบ", "Sign in"),
    "sign_out": ("ออกจากระบบ", "Sign out"),
    "change_password": ("เปลี่ยนรหัสผ่าน", "Change password"),
    "new_password": ("รหัสผ่านใหม่ (อย่างน้อย 12 ตัว)", "New password (12+ characters)"),
    "change_password_now": (
        "กรุณาเปลี่ยนรหัสผ่านครั้งเดียวที่ได้รับ",
        "Please replace the one-time password you were given",
    ),
    "signed_in_as": ("เข้าสู่ระบบเป็น {user} ({role})", "Signed in as {user} ({role})"),
    "wrong_role": ("หน้านี้สำหรับ{roles}เท่านั้น", "This page is for {roles} only"),
    "your_workspace": ("ไปที่พื้นที่งานของท่าน", "Go to your workspace"),
    "your_workspace_is": (
        "พื้นที่งานของท่านคือหน้า “{page}” ในเมนู",
        "Your workspace is “{page}” in the menu",
    ),
    "account_title": ("บัญชีเจ้าหน้าที่", "Staff account"),
    "account_intro": (
        "เจ้าหน้าที่ ผู้บริหาร และผู้ดูแลระบบ เข้าสู่ระบบที่นี่ (ประชาชนไม่ต้องเข้าสู่ระบบ)",
        "Officers, executives and administrators sign in here (citizens need no account)",
    ),
    "queue_title": ("งานของหน่วยงาน", "My agency's queue"),
    "filter_status": ("สถานะ", "Status"),
    "min_age": ("ค้างอย่างน้อย (วัน)", "Open at least (days)"),
    "queue_empty": ("ไม่มีเรื่องในคิว", "The queue is empty"),
    "choose_case": ("เลือกเรื่อง", "Choose a case"),
    "case": ("เรื่อง #{id}", "Case #{id}"),
    "contact": ("ผู้แจ้ง", "Reporter"),
    "masked_contact": ("ข้อมูลติดต่อถูกปกปิด", "Contact details are masked"),
    "national_id": ("เลขประจำตัวประชาชน", "National ID"),
    "due": ("กำหนดเสร็จ", "Due"),
    "overdue": ("เกินกำหนด", "Overdue"),
    "escalated": ("ส่งผู้บริหารแล้ว", "Escalated"),
    "duplicate_of": ("อาจซ้ำกับเรื่อง #{id}", "Possible duplicate of #{id}"),
    "accept": ("รับเรื่อง", "Accept"),
    "update": ("เพิ่มความคืบหน้า", "Add an update"),
    "message": ("ข้อความ", "Message"),
    "public_update": ("แสดงให้ผู้แจ้งเห็น", "Show to the citizen"),
    "transfer": ("ส่งต่อหน่วยงานอื่น", "Transfer"),
    "to_agency": ("ไปยังหน่วยงาน", "To agency"),
    "reason": ("เหตุผล", "Reason"),
    "resolve": ("ปิดเรื่อง: แก้ไขแล้ว", "Resolve"),
    "resolution_photo": ("รูปผลการแก้ไข (ไม่บังคับ)", "Photo of the result (optional)"),
    "merge": ("รวมเป็นเรื่องซ้ำ", "Merge as duplicate"),
    "merge_into": ("เรื่องหลัก #", "Main case #"),
    "reject": ("ไม่รับเรื่อง", "Reject"),
    "done": ("บันทึกแล้ว", "Saved"),
    "escalations_title": ("พื้นที่งานผู้บริหาร", "Executive workspace"),
    "escalations_empty": (
        "ไม่มีเรื่องที่แจ้งผ่านแอปนี้เกินกำหนดในขณะนี้",
        "No case reported in this app is overdue now",
    ),
    "overdue_cases": ("เรื่องเกินกำหนดที่แจ้งผ่านแอปนี้", "Overdue cases reported in this app"),
    "overdue_scope_store": (
        "นับเฉพาะเรื่องที่ประชาชนแจ้งผ่านแอปนี้ (ระบบรับเรื่อง) ณ ขณะนี้ · {rule} · เรื่องจากช่องทางอื่น "
        "(Traffy Fondue, 1567, ศูนย์ดำรงธรรม) อยู่ในหน้าติดตามเรื่องร้องเรียน ซึ่งนับ ณ วันที่อ้างอิงของคลังข้อมูล",
        "Counts only cases citizens reported in this app (the operational store), as of now · "
        "{rule} · complaints from other channels (Traffy Fondue, 1567, Damrongdhama) are on the "
        "complaints monitor, counted at the warehouse's as-of date",
    ),
    "assign": ("มอบหมาย", "Assign"),
    "officer": ("เจ้าหน้าที่ (ไม่บังคับ)", "Officer (optional)"),
    "nobody": ("-", "-"),
    "comment": ("ความเห็นภายใน", "Internal comment"),
    "admin_title": ("ผู้ใช้ หน่วยงาน การส่งต่อ และ SLA", "Users, agencies, routing and SLAs"),
    "users": ("ผู้ใช้", "Users"),
    "agencies": ("หน่วยงาน", "Agencies"),
    "routing": ("การส่งต่อเรื่อง", "Routing"),
    "sla": ("SLA (วัน)", "SLA (days)"),
    "create_user": ("สร้างผู้ใช้", "Create a user"),
    "role": ("บทบาท", "Role"),
    "display_name": ("ชื่อที่แสดง", "Display name"),
    "one_time_password": (
        "รหัสผ่านครั้งเดียวของ {user} (แสดงครั้งเดียว): ",
        "One-time password of {user} (shown once): ",
    ),
    "user": ("ผู้ใช้", "User"),
    "activate": ("เปิดใช้", "Activate"),
    "deactivate": ("ปิดใช้", "Deactivate"),
    "reset_password": ("ตั้งรหัสผ่านใหม่", "Reset password"),
    "agency_code": ("รหัสหน่วยงาน", "Agency code"),
    "name_th": ("ชื่อไทย", "Thai name"),
    "name_en": ("ชื่ออังกฤษ", "English name"),
    "kind": ("ประเภท", "Kind"),
    "save": ("บันทึก", "Save"),
    "any": ("* (ทุกอำเภอ)", "* (any district)"),
}


def tr(key: str, **values: object) -> str:
    th, en = LABELS.get(key, (key, key))
    text = en if lang() == "en" else th
    return text.format(**values) if values else text


def bilingual_pick(th: str, en: str) -> str:
    return en if lang() == "en" else th
