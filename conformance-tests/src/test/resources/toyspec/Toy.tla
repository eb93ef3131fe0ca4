---- MODULE Toy ----
\* A tiny spec for testing the TLC driver: x counts up to Max, y follows x.
EXTENDS Naturals, Sequences, TLC
CONSTANT Max
VARIABLES x, y, hist
vars == <<x, y, hist>>
ASSUME Max \in Nat
Init == x = 0 /\ y = 0 /\ hist = <<>>
IncX == x < Max /\ x' = x + 1 /\ hist' = Append(hist, [a |-> "x", v |-> x + 1]) /\ UNCHANGED y
IncY == y < x /\ y' = y + 1 /\ UNCHANGED <<x, hist>>
Next == IncX \/ IncY
TypeOK == x \in Nat /\ y \in Nat
YBehindX == y <= x
Small == x + y < 5
Positive == x > 0
====
