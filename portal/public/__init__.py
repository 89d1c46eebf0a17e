"""The public referral: anyone may tell the LA about a child they think is not in education, without signing in."""
