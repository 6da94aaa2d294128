"""What leaders read: dashboard figures and charts, the quarterly report and the LKjIP in Word and
Excel, their narrative, the office's template, PDF and the period archive."""
