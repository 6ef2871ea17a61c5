-- family-has-child: whether parent ARGV[2] already has the child named ARGV[4] in class ARGV[3]
-- (the rule invites-use applies to a parent's repeat), so that the dialog says so when the name is typed.
return jenc({ has = hasChild(ARGV[3], ARGV[2], ARGV[4]) })
