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
\* liveness: fairness over the plain actions (as MCJointRaftLive's), not over the Fired wrappers
FairSpec == Init /\ [][MCNext]_vars /\ WF_vars(IncX \/ IncY \/ Reset)
UnfairSpec == Init /\ [][MCNext]_vars
XReachesMax == <>(x = Max)
YReachesMax == <>(y = Max)
StaysAtMax == <>[](x = Max)
XBelowTwo == [](x < 2)
====
