"""Parents' written notice of elective home education: given without signing in, sent to the school and the LA."""
