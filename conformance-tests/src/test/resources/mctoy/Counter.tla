---- MODULE Counter ----
\* A toy spec for the model-check driver: x counts up to Max, y follows x, Reset starts over.
EXTENDS Naturals
CONSTANT Max, AllowReset
VARIABLES x, y
vars == <<x, y>>
Init == x = 0 /\ y = 0
IncXGuards == [below |-> x < Max]
IncX == x < Max /\ x' = x + 1 /\ UNCHANGED y
IncYGuards == [behind |-> y < x]
IncY == y < x /\ y' = y + 1 /\ UNCHANGED x
ResetGuards == [allowed |-> AllowReset, full |-> x = Max /\ y = Max]
Reset == AllowReset /\ x = Max /\ y = Max /\ x' = 0 /\ y' = 0
TypeOK == x \in Nat /\ y \in Nat
YBehindX == y <= x
SumSmall == x + y < 5
====
