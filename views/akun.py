import streamlit as st

from kinerja.access.accounts import AccountError, NewAccount, accounts, add_account, set_active, set_password
from kinerja.access.roles import ROLE_WORD, Action, Role
from kinerja.planning.stored import unit_codes
from ui.period import open_page
from ui.resources import flash
from ui.tables import show_table

page = open_page(
    Action.ACCOUNTS,
    "Akun",
    "Peran: admin/perencana, operator unit (data unitnya), peninjau (memverifikasi unit di bawahnya), pimpinan.",
    period=False,
)
store = page.store
table = accounts(store)
show_table(
    table.assign(role=table["role"].map(lambda r: ROLE_WORD[Role(r)])).rename(
        columns={
            "name": "Nama akun",
            "display_name": "Nama lengkap",
            "role": "Peran",
            "unit_code": "Unit",
            "email": "E-mail",
            "active": "Aktif",
            "failed_count": "Gagal masuk",
            "created_at": "Dibuat",
            "demo": "Demo",
        }
    ),
    hide_index=True,
    width="stretch",
)
units = unit_codes(store)
with st.form("akun_baru", clear_on_submit=True):
    st.subheader("Tambah akun")
    left, right = st.columns(2)
    name = left.text_input("Nama akun", placeholder="mis. operator.kesmas")
    display = right.text_input("Nama lengkap dan jabatan")
    role = left.selectbox("Peran", list(Role), format_func=lambda r: ROLE_WORD[r])
    unit = right.selectbox("Unit (operator dan peninjau)", [None, *units], format_func=lambda u: u or "–")
    email = left.text_input("E-mail (untuk masuk lewat OpenID Connect, opsional)")
    password = right.text_input("Kata sandi awal (minimal 8 karakter)", type="password")
    if st.form_submit_button("Tambah akun", type="primary", icon=":material/person_add:"):
        try:
            add_account(store, NewAccount(name, role, password or None, unit, display, email or None))
            flash(f"Akun {name.strip().lower()} dibuat.")
            st.rerun()
        except (AccountError, PermissionError) as exc:
            st.error(str(exc))
st.subheader("Ubah akun")
chosen = st.selectbox("Akun", list(table["name"]), index=None, placeholder="Pilih akun")
if chosen:
    active = bool(table.set_index("name").loc[chosen, "active"])
    left, right = st.columns(2)
    new_password = left.text_input("Kata sandi baru", type="password", key="sandi_baru")
    if left.button("Ganti kata sandi", icon=":material/key:"):
        try:
            set_password(store, chosen, new_password)
            flash(f"Kata sandi {chosen} diganti.")
            st.rerun()
        except (AccountError, PermissionError) as exc:
            left.error(str(exc))
    if right.button("Nonaktifkan" if active else "Aktifkan lagi", icon=":material/person_off:"):
        try:
            set_active(store, chosen, not active)
            flash(f"Akun {chosen} {'dinonaktifkan' if active else 'diaktifkan lagi'}.")
            st.rerun()
        except (AccountError, PermissionError) as exc:
            right.error(str(exc))
