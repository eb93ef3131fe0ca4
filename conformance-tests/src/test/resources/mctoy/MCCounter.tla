---- MODULE MCCounter ----
\* The model of Counter: every action wrapper ends with Fired (as MCJointRaft's do).
EXTENDS Counter, TLC
SpecActions == <<"IncX", "IncY", "Reset">>
ActionRegister(a) == 100 + CHOOSE k \in DOMAIN SpecActions : SpecActions[k] = a
ASSUME \A k \in DOMAIN SpecActions : TLCSet(100 + k, 0)
Fired(a) == IF TLCGet(ActionRegister(a)) = 0
            THEN TLCSet(ActionRegister(a), 1) /\ PrintT(<<"jointraft-fired", a, TLCGet("level")>>)
            ELSE TRUE
MCNext == \/ IncX /\ Fired("IncX")
          \/ IncY /\ Fired("IncY")
          \/ Reset /\ Fired("Reset")
\* witnesses
BothTwo == x = 2 /\ y = 2
XAtMax == x = Max
YAboveX == y > x
====
