"""Evaluasi AKIP (LKE, PermenPAN-RB 88/2021): the worksheet as data, answers computed from the office's
own figures or given on the page, the score and predikat, follow-up of findings, and the exports."""
