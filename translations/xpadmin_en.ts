<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ActionText</name>
    <message numerus="yes">
        <location filename="../ui/actions/ActionText.cpp" line="+23"/>
        <source>%Ln transaction(s)</source>
        <translation>
            <numerusform>%Ln transaction</numerusform>
            <numerusform>%Ln transactions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AdjustDialog</name>
    <message numerus="yes">
        <location filename="../ui/actions/AdjustDialog.cpp" line="+393"/>
        <source>%Ln transaction(s)</source>
        <translation>
            <numerusform>%Ln transaction</numerusform>
            <numerusform>%Ln transactions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AlertBar</name>
    <message numerus="yes">
        <location filename="../ui/alerts/AlertBar.cpp" line="+54"/>
        <source>%n new alert(s). Latest: %1</source>
        <translation>
            <numerusform>%n new alert. Latest: %1</numerusform>
            <numerusform>%n new alerts. Latest: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditCommands</name>
    <message numerus="yes">
        <location filename="../app/cli/AuditCommands.cpp" line="+205"/>
        <source>Writing the report: %1 of %n event(s)</source>
        <translation>
            <numerusform>Writing the report: %1 of %n event</numerusform>
            <numerusform>Writing the report: %1 of %n events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditCsvExport</name>
    <message numerus="yes">
        <location filename="../core/audit/AuditCsvExport.cpp" line="+61"/>
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditLogActions</name>
    <message numerus="yes">
        <location filename="../ui/audit/AuditLogActions.cpp" line="+149"/>
        <source>Set the cached total(s) of %Ln user(s) to the sum(s) of their transactions?</source>
        <translation>
            <numerusform>Set the cached total of %Ln user to the sum of their transactions?</numerusform>
            <numerusform>Set the cached totals of %Ln users to the sums of their transactions?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditLogView</name>
    <message numerus="yes">
        <location filename="../ui/audit/AuditLogView.cpp" line="+307"/>
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln event</numerusform>
            <numerusform>%Ln events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln event(s) match the filter; %1 loaded</source>
        <translation>
            <numerusform>%Ln event matches the filter; %1 loaded</numerusform>
            <numerusform>%Ln events match the filter; %1 loaded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>Copied %Ln event(s)</source>
        <translation>
            <numerusform>Copied %Ln event</numerusform>
            <numerusform>Copied %Ln events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaptureCommands</name>
    <message numerus="yes">
        <location filename="../app/cli/CaptureCommands.cpp" line="+187"/>
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>built %1; %n event(s) of the log not folded in yet (a chart adds them)</source>
        <translation>
            <numerusform>built %1; %n event of the log not folded in yet (a chart adds it)</numerusform>
            <numerusform>built %1; %n events of the log not folded in yet (a chart adds them)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChartText</name>
    <message numerus="yes">
        <location filename="../ui/charts/ChartText.cpp" line="+41"/>
        <source>%Ln transaction(s)</source>
        <translation>
            <numerusform>%Ln transaction</numerusform>
            <numerusform>%Ln transactions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ControlsDocument</name>
    <message numerus="yes">
        <location filename="../core/controls/ControlsDocument.cpp" line="+181"/>
        <location line="+2"/>
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-1"/>
        <source>%n period(s)</source>
        <translation>
            <numerusform>%n period</numerusform>
            <numerusform>%n periods</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeleteSourceDialog</name>
    <message numerus="yes">
        <location filename="../ui/actions/DeleteSourceDialog.cpp" line="+237"/>
        <source>After this, %Ln user(s) have a negative total (in red above). That is allowed, but check that it is what you mean.</source>
        <translation>
            <numerusform>After this, %Ln user has a negative total (in red above). That is allowed, but check that it is what you mean.</numerusform>
            <numerusform>After this, %Ln users have a negative total (in red above). That is allowed, but check that it is what you mean.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DemoCommand</name>
    <message numerus="yes">
        <location filename="../app/cli/DemoCommand.cpp" line="+83"/>
        <source>Demo data: %1/%n transaction(s), %2 rows/s</source>
        <translation>
            <numerusform>Demo data: %1/%n transaction, %2 rows/s</numerusform>
            <numerusform>Demo data: %1/%n transactions, %2 rows/s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryCsvExport</name>
    <message numerus="yes">
        <location filename="../core/history/HistoryCsvExport.cpp" line="+56"/>
        <source>%n transaction(s)</source>
        <translation>
            <numerusform>%n transaction</numerusform>
            <numerusform>%n transactions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message numerus="yes">
        <location filename="../ui/history/HistoryView.cpp" line="+262"/>
        <source>Copied %n ID(s)</source>
        <translation>
            <numerusform>Copied %n ID</numerusform>
            <numerusform>Copied %n IDs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+62"/>
        <source>Copied %Ln transaction(s)</source>
        <translation>
            <numerusform>Copied %Ln transaction</numerusform>
            <numerusform>Copied %Ln transactions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>Writing %1: %2 of %Ln transaction(s)</source>
        <translation>
            <numerusform>Writing %1: %2 of %Ln transaction</numerusform>
            <numerusform>Writing %1: %2 of %Ln transactions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>Exported %Ln transaction(s) to %1.</source>
        <translation>
            <numerusform>Exported %Ln transaction to %1.</numerusform>
            <numerusform>Exported %Ln transactions to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>Showing %Ln transaction(s) (counting…)</source>
        <translation>
            <numerusform>Showing %Ln transaction (counting…)</numerusform>
            <numerusform>Showing %Ln transactions (counting…)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Showing %1 of %Ln transaction(s)</source>
        <translation>
            <numerusform>Showing %1 of %Ln transaction</numerusform>
            <numerusform>Showing %1 of %Ln transactions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source> · %Ln selected (%1 XP)</source>
        <translation>
            <numerusform> · %Ln selected (%1 XP)</numerusform>
            <numerusform> · %Ln selected (%1 XP)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportCommands</name>
    <message numerus="yes">
        <location filename="../app/cli/ImportCommands.cpp" line="+171"/>
        <source>… and %n more users (--json lists up to %1)</source>
        <translation>
            <numerusform>… and %n more user (--json lists up to %1)</numerusform>
            <numerusform>… and %n more users (--json lists up to %1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>… and %n more held (--json lists up to %1)</source>
        <translation>
            <numerusform>… and %n more held (--json lists up to %1)</numerusform>
            <numerusform>… and %n more held (--json lists up to %1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>… and %n more problems</source>
        <translation>
            <numerusform>… and %n more problem</numerusform>
            <numerusform>… and %n more problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n problem(s) in %1; nothing was changed</source>
        <translation>
            <numerusform>%n problem in %1; nothing was changed</numerusform>
            <numerusform>%n problems in %1; nothing was changed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportPreviewPage</name>
    <message numerus="yes">
        <location filename="../ui/import/ImportPreviewPage.cpp" line="+137"/>
        <source>The first %Ln rows of %1, fields separated by: %2 (line numbers at the left)</source>
        <translation>
            <numerusform>The first %Ln row of %1, fields separated by: %2 (line numbers at the left)</numerusform>
            <numerusform>The first %Ln rows of %1, fields separated by: %2 (line numbers at the left)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>All %Ln row(s) of %1, fields separated by: %2 (line numbers at the left)</source>
        <translation>
            <numerusform>The %Ln row of %1, fields separated by: %2 (line number at the left)</numerusform>
            <numerusform>All %Ln rows of %1, fields separated by: %2 (line numbers at the left)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+47"/>
        <source>%Ln problem(s)</source>
        <translation>
            <numerusform>%Ln problem</numerusform>
            <numerusform>%Ln problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%Ln row(s) checked against the database: no problems. Press Next for what the import would do.</source>
        <translation>
            <numerusform>%Ln row checked against the database: no problems. Press Next for what the import would do.</numerusform>
            <numerusform>%Ln rows checked against the database: no problems. Press Next for what the import would do.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportSummaryPage</name>
    <message numerus="yes">
        <location filename="../ui/import/ImportSummaryPage.cpp" line="+215"/>
        <source>%Ln problem(s)</source>
        <translation>
            <numerusform>%Ln problem</numerusform>
            <numerusform>%Ln problems</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LiveIndicator</name>
    <message numerus="yes">
        <location filename="../ui/main/LiveIndicator.cpp" line="+48"/>
        <source>Checking every %n s</source>
        <translation>
            <numerusform>Checking every %n s</numerusform>
            <numerusform>Checking every %n s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NewRowsBar</name>
    <message numerus="yes">
        <location filename="../ui/history/NewRowsBar.cpp" line="+37"/>
        <source>%Ln new transaction(s)</source>
        <translation>
            <numerusform>%Ln new transaction</numerusform>
            <numerusform>%Ln new transactions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln removed since (struck through)</source>
        <translation>
            <numerusform>%Ln removed since (struck through)</numerusform>
            <numerusform>%Ln removed since (struck through)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PendingApprovalsView</name>
    <message numerus="yes">
        <location filename="../ui/approval/PendingApprovalsView.cpp" line="+172"/>
        <source>%n adjustment(s) waiting for a second person&apos;s approval. Select one to approve (it is applied at once) or reject it.</source>
        <translation>
            <numerusform>%n adjustment is waiting for a second person&apos;s approval. Select it to approve it (it is applied at once) or reject it.</numerusform>
            <numerusform>%n adjustments are waiting for a second person&apos;s approval. Select one to approve (it is applied at once) or reject it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PeriodCheck</name>
    <message numerus="yes">
        <location filename="../core/periods/PeriodCheck.cpp" line="+88"/>
        <source>the rows up to %1 of %n user(s) no longer add up to the totals kept when the ledger was closed (the first: %2): a change was made in the closed period outside XP Admin</source>
        <translation>
            <numerusform>the rows up to %1 of %n user no longer add up to the totals kept when the ledger was closed (the first: %2): a change was made in the closed period outside XP Admin</numerusform>
            <numerusform>the rows up to %1 of %n users no longer add up to the totals kept when the ledger was closed (the first: %2): a change was made in the closed period outside XP Admin</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message numerus="yes">
        <location filename="../ui/periods/PeriodDialog.cpp" line="+154"/>
        <source>the totals of %n user(s), %1 XP in all, as the ledger stands at the end of %2</source>
        <translation>
            <numerusform>the totals of %n user, %1 XP in all, as the ledger stands at the end of %2</numerusform>
            <numerusform>the totals of %n users, %1 XP in all, as the ledger stands at the end of %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+44"/>
        <source>Closed up to %1: the totals of %n user(s) kept, %2 XP in all</source>
        <translation>
            <numerusform>Closed up to %1: the totals of %n user kept, %2 XP in all</numerusform>
            <numerusform>Closed up to %1: the totals of %n users kept, %2 XP in all</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueryCommands</name>
    <message numerus="yes">
        <location filename="../app/cli/QueryCommands.cpp" line="+242"/>
        <source>Writing %1: %2 of %n transaction(s)</source>
        <translation>
            <numerusform>Writing %1: %2 of %n transaction</numerusform>
            <numerusform>Writing %1: %2 of %n transactions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>Wrote %n transaction(s) to %1</source>
        <translation>
            <numerusform>Wrote %n transaction to %1</numerusform>
            <numerusform>Wrote %n transactions to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message numerus="yes">
        <location filename="../ui/actions/RestoreDialog.cpp" line="+222"/>
        <source>%n of the selected transactions were restored by someone else meanwhile. The list has been read again: select again.</source>
        <translation>
            <numerusform>%n of the selected transactions was restored by someone else meanwhile. The list has been read again: select again.</numerusform>
            <numerusform>%n of the selected transactions were restored by someone else meanwhile. The list has been read again: select again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>The audit log&apos;s record of %n of the selected transactions cannot be read, so they cannot be restored. Leave them out.</source>
        <translation>
            <numerusform>The audit log&apos;s record of %n of the selected transactions cannot be read, so it cannot be restored. Leave it out.</numerusform>
            <numerusform>The audit log&apos;s records of %n of the selected transactions cannot be read, so they cannot be restored. Leave them out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n user(s) of the selection are no longer in the ledger (%1), so their transactions cannot be restored. Leave them out.</source>
        <translation>
            <numerusform>%n user of the selection is no longer in the ledger (%1), so their transactions cannot be restored. Leave them out.</numerusform>
            <numerusform>%n users of the selection are no longer in the ledger (%1), so their transactions cannot be restored. Leave them out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+28"/>
        <source>After this, %n user(s) have a negative total (in red below). That is allowed, but check that it is what you mean.</source>
        <translation>
            <numerusform>After this, %n user has a negative total (in red below). That is allowed, but check that it is what you mean.</numerusform>
            <numerusform>After this, %n users have a negative total (in red below). That is allowed, but check that it is what you mean.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RollbackDialog</name>
    <message numerus="yes">
        <location filename="../ui/actions/RollbackDialog.cpp" line="+123"/>
        <source>%n of these transactions are no longer in the ledger: someone rolled them back already. Close this dialog, refresh the history and select again.</source>
        <translation>
            <numerusform>%n of these transactions is no longer in the ledger: someone rolled it back already. Close this dialog, refresh the history and select again.</numerusform>
            <numerusform>%n of these transactions are no longer in the ledger: someone rolled them back already. Close this dialog, refresh the history and select again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>After this, %Ln user(s) have a negative total (in red above). That is allowed, but check that it is what you mean.</source>
        <translation>
            <numerusform>After this, %Ln user has a negative total (in red above). That is allowed, but check that it is what you mean.</numerusform>
            <numerusform>After this, %Ln users have a negative total (in red above). That is allowed, but check that it is what you mean.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RowFindingsList</name>
    <message numerus="yes">
        <location filename="../ui/audit/RowFindingsList.cpp" line="+68"/>
        <source>%Ln transaction(s) match the audit log.</source>
        <translation>
            <numerusform>%Ln transaction matches the audit log.</numerusform>
            <numerusform>%Ln transactions match the audit log.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%Ln difference(s) from the audit log:</source>
        <translation>
            <numerusform>%Ln difference from the audit log:</numerusform>
            <numerusform>%Ln differences from the audit log:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>Not provable: %Ln transaction(s) the audit log never saw, created %1 to %2 (the web app&apos;s own, demo data, or from before XP Admin).</source>
        <translation>
            <numerusform>Not provable: %Ln transaction the audit log never saw, created %1 to %2 (the web app&apos;s own, demo data, or from before XP Admin).</numerusform>
            <numerusform>Not provable: %Ln transactions the audit log never saw, created %1 to %2 (the web app&apos;s own, demo data, or from before XP Admin).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StandbyIndicator</name>
    <message numerus="yes">
        <location filename="../ui/main/StandbyIndicator.cpp" line="+26"/>
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatementCommands</name>
    <message numerus="yes">
        <location filename="../app/cli/StatementCommands.cpp" line="+213"/>
        <source>Audit chain: the %n event(s) in between are intact.</source>
        <translation>
            <numerusform>Audit chain: the %n event in between is intact.</numerusform>
            <numerusform>Audit chain: the %n events in between are intact.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatementDocument</name>
    <message numerus="yes">
        <location filename="../core/statement/StatementDocument.cpp" line="+212"/>
        <source>%n change(s) were made by the app itself and are shown by the date of their transaction.</source>
        <translation>
            <numerusform>%n change was made by the app itself and is shown by the date of its transaction.</numerusform>
            <numerusform>%n changes were made by the app itself and are shown by the date of their transaction.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatementHeader</name>
    <message numerus="yes">
        <location filename="../ui/statement/StatementHeader.cpp" line="+93"/>
        <source>%n change(s) were written by the web app outside XP Admin, placed by their creation time.</source>
        <translation>
            <numerusform>%n change was written by the web app outside XP Admin, placed by its creation time.</numerusform>
            <numerusform>%n changes were written by the web app outside XP Admin, placed by their creation time.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatementText</name>
    <message numerus="yes">
        <location filename="../app/cli/StatementText.cpp" line="+135"/>
        <source>%n change(s) were written by the web app outside XP Admin, placed by their creation time.</source>
        <translation>
            <numerusform>%n change was written by the web app outside XP Admin, placed by its creation time.</numerusform>
            <numerusform>%n changes were written by the web app outside XP Admin, placed by their creation time.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UserCommands</name>
    <message numerus="yes">
        <location filename="../app/cli/UserCommands.cpp" line="+237"/>
        <source>Only the first %n users are shown; narrow the search or raise --limit.</source>
        <translation>
            <numerusform>Only the first %n user is shown; narrow the search or raise --limit.</numerusform>
            <numerusform>Only the first %n users are shown; narrow the search or raise --limit.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UsersPane</name>
    <message numerus="yes">
        <location filename="../ui/users/UsersPane.cpp" line="+288"/>
        <source>%Ln user(s)</source>
        <translation>
            <numerusform>%Ln user</numerusform>
            <numerusform>%Ln users</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln user(s) found</source>
        <translation>
            <numerusform>%Ln user found</numerusform>
            <numerusform>%Ln users found</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VerifyCommand</name>
    <message numerus="yes">
        <location filename="../app/cli/VerifyCommand.cpp" line="+135"/>
        <source>%n event(s) sealed into the audit log first</source>
        <translation>
            <numerusform>%n event sealed into the audit log first</numerusform>
            <numerusform>%n events sealed into the audit log first</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%n transaction(s) match the audit log</source>
        <translation>
            <numerusform>%n transaction matches the audit log</numerusform>
            <numerusform>%n transactions match the audit log</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n difference(s) from the audit log</source>
        <translation>
            <numerusform>%n difference from the audit log</numerusform>
            <numerusform>%n differences from the audit log</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n transaction(s) match it</source>
        <translation>
            <numerusform>%n transaction matches it</numerusform>
            <numerusform>%n transactions match it</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>and %n more (--json lists them all)</source>
        <translation>
            <numerusform>and %n more (--json lists them all)</numerusform>
            <numerusform>and %n more (--json lists them all)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%n transaction(s) the audit log never saw, created %1 to %2 (the web app&apos;s own, demo data, or from before XP Admin)</source>
        <translation>
            <numerusform>%n transaction the audit log never saw, created %1 to %2 (the web app&apos;s own, demo data, or from before XP Admin)</numerusform>
            <numerusform>%n transactions the audit log never saw, created %1 to %2 (the web app&apos;s own, demo data, or from before XP Admin)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+76"/>
        <source>Verifying: %n audit event(s) checked</source>
        <translation>
            <numerusform>Verifying: %n audit event checked</numerusform>
            <numerusform>Verifying: %n audit events checked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+53"/>
        <source>drifted from the sum for %n user(s) (verify --repair fixes them)</source>
        <translation>
            <numerusform>drifted from the sum for %n user (verify --repair fixes it)</numerusform>
            <numerusform>drifted from the sum for %n users (verify --repair fixes them)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VerifyResultPanel</name>
    <message numerus="yes">
        <location filename="../ui/audit/VerifyResultPanel.cpp" line="+113"/>
        <source>Chain intact and anchor holds: %Ln event(s) checked; all totals match</source>
        <translation>
            <numerusform>Chain intact and anchor holds: %Ln event checked; all totals match</numerusform>
            <numerusform>Chain intact and anchor holds: %Ln events checked; all totals match</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Chain intact: %Ln event(s) checked; all totals match</source>
        <translation>
            <numerusform>Chain intact: %Ln event checked; all totals match</numerusform>
            <numerusform>Chain intact: %Ln events checked; all totals match</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Chain intact: %Ln event(s) checked</source>
        <translation>
            <numerusform>Chain intact: %Ln event checked</numerusform>
            <numerusform>Chain intact: %Ln events checked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln user(s)&apos; total(s) differ from the sum(s) of their transactions</source>
        <translation>
            <numerusform>%Ln user&apos;s total differs from the sum of their transactions</numerusform>
            <numerusform>%Ln users&apos; totals differ from the sums of their transactions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%Ln difference(s) between transactions and the audit log</source>
        <translation>
            <numerusform>%Ln difference between transactions and the audit log</numerusform>
            <numerusform>%Ln differences between transactions and the audit log</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WaitSetting</name>
    <message numerus="yes">
        <location filename="../ui/main/WaitSetting.cpp" line="+36"/>
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WhatChangedDialog</name>
    <message numerus="yes">
        <location filename="../ui/diff/WhatChangedDialog.cpp" line="+240"/>
        <source>From %1 to %2: %n transaction(s) changed (%3 added, %4 restored, %5 removed).</source>
        <translation>
            <numerusform>From %1 to %2: %n transaction changed (%3 added, %4 restored, %5 removed).</numerusform>
            <numerusform>From %1 to %2: %n transactions changed (%3 added, %4 restored, %5 removed).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n user(s) changed; every total reconciles (before + added − removed = after).</source>
        <translation>
            <numerusform>%n user changed; every total reconciles (before + added − removed = after).</numerusform>
            <numerusform>%n users changed; every total reconciles (before + added − removed = after).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n user(s) changed; some totals do not reconcile: see the marked rows.</source>
        <translation>
            <numerusform>%n user changed; some totals do not reconcile: see the marked rows.</numerusform>
            <numerusform>%n users changed; some totals do not reconcile: see the marked rows.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The hash chain is broken at event %1 of the %n event(s) in between: %2</source>
        <translation>
            <numerusform>The hash chain is broken at event %1 of the %n event in between: %2</numerusform>
            <numerusform>The hash chain is broken at event %1 of the %n events in between: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>The hash chain of the %n audit event(s) in between is intact.</source>
        <translation>
            <numerusform>The hash chain of the %n audit event in between is intact.</numerusform>
            <numerusform>The hash chain of the %n audit events in between is intact.</numerusform>
        </translation>
    </message>
</context>
</TS>
