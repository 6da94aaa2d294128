"""Evaluasi AKIP's body (views/lke.py): a criterion's card, the follow-ups, the worksheet's upload."""
