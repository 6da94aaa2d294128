"""Session-state and query-parameter keys, declared in one place.

Keys bound to query parameters (``bind="query-params"``) are the URL's words: a shared link
reproduces the view, so these names are part of the links people send.
"""

YEAR = "tahun"  # query parameter
QUARTER = "tw"  # query parameter
PERIOD = "periode"  # (year, quarter) the period pages show in this session, kept across pages and reruns
PLAN_YEAR = "rencana_tahun"
PLAN_EDITOR = "rencana_editor"
UNIT_EDITOR = "unit_editor"
PROGRAMME_EDITOR = "program_editor"
PLAN_UPLOAD = "rencana_unggah"
PLAN_TAB = "rencana_tab"
FLASH = "pesan"  # a message to show once after a rerun
CONFIRM_REMOVE_DEMO = "konfirmasi_hapus_demo_aktif"
UPLOAD_YEAR = "unggah_tahun"
UPLOAD_QUARTER = "unggah_tw"
UPLOAD_PERIOD = "unggah_periode"  # (year, quarter) Unggah Data shows: a save or a submission does not move it
UPLOAD_UNIT = "unggah_unit"
UPLOAD_FILES = "unggah_berkas"
TEMPLATE_UNIT = "templat_unit"
SAVED_FILES = "berkas_tersimpan"  # sha256 → summary of the files saved in this session
UNIT = "unit"  # query parameter: the dashboard's unit filter
GOAL = "sasaran"  # query parameter: a sasaran's code
KEY_ONLY = "iku"  # query parameter: IKU only
INDICATOR = "indikator"  # query parameter: the indicator in detail
TREE_NODE = "cabang"  # query parameter: the pohon kinerja's node opened (its branch drawn; older links' word)
TREE_PDF = "pohon_pdf"  # the pohon kinerja's PDF made in this session, with what it shows
DASHBOARD_BRANCH = "cabang_pohon"  # query parameter: the dashboard's pohon kinerja branch filter
MEETING = "rapat"  # query parameter: meeting mode (large charts, no controls)
SIGNED_OUT = "sudah_keluar"  # signed out: the demo's automatic admin stays away
DEMO_AUTO = "demo_otomatis"  # signed in automatically as the demo admin
SIGN_IN_MESSAGE = "pesan_masuk"  # why the session ended, for the sign-in page
SHARE_TOKEN = "tautan"  # query parameter: a read-only share link's token
REVIEW_UNIT = "verifikasi_unit"
NEW_LINK = "tautan_baru_dibuat"  # the read-only link just made, shown once
SESSION_TOKEN = "token_sesi"  # this session's sign-in (see ui.auth)
PENDING_COOKIE = "kue_tertunda"  # the cookie to hand the browser on the next run
MEETING_SCREEN = "rapat_layar"  # meeting mode: the screen shown (0 = the summary)
MEETING_AUTO = "rapat_otomatis"  # meeting mode: advancing on its own
MEETING_RECORDED = "rapat_dicatat"  # meeting mode: the links (views) already kept as meetings this session
MEETING_SHOWN_AT = "rapat_sejak"  # meeting mode: when the screen shown was opened (time.monotonic)
RISK_OPENED = "berisiko_dibuka"  # the at-risk indicator whose explanation is open (from the risk line)
SHOW_ALL = "lihat_semua_"  # + a chart's key: the whole list drawn, not only the lowest and highest
ORDER = "urutan_"  # + a chart's key: the whole list by score or in code order
