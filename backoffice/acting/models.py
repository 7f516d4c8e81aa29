"""R01: sales reps acting as customers, and the audit log of every acting session."""
