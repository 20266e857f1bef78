<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>PendingApprovalsView</name>
    <message numerus="yes">
        <location filename="../ui/approval/PendingApprovalsView.cpp" line="+152"/>
        <source>%n adjustment(s) waiting for a second person&apos;s approval. Select one to approve (it is applied at once) or reject it.</source>
        <translation>
            <numerusform>%n adjustment is waiting for a second person&apos;s approval. Select it to approve it (it is applied at once) or reject it.</numerusform>
            <numerusform>%n adjustments are waiting for a second person&apos;s approval. Select one to approve (it is applied at once) or reject it.</numerusform>
        </translation>
    </message>
</context>
</TS>
