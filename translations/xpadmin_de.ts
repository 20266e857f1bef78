<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../ui/help/AboutDialog.cpp" line="+41"/>
        <source>About XP Admin</source>
        <translation>Über XP Admin</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;h2&gt;XP Admin %1&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;XP Admin %1&lt;/h2&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Administration of the XP ledger: award, adjust, roll back and audit experience points.</source>
        <translation>Verwaltung des XP-Hauptbuchs: Erfahrungspunkte vergeben, korrigieren, stornieren und prüfen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Qt %1
Database: %2
%3</source>
        <translation>Qt %1
Datenbank: %2
%3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none open</source>
        <translation>keine geöffnet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;a href=&quot;%1&quot;&gt;Project homepage&lt;/a&gt; · &lt;a href=&quot;%2&quot;&gt;Report a problem&lt;/a&gt; · &lt;a href=&quot;%3&quot;&gt;User manual&lt;/a&gt;</source>
        <translation>&lt;a href=&quot;%1&quot;&gt;Projektseite&lt;/a&gt; · &lt;a href=&quot;%2&quot;&gt;Problem melden&lt;/a&gt; · &lt;a href=&quot;%3&quot;&gt;Handbuch&lt;/a&gt;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Licence: %1</source>
        <translation>Lizenz: %1</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../ui/actions/ActionDialog.cpp" line="+25"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Confirm (Ctrl+Return)</source>
        <translation>Bestätigen (Strg+Eingabe)</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>You can see what the change would do, but not make it.</source>
        <translation>Sie sehen, was die Änderung bewirken würde, dürfen sie aber nicht vornehmen.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Saving the change…</source>
        <translation>Die Änderung wird gespeichert…</translation>
    </message>
</context>
<context>
    <name>ActionText</name>
    <message numerus="yes">
        <location filename="../ui/actions/ActionText.cpp" line="+23"/>
        <source>%Ln transaction(s)</source>
        <translation>
            <numerusform>%Ln Buchung</numerusform>
            <numerusform>%Ln Buchungen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2
Nothing was changed.</source>
        <translation>%1: %2
Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>and %1 more users</source>
        <translation>und %1 weitere Benutzer</translation>
    </message>
</context>
<context>
    <name>AdjustCommand</name>
    <message>
        <location filename="../ui/actions/AdjustCommand.cpp" line="+7"/>
        <source>Adjust XP of %1 by %2</source>
        <translation>XP von %1 um %2 korrigieren</translation>
    </message>
</context>
<context>
    <name>AdjustDialog</name>
    <message>
        <location filename="../ui/actions/AdjustDialog.cpp" line="+78"/>
        <source>Adjust XP</source>
        <translation>XP korrigieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+349"/>
        <source>Adjust</source>
        <translation>Korrigieren</translation>
    </message>
    <message>
        <location line="-348"/>
        <location line="+350"/>
        <source>Save the adjustment (Enter or Ctrl+Return)</source>
        <translation>Die Korrektur speichern (Eingabe oder Strg+Eingabe)</translation>
    </message>
    <message>
        <location line="-343"/>
        <source>e.g. 50 or -25</source>
        <translation>z. B. 50 oder -25</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The XP to add; a negative number deducts</source>
        <translation>Die hinzuzufügenden XP; eine negative Zahl zieht ab</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The category the XP counts under in charts and reports; adjustments are usually %1</source>
        <translation>Die Kategorie, unter der die XP in Diagrammen und Berichten zählen; Korrekturen sind meist %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Amount:</source>
        <translation>&amp;Betrag:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ca&amp;tegory:</source>
        <translation>Ka&amp;tegorie:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reason:</source>
        <translation>Be&amp;gründung:</translation>
    </message>
    <message>
        <location line="+64"/>
        <location line="+201"/>
        <source>id %1</source>
        <translation>ID %1</translation>
    </message>
    <message>
        <location line="-173"/>
        <source>Current total</source>
        <translation>Aktuelle Summe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resulting total</source>
        <translation>Neue Summe</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Current total: %1 -&gt; Resulting total: %2</source>
        <translation>Aktuelle Summe: %1 -&gt; Neue Summe: %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The user&apos;s current total could not be read: %1</source>
        <translation>Die aktuelle Summe des Benutzers konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>There is no user with id %1: nothing can be adjusted.</source>
        <translation>Es gibt keinen Benutzer mit der ID %1: Es kann nichts korrigiert werden.</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>This will wait for approval, not be applied: %1. It waits under Pending Approvals until another admin approves it.</source>
        <translation>Diese Korrektur wartet auf Freigabe und wird nicht angewendet, denn %1. Sie wartet unter „Ausstehende Freigaben“, bis ein anderer Admin sie freigibt.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Enter the amount: a whole number of XP to add, or a negative number to deduct.</source>
        <translation>Geben Sie den Betrag ein: eine ganze Zahl an XP zum Hinzufügen oder eine negative Zahl zum Abziehen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The amount</source>
        <translation>Der Betrag</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The resulting total would be %1, past the limit of what the ledger can hold (%2 to %3).</source>
        <translation>Die neue Summe wäre %1 und läge außerhalb dessen, was das Hauptbuch speichern kann (%2 bis %3).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Adds %1 XP.</source>
        <translation>Fügt %1 XP hinzu.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deducts %1 XP.</source>
        <translation>Zieht %1 XP ab.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A whole number: 50 adds XP, -50 deducts.</source>
        <translation>Eine ganze Zahl: 50 fügt XP hinzu, -50 zieht ab.</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%Ln transaction(s)</source>
        <translation>
            <numerusform>%Ln Buchung</numerusform>
            <numerusform>%Ln Buchungen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The stored total %1 disagrees with the sum of the user&apos;s transactions, %2; the adjustment sets the total from the sum.</source>
        <translation>Die gespeicherte Summe %1 weicht von der Summe der Buchungen des Benutzers (%2) ab; die Korrektur setzt die Summe aus den Buchungen neu.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>After this adjustment %1 has a negative total (%2). That is allowed, but check that it is what you mean.</source>
        <translation>Nach dieser Korrektur hat %1 eine negative Summe (%2). Das ist erlaubt, aber prüfen Sie, ob Sie das wirklich wollen.</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>This needs approval by an admin: it will be held, not applied. Adjustments of more than %1 XP wait under Pending Approvals until another admin approves them.</source>
        <translation>Dies braucht die Freigabe durch einen Admin: Die Korrektur wird zurückgehalten, nicht angewendet. Korrekturen über %1 XP warten unter „Ausstehende Freigaben“, bis ein anderer Admin sie freigibt.</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Adjust anyway</source>
        <translation>Trotzdem korrigieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Request approval</source>
        <translation>Freigabe beantragen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the adjustment to Pending Approvals (Enter or Ctrl+Return)</source>
        <translation>Die Korrektur an „Ausstehende Freigaben“ senden (Eingabe oder Strg+Eingabe)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The adjustment was not saved</source>
        <translation>Die Korrektur wurde nicht gespeichert</translation>
    </message>
</context>
<context>
    <name>Alert</name>
    <message>
        <location filename="../core/alerts/Alert.cpp" line="+24"/>
        <source>Large change</source>
        <translation>Große Änderung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Many changes in an hour</source>
        <translation>Viele Änderungen in einer Stunde</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Direct change of a total</source>
        <translation>Direkte Änderung einer Summe</translation>
    </message>
</context>
<context>
    <name>AlertBar</name>
    <message>
        <location filename="../ui/alerts/AlertBar.cpp" line="+18"/>
        <source>Show &amp;Alerts</source>
        <translation>&amp;Warnungen zeigen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Open the list of alerts (View &gt; Alerts)</source>
        <translation>Die Liste der Warnungen öffnen („Ansicht“ &gt; „Warnungen“)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide this bar; the alerts stay in View &gt; Alerts</source>
        <translation>Diese Leiste ausblenden; die Warnungen bleiben unter „Ansicht“ &gt; „Warnungen“</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n new alert(s). Latest: %1</source>
        <translation>
            <numerusform>%n neue Warnung. Neueste: %1</numerusform>
            <numerusform>%n neue Warnungen. Neueste: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AlertCenter</name>
    <message>
        <location filename="../ui/alerts/AlertCenter.cpp" line="+21"/>
        <location line="+131"/>
        <source>Alerts</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <location line="-129"/>
        <source>New Alerts</source>
        <translation>Neue Warnungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+126"/>
        <source>Aler&amp;ts</source>
        <translation>Warn&amp;ungen</translation>
    </message>
    <message>
        <location line="-125"/>
        <source>Alert R&amp;ules…</source>
        <translation>Warn&amp;regeln…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Show the alerts raised while this window is open</source>
        <translation>Die Warnungen zeigen, die ausgelöst wurden, seit dieses Fenster geöffnet ist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The rules that raise alerts: a large change, many changes in an hour, a total changed in the database</source>
        <translation>Die Regeln, die Warnungen auslösen: eine große Änderung, viele Änderungen in einer Stunde, eine in der Datenbank geänderte Summe</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Alerts raised while this window is open, newest first. The rules are in Ledger &gt; Alert Rules…</source>
        <translation>Warnungen, die ausgelöst wurden, seit dieses Fenster geöffnet ist, neueste zuerst. Die Regeln stehen unter Hauptbuch &gt; Warnregeln…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Show and change the alert rules</source>
        <translation>Die Warnregeln zeigen und ändern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the alert rules. %1.</source>
        <translation>Die Warnregeln zeigen. %1.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>New changes could not be checked for alerts: %1</source>
        <translation>Neue Änderungen konnten nicht auf Warnungen geprüft werden: %1</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Aler&amp;ts (%1)</source>
        <translation>Warn&amp;ungen (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alerts (%1 new)</source>
        <translation>Warnungen (%1 neu)</translation>
    </message>
</context>
<context>
    <name>AlertCommands</name>
    <message>
        <location filename="../app/cli/AlertCommands.cpp" line="+34"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Large change:        %1</source>
        <translation>Große Änderung:         %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>above %1 XP, up or down</source>
        <translation>über %1 XP, nach oben oder unten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Busy actor:          %1</source>
        <translation>Viele Änderungen:       %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>more than %1 changes by one actor within an hour</source>
        <translation>mehr als %1 Änderungen eines Akteurs innerhalb einer Stunde</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Direct total change: %1</source>
        <translation>Direkte Summenänderung: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: xpadmin-cli [global options] alerts show [--json]
       xpadmin-cli [global options] alerts set [--max-change N] [--max-per-hour M] [--direct-total on|off]
       xpadmin-cli [global options] alerts check [--since TIME | --from-seq N] [--json]

The alert rules are a setting of the database, shared by every desk: a single change above N XP (up or down), more than M changes by one actor within an hour, and any change of a cached total made directly in the database. 0 turns a limit off. Only the database&apos;s owner may set them; setting them is audited.
check lists the alerts that past audit events raise under the rules stored now, one line each (with --json one JSON object a line); its exit status is 1 when there is any, for a monitoring system that runs it on a schedule. Without --since or --from-seq it checks the last 24 hours.
</source>
        <translation>Aufruf: xpadmin-cli [globale Optionen] alerts show [--json]
        xpadmin-cli [globale Optionen] alerts set [--max-change N] [--max-per-hour M] [--direct-total on|off]
        xpadmin-cli [globale Optionen] alerts check [--since TIME | --from-seq N] [--json]

Die Warnregeln sind eine Einstellung der Datenbank, die alle Arbeitsplätze teilen: eine einzelne Änderung über N XP (nach oben oder unten), mehr als M Änderungen eines Akteurs innerhalb einer Stunde und jede direkt in der Datenbank vorgenommene Änderung einer gespeicherten Summe. 0 schaltet eine Grenze aus. Nur der Eigentümer der Datenbank darf sie setzen; das Setzen wird protokolliert.
check listet die Warnungen, die vergangene Prüfereignisse nach den jetzt gespeicherten Regeln auslösen, je eine Zeile (mit --json ein JSON-Objekt pro Zeile); der Exit-Status ist 1, wenn es welche gibt, für ein Überwachungssystem, das den Befehl regelmäßig ausführt. Ohne --since oder --from-seq werden die letzten 24 Stunden geprüft.
</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Shows the alert rules stored in the database.</source>
        <translation>Zeigt die in der Datenbank gespeicherten Warnregeln.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the rules as JSON: maxChange, maxPerHour, directTotal.</source>
        <translation>Die Regeln als JSON ausgeben: maxChange, maxPerHour, directTotal.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Sets the alert rules given; the others stay as they are. 0 turns a limit off.</source>
        <translation>Setzt die angegebenen Warnregeln; die anderen bleiben unverändert. 0 schaltet eine Grenze aus.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alert on a single change whose amount, up or down, is above N XP (0: off).</source>
        <translation>Bei einer einzelnen Änderung warnen, deren Betrag nach oben oder unten über N XP liegt (0: aus).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alert when one actor makes more than M changes within an hour (0: off).</source>
        <translation>Warnen, wenn ein Akteur innerhalb einer Stunde mehr als M Änderungen vornimmt (0: aus).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alert when a cached total is changed directly in the database.</source>
        <translation>Warnen, wenn eine gespeicherte Summe direkt in der Datenbank geändert wird.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>give at least one of --max-change, --max-per-hour, --direct-total</source>
        <translation>Geben Sie mindestens eine der Optionen --max-change, --max-per-hour, --direct-total an</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Lists the alerts that the audit events of a period raise under the rules stored now. Exit status 1 when there is any.</source>
        <translation>Listet die Warnungen, die die Prüfereignisse eines Zeitraums nach den jetzt gespeicherten Regeln auslösen. Exit-Status 1, wenn es welche gibt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check the events from this date or time on (default: the last 24 hours).</source>
        <translation>Die Ereignisse ab diesem Datum oder Zeitpunkt prüfen (Standard: die letzten 24 Stunden).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the events from audit event N on.</source>
        <translation>Die Ereignisse ab Prüfereignis N prüfen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One JSON object a line for each alert.</source>
        <translation>Ein JSON-Objekt pro Zeile für jede Warnung.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>give --since or --from-seq, not both</source>
        <translation>Geben Sie --since oder --from-seq an, nicht beides</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>No alerts.</source>
        <translation>Keine Warnungen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No alerts: every alert rule is off (xpadmin-cli alerts set).</source>
        <translation>Keine Warnungen: Jede Warnregel ist ausgeschaltet (xpadmin-cli alerts set).</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>These changes could not be checked for alerts: %1</source>
        <translation>Diese Änderungen konnten nicht auf Warnungen geprüft werden: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1  ALERT %2  #%3  %4</source>
        <translation>%1  WARNUNG %2  #%3  %4</translation>
    </message>
</context>
<context>
    <name>AlertListModel</name>
    <message>
        <location filename="../models/AlertListModel.cpp" line="+38"/>
        <source>%1
Audit event #%2</source>
        <translation>%1
Prüfereignis #%2</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alert</source>
        <translation>Warnung</translation>
    </message>
</context>
<context>
    <name>AlertRules</name>
    <message>
        <location filename="../core/alerts/AlertRules.cpp" line="+9"/>
        <source>The %1 %2 is not valid: give a whole number from 0 (off) to %3</source>
        <translation>Der Wert %2 für %1 ist ungültig: Geben Sie eine ganze Zahl von 0 (aus) bis %3 an</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>largest single change (--max-change)</source>
        <translation>die größte einzelne Änderung (--max-change)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>changes an hour by one actor (--max-per-hour)</source>
        <translation>die Anzahl der Änderungen eines Akteurs pro Stunde (--max-per-hour)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>direct change of a total (--direct-total)</source>
        <translation>die direkte Änderung einer Summe (--direct-total)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>a single change above %1 XP</source>
        <translation>eine einzelne Änderung über %1 XP</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>a single change above a limit: off</source>
        <translation>eine einzelne Änderung über einer Grenze: aus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>more than %1 changes by one actor in an hour</source>
        <translation>mehr als %1 Änderungen eines Akteurs in einer Stunde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>many changes by one actor in an hour: off</source>
        <translation>viele Änderungen eines Akteurs in einer Stunde: aus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a direct change of a total: on</source>
        <translation>eine direkte Änderung einer Summe: an</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>a direct change of a total: off</source>
        <translation>eine direkte Änderung einer Summe: aus</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The %1 %2 is not valid: give on or off</source>
        <translation>Der Wert %2 für %1 ist ungültig: Geben Sie on oder off an</translation>
    </message>
</context>
<context>
    <name>AlertRulesDialog</name>
    <message>
        <location filename="../ui/alerts/AlertRulesDialog.cpp" line="+22"/>
        <source>Alert on a single &amp;change above</source>
        <translation>Warnen bei einer &amp;einzelnen Änderung über</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Alert when one actor makes &amp;more than</source>
        <translation>Warnen bei einem Akteur mit &amp;mehr als</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Alert on a &amp;direct change of a total in the database</source>
        <translation>Bei einer &amp;direkten Änderung einer Summe in der Datenbank warnen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Alert Rules</source>
        <translation>Warnregeln</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alerts appear in every desk&apos;s window as the changes happen (View &gt; Alerts), and in xpadmin-cli watch --alerts. The rules are a setting of the database, shared by every desk; changing them is recorded in the audit log.</source>
        <translation>Warnungen erscheinen im Fenster jedes Arbeitsplatzes, sobald die Änderungen geschehen („Ansicht“ &gt; „Warnungen“), und in xpadmin-cli watch --alerts. Die Regeln sind eine Einstellung der Datenbank, die alle Arbeitsplätze teilen; jede Änderung daran wird im Prüfprotokoll festgehalten.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Up or down: an award, an adjustment, a rollback or a row changed in the database.</source>
        <translation>Nach oben oder unten: eine Vergabe, eine Korrektur, eine Stornierung oder eine in der Datenbank geänderte Zeile.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Counted per database login or web app role; the alert comes once, at the first change over the limit.</source>
        <translation>Gezählt je Datenbankanmeldung oder Rolle der Web-App; die Warnung kommt einmal, bei der ersten Änderung über der Grenze.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A cached total changed with no transaction behind it, as by a console UPDATE.</source>
        <translation>Eine gespeicherte Summe, die ohne zugehörige Buchung geändert wurde, etwa durch ein UPDATE in einer Konsole.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>XP</source>
        <translation>XP</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>changes within an hour</source>
        <translation>Änderungen innerhalb einer Stunde</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The alert rules could not be read: %1</source>
        <translation>Die Warnregeln konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Off: no alert for a change, however large</source>
        <translation>Aus: keine Warnung bei einer Änderung, wie groß sie auch ist</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A change whose amount, up or down, is above this raises an alert</source>
        <translation>Eine Änderung, deren Betrag nach oben oder unten darüber liegt, löst eine Warnung aus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Off: no alert for many changes by one actor</source>
        <translation>Aus: keine Warnung bei vielen Änderungen eines Akteurs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One actor making more changes than this within an hour raises an alert</source>
        <translation>Nimmt ein Akteur innerhalb einer Stunde mehr Änderungen vor, wird eine Warnung ausgelöst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A total changed in the database without a transaction raises an alert</source>
        <translation>Eine ohne Buchung in der Datenbank geänderte Summe löst eine Warnung aus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store the rules in the database, for every desk</source>
        <translation>Die Regeln in der Datenbank speichern, für jeden Arbeitsplatz</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Give the %1 as a whole number above 0, or turn the rule off</source>
        <translation>Geben Sie für %1 eine ganze Zahl über 0 an, oder schalten Sie die Regel aus</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>largest single change</source>
        <translation>die größte einzelne Änderung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>number of changes an hour</source>
        <translation>die Anzahl der Änderungen pro Stunde</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The alert rules were not changed: %1</source>
        <translation>Die Warnregeln wurden nicht geändert: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Alert rules saved: %1</source>
        <translation>Warnregeln gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>AlertSettings</name>
    <message>
        <location filename="../core/alerts/AlertSettings.cpp" line="+31"/>
        <source>The %1 stored in the database, %2, is not valid: set the alert rules again with xpadmin-cli alerts set</source>
        <translation>Der in der Datenbank gespeicherte Wert %2 für %1 ist ungültig: Setzen Sie die Warnregeln mit xpadmin-cli alerts set erneut</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>alert rules changed from: %1; to: %2</source>
        <translation>Warnregeln geändert von: %1; auf: %2</translation>
    </message>
</context>
<context>
    <name>AlertText</name>
    <message>
        <location filename="../core/alerts/AlertText.cpp" line="+47"/>
        <source>%1 awarded %2 XP to %3</source>
        <translation>%1 hat %3 %2 XP vergeben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 adjusted the XP of %2 by %3</source>
        <translation>%1 hat die XP von %2 um %3 korrigiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 restored a transaction of %2 XP for %3</source>
        <translation>%1 hat eine Buchung über %2 XP für %3 wiederhergestellt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 imported a transaction of %2 XP for %3</source>
        <translation>%1 hat eine Buchung über %2 XP für %3 importiert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 removed a transaction of %2 XP of %3</source>
        <translation>%1 hat eine Buchung über %2 XP von %3 entfernt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 inserted a transaction of %2 XP for %3 directly in the database</source>
        <translation>%1 hat direkt in der Datenbank eine Buchung über %2 XP für %3 eingefügt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 deleted a transaction of %2 XP of %3 directly in the database</source>
        <translation>%1 hat direkt in der Datenbank eine Buchung über %2 XP von %3 gelöscht</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 changed a transaction of %2 directly in the database, to %3 XP</source>
        <translation>%1 hat direkt in der Datenbank eine Buchung von %2 auf %3 XP geändert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 made a change of %2 XP for %3</source>
        <translation>%1 hat eine Änderung über %2 XP für %3 vorgenommen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>database role %1</source>
        <translation>Datenbankrolle %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>database role %1 (%2)</source>
        <translation>Datenbankrolle %1 (%2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (login %2)</source>
        <translation>%1 (Anmeldung %2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>no user</source>
        <translation>kein Benutzer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, above the alert limit of %2 XP for a single change.</source>
        <translation>%1, über der Warngrenze von %2 XP für eine einzelne Änderung.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 made %2 changes within an hour, more than the alert limit of %3 an hour</source>
        <translation>%1 hat innerhalb einer Stunde %2 Änderungen vorgenommen, mehr als die Warngrenze von %3 pro Stunde</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1.</source>
        <translation>%1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (the latest: %2 XP for %3).</source>
        <translation>%1 (die letzte: %2 XP für %3).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 changed the total XP of %2 directly in the database, from %3 to %4, with no transaction behind it.</source>
        <translation>%1 hat die XP-Summe von %2 direkt in der Datenbank von %3 auf %4 geändert, ohne zugehörige Buchung.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 set the total XP of %2 directly in the database to %3, with no transaction behind it.</source>
        <translation>%1 hat die XP-Summe von %2 direkt in der Datenbank auf %3 gesetzt, ohne zugehörige Buchung.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 deleted the total XP of %2 directly in the database.</source>
        <translation>%1 hat die XP-Summe von %2 direkt in der Datenbank gelöscht.</translation>
    </message>
</context>
<context>
    <name>AlertsPanel</name>
    <message>
        <location filename="../ui/alerts/AlertsPanel.cpp" line="+19"/>
        <source>Show &amp;User</source>
        <translation>Ben&amp;utzer zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show in Audit &amp;Log</source>
        <translation>Im &amp;Prüfprotokoll zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Select the alert&apos;s user and show their history</source>
        <translation>Den Benutzer der Warnung auswählen und seinen Verlauf zeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the audit event that raised the alert (Enter)</source>
        <translation>Das Prüfereignis zeigen, das die Warnung ausgelöst hat (Eingabe)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Empty this list; the audit log keeps every event</source>
        <translation>Diese Liste leeren; das Prüfprotokoll behält jedes Ereignis</translation>
    </message>
</context>
<context>
    <name>AnchorCheck</name>
    <message>
        <location filename="../core/audit/AuditAnchor.cpp" line="+152"/>
        <source>the anchor was taken from an empty log; the log now has %1 events</source>
        <translation>der Anker wurde von einem leeren Protokoll erstellt; das Protokoll hat jetzt %1 Ereignisse</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>event %1 is still the newest and has the anchored hash</source>
        <translation>Ereignis %1 ist weiterhin das neueste und hat den verankerten Hash</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>event %1 still has the anchored hash; event %2 was added since</source>
        <translation>Ereignis %1 hat weiterhin den verankerten Hash; Ereignis %2 ist seitdem hinzugekommen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>event %1 still has the anchored hash; events %2 to %3 were added since</source>
        <translation>Ereignis %1 hat weiterhin den verankerten Hash; die Ereignisse %2 bis %3 sind seitdem hinzugekommen</translation>
    </message>
</context>
<context>
    <name>ApprovalCommands</name>
    <message>
        <location filename="../app/cli/ApprovalCommands.cpp" line="+29"/>
        <source>ticket %1</source>
        <translation>Ticket %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>give the request id (xpadmin-cli pending list shows them)</source>
        <translation>Geben Sie die Antrags-ID an (xpadmin-cli pending list zeigt sie)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Usage: xpadmin-cli [global options] pending list [--all]
       xpadmin-cli [global options] pending approve ID [--reason TEXT]
       xpadmin-cli [global options] pending reject ID --reason TEXT
       xpadmin-cli [global options] pending threshold [N|off]

An adjustment whose amount (up or down) is above the approval threshold is not applied: it waits here until another person approves it (it is then applied) or rejects it. Nobody approves their own request; the requester may reject (withdraw) it. threshold without a value shows it; off applies every adjustment at once.
</source>
        <translation>Aufruf: xpadmin-cli [globale Optionen] pending list [--all]
        xpadmin-cli [globale Optionen] pending approve ID [--reason TEXT]
        xpadmin-cli [globale Optionen] pending reject ID --reason TEXT
        xpadmin-cli [globale Optionen] pending threshold [N|off]

Eine Korrektur, deren Betrag (nach oben oder unten) über der Freigabeschwelle liegt, wird nicht angewendet: Sie wartet hier, bis eine andere Person sie freigibt (dann wird sie angewendet) oder ablehnt. Niemand gibt seinen eigenen Antrag frei; der Antragsteller kann ihn ablehnen (zurückziehen). threshold ohne Wert zeigt die Schwelle; off wendet jede Korrektur sofort an.
</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>pending: give a subcommand, list, approve, reject or threshold (see xpadmin-cli pending --help)</source>
        <translation>pending: Geben Sie einen Unterbefehl an, list, approve, reject oder threshold (siehe xpadmin-cli pending --help)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pending: unknown subcommand %1; use list, approve, reject or threshold (see xpadmin-cli pending --help)</source>
        <translation>pending: unbekannter Unterbefehl %1; verwenden Sie list, approve, reject oder threshold (siehe xpadmin-cli pending --help)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The adjustment was held for approval as request %1, but the request cannot be read back</source>
        <translation>Die Korrektur wurde als Antrag %1 zur Freigabe zurückgehalten, aber der Antrag kann nicht zurückgelesen werden</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Pending approval, id %1: the adjustment of %2 XP for user %3 is above the approval threshold of %4 XP, so it was not applied.</source>
        <translation>Wartet auf Freigabe, ID %1: Die Korrektur um %2 XP für Benutzer %3 liegt über der Freigabeschwelle von %4 XP und wurde daher nicht angewendet.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Pending approval, id %1: the adjustment of %2 XP for user %3 was not applied, because %4.</source>
        <translation>Wartet auf Freigabe, ID %1: Die Korrektur um %2 XP für Benutzer %3 wurde nicht angewendet, denn %4.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Another admin applies it with: xpadmin-cli pending approve %1</source>
        <translation>Ein anderer Admin wendet sie an mit: xpadmin-cli pending approve %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Lists the adjustments waiting for approval, oldest first.</source>
        <translation>Listet die Korrekturen auf, die auf Freigabe warten, die ältesten zuerst.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also list the approved and rejected requests.</source>
        <translation>Auch die freigegebenen und abgelehnten Anträge auflisten.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>No adjustments are waiting for approval.</source>
        <translation>Keine Korrekturen warten auf Freigabe.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>REQUESTED (UTC)</source>
        <translation>BEANTRAGT (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>USER</source>
        <translation>BENUTZER</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>AMOUNT</source>
        <translation>BETRAG</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>STATE</source>
        <translation>STATUS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>HELD FOR</source>
        <translation>ZURÜCKGEHALTEN WEGEN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>REQUESTED BY</source>
        <translation>BEANTRAGT VON</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>REASON</source>
        <translation>BEGRÜNDUNG</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Approves an adjustment held for approval: applies it (a transaction, the user&apos;s total recalculated) and records the decision. Nobody approves their own request.</source>
        <translation>Gibt eine zur Freigabe zurückgehaltene Korrektur frei: wendet sie an (eine Buchung, die Summe des Benutzers wird neu berechnet) und vermerkt die Entscheidung. Niemand gibt seinen eigenen Antrag frei.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Approved request %1 (requested by %2) and applied it:</source>
        <translation>Antrag %1 (beantragt von %2) freigegeben und angewendet:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Rejects an adjustment held for approval: records the decision; no XP changes.</source>
        <translation>Lehnt eine zur Freigabe zurückgehaltene Korrektur ab: vermerkt die Entscheidung; keine XP ändern sich.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Rejected request %1: %2 XP for user %3 was not applied.</source>
        <translation>Antrag %1 abgelehnt: %2 XP für Benutzer %3 wurden nicht angewendet.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Shows the approval threshold, or sets it: an adjustment whose amount, up or down, is above N XP waits for another person&apos;s approval. off: every adjustment is applied at once. Default %1.</source>
        <translation>Zeigt die Freigabeschwelle oder setzt sie: Eine Korrektur, deren Betrag nach oben oder unten über N XP liegt, wartet auf die Freigabe durch eine andere Person. off: Jede Korrektur wird sofort angewendet. Standard %1.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Approval threshold: %1 XP (adjustments above it, up or down, wait for another person&apos;s approval)</source>
        <translation>Freigabeschwelle: %1 XP (Korrekturen darüber, nach oben oder unten, warten auf die Freigabe durch eine andere Person)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Approval threshold: off (every adjustment is applied at once)</source>
        <translation>Freigabeschwelle: aus (jede Korrektur wird sofort angewendet)</translation>
    </message>
</context>
<context>
    <name>ApprovalGate</name>
    <message>
        <location filename="../core/ledger/ApprovalGate.cpp" line="+37"/>
        <source>The approval threshold %1 is not valid: give a whole number of XP from 0 to %2, or &quot;off&quot; to apply every adjustment at once</source>
        <translation>Die Freigabeschwelle %1 ist ungültig: Geben Sie eine ganze Zahl an XP von 0 bis %2 an oder &quot;off&quot;, um jede Korrektur sofort anzuwenden</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The approval threshold stored in the database, %1, is not valid: set it again with xpadmin-cli pending threshold N</source>
        <translation>Die in der Datenbank gespeicherte Freigabeschwelle %1 ist ungültig: Setzen Sie sie erneut mit xpadmin-cli pending threshold N</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>approval threshold changed from %1 to %2</source>
        <translation>Freigabeschwelle von %1 auf %2 geändert</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>user</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>description</source>
        <translation>Beschreibung</translation>
    </message>
</context>
<context>
    <name>ApprovalPolicy</name>
    <message>
        <location filename="../core/approval/ApprovalPolicy.cpp" line="+25"/>
        <source>Refused: you asked for this adjustment yourself (as %1), and an adjustment above the approval threshold needs a second person. Another admin must approve it. Nothing was changed.</source>
        <translation>Abgelehnt: Sie haben diese Korrektur selbst beantragt (als %1), und eine Korrektur über der Freigabeschwelle braucht eine zweite Person. Ein anderer Admin muss sie freigeben. Es wurde nichts geändert.</translation>
    </message>
</context>
<context>
    <name>ApprovalQueue</name>
    <message>
        <location filename="../core/approval/ApprovalQueue.cpp" line="+37"/>
        <source>request id</source>
        <translation>Antrags-ID</translation>
    </message>
    <message>
        <location line="+58"/>
        <location line="+1"/>
        <source>reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>There is no adjustment request with id %1 (xpadmin-cli pending list shows them)</source>
        <translation>Es gibt keinen Korrekturantrag mit der ID %1 (xpadmin-cli pending list zeigt sie)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Adjustment request %1 was already approved by %2 (login %3) at %4: a request is decided once. Nothing was changed.</source>
        <translation>Korrekturantrag %1 wurde bereits von %2 (Anmeldung %3) am %4 freigegeben: Über einen Antrag wird nur einmal entschieden. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Adjustment request %1 was already rejected by %2 (login %3) at %4: a request is decided once. Nothing was changed.</source>
        <translation>Korrekturantrag %1 wurde bereits von %2 (Anmeldung %3) am %4 abgelehnt: Über einen Antrag wird nur einmal entschieden. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Adjustment request %1 was decided by someone else at the same time. Nothing was changed.</source>
        <translation>Über Korrekturantrag %1 hat gleichzeitig jemand anderes entschieden. Es wurde nichts geändert.</translation>
    </message>
</context>
<context>
    <name>AsOfBanner</name>
    <message>
        <location filename="../ui/common/AsOfBanner.cpp" line="+11"/>
        <source>Back to Now</source>
        <translation>Zurück zu jetzt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Show today&apos;s ledger again. Changes to the ledger wait until then.</source>
        <translation>Wieder das heutige Hauptbuch zeigen. Änderungen am Hauptbuch sind erst dann wieder möglich.</translation>
    </message>
</context>
<context>
    <name>AsOfButton</name>
    <message>
        <location filename="../ui/common/AsOfButton.cpp" line="+28"/>
        <source>As of…</source>
        <translation>Stand…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the ledger as it stood at a past moment, in the History, Charts and Users (Ctrl+Shift+T)</source>
        <translation>Das Hauptbuch so zeigen, wie es zu einem früheren Zeitpunkt stand, in Verlauf, Diagrammen und Benutzern (Strg+Umschalt+T)</translation>
    </message>
</context>
<context>
    <name>AsOfPopup</name>
    <message>
        <location filename="../ui/common/AsOfPopup.cpp" line="+19"/>
        <source>&amp;Show</source>
        <translation>&amp;Zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Now</source>
        <translation>&amp;Jetzt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show the ledger as it stood at:</source>
        <translation>Das Hauptbuch zeigen, wie es stand am:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Local time. The rows that existed then, with the totals they summed to, are rebuilt from today&apos;s rows and the audit log.</source>
        <translation>Ortszeit. Die damals vorhandenen Buchungen und ihre Summen werden aus den heutigen Buchungen und dem Prüfprotokoll wiederhergestellt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show the History, Charts and Users as of this moment (Enter)</source>
        <translation>Verlauf, Diagramme und Benutzer mit diesem Stand zeigen (Eingabe)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show today&apos;s ledger again</source>
        <translation>Wieder das heutige Hauptbuch zeigen</translation>
    </message>
</context>
<context>
    <name>AuditAnchor</name>
    <message>
        <location filename="../core/audit/AuditAnchor.cpp" line="-55"/>
        <source>%1 is not an audit anchor: make one with `xpadmin-cli audit anchor --out FILE`</source>
        <translation>%1 ist kein Prüfanker: Erstellen Sie einen mit `xpadmin-cli audit anchor --out FILE`</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is an audit anchor of format version %2; this XP Admin reads version %3</source>
        <translation>%1 ist ein Prüfanker der Formatversion %2; dieses XP Admin liest Version %3</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The audit anchor %1 is damaged: its seq, hash or chainId is not valid</source>
        <translation>Der Prüfanker %1 ist beschädigt: Sein seq, hash oder chainId ist ungültig</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot read the audit anchor %1: %2</source>
        <translation>Der Prüfanker %1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>AuditAnchorCheck</name>
    <message>
        <location line="+42"/>
        <source>an unknown time</source>
        <translation>zu einem unbekannten Zeitpunkt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the audit log is empty, but the anchor taken at %1 recorded event %2: events 1 to %2 are missing</source>
        <translation>das Prüfprotokoll ist leer, aber der Anker (erstellt %1) hat Ereignis %2 vermerkt: Die Ereignisse 1 bis %2 fehlen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>events %1 to %2 are missing: the audit log ends at event %3, but the anchor taken at %4 recorded event %2 (the newest events were removed)</source>
        <translation>die Ereignisse %1 bis %2 fehlen: Das Prüfprotokoll endet bei Ereignis %3, aber der Anker (erstellt %4) hat Ereignis %2 vermerkt (die neuesten Ereignisse wurden entfernt)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>event %1, recorded by the anchor taken at %2, is missing</source>
        <translation>Ereignis %1, vermerkt vom Anker (erstellt %2), fehlt</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the anchor does not belong to this audit log: its event 1 differs (the anchor was taken from %1, or the whole log was rewritten)</source>
        <translation>der Anker gehört nicht zu diesem Prüfprotokoll: Sein Ereignis 1 weicht ab (der Anker stammt aus %1, oder das ganze Protokoll wurde neu geschrieben)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>event %1 no longer has the hash recorded by the anchor taken at %2: the log was rewritten up to there</source>
        <translation>Ereignis %1 hat nicht mehr den Hash, den der Anker (erstellt %2) vermerkt hat: Das Protokoll wurde bis dorthin neu geschrieben</translation>
    </message>
</context>
<context>
    <name>AuditCommands</name>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="+51"/>
        <source>Usage: xpadmin-cli [global options] audit anchor --out FILE
       xpadmin-cli [global options] audit report --user ID [--since DATE] [--until DATE] --out FILE.pdf|FILE.csv

anchor writes the newest audit event and its hash to a small JSON file; keep it away from the database, and later `xpadmin-cli verify --anchor FILE` shows whether any event up to it was changed or removed, the newest ones included.
report lists every audit event of one user in a period, with its hash, as PDF or CSV for an auditor to file.
</source>
        <translation>Aufruf: xpadmin-cli [globale Optionen] audit anchor --out FILE
        xpadmin-cli [globale Optionen] audit report --user ID [--since DATE] [--until DATE] --out FILE.pdf|FILE.csv

anchor schreibt das neueste Prüfereignis und seinen Hash in eine kleine JSON-Datei; bewahren Sie sie getrennt von der Datenbank auf, und später zeigt `xpadmin-cli verify --anchor FILE`, ob ein Ereignis bis dorthin geändert oder entfernt wurde, einschließlich der neuesten.
report listet jedes Prüfereignis eines Benutzers in einem Zeitraum mit seinem Hash als PDF oder CSV auf, zur Ablage durch einen Prüfer.
</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>audit: give a subcommand, anchor or report (see xpadmin-cli audit --help)</source>
        <translation>audit: Geben Sie einen Unterbefehl an, anchor oder report (siehe xpadmin-cli audit --help)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>audit: unknown subcommand %1; use anchor or report (see xpadmin-cli audit --help)</source>
        <translation>audit: unbekannter Unterbefehl %1; verwenden Sie anchor oder report (siehe xpadmin-cli audit --help)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Writes the newest audit event&apos;s seq and hash, with the ledger&apos;s identity and the time, to FILE (JSON). Keep the file where the database&apos;s users cannot change it; `xpadmin-cli verify --anchor FILE` then also finds the newest events removed.</source>
        <translation>Schreibt seq und Hash des neuesten Prüfereignisses mit der Identität des Hauptbuchs und der Uhrzeit in FILE (JSON). Bewahren Sie die Datei dort auf, wo die Benutzer der Datenbank sie nicht ändern können; `xpadmin-cli verify --anchor FILE` findet dann auch entfernte neueste Ereignisse.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The anchor file to write.</source>
        <translation>Die zu schreibende Ankerdatei.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Anchored an empty audit log in %1</source>
        <translation>Leeres Prüfprotokoll in %1 verankert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anchored audit event %1 (hash %2) in %3</source>
        <translation>Prüfereignis %1 (Hash %2) in %3 verankert</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Lists every audit event of one user in a period, oldest first, with seq, time, actor, operator, action, amount, reason and hash, under a header that names the user, the period, the database, when it was made and the newest hash of the whole log.</source>
        <translation>Listet jedes Prüfereignis eines Benutzers in einem Zeitraum auf, die ältesten zuerst, mit Nr., Zeit, Akteur, Bediener, Aktion, Betrag, Begründung und Hash, unter einer Kopfzeile, die den Benutzer, den Zeitraum, die Datenbank, den Erstellungszeitpunkt und den neuesten Hash des ganzen Protokolls nennt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The user the report is for.</source>
        <translation>Der Benutzer, für den der Bericht ist.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The first day (or moment) of the period; default: the first event.</source>
        <translation>Der erste Tag (oder Zeitpunkt) des Zeitraums; Standard: das erste Ereignis.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The last day of the period (a bare date includes that whole day); default: now.</source>
        <translation>Der letzte Tag des Zeitraums (ein reines Datum schließt den ganzen Tag ein); Standard: jetzt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The report to write: a .pdf or a .csv file. It appears only when complete.</source>
        <translation>Der zu schreibende Bericht: eine .pdf- oder .csv-Datei. Sie erscheint erst, wenn sie vollständig ist.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>--out %1 is neither a PDF nor a CSV file name: end it with .pdf or .csv</source>
        <translation>--out %1 ist weder ein PDF- noch ein CSV-Dateiname: Beenden Sie ihn mit .pdf oder .csv</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot draw a PDF here: the Qt GUI platform did not start</source>
        <translation>Hier kann kein PDF gezeichnet werden: Die Qt-GUI-Plattform ist nicht gestartet</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>Writing the report: %1 of %n event(s)</source>
        <translation>
            <numerusform>Bericht wird geschrieben: %1 von %n Ereignis</numerusform>
            <numerusform>Bericht wird geschrieben: %1 von %n Ereignissen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Wrote %1 audit events of user %2 to %3</source>
        <translation>%1 Prüfereignisse von Benutzer %2 nach %3 geschrieben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No audit event of user %1 in this period: check the id and the dates</source>
        <translation>Kein Prüfereignis von Benutzer %1 in diesem Zeitraum: Prüfen Sie die ID und die Daten</translation>
    </message>
</context>
<context>
    <name>AuditCsvExport</name>
    <message numerus="yes">
        <location filename="../core/audit/AuditCsvExport.cpp" line="+61"/>
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n Ereignis</numerusform>
            <numerusform>%n Ereignisse</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditEventDetail</name>
    <message>
        <location filename="../ui/audit/AuditEventDetail.cpp" line="+122"/>
        <source>Seq</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>When</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>UTC</source>
        <translation>UTC</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator</source>
        <translation>Bediener</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operation</source>
        <translation>Vorgang</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Select an event to see what it changed.</source>
        <translation>Wählen Sie ein Ereignis, um zu sehen, was es geändert hat.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transaction</source>
        <translation>Buchung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason code</source>
        <translation>Grundcode</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Technical details</source>
        <translation>Technische Details</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The recorded fields, the hashes that chain the event, and its snapshot</source>
        <translation>Die gespeicherten Felder, die Hashes, die das Ereignis verketten, und sein Schnappschuss</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Login</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>User id</source>
        <translation>Benutzer-ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prev hash</source>
        <translation>Vorheriger Hash</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hash</source>
        <translation>Hash</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The database login (PostgreSQL) or operating-system user (SQLite)</source>
        <translation>Die Datenbankanmeldung (PostgreSQL) oder der Betriebssystembenutzer (SQLite)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The person named when XP Admin was started</source>
        <translation>Die Person, die beim Start von XP Admin angegeben wurde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every event of one operation shares this id</source>
        <translation>Alle Ereignisse eines Vorgangs haben diese ID gemeinsam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The hash of the event before this one</source>
        <translation>Der Hash des vorhergehenden Ereignisses</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SHA-256 of the previous hash and this event&apos;s fields</source>
        <translation>SHA-256 aus dem vorherigen Hash und den Feldern dieses Ereignisses</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>ticket %1</source>
        <translation>Ticket %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Event %1: %2 (%3 events selected)</source>
        <translation>Ereignis %1: %2 (%3 Ereignisse ausgewählt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event %1: %2</source>
        <translation>Ereignis %1: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Database or system login: %1</source>
        <translation>Datenbank- oder Systemanmeldung: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>id %1</source>
        <translation>ID %1</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>The full rows affected, or the totals before and after, as recorded</source>
        <translation>Die vollständigen betroffenen Zeilen oder die Summen vorher und nachher, wie aufgezeichnet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No snapshot</source>
        <translation>Keine Momentaufnahme</translation>
    </message>
</context>
<context>
    <name>AuditFilterBar</name>
    <message>
        <location filename="../ui/audit/AuditFilterBar.cpp" line="+27"/>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Until</source>
        <translation>Bis</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Only events of this action</source>
        <translation>Nur Ereignisse dieser Aktion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All actions</source>
        <translation>Alle Aktionen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Actor or operator</source>
        <translation>Akteur oder Bediener</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only events whose login or operator contains this text (any case)</source>
        <translation>Nur Ereignisse, deren Anmeldung oder Bediener diesen Text enthält (Groß-/Kleinschreibung egal)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Only events on or after this day (local time)</source>
        <translation>Nur Ereignisse an oder nach diesem Tag (Ortszeit)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only events on or before this day (local time)</source>
        <translation>Nur Ereignisse an oder vor diesem Tag (Ortszeit)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show newest</source>
        <translation>Neueste zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the log from its newest event again</source>
        <translation>Das Protokoll wieder ab dem neuesten Ereignis auflisten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show all operations</source>
        <translation>Alle Vorgänge zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the events of every operation again</source>
        <translation>Wieder die Ereignisse aller Vorgänge auflisten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show every event</source>
        <translation>Alle Ereignisse zeigen</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>One operation only</source>
        <translation>Nur ein Vorgang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operation id %1</source>
        <translation>Vorgangs-ID %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>From event %1 down</source>
        <translation>Ab Ereignis %1 abwärts</translation>
    </message>
</context>
<context>
    <name>AuditLogActions</name>
    <message>
        <location filename="../ui/audit/AuditLogActions.cpp" line="+30"/>
        <source>&amp;Verify</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export CSV…</source>
        <translation>CSV &amp;exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verify Against &amp;Anchor…</source>
        <translation>Gegen &amp;Anker prüfen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save Anchor…</source>
        <translation>Anker &amp;speichern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit &amp;Report…</source>
        <translation>Prü&amp;fbericht…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Check the audit log&apos;s hash chain and every user&apos;s cached total (Ctrl+Shift+V)</source>
        <translation>Die Hash-Kette des Prüfprotokolls und die gespeicherte Summe jedes Benutzers prüfen (Strg+Umschalt+V)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Write every event the filter matches to a CSV file, snapshots and hashes included (Ctrl+Shift+E)</source>
        <translation>Alle Ereignisse, auf die der Filter passt, in eine CSV-Datei schreiben, mit Momentaufnahmen und Hashes (Strg+Umschalt+E)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Verify, and also check that the event recorded in an anchor file is still there with its hash: finds the newest events removed</source>
        <translation>Prüfen und zusätzlich kontrollieren, ob das in einer Ankerdatei vermerkte Ereignis mit seinem Hash noch vorhanden ist: findet entfernte neueste Ereignisse</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save the newest event&apos;s seq and hash to a file; keep it away from the database to verify against later</source>
        <translation>Nr. und Hash des neuesten Ereignisses in eine Datei speichern; bewahren Sie sie getrennt von der Datenbank auf, um später dagegen zu prüfen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Write every event of one user in a period, with its hash, as PDF or CSV for an auditor to file</source>
        <translation>Jedes Ereignis eines Benutzers in einem Zeitraum mit seinem Hash als PDF oder CSV schreiben, zur Ablage durch einen Prüfer</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+6"/>
        <source>Verify against anchor</source>
        <translation>Gegen Anker prüfen</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+143"/>
        <source>Audit anchors (*.json);;All files (*)</source>
        <translation>Prüfanker (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="-120"/>
        <source>Verifying the audit log…</source>
        <translation>Das Prüfprotokoll wird geprüft…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>Verify</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Checking the hash chain: %1 of %2 events…</source>
        <translation>Hash-Kette wird geprüft: %1 von %2 Ereignissen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checking the hash chain…</source>
        <translation>Hash-Kette wird geprüft…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The audit log could not be verified; nothing was changed.

%1</source>
        <translation>Das Prüfprotokoll konnte nicht geprüft werden; es wurde nichts geändert.

%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verification failed</source>
        <translation>Prüfung fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>… and %1 more</source>
        <translation>… und %1 weitere</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+16"/>
        <source>Repair totals</source>
        <translation>Summen reparieren</translation>
    </message>
    <message numerus="yes">
        <location line="-15"/>
        <source>Set the cached total(s) of %Ln user(s) to the sum(s) of their transactions?</source>
        <translation>
            <numerusform>Die gespeicherte Summe von %Ln Benutzer auf die Summe seiner Buchungen setzen?</numerusform>
            <numerusform>Die gespeicherten Summen von %Ln Benutzern auf die Summen ihrer Buchungen setzen?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each change is recorded in the audit log as &quot;repair&quot;; no transaction is changed.</source>
        <translation>Jede Änderung wird im Prüfprotokoll als „repair“ vermerkt; keine Buchung wird geändert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Repairing totals…</source>
        <translation>Summen werden repariert…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The totals were not repaired; nothing was changed.

%1</source>
        <translation>Die Summen wurden nicht repariert; es wurde nichts geändert.

%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Repaired the total of 1 user</source>
        <translation>Die Summe von 1 Benutzer wurde repariert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repaired the totals of %1 users</source>
        <translation>Die Summen von %1 Benutzern wurden repariert</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export audit log</source>
        <translation>Prüfprotokoll exportieren</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+4"/>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+70"/>
        <source>Writing %1 of %2 events…</source>
        <translation>%1 von %2 Ereignissen werden geschrieben…</translation>
    </message>
    <message>
        <location line="-69"/>
        <location line="+70"/>
        <source>Counting the events…</source>
        <translation>Die Ereignisse werden gezählt…</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Exporting the audit log…</source>
        <translation>Das Prüfprotokoll wird exportiert…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Exported %1 events to %2</source>
        <translation>%1 Ereignisse nach %2 exportiert</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save audit anchor</source>
        <translation>Prüfanker speichern</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save anchor</source>
        <translation>Anker speichern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Anchored the empty audit log in %1</source>
        <translation>Das leere Prüfprotokoll in %1 verankert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anchored event %1 in %2; keep the file away from the database</source>
        <translation>Ereignis %1 in %2 verankert; bewahren Sie die Datei getrennt von der Datenbank auf</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Save audit report</source>
        <translation>Prüfbericht speichern</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+4"/>
        <source>Audit report</source>
        <translation>Prüfbericht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Writing the audit report…</source>
        <translation>Der Prüfbericht wird geschrieben…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Wrote %1 events to %2</source>
        <translation>%1 Ereignisse nach %2 geschrieben</translation>
    </message>
</context>
<context>
    <name>AuditLogView</name>
    <message>
        <location filename="../ui/audit/AuditLogView.cpp" line="+51"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only this &amp;user</source>
        <translation>Nur diesen &amp;Benutzer zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Filter</source>
        <translation>&amp;Filter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;transaction</source>
        <translation>&amp;Buchung zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show u&amp;ser</source>
        <translation>Ben&amp;utzer zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show events of this &amp;batch</source>
        <translation>Ereignisse dieses &amp;Stapels zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy transaction &amp;id</source>
        <translation>Buchungs-&amp;ID kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy user i&amp;d</source>
        <translation>Benutzer-I&amp;D kopieren</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copy the selected events as tab-separated text (Ctrl+C)</source>
        <translation>Die ausgewählten Ereignisse als tabulatorgetrennten Text kopieren (Strg+C)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+U</source>
        <translation>Ctrl+U</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter the log by the selected event&apos;s user (Ctrl+U)</source>
        <translation>Das Protokoll nach dem Benutzer des ausgewählten Ereignisses filtern (Strg+U)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show the transaction in the user&apos;s history</source>
        <translation>Die Buchung im Verlauf des Benutzers zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select the user in the users list</source>
        <translation>Den Benutzer in der Benutzerliste auswählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the events of the same operation: one rollback, one import, one demo</source>
        <translation>Nur die Ereignisse desselben Vorgangs: ein Storno, ein Import, ein Demo-Lauf</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Copied transaction id %1</source>
        <translation>Buchungs-ID %1 kopiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copied user id %1</source>
        <translation>Benutzer-ID %1 kopiert</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Put the cursor in the user filter (Ctrl+Shift+F)</source>
        <translation>Den Cursor in den Benutzerfilter setzen (Strg+Umschalt+F)</translation>
    </message>
    <message>
        <location line="+112"/>
        <location line="+18"/>
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Press F5 to try again.</source>
        <translation>Drücken Sie F5, um es erneut zu versuchen.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Event %1 is not in the audit log: it may have been removed.</source>
        <translation>Ereignis %1 ist nicht im Prüfprotokoll: Es wurde möglicherweise entfernt.</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln Ereignis</numerusform>
            <numerusform>%Ln Ereignisse</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln event(s) match the filter; %1 loaded</source>
        <translation>
            <numerusform>%Ln Ereignis passt zum Filter; %1 geladen</numerusform>
            <numerusform>%Ln Ereignisse passen zum Filter; %1 geladen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>Copied %Ln event(s)</source>
        <translation>
            <numerusform>%Ln Ereignis kopiert</numerusform>
            <numerusform>%Ln Ereignisse kopiert</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Event %1 concerns no single user</source>
        <translation>Ereignis %1 betrifft keinen einzelnen Benutzer</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../models/AuditModel.cpp" line="+108"/>
        <source>The removed row&apos;s amount: the user&apos;s total went down by %1</source>
        <translation>Der Betrag der entfernten Zeile: Die Summe des Benutzers sank um %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The restored row&apos;s amount: the user&apos;s total went up by %1</source>
        <translation>Der Betrag der wiederhergestellten Zeile: Die Summe des Benutzers stieg um %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The change of the cached total, from the sum of the user&apos;s transactions</source>
        <translation>Die Änderung der gespeicherten Summe, berechnet aus der Summe der Buchungen des Benutzers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The cached total it was set to in the database: %1</source>
        <translation>Die gespeicherte Summe, auf die sie in der Datenbank gesetzt wurde: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The amount of the row added</source>
        <translation>Der Betrag der hinzugefügten Zeile</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Database or system login: %1
Operator: %2</source>
        <translation>Datenbank- oder Systemanmeldung: %1
Bediener: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>id %1</source>
        <translation>ID %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Seq</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actor</source>
        <translation>Akteur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transaction</source>
        <translation>Buchung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Position in the hash chain: 1, 2, 3, ... without gaps</source>
        <translation>Position in der Hash-Kette: 1, 2, 3, … ohne Lücken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When the change was committed, in local time (UTC in each cell&apos;s tooltip)</source>
        <translation>Wann die Änderung festgeschrieben wurde, in Ortszeit (UTC im Tooltip jeder Zelle)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who made the change: the operator named at start, else the login (both in each cell&apos;s tooltip)</source>
        <translation>Wer die Änderung vorgenommen hat: der beim Start genannte Bediener, sonst die Anmeldung (beide im Tooltip jeder Zelle)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The user whose XP was affected (the id in each cell&apos;s tooltip)</source>
        <translation>Der Benutzer, dessen XP betroffen sind (die ID im Tooltip jeder Zelle)</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>What was done</source>
        <translation>Was getan wurde</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The &quot;UserXP&quot; row affected</source>
        <translation>Die betroffene „UserXP“-Zeile</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The XP amount of that row, or the change of a total</source>
        <translation>Der XP-Betrag dieser Zeile oder die Änderung einer Summe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The reason or description given</source>
        <translation>Die angegebene Begründung oder Beschreibung</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>The audit log could not be read; nothing was changed. %1</source>
        <translation>Das Prüfprotokoll konnte nicht gelesen werden; es wurde nichts geändert. %1</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>The newest audit events could not be read; nothing was changed. %1</source>
        <translation>Die neuesten Prüfereignisse konnten nicht gelesen werden; es wurde nichts geändert. %1</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Event %1 could not be looked up; nothing was changed. %2</source>
        <translation>Ereignis %1 konnte nicht nachgeschlagen werden; es wurde nichts geändert. %2</translation>
    </message>
</context>
<context>
    <name>AuditReport</name>
    <message>
        <location filename="../core/audit/AuditReport.cpp" line="+33"/>
        <source>Name the user the report is for</source>
        <translation>Nennen Sie den Benutzer, für den der Bericht ist</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The period ends before it starts: --until must be later than --since</source>
        <translation>Der Zeitraum endet, bevor er beginnt: --until muss später als --since sein</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>No report was written. %1</source>
        <translation>Es wurde kein Bericht geschrieben. %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Report cancelled after %1 events; no file was written.</source>
        <translation>Bericht nach %1 Ereignissen abgebrochen; keine Datei wurde geschrieben.</translation>
    </message>
</context>
<context>
    <name>AuditReportCsv</name>
    <message>
        <location filename="../core/audit/AuditReportCsv.cpp" line="+37"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Cannot save %1: %2; no file was written.</source>
        <translation>%1 kann nicht gespeichert werden: %2; keine Datei wurde geschrieben.</translation>
    </message>
</context>
<context>
    <name>AuditReportDialog</name>
    <message>
        <location filename="../ui/audit/AuditReportDialog.cpp" line="+19"/>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;To:</source>
        <translation>B&amp;is:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Audit Report</source>
        <translation>Prüfbericht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the user&apos;s id</source>
        <translation>die ID des Benutzers</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unchecked: from the user&apos;s first event</source>
        <translation>Nicht angehakt: ab dem ersten Ereignis des Benutzers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unchecked: up to the newest event</source>
        <translation>Nicht angehakt: bis zum neuesten Ereignis</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PDF, to print and file</source>
        <translation>PDF, zum Drucken und Ablegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV, for a spreadsheet</source>
        <translation>CSV, für eine Tabellenkalkulation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Write Report…</source>
        <translation>Bericht &amp;schreiben…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every audit event of one user in a period, with its hash, under a header that names the database and the newest hash of the whole log.</source>
        <translation>Jedes Prüfereignis eines Benutzers in einem Zeitraum mit seinem Hash, unter einer Kopfzeile, die die Datenbank und den neuesten Hash des ganzen Protokolls nennt.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>F&amp;ormat:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>The last day is before the first</source>
        <translation>Der letzte Tag liegt vor dem ersten</translation>
    </message>
</context>
<context>
    <name>AuditReportPdf</name>
    <message>
        <location filename="../core/audit/AuditReportPdf.cpp" line="+32"/>
        <source>the first event</source>
        <translation>erstes Ereignis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (exclusive)</source>
        <translation> (ausschließlich)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the newest event</source>
        <translation>neuestes Ereignis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>from %1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Audit report for user %1</source>
        <translation>Prüfbericht für Benutzer %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>XP Admin audit report</source>
        <translation>XP Admin – Prüfbericht</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generated</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 by %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events in this report</source>
        <translation>Ereignisse in diesem Bericht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Newest event of the log</source>
        <translation>Neuestes Ereignis des Protokolls</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+7"/>
        <source>%1, hash %2</source>
        <translation>%1, Hash %2</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Closed period</source>
        <translation>Abgeschlossener Zeitraum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>closed up to %1 by %2 on %3: this report is the same whenever it is made</source>
        <translation>abgeschlossen bis %1 von %2 am %3: Dieser Bericht fällt immer gleich aus, wann immer er erstellt wird</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The close&apos;s event</source>
        <translation>Ereignis des Abschlusses</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total at the close</source>
        <translation>Summe beim Abschluss</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 XP, kept by the close; the user&apos;s rows up to %2 still add up to it</source>
        <translation>%1 XP, vom Abschluss festgehalten; die Buchungen des Benutzers bis %2 ergeben weiterhin diese Summe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 XP, kept by the close; DIFFERS: the user&apos;s rows up to %2 now add up to %3 XP</source>
        <translation>%1 XP, vom Abschluss festgehalten; ABWEICHUNG: Die Buchungen des Benutzers bis %2 ergeben jetzt %3 XP</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Every event&apos;s hash is SHA-256 of the previous event&apos;s hash and the event itself, so changing, removing or inserting an event breaks every later hash. Check the log with xpadmin-cli verify; keep this report&apos;s newest hash to compare with the log later.</source>
        <translation>Der Hash jedes Ereignisses ist SHA-256 aus dem Hash des vorherigen Ereignisses und dem Ereignis selbst; das Ändern, Entfernen oder Einfügen eines Ereignisses bricht daher jeden späteren Hash. Prüfen Sie das Protokoll mit xpadmin-cli verify; bewahren Sie den neuesten Hash dieses Berichts auf, um ihn später mit dem Protokoll zu vergleichen.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Seq</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Actor</source>
        <translation>Akteur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Operator</source>
        <translation>Bediener</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>XP Admin audit report, user %1</source>
        <translation>XP Admin – Prüfbericht, Benutzer %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page %1</source>
        <translation>Seite %1</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>… (%1 more characters: the CSV report has the whole reason)</source>
        <translation>… (%1 weitere Zeichen: Der CSV-Bericht enthält die ganze Begründung)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>hash %1</source>
        <translation>Hash %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hash %1   transaction %2</source>
        <translation>Hash %1   Buchung %2</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No audit event of this user in this period.</source>
        <translation>Kein Prüfereignis dieses Benutzers in diesem Zeitraum.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot save %1: %2; no file was written.</source>
        <translation>%1 kann nicht gespeichert werden: %2; keine Datei wurde geschrieben.</translation>
    </message>
</context>
<context>
    <name>AuditTail</name>
    <message>
        <location filename="../models/AuditTail.cpp" line="+29"/>
        <source>The end of the audit log could not be read: %1</source>
        <translation>Das Ende des Prüfprotokolls konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The newest audit events could not be read: %1</source>
        <translation>Die neuesten Prüfereignisse konnten nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>AuditText</name>
    <message>
        <location filename="../models/AuditText.cpp" line="+74"/>
        <source>Award</source>
        <translation>Vergabe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Adjustment</source>
        <translation>Korrektur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rollback</source>
        <translation>Storno</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source deleted</source>
        <translation>Quelle gelöscht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore</source>
        <translation>Wiederherstellung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total recalculated</source>
        <translation>Summe neu berechnet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total repaired</source>
        <translation>Summe repariert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User added</source>
        <translation>Benutzer angelegt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Demo data</source>
        <translation>Demodaten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Legacy import</source>
        <translation>Altdaten-Import</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approval requested</source>
        <translation>Freigabe beantragt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approved</source>
        <translation>Freigegeben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approval threshold</source>
        <translation>Freigabeschwelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added in the database</source>
        <translation>In der Datenbank hinzugefügt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deleted in the database</source>
        <translation>In der Datenbank gelöscht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed in the database (was)</source>
        <translation>In der Datenbank geändert (vorher)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed in the database</source>
        <translation>In der Datenbank geändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total changed in the database</source>
        <translation>Summe in der Datenbank geändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capture installed</source>
        <translation>Erfassung eingerichtet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capture removed</source>
        <translation>Erfassung entfernt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alert rules</source>
        <translation>Warnregeln</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason codes</source>
        <translation>Grundcodes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Period closed</source>
        <translation>Zeitraum abgeschlossen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Period reopened</source>
        <translation>Zeitraum wieder geöffnet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Limits</source>
        <translation>Limits</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>XP awarded for a problem attempt, achievement or streak</source>
        <translation>XP für einen Lösungsversuch, eine Errungenschaft oder eine Serie vergeben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A manual adjustment, or a row of an import</source>
        <translation>Eine Korrektur von Hand oder eine Zeile eines Imports</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A transaction removed; it can be restored</source>
        <translation>Eine Buchung entfernt; sie kann wiederhergestellt werden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every transaction of one source removed; they can be restored</source>
        <translation>Alle Buchungen einer Quelle entfernt; sie können wiederhergestellt werden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A removed transaction put back</source>
        <translation>Eine entfernte Buchung zurückgeholt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A user&apos;s cached total set to the sum of their transactions</source>
        <translation>Die gespeicherte Summe eines Benutzers auf die Summe seiner Buchungen gesetzt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A drifted cached total set to the sum of the user&apos;s transactions after a check</source>
        <translation>Eine abweichende gespeicherte Summe nach einer Prüfung auf die Summe der Buchungen des Benutzers gesetzt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A user created</source>
        <translation>Ein Benutzer angelegt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Demo users and transactions generated</source>
        <translation>Demo-Benutzer und -Buchungen erzeugt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A transaction from a legacy export, with its user where it was created</source>
        <translation>Eine Buchung aus einem Altdaten-Export, mit ihrem Benutzer, wo er neu angelegt wurde</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A held adjustment approved and applied</source>
        <translation>Eine zurückgehaltene Korrektur freigegeben und angewendet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A held adjustment rejected; nothing was applied</source>
        <translation>Eine zurückgehaltene Korrektur abgelehnt; nichts wurde angewendet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The amount above which adjustments need approval was changed</source>
        <translation>Der Betrag, ab dem Korrekturen eine Freigabe brauchen, wurde geändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A transaction added outside XP Admin (the web app or a database console), captured</source>
        <translation>Eine außerhalb von XP Admin (in der Web-App oder einer Datenbankkonsole) hinzugefügte Buchung, erfasst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A transaction deleted outside XP Admin, captured</source>
        <translation>Eine außerhalb von XP Admin gelöschte Buchung, erfasst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A transaction changed outside XP Admin: how it was before</source>
        <translation>Eine außerhalb von XP Admin geänderte Buchung: Zustand vorher</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A transaction changed outside XP Admin: how it is after</source>
        <translation>Eine außerhalb von XP Admin geänderte Buchung: Zustand nachher</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A user&apos;s cached total written outside XP Admin, captured</source>
        <translation>Die außerhalb von XP Admin geschriebene gespeicherte Summe eines Benutzers, erfasst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capture of changes made outside XP Admin switched on</source>
        <translation>Erfassung von Änderungen außerhalb von XP Admin eingeschaltet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capture of changes made outside XP Admin switched off</source>
        <translation>Erfassung von Änderungen außerhalb von XP Admin ausgeschaltet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A reason code for manual changes was added, changed or retired, or the ticket link pattern was set</source>
        <translation>Ein Grundcode für Änderungen von Hand wurde hinzugefügt, geändert oder stillgelegt, oder das Ticket-Linkmuster wurde gesetzt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The rules that raise alerts (large change, many changes an hour, direct change of a total) were changed</source>
        <translation>Die Regeln, die Warnungen auslösen (große Änderung, viele Änderungen pro Stunde, direkte Änderung einer Summe), wurden geändert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The ledger closed up to a day: nothing dated up to then may change; every user&apos;s total kept</source>
        <translation>Das Hauptbuch wurde bis zu einem Tag abgeschlossen: Nichts, was bis dahin datiert ist, darf sich ändern; die Summe jedes Benutzers wurde festgehalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The end of the closed period moved back to an earlier day: what is after it is open again</source>
        <translation>Das Ende des abgeschlossenen Zeitraums wurde auf einen früheren Tag zurückverlegt: Was danach liegt, ist wieder offen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The most XP a role or a person may move per adjustment or per day without approval was changed</source>
        <translation>Wie viele XP eine Rolle oder eine Person je Korrektur oder je Tag ohne Freigabe höchstens bewegen darf, wurde geändert</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Transaction %1 removed: %2</source>
        <translation>Buchung %1 entfernt: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transaction %1 restored: %2</source>
        <translation>Buchung %1 wiederhergestellt: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transaction %1 imported: %2</source>
        <translation>Buchung %1 importiert: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+92"/>
        <source>Transaction %1 added: %2</source>
        <translation>Buchung %1 hinzugefügt: %2</translation>
    </message>
    <message>
        <location line="-86"/>
        <source>User %1 created</source>
        <translation>Benutzer %1 angelegt</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+70"/>
        <source>Total XP %1 → %2</source>
        <translation>XP-Summe %1 → %2</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Adjustment %1 held for approval, not applied: %2</source>
        <translation>Korrektur %1 zur Freigabe zurückgehalten, nicht angewendet: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Held adjustment %1 approved and applied: %2</source>
        <translation>Zurückgehaltene Korrektur %1 freigegeben und angewendet: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held adjustment %1 rejected, not applied: %2</source>
        <translation>Zurückgehaltene Korrektur %1 abgelehnt, nicht angewendet: %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Alert on a single change above: %1 → %2</source>
        <translation>Warnen bei einer einzelnen Änderung über: %1 → %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Alert on more changes by one actor in an hour than: %1 → %2</source>
        <translation>Warnen bei mehr Änderungen eines Akteurs pro Stunde als: %1 → %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Alert on a direct change of a total: %1 → %2</source>
        <translation>Warnen bei einer direkten Änderung einer Summe: %1 → %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alert rules set, unchanged</source>
        <translation>Warnregeln gesetzt, unverändert</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>on the database server</source>
        <translation>auf dem Datenbankserver</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>from %1</source>
        <translation>von %1 aus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed in the database by %1, %2</source>
        <translation>In der Datenbank geändert durch %1, %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed in the database by %1 (%2), %3</source>
        <translation>In der Datenbank geändert durch %1 (%2), %3</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Total XP set to %1 (a new profile)</source>
        <translation>XP-Summe auf %1 gesetzt (ein neues Profil)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Profile deleted (total XP was %1)</source>
        <translation>Profil gelöscht (XP-Summe war %1)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Set directly: no transaction of the user changed with it</source>
        <translation>Direkt gesetzt: Dabei wurde keine Buchung des Benutzers geändert</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Transaction %1 deleted: %2</source>
        <translation>Buchung %1 gelöscht: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transaction was %1: %2</source>
        <translation>Buchung war %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transaction is now %1: %2</source>
        <translation>Buchung ist jetzt %1: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>, a ticket required</source>
        <translation>, Ticket erforderlich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason code %1 added: %2%3</source>
        <translation>Grundcode %1 hinzugefügt: %2%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason code %1 retired: %2</source>
        <translation>Grundcode %1 stillgelegt: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason code %1 changed: %2 → %3%4</source>
        <translation>Grundcode %1 geändert: %2 → %3%4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ticket ids are shown as text</source>
        <translation>Ticket-IDs werden als Text angezeigt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ticket links: %1</source>
        <translation>Ticket-Links: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Changes made outside XP Admin to %1 are captured from now on</source>
        <translation>Änderungen an %1 außerhalb von XP Admin werden ab jetzt erfasst</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Changes made outside XP Admin are no longer captured</source>
        <translation>Änderungen außerhalb von XP Admin werden nicht mehr erfasst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total XP %1 → %2 (set to the sum of the user&apos;s transactions)</source>
        <translation>XP-Summe %1 → %2 (auf die Summe der Buchungen des Benutzers gesetzt)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>User added: %1 &lt;%2&gt;</source>
        <translation>Benutzer angelegt: %1 &lt;%2&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User added: %1</source>
        <translation>Benutzer angelegt: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Demo data generated: %1 users, %2 transactions, %3 XP in all</source>
        <translation>Demodaten erzeugt: %1 Benutzer, %2 Buchungen, insgesamt %3 XP</translation>
    </message>
    <message>
        <location line="-327"/>
        <location line="+223"/>
        <location line="+111"/>
        <source>%1 XP</source>
        <translation>%1 XP</translation>
    </message>
    <message>
        <location line="-333"/>
        <source>no limit</source>
        <translation>kein Limit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>role %1</source>
        <translation>Rolle %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>person %1</source>
        <translation>Person %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Limits of %1: per change %2 → %3, per day %4 → %5</source>
        <translation>Limits für %1: je Korrektur %2 → %3, je Tag %4 → %5</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>An adjustment above the approval threshold or a limit, held until an admin decides</source>
        <translation>Eine Korrektur über der Freigabeschwelle oder einem Limit, zurückgehalten, bis ein Admin entscheidet</translation>
    </message>
    <message>
        <location line="+101"/>
        <location line="+3"/>
        <location line="+118"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approval threshold %1 → %2</source>
        <translation>Freigabeschwelle %1 → %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Closed up to %1: %2 users&apos; totals kept, %3 XP in all</source>
        <translation>Abgeschlossen bis %1: Summen von %2 Benutzern festgehalten, insgesamt %3 XP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reopened after %1: %2 users&apos; totals kept, %3 XP in all</source>
        <translation>Wieder geöffnet nach %1: Summen von %2 Benutzern festgehalten, insgesamt %3 XP</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>BackgroundTask</name>
    <message>
        <location filename="../ui/common/BackgroundTask.cpp" line="+35"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
</context>
<context>
    <name>BatchImporter</name>
    <message>
        <location filename="../core/import/BatchImporter.cpp" line="+114"/>
        <source>batch %1, on %2 UTC by %3</source>
        <translation>Stapel %1, am %2 UTC von %3</translation>
    </message>
</context>
<context>
    <name>CaptureCommands</name>
    <message>
        <location filename="../app/cli/CaptureCommands.cpp" line="+24"/>
        <source>Usage: xpadmin-cli [global options] capture install [--print-sql]
       xpadmin-cli [global options] capture remove
       xpadmin-cli [global options] capture status [--json]

Capture of changes made outside XP Admin (PostgreSQL): install puts triggers on the web app&apos;s &quot;UserXP&quot; and &quot;UserProfile&quot; that record every insert, update and delete XP Admin did not make, with the database role, application_name, client address and time, into xpadmin.captured_change; XP Admin seals them into the audit log&apos;s hash chain at once while a window or watch is open with a role that may (support or admin), else with its next write, and verify seals them first. The tables&apos; columns, indexes and constraints stay as Prisma made them. remove seals what is waiting, then drops the triggers, the function and the table. Run install and remove as the owner of the web app&apos;s tables.
</source>
        <translation>Aufruf: xpadmin-cli [globale Optionen] capture install [--print-sql]
        xpadmin-cli [globale Optionen] capture remove
        xpadmin-cli [globale Optionen] capture status [--json]

Erfassung von Änderungen außerhalb von XP Admin (PostgreSQL): install legt auf &quot;UserXP&quot; und &quot;UserProfile&quot; der Web-App Trigger an, die jedes Einfügen, Ändern und Löschen, das nicht von XP Admin stammt, mit Datenbankrolle, application_name, Client-Adresse und Zeit in xpadmin.captured_change festhalten; XP Admin übernimmt sie sofort in die Hash-Kette des Prüfprotokolls, solange ein Fenster oder watch mit einer dazu berechtigten Rolle (support oder admin) geöffnet ist, sonst beim nächsten Schreibvorgang, und verify übernimmt sie zuerst. Spalten, Indizes und Constraints der Tabellen bleiben so, wie Prisma sie angelegt hat. remove übernimmt, was noch wartet, und entfernt dann die Trigger, die Funktion und die Tabelle. Führen Sie install und remove als Eigentümer der Tabellen der Web-App aus.
</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>capture needs a PostgreSQL database: an SQLite ledger is a file only XP Admin writes, so there is nothing outside it to capture</source>
        <translation>capture braucht eine PostgreSQL-Datenbank: Ein SQLite-Hauptbuch ist eine Datei, die nur XP Admin schreibt, daher gibt es außerhalb davon nichts zu erfassen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Starts capturing changes made outside XP Admin to &quot;UserXP&quot; and &quot;UserProfile&quot; (PostgreSQL; run as the owner of the web app&apos;s tables).</source>
        <translation>Beginnt mit der Erfassung von Änderungen an &quot;UserXP&quot; und &quot;UserProfile&quot; außerhalb von XP Admin (PostgreSQL; als Eigentümer der Tabellen der Web-App ausführen).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print the statements instead of running them, for a database administrator.</source>
        <translation>Die Anweisungen ausgeben, statt sie auszuführen, für einen Datenbankadministrator.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Then, in a transaction of its own, the charts&apos; rollups built from the rows:</source>
        <translation>Danach, in einer eigenen Transaktion, werden die Summen der Diagramme aus den Zeilen aufgebaut:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Installing capture, then building the charts&apos; rollups from every transaction (a few minutes for ten million; the web app&apos;s writes are not held up meanwhile)...</source>
        <translation>Erfassung wird eingerichtet, dann werden die Summen der Diagramme aus allen Transaktionen aufgebaut (einige Minuten für zehn Millionen; die Schreibvorgänge der Web-App werden dabei nicht aufgehalten)...</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Capture was installed on %1 already, by an XP Admin whose table of records kept the pages a seal empties: from now on vacuum gives them back, so that a burst of the web app&apos;s writes no longer slows every later seal (to give back the pages kept so far at once, the table&apos;s owner can run VACUUM FULL xpadmin.captured_change).</source>
        <translation>Die Erfassung war auf %1 schon eingerichtet, von einem XP Admin, dessen Tabelle der festgehaltenen Änderungen die Seiten behielt, die eine Übernahme ins Prüfprotokoll leert: Von jetzt an gibt VACUUM sie zurück, damit ein Schub von Schreibvorgängen der Web-App nicht mehr jede spätere Übernahme verlangsamt (um die bisher behaltenen Seiten sofort zurückzugeben, kann der Eigentümer der Tabelle VACUUM FULL xpadmin.captured_change ausführen).</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Capture was installed on %1 already, by an XP Admin that kept no rollups for the charts or kept them without the index and the gains the top users read: they are built now, and the charts of everyone read them.</source>
        <translation>Die Erfassung war auf %1 schon eingerichtet, von einem XP Admin ohne Summen für die Diagramme oder mit Summen ohne den Index und die Zuwächse, die die Rangliste liest: Sie sind jetzt aufgebaut, und die Diagramme aller Benutzer lesen sie.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Capture installed on %1: changes made outside XP Admin to &quot;UserXP&quot; and &quot;UserProfile&quot; are recorded from now on and sealed into the audit log with XP Admin&apos;s next write; the charts of everyone read rollups kept from the audit log.</source>
        <translation>Erfassung auf %1 eingerichtet: Änderungen an &quot;UserXP&quot; und &quot;UserProfile&quot; außerhalb von XP Admin werden ab jetzt festgehalten und mit dem nächsten Schreibvorgang von XP Admin ins Prüfprotokoll übernommen; die Diagramme aller Benutzer lesen Summen, die aus dem Prüfprotokoll fortgeschrieben werden.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Seals the changes waiting, then removes capture&apos;s triggers, function and table.</source>
        <translation>Übernimmt die wartenden Änderungen und entfernt dann Trigger, Funktion und Tabelle der Erfassung.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Capture removed from %1: what it recorded is sealed in the audit log; nothing else of it is left.</source>
        <translation>Erfassung von %1 entfernt: Was sie festgehalten hat, ist ins Prüfprotokoll übernommen; sonst bleibt nichts von ihr zurück.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Whether capture is installed, since when, and how many changes wait to be sealed.</source>
        <translation>Ob die Erfassung eingerichtet ist, seit wann und wie viele Änderungen auf die Übernahme warten.</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+3"/>
        <source>Capture:</source>
        <translation>Erfassung:</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>not installed (xpadmin-cli capture install, as the tables&apos; owner)</source>
        <translation>nicht eingerichtet (xpadmin-cli capture install, als Eigentümer der Tabellen)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>installed since %1 by %2</source>
        <translation>eingerichtet seit %1 durch %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>installed</source>
        <translation>eingerichtet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tables:</source>
        <translation>Tabellen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none: the triggers are missing</source>
        <translation>keine: Die Trigger fehlen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting to be sealed:</source>
        <translation>Noch zu übernehmen:</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n Änderung</numerusform>
            <numerusform>%n Änderungen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown: this role may not read them</source>
        <translation>unbekannt: Diese Rolle darf sie nicht lesen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This role:</source>
        <translation>Diese Rolle:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>seals them with its writes and verify</source>
        <translation>übernimmt sie bei ihren Schreibvorgängen und bei verify</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>may not seal them</source>
        <translation>darf sie nicht übernehmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charts&apos; rollups:</source>
        <translation>Summen der Diagramme:</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>built %1; %n event(s) of the log not folded in yet (a chart adds them)</source>
        <translation>
            <numerusform>aufgebaut %1; %n Ereignis des Protokolls noch nicht eingerechnet (ein Diagramm rechnet es hinzu)</numerusform>
            <numerusform>aufgebaut %1; %n Ereignisse des Protokolls noch nicht eingerechnet (ein Diagramm rechnet sie hinzu)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not built: the charts sum the rows</source>
        <translation>nicht aufgebaut: Die Diagramme summieren die Zeilen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>built by an earlier XP Admin, without the index and the gains the top users of a range read: run xpadmin-cli capture install again</source>
        <translation>von einem früheren XP Admin aufgebaut, ohne den Index und die Zuwächse, die die Rangliste eines Zeitraums liest: xpadmin-cli capture install erneut ausführen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records&apos; table:</source>
        <translation>Tabelle der Änderungen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>keeps the pages a seal empties, and every seal reads them (installed by an earlier XP Admin): run xpadmin-cli capture install again</source>
        <translation>behält die Seiten, die eine Übernahme leert, und jede Übernahme liest sie (von einem früheren XP Admin eingerichtet): xpadmin-cli capture install erneut ausführen</translation>
    </message>
</context>
<context>
    <name>CaptureInstaller</name>
    <message>
        <location filename="../core/capture/CaptureInstaller.cpp" line="+125"/>
        <source>Capture records changes made outside XP Admin with PostgreSQL triggers; an SQLite ledger is a local file that only XP Admin writes, so there is nothing to capture</source>
        <translation>Die Erfassung hält Änderungen außerhalb von XP Admin mit PostgreSQL-Triggern fest; ein SQLite-Hauptbuch ist eine lokale Datei, die nur XP Admin schreibt, daher gibt es nichts zu erfassen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The database does not know the connected role %1</source>
        <translation>Die Datenbank kennt die verbundene Rolle %1 nicht</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Permission denied: capture puts triggers on the web app&apos;s tables, which only their owner or a superuser may do; %1 does not own %2. Nothing was changed.</source>
        <translation>Zugriff verweigert: Die Erfassung legt Trigger auf den Tabellen der Web-App an, was nur deren Eigentümer oder ein Superuser darf; %1 ist nicht Eigentümer von %2. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Permission denied: capture creates its table in the schema xpadmin, which %1 does not own. Nothing was changed.</source>
        <translation>Zugriff verweigert: Die Erfassung legt ihre Tabelle im Schema xpadmin an, dessen Eigentümer %1 nicht ist. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Capture is installed already: xpadmin-cli capture status tells since when</source>
        <translation>Die Erfassung ist bereits eingerichtet: xpadmin-cli capture status nennt, seit wann</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Capture is not installed: there is nothing to remove</source>
        <translation>Die Erfassung ist nicht eingerichtet: Es gibt nichts zu entfernen</translation>
    </message>
</context>
<context>
    <name>CapturedChanges</name>
    <message>
        <location filename="../core/audit/CapturedChanges.cpp" line="+202"/>
        <source>The changes capture recorded could not be sealed into the audit log: %1</source>
        <translation>Die von der Erfassung festgehaltenen Änderungen konnten nicht ins Prüfprotokoll übernommen werden: %1</translation>
    </message>
</context>
<context>
    <name>CategoryShareChart</name>
    <message>
        <location filename="../ui/charts/CategoryShareChart.cpp" line="+47"/>
        <source>%1&lt;br&gt;%2</source>
        <translation>%1&lt;br&gt;%2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 %2 (net)</source>
        <translation>%1 %2 (netto)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No XP earned in this range, only deductions</source>
        <translation>In diesem Zeitraum wurden keine XP verdient, nur abgezogen</translation>
    </message>
</context>
<context>
    <name>ChartExportCommand</name>
    <message>
        <location filename="../app/gui/ChartExportCommand.cpp" line="+66"/>
        <source>--export-chart %1 is not a chart: use one of %2</source>
        <translation>--export-chart %1 ist kein Diagramm: Verwenden Sie eines von %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--out is missing: name the file to write, ending in .png, .svg or .pdf</source>
        <translation>--out fehlt: Geben Sie die zu schreibende Datei an, mit der Endung .png, .svg oder .pdf</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--out %1 is not a PNG, SVG or PDF file name: end it with .png, .svg or .pdf</source>
        <translation>--out %1 ist kein PNG-, SVG- oder PDF-Dateiname: Beenden Sie ihn mit .png, .svg oder .pdf</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>write it as 2026-11-01, &quot;2026-11-01 13:00&quot; or 2026-11-01T13:00:00Z</source>
        <translation>schreiben Sie es als 2026-11-01, &quot;2026-11-01 13:00&quot; oder 2026-11-01T13:00:00Z</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--since %1 is not a date: %2</source>
        <translation>--since %1 ist kein Datum: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--until %1 is not a date: %2</source>
        <translation>--until %1 ist kein Datum: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--until %1 is before --since %2</source>
        <translation>--until %1 liegt vor --since %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--db %1: %2</source>
        <translation>--db %1: %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--user %1 is not a user of this ledger</source>
        <translation>--user %1 ist kein Benutzer dieses Hauptbuchs</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--out %1: %2</source>
        <translation>--out %1: %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Wrote %1 (%2, %3)</source>
        <translation>%1 geschrieben (%2, %3)</translation>
    </message>
</context>
<context>
    <name>ChartExporter</name>
    <message>
        <location filename="../ui/charts/ChartExporter.cpp" line="+31"/>
        <source>PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG-Bild (*.png);;SVG-Bild (*.svg);;PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 has no known image extension: end the file name with .png, .svg or .pdf</source>
        <translation>%1 hat keine bekannte Bildendung: Beenden Sie den Dateinamen mit .png, .svg oder .pdf</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+37"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Cannot write %1 as PNG</source>
        <translation>%1 kann nicht als PNG geschrieben werden</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>XP chart made by XP Admin</source>
        <translation>XP-Diagramm, erstellt mit XP Admin</translation>
    </message>
</context>
<context>
    <name>ChartFigures</name>
    <message>
        <location filename="../core/charts/ChartFigures.cpp" line="+64"/>
        <source>CATEGORY</source>
        <translation>KATEGORIE</translation>
    </message>
    <message>
        <location line="-27"/>
        <location line="+27"/>
        <location line="+24"/>
        <source>XP</source>
        <translation>XP</translation>
    </message>
    <message>
        <location line="-50"/>
        <location line="+26"/>
        <location line="+24"/>
        <source>TRANSACTIONS</source>
        <translation>BUCHUNGEN</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>SHARE</source>
        <translation>ANTEIL</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(all)</source>
        <translation>(alle)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>DAY</source>
        <translation>TAG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WEEK OF</source>
        <translation>WOCHE AB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MONTH OF</source>
        <translation>MONAT</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>SOURCE TYPE</source>
        <translation>QUELLENTYP</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>RANK</source>
        <translation>RANG</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>USER</source>
        <translation>BENUTZER</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
</context>
<context>
    <name>ChartFrame</name>
    <message>
        <location filename="../ui/charts/ChartFrame.cpp" line="+132"/>
        <source>No transactions in this range</source>
        <translation>Keine Buchungen in diesem Zeitraum</translation>
    </message>
</context>
<context>
    <name>ChartKinds</name>
    <message>
        <location filename="../core/charts/ChartData.cpp" line="+31"/>
        <source>XP by Category</source>
        <translation>XP nach Kategorie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>XP over Time</source>
        <translation>XP im Zeitverlauf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>XP by Source Type</source>
        <translation>XP nach Quellentyp</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Top Users</source>
        <translation>Beste Benutzer</translation>
    </message>
</context>
<context>
    <name>ChartLoader</name>
    <message>
        <location filename="../core/charts/ChartLoader.cpp" line="+15"/>
        <source>There is no user with the id %1.</source>
        <translation>Es gibt keinen Benutzer mit der ID %1.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Everyone</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User: %1</source>
        <translation>Benutzer: %1</translation>
    </message>
</context>
<context>
    <name>ChartQuery</name>
    <message>
        <location filename="../core/charts/ChartQuery.cpp" line="+86"/>
        <source>The range ends (%1) before it starts (%2)</source>
        <translation>Der Zeitraum endet (%1), bevor er beginnt (%2)</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+204"/>
        <source>Charting cancelled</source>
        <translation>Diagrammerstellung abgebrochen</translation>
    </message>
    <message>
        <location line="-62"/>
        <source>Unknown category or source type in the ledger: %1, %2</source>
        <translation>Unbekannte Kategorie oder unbekannter Quellentyp im Hauptbuch: %1, %2</translation>
    </message>
</context>
<context>
    <name>ChartRangeBar</name>
    <message>
        <location filename="../ui/charts/ChartRangeBar.cpp" line="+26"/>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 90 days</source>
        <translation>Letzte 90 Tage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last year</source>
        <translation>Letztes Jahr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom…</source>
        <translation>Benutzerdefiniert…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The days charted, up to today (local time); Custom picks the days</source>
        <translation>Die dargestellten Tage, bis heute (Ortszeit); „Benutzerdefiniert“ wählt die Tage</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>First day charted (from its start, local time)</source>
        <translation>Erster dargestellter Tag (ab seinem Beginn, Ortszeit)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day charted (to its end, local time)</source>
        <translation>Letzter dargestellter Tag (bis zu seinem Ende, Ortszeit)</translation>
    </message>
</context>
<context>
    <name>ChartText</name>
    <message>
        <location filename="../ui/charts/ChartText.cpp" line="+31"/>
        <source>%1 XP</source>
        <translation>%1 XP</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1%</source>
        <translation>%1&#xa0;%</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%Ln transaction(s)</source>
        <translation>
            <numerusform>%Ln Buchung</numerusform>
            <numerusform>%Ln Buchungen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>All time</source>
        <translation>Gesamter Zeitraum</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Week of %1</source>
        <translation>Woche ab %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 — %2 — %3</source>
        <translation>%1 — %2 — %3</translation>
    </message>
    <message>
        <location line="+10"/>
        <source> (%1 of the XP earned)</source>
        <translation> (%1 der verdienten XP)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (a net deduction: not part of the share)</source>
        <translation> (ein Nettoabzug: nicht Teil des Anteils)</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+9"/>
        <source>%1
%2: %3
%4
All categories: %5</source>
        <translation>%1
%2: %3
%4
Alle Kategorien: %5</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>#%1 %2
%3 · %4
Click to select this user</source>
        <translation>#%1 %2
%3 · %4
Klicken, um diesen Benutzer auszuwählen</translation>
    </message>
</context>
<context>
    <name>ChartsView</name>
    <message>
        <location filename="../ui/charts/ChartsView.cpp" line="+78"/>
        <source>Whose XP is charted: choose a user on the left, or All users</source>
        <translation>Wessen XP dargestellt werden: Wählen Sie links einen Benutzer oder „Alle Benutzer“</translation>
    </message>
    <message>
        <location line="+216"/>
        <location line="+158"/>
        <location line="+18"/>
        <source>Export Chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <location line="-176"/>
        <source>The chart could not be read: %1</source>
        <translation>Das Diagramm konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+100"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>Not loaded</source>
        <translation>Nicht geladen</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>Not loaded: %1 (F5 tries again)</source>
        <translation>Nicht geladen: %1 (F5 versucht es erneut)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>by day</source>
        <translation>nach Tag</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>by week</source>
        <translation>nach Woche</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>by month</source>
        <translation>nach Monat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 · %2 · %3 · %4</source>
        <translation>%1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hover over a chart for exact figures; click a legend entry to hide or show a category</source>
        <translation>Zeigen Sie auf ein Diagramm, um genaue Zahlen zu sehen; klicken Sie auf einen Legendeneintrag, um eine Kategorie aus- oder einzublenden</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export Chart: %1</source>
        <translation>Diagramm exportieren: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 is not a PNG, SVG or PDF file name: end it with .png, .svg or .pdf.</source>
        <translation>%1 ist kein PNG-, SVG- oder PDF-Dateiname: Beenden Sie ihn mit .png, .svg oder .pdf.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Exported %1 to %2</source>
        <translation>%1 nach %2 exportiert</translation>
    </message>
</context>
<context>
    <name>CliApp</name>
    <message>
        <location filename="../app/cli/CliApp.cpp" line="+49"/>
        <source>Create the ledger, or migrate XP Admin&apos;s tables</source>
        <translation>Das Hauptbuch anlegen oder die Tabellen von XP Admin migrieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>user find: find users by id, email or name; user show, user add</source>
        <translation>user find: Benutzer nach ID, E-Mail oder Name finden; user show, user add</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add realistic sample data</source>
        <translation>Realistische Beispieldaten hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Award XP: add one transaction</source>
        <translation>XP vergeben: eine Buchung hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Adjust a user&apos;s XP by hand, with a reason</source>
        <translation>Die XP eines Benutzers von Hand korrigieren, mit Begründung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Adjustments waiting for approval: list, approve, reject, threshold</source>
        <translation>Korrekturen, die auf Freigabe warten: auflisten, freigeben, ablehnen, Schwelle</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reason codes of manual changes and ticket links: list, add, change, retire</source>
        <translation>Grundcodes für Änderungen von Hand und Ticket-Links: auflisten, hinzufügen, ändern, stilllegen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Limits per role and per person: show, set (above one, an adjustment waits)</source>
        <translation>Limits je Rolle und je Person: anzeigen, setzen (darüber wartet eine Korrektur)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Alert rules (show, set) and the alerts past events raise (check)</source>
        <translation>Warnregeln (show, set) und die Warnungen, die vergangene Ereignisse auslösen (check)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Roll transactions back (delete them)</source>
        <translation>Buchungen stornieren (löschen)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete every transaction of one source</source>
        <translation>Alle Buchungen einer Quelle löschen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Put rolled-back transactions back</source>
        <translation>Stornierte Buchungen wiederherstellen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Turn legacy totals (a CSV file or UserProfile) into transactions</source>
        <translation>Altsummen (aus einer CSV-Datei oder UserProfile) in Buchungen umwandeln</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply many adjustments from a CSV file</source>
        <translation>Viele Korrekturen aus einer CSV-Datei anwenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set cached totals from the sum of the transactions</source>
        <translation>Gespeicherte Summen aus der Summe der Buchungen setzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the audit chain and every total (--repair)</source>
        <translation>Die Prüfkette und jede Summe prüfen (--repair)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>period close|reopen|list: close the ledger up to a day, reopen it</source>
        <translation>period close|reopen|list: das Hauptbuch bis zu einem Tag abschließen, wieder öffnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>capture install|remove|status: audit changes made outside XP Admin</source>
        <translation>capture install|remove|status: Änderungen außerhalb von XP Admin protokollieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>audit anchor: save the newest hash; audit report: one user&apos;s events, PDF/CSV</source>
        <translation>audit anchor: den neuesten Hash sichern; audit report: Ereignisse eines Benutzers, PDF/CSV</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>password save|forget: the PostgreSQL password in the system keychain</source>
        <translation>password save|forget: das PostgreSQL-Passwort im Schlüsselbund des Systems</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print every change of the ledger as it is made</source>
        <translation>Jede Änderung des Hauptbuchs ausgeben, sobald sie erfolgt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List transactions, newest first</source>
        <translation>Buchungen auflisten, die neuesten zuerst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sum XP, in all or by category, day, user, ...</source>
        <translation>XP summieren, insgesamt oder nach Kategorie, Tag, Benutzer, …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A user&apos;s statement over a period (PDF/CSV)</source>
        <translation>Kontoauszug eines Benutzers für einen Zeitraum (PDF/CSV)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What changed between two moments, reconciled</source>
        <translation>Was sich zwischen zwei Zeitpunkten geändert hat, abgestimmt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The controls report of a period: held changes, reopens, tickets (PDF/CSV)</source>
        <translation>Der Kontrollbericht eines Zeitraums: zurückgehaltene Änderungen, Wiederöffnungen, Tickets (PDF/CSV)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the installation and the database</source>
        <translation>Die Installation und die Datenbank prüfen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>roles install|grant|show: database roles and who you are</source>
        <translation>roles install|grant|show: Datenbankrollen und wer Sie sind</translation>
    </message>
    <message>
        <location line="+135"/>
        <source>--read-db needs the URL of a PostgreSQL standby</source>
        <translation>--read-db braucht die URL eines PostgreSQL-Standby-Servers</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>--wait %1 is not a whole number of seconds from 0 to %2</source>
        <translation>--wait %1 ist keine ganze Zahl von Sekunden zwischen 0 und %2</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>
Run xpadmin-cli COMMAND --help for a command&apos;s options.

Exit status:
</source>
        <translation>
xpadmin-cli BEFEHL --help zeigt die Optionen eines Befehls.

Exit-Status:
</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Usage: xpadmin-cli [global options] COMMAND [options]

Administers an XP ledger: award, adjust, roll back and restore XP, query history and totals, verify and repair.

Global options (before the command):
  --db PATH|URL  The database: an SQLite file, or postgresql://user@host:port/database.
                 Default: $XPADMIN_DB, else %1
  --read-db URL  A hot standby of that PostgreSQL database, for the heavy reading:
                 history, totals, reports, user searches and verify read there, every
                 change goes to --db. Figures it is behind on say &quot;as of&quot; when.
  --actor NAME   Your name, for the audit log (default: your login name).
  --json         Print results as JSON.
  --wait SECONDS How long to wait for a lock another program holds (default: %2);
                 then exit 3 with nothing changed.
  --lang LANG    The language of messages: en, de or fr (default: the system&apos;s).
  --version      Print the version and exit.
  -h, --help     Show this help, or with a command, the command&apos;s help.

Commands:
</source>
        <translation>Aufruf: xpadmin-cli [globale Optionen] BEFEHL [Optionen]

Verwaltet ein XP-Hauptbuch: XP vergeben, korrigieren, stornieren und wiederherstellen, Verlauf und Summen abfragen, prüfen und reparieren.

Globale Optionen (vor dem Befehl):
  --db PATH|URL  Die Datenbank: eine SQLite-Datei oder postgresql://user@host:port/database.
                 Standard: $XPADMIN_DB, sonst %1
  --read-db URL  Ein Hot-Standby-Server dieser PostgreSQL-Datenbank für aufwendiges Lesen:
                 Verlauf, Summen, Berichte, Benutzersuchen und verify lesen dort, jede
                 Änderung geht an --db. Zahlen mit Rückstand nennen ihren Stand.
  --actor NAME   Ihr Name für das Prüfprotokoll (Standard: Ihr Anmeldename).
  --json         Ergebnisse als JSON ausgeben.
  --wait SECONDS Wie lange auf eine Sperre eines anderen Programms gewartet wird
                 (Standard: %2); danach Exit-Status 3, nichts geändert.
  --lang LANG    Die Sprache der Meldungen: en, de oder fr (Standard: die des Systems).
  --version      Die Version ausgeben und beenden.
  -h, --help     Diese Hilfe zeigen, mit einem Befehl dessen Hilfe.

Befehle:
</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>verify or doctor found problems</source>
        <translation>verify oder doctor hat Probleme gefunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bad input or usage; nothing was changed</source>
        <translation>falsche Eingabe oder Verwendung; es wurde nichts geändert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the database is unavailable or failed</source>
        <translation>die Datenbank ist nicht erreichbar oder ist fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>your role may not do this; nothing was changed</source>
        <translation>Ihre Rolle darf das nicht; es wurde nichts geändert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the ledger is read-only here; nothing was changed</source>
        <translation>das Hauptbuch ist hier schreibgeschützt; nichts wurde geändert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled (Ctrl+C); nothing was kept</source>
        <translation>abgebrochen (Strg+C); nichts wurde behalten</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>unknown option --%1 (see xpadmin-cli --help)</source>
        <translation>unbekannte Option --%1 (siehe xpadmin-cli --help)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (see xpadmin-cli --help)</source>
        <translation>%1 (siehe xpadmin-cli --help)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>no command given (see xpadmin-cli --help)</source>
        <translation>kein Befehl angegeben (siehe xpadmin-cli --help)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown command %1 (see xpadmin-cli --help)</source>
        <translation>unbekannter Befehl %1 (siehe xpadmin-cli --help)</translation>
    </message>
</context>
<context>
    <name>CliContext</name>
    <message>
        <location filename="../app/cli/CliContext.cpp" line="+86"/>
        <source>%1 holds another application&apos;s tables (%2) and no XP ledger; nothing was changed. To add the ledger beside them, run `xpadmin-cli init --into-existing`</source>
        <translation>%1 enthält Tabellen einer anderen Anwendung (%2) und kein XP-Hauptbuch; nichts wurde geändert. Um das Hauptbuch daneben anzulegen, führen Sie `xpadmin-cli init --into-existing` aus</translation>
    </message>
</context>
<context>
    <name>CliFormat</name>
    <message>
        <location filename="../app/cli/CliFormat.cpp" line="+68"/>
        <source>Total XP of user %1 is now %2</source>
        <translation>Die XP-Summe von Benutzer %1 ist jetzt %2</translation>
    </message>
</context>
<context>
    <name>CliPassword</name>
    <message>
        <location filename="../app/cli/CliPassword.cpp" line="+95"/>
        <source>warning: a password in --db can be seen by other users of this computer and stays in your shell&apos;s history; use the system keychain (xpadmin-cli password save), PGPASSWORD or ~/.pgpass instead</source>
        <translation>Warnung: Ein Passwort in --db können andere Benutzer dieses Computers sehen, und es bleibt im Verlauf Ihrer Shell; verwenden Sie stattdessen den Schlüsselbund des Systems (xpadmin-cli password save), PGPASSWORD oder ~/.pgpass</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The password saved in the system keychain for %1 was refused</source>
        <translation>Das im Schlüsselbund des Systems für %1 gespeicherte Passwort wurde abgelehnt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1. No password was found: give it with PGPASSWORD or ~/.pgpass, or save it in the system keychain with `xpadmin-cli password save` in a terminal</source>
        <translation>%1. Es wurde kein Passwort gefunden: Geben Sie es mit PGPASSWORD oder ~/.pgpass an, oder speichern Sie es im Schlüsselbund des Systems mit `xpadmin-cli password save` in einem Terminal</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Password for %1: </source>
        <translation>Passwort für %1: </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server refused that password.</source>
        <translation>Der Server hat dieses Passwort abgelehnt.</translation>
    </message>
</context>
<context>
    <name>CliStandby</name>
    <message>
        <location filename="../app/cli/CliStandby.cpp" line="+29"/>
        <source>--read-db: %1</source>
        <translation>--read-db: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The standby %1 cannot be reached, so this reads from the primary: %2</source>
        <translation>Der Standby-Server %1 ist nicht erreichbar, daher wird vom Primärserver gelesen: %2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>As of %1 UTC: read on the standby, which is %2 s behind the primary.</source>
        <translation>Stand %1 UTC: vom Standby-Server gelesen, der %2 s Rückstand auf den Primärserver hat.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>The standby has not replayed this change yet; reading through --read-db shows it once it has.</source>
        <translation>Der Standby-Server hat diese Änderung noch nicht übernommen; über --read-db ist sie zu sehen, sobald er sie übernommen hat.</translation>
    </message>
</context>
<context>
    <name>ClosedPeriod</name>
    <message>
        <location filename="../core/periods/ClosedPeriod.cpp" line="+21"/>
        <source>the period closed up to %1 (reopened after that day by %2 on %3)</source>
        <translation>Zeitraum bis %1, abgeschlossen (nach diesem Tag wieder geöffnet von %2 am %3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the period closed up to %1 by %2 on %3</source>
        <translation>Zeitraum bis %1, abgeschlossen von %2 am %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../core/periods/PeriodGuard.cpp" line="+55"/>
        <source>Refused to %1: %2. Nothing was changed.</source>
        <translation>%1 abgelehnt: %2. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is in %2; an admin may reopen it</source>
        <translation>%1 liegt im %2; ein Admin kann ihn wieder öffnen</translation>
    </message>
</context>
<context>
    <name>CommandParser</name>
    <message>
        <location filename="../app/cli/CommandParser.cpp" line="+45"/>
        <source>Why (required; kept in the audit log).</source>
        <translation>Warum (erforderlich; wird im Prüfprotokoll aufbewahrt).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why (optional; kept in the audit log).</source>
        <translation>Warum (optional; wird im Prüfprotokoll aufbewahrt).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--%1 is a global option: write it before the command, as in xpadmin-cli --%1 ... %2</source>
        <translation>--%1 ist eine globale Option: Schreiben Sie sie vor den Befehl, wie in xpadmin-cli --%1 … %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown option --%1</source>
        <translation>unbekannte Option --%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>unexpected argument %1</source>
        <translation>unerwartetes Argument %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The CSV separator: &quot;,&quot; (the default), &quot;;&quot; (what Excel reads where the decimal separator is a comma, as in German or French) or tab.</source>
        <translation>Das CSV-Trennzeichen: „,“ (Standard), „;“ (was Excel liest, wo das Dezimaltrennzeichen ein Komma ist, wie im Deutschen oder Französischen) oder tab.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start the CSV file with a UTF-8 byte order mark, so that Excel reads it as UTF-8.</source>
        <translation>Die CSV-Datei mit einer UTF-8-Bytereihenfolgemarke (BOM) beginnen, damit Excel sie als UTF-8 liest.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--separator %1 is not a separator: give &quot;,&quot;, &quot;;&quot; or tab</source>
        <translation>--separator %1 ist kein Trennzeichen: Geben Sie &quot;,&quot;, &quot;;&quot; oder tab an</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: %2 (see xpadmin-cli %1 --help)</source>
        <translation>%1: %2 (siehe xpadmin-cli %1 --help)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--%1 is required</source>
        <translation>--%1 ist erforderlich</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--%1 %2 is not a whole number</source>
        <translation>--%1 %2 ist keine ganze Zahl</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--%1 %2 is out of range: give %3 to %4</source>
        <translation>--%1 %2 liegt außerhalb des Bereichs: Geben Sie %3 bis %4 an</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>--%1 %2 is not a date: write it as 2026-11-01, &quot;2026-11-01 13:00&quot; or 2026-11-01T13:00:00Z</source>
        <translation>--%1 %2 ist kein Datum: Schreiben Sie es als 2026-11-01, &quot;2026-11-01 13:00&quot; oder 2026-11-01T13:00:00Z</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Usage: xpadmin-cli [global options] %1 %2</source>
        <translation>Aufruf: xpadmin-cli [globale Optionen] %1 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Options:</source>
        <translation>Optionen:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show this help and exit.</source>
        <translation>Diese Hilfe zeigen und beenden.</translation>
    </message>
</context>
<context>
    <name>ConnectedRole</name>
    <message>
        <location filename="../core/roles/ConnectedRole.cpp" line="+12"/>
        <source>%1 (advisory)</source>
        <translation>%1 (unverbindlich)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: superuser, unrestricted</source>
        <translation>%1: Superuser, uneingeschränkt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: owner, unrestricted</source>
        <translation>%1: Eigentümer, uneingeschränkt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: XP Admin&apos;s roles are not installed</source>
        <translation>%1: Die Rollen von XP Admin sind nicht installiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: no XP Admin role</source>
        <translation>%1: keine XP-Admin-Rolle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your operating-system user %1 may not %2: it lacks %3</source>
        <translation>Ihr Betriebssystem-Benutzer %1 darf nicht %2: Es fehlt %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your database login %1 may not %2: it lacks %3</source>
        <translation>Ihre Datenbank-Anmeldung %1 darf nicht %2: Es fehlt %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your role %1 (advisory, chosen in the settings) may not %2</source>
        <translation>Ihre Rolle %1 (unverbindlich, in den Einstellungen gewählt) darf nicht %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your database login %1 has no XP Admin role and may not %2; the database owner can grant one with xpadmin-cli roles grant</source>
        <translation>Ihre Datenbankanmeldung %1 hat keine XP-Admin-Rolle und darf nicht %2; der Eigentümer der Datenbank kann ihr mit xpadmin-cli roles grant eine zuweisen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your database login %1 may not %2</source>
        <translation>Ihre Datenbankanmeldung %1 darf nicht %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your database role %1 may not %2</source>
        <translation>Ihre Datenbankrolle %1 darf nicht %2</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../ui/main/ConnectionDialog.cpp" line="+43"/>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connect to PostgreSQL</source>
        <translation>Mit PostgreSQL verbinden</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the web application&apos;s database</source>
        <translation>die Datenbank der Webanwendung</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>empty: use PGPASSWORD or ~/.pgpass</source>
        <translation>leer: PGPASSWORD oder ~/.pgpass verwenden</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>&amp;Remember the password in the system keychain</source>
        <translation>Passwort im Schlüsselbund des Systems &amp;merken</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>postgresql://user:password@host:5432/database?schema=… or host=… dbname=…</source>
        <translation>postgresql://user:password@host:5432/database?schema=… oder host=… dbname=…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste the web application&apos;s DATABASE_URL or any PostgreSQL connection string: it fills the fields below. The password goes to the password field only.</source>
        <translation>Fügen Sie die DATABASE_URL der Webanwendung oder eine beliebige PostgreSQL-Verbindungszeichenfolge ein: Daraus werden die Felder unten ausgefüllt. Das Passwort kommt nur in das Passwortfeld.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>empty: PGHOST or the local socket</source>
        <translation>leer: PGHOST oder der lokale Socket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A host name, an address or a socket directory. Several hosts, tried in turn: db1:5432,db2:5432</source>
        <translation>Ein Hostname, eine Adresse oder ein Socket-Verzeichnis. Mehrere Hosts, die nacheinander versucht werden: db1:5432,db2:5432</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>default (PGPORT or 5432)</source>
        <translation>Standard (PGPORT oder 5432)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>empty: PGUSER or your login name</source>
        <translation>leer: PGUSER oder Ihr Anmeldename</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Kept in the system keychain when you ask; otherwise used for this session only. Never written to settings or logs.</source>
        <translation>Wird auf Wunsch im Schlüsselbund des Systems aufbewahrt; sonst nur für diese Sitzung verwendet. Nie in Einstellungen oder Protokolle geschrieben.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The schema of the web application&apos;s tables (Prisma&apos;s ?schema=)</source>
        <translation>Das Schema der Tabellen der Webanwendung (?schema= von Prisma)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>verify-full checks that the server&apos;s certificate is signed by the certificate authority and made out for the host name; require encrypts without checking</source>
        <translation>verify-full prüft, ob das Zertifikat des Servers von der Zertifizierungsstelle signiert und für den Hostnamen ausgestellt ist; require verschlüsselt ohne Prüfung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>empty: ~/.postgresql/root.crt</source>
        <translation>leer: ~/.postgresql/root.crt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>only if the server asks for one</source>
        <translation>nur wenn der Server eines verlangt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>key=value&amp;key=value, e.g. target_session_attrs=read-write</source>
        <translation>key=value&amp;key=value, z. B. target_session_attrs=read-write</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paste a UR&amp;L:</source>
        <translation>UR&amp;L einfügen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sche&amp;ma:</source>
        <translation>Sch&amp;ema:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;SSL mode:</source>
        <translation>&amp;SSL-Modus:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>C&amp;A certificate:</source>
        <translation>C&amp;A-Zertifikat:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose the certificate authority&apos;s file</source>
        <translation>Die Datei der Zertifizierungsstelle auswählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client c&amp;ertificate:</source>
        <translation>Client-&amp;Zertifikat:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose the client certificate</source>
        <translation>Das Client-Zertifikat auswählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client &amp;key:</source>
        <translation>&amp;Client-Schlüssel:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose the client certificate&apos;s key</source>
        <translation>Den Schlüssel des Client-Zertifikats auswählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>M&amp;ore options:</source>
        <translation>Weitere &amp;Optionen:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>postgresql://user@standby-host/database</source>
        <translation>postgresql://user@standby-host/database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A hot standby of this database. History, totals, charts, exports, reports and verify read there; every change is still written to this database.</source>
        <translation>Ein Hot-Standby-Server dieser Datenbank. Verlauf, Summen, Diagramme, Exporte, Berichte und die Prüfung des Hauptbuchs lesen dort; jede Änderung wird weiterhin in diese Datenbank geschrieben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read from standb&amp;y (optional):</source>
        <translation>Vom Standb&amp;y-Server lesen (optional):</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Not a PostgreSQL URL</source>
        <translation>Keine PostgreSQL-URL</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Filled in from the URL.</source>
        <translation>Aus der URL ausgefüllt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Certificates and keys (*.crt *.pem *.key);;All files (*)</source>
        <translation>Zertifikate und Schlüssel (*.crt *.pem *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1. XP Admin asks for the password each time and never stores it elsewhere; PGPASSWORD and ~/.pgpass work as usual.</source>
        <translation>%1. XP Admin fragt jedes Mal nach dem Passwort und speichert es nirgendwo sonst; PGPASSWORD und ~/.pgpass funktionieren wie gewohnt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep the password in the system keychain for the next time; unchecked, a password kept there for this connection is removed</source>
        <translation>Das Passwort für das nächste Mal im Schlüsselbund des Systems aufbewahren; nicht angehakt wird ein dort für diese Verbindung aufbewahrtes Passwort entfernt</translation>
    </message>
    <message>
        <location line="+140"/>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connected: %1 as %2</source>
        <translation>Verbunden: %1 als %2</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The standby must be a PostgreSQL server: give its URL, postgresql://user@host/database.</source>
        <translation>Der Standby-Server muss ein PostgreSQL-Server sein: Geben Sie seine URL an, postgresql://user@host/database.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1: the password was not saved. Connect again to use it for this session only.</source>
        <translation>%1: Das Passwort wurde nicht gespeichert. Verbinden Sie sich erneut, um es nur für diese Sitzung zu verwenden.</translation>
    </message>
</context>
<context>
    <name>ConnectionProblem</name>
    <message>
        <location filename="../core/db/ConnectionProblem.cpp" line="+35"/>
        <source>The server&apos;s certificate is not signed by the certificate authority in %1 (sslrootcert), or it has expired.</source>
        <translation>Das Zertifikat des Servers ist nicht von der Zertifizierungsstelle in %1 (sslrootcert) signiert, oder es ist abgelaufen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The server&apos;s certificate is for %1, not for the host name %2.</source>
        <translation>Das Zertifikat des Servers gilt für %1, nicht für den Hostnamen %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s certificate is for %1 (and %2), not for the host name %3.</source>
        <translation>Das Zertifikat des Servers gilt für %1 (und %2), nicht für den Hostnamen %3.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The certificate authority file %1 (sslrootcert) does not exist or cannot be read.</source>
        <translation>Die Datei der Zertifizierungsstelle %1 (sslrootcert) existiert nicht oder kann nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The client certificate %1 (sslcert) cannot be read.</source>
        <translation>Das Client-Zertifikat %1 (sslcert) kann nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The client key %1 (sslkey) may be read by others: make it readable by you alone (chmod 600).</source>
        <translation>Der Client-Schlüssel %1 (sslkey) ist für andere lesbar: Machen Sie ihn nur für sich selbst lesbar (chmod 600).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The client key %1 (sslkey) cannot be read.</source>
        <translation>Der Client-Schlüssel %1 (sslkey) kann nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server asks for a client certificate and did not accept %1 (sslcert).</source>
        <translation>Der Server verlangt ein Client-Zertifikat und hat %1 (sslcert) nicht akzeptiert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server asks for a client certificate, and %1 (sslcert) does not exist.</source>
        <translation>Der Server verlangt ein Client-Zertifikat, und %1 (sslcert) existiert nicht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The client certificate %1 (sslcert) is not for the user %2.</source>
        <translation>Das Client-Zertifikat %1 (sslcert) ist nicht für den Benutzer %2 ausgestellt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server does not offer TLS, and sslmode=%1 requires it.</source>
        <translation>Der Server bietet kein TLS an, und sslmode=%1 verlangt es.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>ConnectionSpec</name>
    <message>
        <location filename="../core/db/ConnectionSpec.cpp" line="+63"/>
        <source>port %1 is not a number from 1 to 65535</source>
        <translation>Port %1 ist keine Zahl von 1 bis 65535</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 ports for %2 hosts: give one port, or one for each host</source>
        <translation>%1 Ports für %2 Hosts: Geben Sie einen Port an oder einen für jeden Host</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>pgbouncer=%1: write pgbouncer=true or pgbouncer=false</source>
        <translation>pgbouncer=%1: Schreiben Sie pgbouncer=true oder pgbouncer=false</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>sslaccept=%1: write sslaccept=strict or sslaccept=accept_invalid_certs</source>
        <translation>sslaccept=%1: Schreiben Sie sslaccept=strict oder sslaccept=accept_invalid_certs</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>the value of %1 contains &quot;;&quot;, which cannot be passed on</source>
        <translation>der Wert von %1 enthält „;“ und kann nicht weitergegeben werden</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>--db %1 is not a valid PostgreSQL URL: %2</source>
        <translation>--db %1 ist keine gültige PostgreSQL-URL: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--db %1 is not a valid PostgreSQL connection string: %2</source>
        <translation>--db %1 ist keine gültige PostgreSQL-Verbindungszeichenfolge: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--db: unknown connection option %1: neither libpq nor Prisma knows it (see &quot;Connection URLs&quot; in the README)</source>
        <translation>--db: unbekannte Verbindungsoption %1: Weder libpq noch Prisma kennt sie (siehe „Connection URLs“ in der README)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>--db %1 names no database: write postgresql://user@host:port/DATABASE</source>
        <translation>--db %1 nennt keine Datenbank: Schreiben Sie postgresql://user@host:port/DATENBANK</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--db %1 names no database: add dbname=DATABASE</source>
        <translation>--db %1 nennt keine Datenbank: Ergänzen Sie dbname=DATENBANK</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>--db %1: unknown kind of database; give a file path or a postgresql:// URL</source>
        <translation>--db %1: unbekannte Art von Datenbank; geben Sie einen Dateipfad oder eine postgresql://-URL an</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>sslidentity=%1 is a PKCS#12 file, which libpq cannot read. Convert it with &quot;openssl pkcs12 -in %1 -clcerts -nokeys -out client.crt&quot; and &quot;openssl pkcs12 -in %1 -nocerts -nodes -out client.key&quot;, then give sslcert=client.crt&amp;sslkey=client.key instead.</source>
        <translation>sslidentity=%1 ist eine PKCS#12-Datei, die libpq nicht lesen kann. Wandeln Sie sie mit &quot;openssl pkcs12 -in %1 -clcerts -nokeys -out client.crt&quot; und &quot;openssl pkcs12 -in %1 -nocerts -nodes -out client.key&quot; um, und geben Sie dann stattdessen sslcert=client.crt&amp;sslkey=client.key an.</translation>
    </message>
</context>
<context>
    <name>ControlsCsv</name>
    <message>
        <location filename="../core/controls/ControlsCsv.cpp" line="+74"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>ControlsDocument</name>
    <message>
        <location filename="../core/controls/ControlsDocument.cpp" line="+79"/>
        <source>by %1, %2</source>
        <translation>von %1, %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No change was held for approval in this period.</source>
        <translation>In diesem Zeitraum wurde keine Änderung zur Freigabe zurückgehalten.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asked</source>
        <translation>Beantragt</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+26"/>
        <location line="+13"/>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+39"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+39"/>
        <source>XP</source>
        <translation>XP</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Held because</source>
        <translation>Zurückgehalten wegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+26"/>
        <location line="+12"/>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No period was closed or reopened in this period.</source>
        <translation>In diesem Berichtszeitraum wurde kein Zeitraum abgeschlossen oder wieder geöffnet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+13"/>
        <source>When</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Closed up to</source>
        <translation>Abgeschlossen bis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total XP</source>
        <translation>XP-Summe</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Every change whose reason code requires a ticket has one.</source>
        <translation>Jede Änderung, deren Grundcode ein Ticket verlangt, hat eines.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+27"/>
        <source>Reason code</source>
        <translation>Grundcode</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+16"/>
        <source>Nobody changed XP by hand in this period.</source>
        <translation>In diesem Zeitraum hat niemand XP von Hand geändert.</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+16"/>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+16"/>
        <source>XP given</source>
        <translation>XP vergeben</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+16"/>
        <source>XP taken</source>
        <translation>XP abgezogen</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Held</source>
        <translation>Zurückgehalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved</source>
        <translation>Freigegeben</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Without a ticket</source>
        <translation>Ohne Ticket</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Period:</source>
        <translation>Zeitraum:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Database:</source>
        <translation>Datenbank:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Made on:</source>
        <translation>Erstellt am:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Made by:</source>
        <translation>Erstellt von:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 held for approval, %2 of them above a limit of their maker; %3 reopened; %4 without a required ticket.</source>
        <translation>%1 zur Freigabe zurückgehalten, davon %2 über einem Limit ihres Antragstellers; %3 wieder geöffnet; %4 ohne erforderliches Ticket.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <location line="+2"/>
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n Änderung</numerusform>
            <numerusform>%n Änderungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-1"/>
        <source>%n period(s)</source>
        <translation>
            <numerusform>%n Zeitraum</numerusform>
            <numerusform>%n Zeiträume</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ControlsReport</name>
    <message>
        <location filename="../core/controls/ControlsReport.cpp" line="+46"/>
        <source>The report&apos;s period is empty: --since %1 is not before --until %2</source>
        <translation>Der Zeitraum des Berichts ist leer: --since %1 liegt nicht vor --until %2</translation>
    </message>
</context>
<context>
    <name>ControlsText</name>
    <message>
        <location filename="../core/controls/ControlsText.cpp" line="+25"/>
        <source>Controls report</source>
        <translation>Kontrollbericht</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the beginning</source>
        <translation>Anfang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>above the approval threshold</source>
        <translation>über der Freigabeschwelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>above the maker&apos;s limit per change</source>
        <translation>über dem Limit je Korrektur des Antragstellers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>above the maker&apos;s limit per day</source>
        <translation>über dem Tageslimit des Antragstellers</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>approved</source>
        <translation>freigegeben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>closed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>reopened</source>
        <translation>wieder geöffnet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Changes held for approval</source>
        <translation>Zur Freigabe zurückgehaltene Änderungen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Periods closed and reopened</source>
        <translation>Abgeschlossene und wieder geöffnete Zeiträume</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Changes without the ticket their reason code requires</source>
        <translation>Änderungen ohne das Ticket, das ihr Grundcode verlangt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Manual changes per person</source>
        <translation>Änderungen von Hand je Person</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Manual changes by reason code</source>
        <translation>Manuelle Änderungen je Grundcode</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No reason code</source>
        <translation>Ohne Grundcode</translation>
    </message>
</context>
<context>
    <name>ControlsWindow</name>
    <message>
        <location filename="../ui/controls/ControlsWindow.cpp" line="+46"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save as P&amp;DF…</source>
        <translation>Als P&amp;DF speichern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as &amp;CSV…</source>
        <translation>Als &amp;CSV speichern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Print…</source>
        <translation>&amp;Drucken…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Controls Report</source>
        <translation>Kontrollbericht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The days the report covers, up to today (local time); Custom picks the days</source>
        <translation>Die Tage, die der Bericht umfasst, bis heute (Ortszeit); „Benutzerdefiniert“ wählt die Tage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First day of the report (from its start, local time)</source>
        <translation>Erster Tag des Berichts (ab seinem Beginn, Ortszeit)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day of the report (to its end, local time)</source>
        <translation>Letzter Tag des Berichts (bis zu seinem Ende, Ortszeit)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading the report…</source>
        <translation>Bericht wird gelesen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read the report again (F5)</source>
        <translation>Den Bericht erneut lesen (F5)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The report as a PDF to file, laid out as shown here</source>
        <translation>Der Bericht als PDF-Datei, so gestaltet wie hier angezeigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A row per finding, for a spreadsheet</source>
        <translation>Eine Zeile je Befund, für eine Tabellenkalkulation</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>The controls report could not be read: %1</source>
        <translation>Der Kontrollbericht konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>controls-%1.%2</source>
        <translation>kontrollbericht-%1.%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save Controls Report as PDF</source>
        <translation>Kontrollbericht als PDF speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+10"/>
        <source>Saved the controls report to %1.</source>
        <translation>Kontrollbericht unter %1 gespeichert.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Save Controls Report as CSV</source>
        <translation>Kontrollbericht als CSV speichern</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Print Controls Report</source>
        <translation>Kontrollbericht drucken</translation>
    </message>
</context>
<context>
    <name>CsvFileType</name>
    <message>
        <location filename="../core/csv/CsvFileType.cpp" line="+13"/>
        <source>an old Excel (.xls) or other Office file</source>
        <translation>eine alte Excel-Datei (.xls) oder andere Office-Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a PNG image</source>
        <translation>ein PNG-Bild</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a JPEG image</source>
        <translation>ein JPEG-Bild</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a GIF image</source>
        <translation>ein GIF-Bild</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a PDF document</source>
        <translation>ein PDF-Dokument</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a gzip-compressed file</source>
        <translation>eine gzip-komprimierte Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a bzip2-compressed file</source>
        <translation>eine bzip2-komprimierte Datei</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>an xz-compressed file</source>
        <translation>eine xz-komprimierte Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a 7-Zip archive</source>
        <translation>ein 7-Zip-Archiv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a RAR archive</source>
        <translation>ein RAR-Archiv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an SQLite database</source>
        <translation>eine SQLite-Datenbank</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a program (ELF executable)</source>
        <translation>ein Programm (ausführbare ELF-Datei)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not a CSV file: this is a ZIP file, most likely an Excel (.xlsx) or OpenDocument (.ods) workbook. Open it in your spreadsheet and save it as &quot;CSV UTF-8&quot;.</source>
        <translation>Keine CSV-Datei: Dies ist eine ZIP-Datei, höchstwahrscheinlich eine Excel- (.xlsx) oder OpenDocument-Arbeitsmappe (.ods). Öffnen Sie sie in Ihrer Tabellenkalkulation und speichern Sie sie als „CSV UTF-8“.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The file is UTF-16 text (&quot;Unicode text&quot;), not UTF-8. Save it as &quot;CSV UTF-8&quot;.</source>
        <translation>Die Datei ist UTF-16-Text („Unicode-Text“), nicht UTF-8. Speichern Sie sie als „CSV UTF-8“.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not a CSV file: this is %1. Save the data as &quot;CSV UTF-8&quot; and try again.</source>
        <translation>Keine CSV-Datei: Dies ist %1. Speichern Sie die Daten als „CSV UTF-8“ und versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>CsvPreview</name>
    <message>
        <location filename="../core/csv/CsvPreview.cpp" line="+11"/>
        <source>Cannot read the file: %1</source>
        <translation>Die Datei kann nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>CsvPreviewModel</name>
    <message>
        <location filename="../models/CsvPreviewModel.cpp" line="+91"/>
        <source>Line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line %1 of the file</source>
        <translation>Zeile %1 der Datei</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(extra field)</source>
        <translation>(zusätzliches Feld)</translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <location filename="../core/csv/CsvReader.cpp" line="+99"/>
        <source>The file could not be read: %1</source>
        <translation>Die Datei konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Not a CSV file: line %1 has a NUL byte (at byte offset %2); it looks binary.</source>
        <translation>Keine CSV-Datei: Zeile %1 enthält ein NUL-Byte (bei Byte-Position %2); sie sieht binär aus.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not a CSV file: line %1 has the control character %2 (at byte offset %3); it looks binary.</source>
        <translation>Keine CSV-Datei: Zeile %1 enthält das Steuerzeichen %2 (bei Byte-Position %3); sie sieht binär aus.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Line %1 is not UTF-8 text: the byte %2 at byte offset %3 (after %4) is not valid UTF-8. Save the file as &quot;CSV UTF-8&quot; and try again.</source>
        <translation>Zeile %1 ist kein UTF-8-Text: Das Byte %2 an Byte-Position %3 (nach %4) ist kein gültiges UTF-8. Speichern Sie die Datei als „CSV UTF-8“ und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Line %1 has more than %2 fields; this does not look like the expected file.</source>
        <translation>Zeile %1 hat mehr als %2 Felder; das sieht nicht nach der erwarteten Datei aus.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Line %1, field %2: the quote that opens this value is never closed: %3</source>
        <translation>Zeile %1, Feld %2: Das Anführungszeichen, das diesen Wert öffnet, wird nie geschlossen: %3</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Line %1, field %2: the value is longer than %3 KiB: %4</source>
        <translation>Zeile %1, Feld %2: Der Wert ist länger als %3 KiB: %4</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(the quote that opens it, on line %1, may be missing its closing quote)</source>
        <translation>(dem öffnenden Anführungszeichen in Zeile %1 fehlt möglicherweise das schließende)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Line %1: the row is longer than %2 KiB; this does not look like the expected file.</source>
        <translation>Zeile %1: Die Zeile ist länger als %2 KiB; das sieht nicht nach der erwarteten Datei aus.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Line %1, field %2: a quote inside a value that does not start with one: %3. Put the whole value in quotes and double the quotes inside it.</source>
        <translation>Zeile %1, Feld %2: ein Anführungszeichen in einem Wert, der nicht mit einem beginnt: %3. Setzen Sie den ganzen Wert in Anführungszeichen und verdoppeln Sie die Anführungszeichen darin.</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Line %1, field %2: unexpected text after the closing quote of %3: %4. A quoted value must end at a separator or at the end of the line.</source>
        <translation>Zeile %1, Feld %2: unerwarteter Text nach dem schließenden Anführungszeichen von %3: %4. Ein Wert in Anführungszeichen muss an einem Trennzeichen oder am Zeilenende enden.</translation>
    </message>
</context>
<context>
    <name>CsvSaveDialog</name>
    <message>
        <location filename="../ui/common/CsvSaveDialog.cpp" line="+20"/>
        <source>CSV for Excel, separated by semicolons, UTF-8 with BOM (*.csv)</source>
        <translation>CSV für Excel, durch Semikolons getrennt, UTF-8 mit BOM (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV for Excel, UTF-8 with BOM (*.csv)</source>
        <translation>CSV für Excel, UTF-8 mit BOM (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV, separated by commas (*.csv)</source>
        <translation>CSV, durch Kommas getrennt (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>CsvSeparator</name>
    <message>
        <location filename="../core/csv/CsvSeparator.cpp" line="+113"/>
        <source>semicolon</source>
        <translation>Semikolon</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>comma</source>
        <translation>Komma</translation>
    </message>
</context>
<context>
    <name>CsvTable</name>
    <message>
        <location filename="../core/csv/CsvTable.cpp" line="+62"/>
        <source>The file is empty: it should start with a header line naming the columns %1.</source>
        <translation>Die Datei ist leer: Sie sollte mit einer Kopfzeile beginnen, die die Spalten %1 nennt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file has no header line, only blank lines: it should start with a header line naming the columns %1.</source>
        <translation>Die Datei hat keine Kopfzeile, nur Leerzeilen: Sie sollte mit einer Kopfzeile beginnen, die die Spalten %1 nennt.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Line %1: column %2 of the header has no name; the header is %3.</source>
        <translation>Zeile %1: Spalte %2 der Kopfzeile hat keinen Namen; die Kopfzeile lautet %3.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Line %1: the header names the column %2 twice (columns %3 and %4).</source>
        <translation>Zeile %1: Die Kopfzeile nennt die Spalte %2 zweimal (Spalten %3 und %4).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Line %1: the header lacks the required column(s) %2. The header found is %3; the required columns are %4.</source>
        <translation>Zeile %1: In der Kopfzeile fehlen die erforderlichen Spalten %2. Gefunden wurde die Kopfzeile %3; erforderlich sind die Spalten %4.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Line %1: unknown column(s) %2 in the header. The allowed columns are %3.</source>
        <translation>Zeile %1: unbekannte Spalte(n) %2 in der Kopfzeile. Erlaubt sind die Spalten %3.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Line %1 has %2 values instead of %3 (one per header column); the first extra value is %4.</source>
        <translation>Zeile %1 hat %2 Werte statt %3 (einen je Spalte der Kopfzeile); der erste überzählige Wert ist %4.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Line %1 has %2 values instead of %3 (one per header column): there is no value for %4. The line reads %5.</source>
        <translation>Zeile %1 hat %2 Werte statt %3 (einen je Spalte der Kopfzeile): Für %4 fehlt ein Wert. Die Zeile lautet %5.</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <location filename="../core/db/Database.cpp" line="+105"/>
        <source>The Qt SQL driver %1 is not installed (Debian package %2)</source>
        <translation>Der Qt-SQL-Treiber %1 ist nicht installiert (Debian-Paket %2)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Cannot open the database %1: %2</source>
        <translation>Die Datenbank %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>the server accepts only reads (a standby, or a database set to read-only)</source>
        <translation>der Server nimmt nur Lesezugriffe an (ein Standby-Server oder eine schreibgeschützte Datenbank)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>the ledger at %1 is read-only (%2); nothing was changed</source>
        <translation>das Hauptbuch unter %1 ist schreibgeschützt (%2); nichts wurde geändert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>opened for reading only</source>
        <translation>nur zum Lesen geöffnet</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Permission denied: your database role %1 may not do this (%2). Nothing was changed.</source>
        <translation>Zugriff verweigert: Ihre Datenbankrolle %1 darf dies nicht (%2). Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: the connection to the database server was lost (%2)</source>
        <translation>%1: Die Verbindung zum Datenbankserver wurde unterbrochen (%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: %2. XP Admin&apos;s own tables here are from an older XP Admin (schema version %3; this one uses %4) and are read as they are, without what later versions added. Bring them up to date with `xpadmin-cli init` as the database&apos;s owner: it adds what is missing and changes nothing else.</source>
        <translation>%1: %2. Die eigenen Tabellen von XP Admin stammen hier von einem älteren XP Admin (Schemaversion %3; dieses verwendet %4) und werden gelesen, wie sie sind, ohne das, was spätere Versionen hinzugefügt haben. Bringen Sie sie mit `xpadmin-cli init` als Eigentümer der Datenbank auf den neuesten Stand: Es ergänzt, was fehlt, und ändert sonst nichts.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../core/db/DatabaseScan.cpp" line="+93"/>
        <location filename="../core/db/DatabaseStatements.cpp" line="+91"/>
        <source>The database refused a statement</source>
        <translation>Die Datenbank hat eine Anweisung abgelehnt</translation>
    </message>
    <message>
        <location filename="../core/db/Database.cpp" line="+137"/>
        <location filename="../core/db/DatabaseScan.cpp" line="-30"/>
        <location line="+50"/>
        <location filename="../core/db/DatabaseStatements.cpp" line="+82"/>
        <location line="+17"/>
        <location line="+88"/>
        <location line="+58"/>
        <source>A database statement failed</source>
        <translation>Eine Datenbankanweisung ist fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../core/db/DatabaseStatements.cpp" line="-41"/>
        <location line="+15"/>
        <source>A batch of database writes failed</source>
        <translation>Ein Stapel von Schreibvorgängen in der Datenbank ist fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../core/db/DatabaseReconnect.cpp" line="+99"/>
        <location line="+5"/>
        <source>Cannot reconnect to %1: %2</source>
        <translation>Keine erneute Verbindung zu %1 möglich: %2</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The server %1 accepts only reads.</source>
        <translation>Der Server %1 nimmt nur Lesezugriffe an.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Waiting for a database server that accepts changes (%1) since %2 s</source>
        <translation>Seit %2 s wird auf einen Datenbankserver (%1) gewartet, der Änderungen annimmt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for the database server (%1) since %2 s</source>
        <translation>Seit %2 s wird auf den Datenbankserver (%1) gewartet</translation>
    </message>
    <message>
        <location filename="../core/db/Database.cpp" line="-16"/>
        <source>The connection to the database was lost twice while committing; the server confirms that nothing was changed.</source>
        <translation>Die Verbindung zur Datenbank ging beim Festschreiben zweimal verloren; der Server bestätigt, dass nichts geändert wurde.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The connection to the database was lost while the change was being committed, and the server could not say whether it was: it may or may not have been applied. Check the history before you repeat it. %1</source>
        <translation>Die Verbindung zur Datenbank ging verloren, während die Änderung festgeschrieben wurde, und der Server konnte nicht sagen, ob sie festgeschrieben wurde: Sie wurde vielleicht angewendet, vielleicht nicht. Prüfen Sie den Verlauf, bevor Sie sie wiederholen. %1</translation>
    </message>
    <message>
        <location filename="../core/db/DatabaseCommit.cpp" line="+27"/>
        <source>You stopped the wait for the server.</source>
        <translation>Sie haben das Warten auf den Server abgebrochen.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>XP Admin is now connected to %1, not to %2 where the change was being committed, and nothing tells whether the change reached %1.</source>
        <translation>XP Admin ist jetzt mit %1 verbunden, nicht mit %2, wo die Änderung gerade festgeschrieben wurde, und nichts gibt Auskunft darüber, ob die Änderung %1 erreicht hat.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Its transaction %1 is still being committed on the server.</source>
        <translation>Ihre Transaktion %1 wird auf dem Server noch festgeschrieben.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The server no longer knows its transaction %1.</source>
        <translation>Der Server kennt ihre Transaktion %1 nicht mehr.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The last change XP Admin committed on %1 is not on %2, the server that took over: %1 stopped before it had sent it on. Look at the history and make the change again if it is still needed.</source>
        <translation>Die letzte Änderung, die XP Admin auf %1 festgeschrieben hat, ist nicht auf %2, dem Server, der an seine Stelle getreten ist: %1 ist ausgefallen, bevor die Änderung weitergegeben war. Sehen Sie im Verlauf nach, und nehmen Sie die Änderung erneut vor, falls sie noch nötig ist.</translation>
    </message>
    <message>
        <location filename="../core/db/Database.cpp" line="+24"/>
        <location filename="../core/db/DatabaseReconnect.cpp" line="-36"/>
        <source>The connection to the database was lost and could not be re-established; nothing was changed. %1</source>
        <translation>Die Verbindung zur Datenbank ging verloren und konnte nicht wiederhergestellt werden; es wurde nichts geändert. %1</translation>
    </message>
</context>
<context>
    <name>DatabaseOpener</name>
    <message>
        <location filename="../ui/main/DatabaseOpener.cpp" line="+37"/>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>Cannot Open Database</source>
        <translation>Datenbank kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1

Nothing was changed.%2</source>
        <translation>%1

Es wurde nichts geändert.%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> %1 stays open.</source>
        <translation> %1 bleibt geöffnet.</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>%1 holds no XP ledger, and none can be made there: it is read-only (%2).</source>
        <translation>%1 enthält kein XP-Hauptbuch, und dort kann keines angelegt werden: Es ist schreibgeschützt (%2).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 holds the web app&apos;s ledger tables, but not XP Admin&apos;s audit log.

Add XP Admin&apos;s tables? The web app&apos;s tables stay as they are.</source>
        <translation>%1 enthält die Hauptbuch-Tabellen der Web-App, aber nicht das Prüfprotokoll von XP Admin.

Die Tabellen von XP Admin hinzufügen? Die Tabellen der Web-App bleiben unverändert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 holds no XP ledger.

Create a new ledger in it?</source>
        <translation>%1 enthält kein XP-Hauptbuch.

Darin ein neues Hauptbuch anlegen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 belongs to another application: it holds the tables %2, and no XP ledger.

Add an XP ledger to this database, beside those tables? They stay as they are.</source>
        <translation>%1 gehört zu einer anderen Anwendung: Es enthält die Tabellen %2 und kein XP-Hauptbuch.

Ein XP-Hauptbuch neben diesen Tabellen in dieser Datenbank anlegen? Sie bleiben unverändert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create Ledger</source>
        <translation>Hauptbuch anlegen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing was changed in %1</source>
        <translation>In %1 wurde nichts geändert</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+6"/>
        <source>Demo Database</source>
        <translation>Beispieldatenbank</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Creating demo data…</source>
        <translation>Beispieldaten werden erzeugt…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Demo data created: %L1 transactions</source>
        <translation>Beispieldaten erzeugt: %L1 Buchungen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>New Ledger Database</source>
        <translation>Neue Hauptbuch-Datenbank</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+10"/>
        <source>SQLite databases (*.sqlite *.db);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.sqlite *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Open Ledger Database</source>
        <translation>Hauptbuch-Datenbank öffnen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Open Recent</source>
        <translation>Zuletzt geöffnet</translation>
    </message>
</context>
<context>
    <name>DeleteSourceCommand</name>
    <message>
        <location filename="../ui/actions/DeleteSourceCommand.cpp" line="+10"/>
        <source>Delete source %1 (%2)</source>
        <translation>Quelle %1 (%2) löschen</translation>
    </message>
</context>
<context>
    <name>DeleteSourceDialog</name>
    <message>
        <location filename="../ui/actions/DeleteSourceDialog.cpp" line="+32"/>
        <source>Delete a source</source>
        <translation>Eine Quelle löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deletes every transaction of one source (a problem attempt, an achievement, ...) for every user who has it, as when the source itself is deleted. The audit log keeps each transaction in full: they can be restored later.</source>
        <translation>Löscht alle Buchungen einer Quelle (ein Lösungsversuch, eine Errungenschaft, …) bei jedem Benutzer, der sie hat, so als würde die Quelle selbst gelöscht. Das Prüfprotokoll bewahrt jede Buchung vollständig auf: Sie können später wiederhergestellt werden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+211"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="-204"/>
        <source>The kind of source the transactions came from</source>
        <translation>Die Art der Quelle, aus der die Buchungen stammen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stored as %1</source>
        <translation>Gespeichert als %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. attempt-1042</source>
        <translation>z. B. attempt-1042</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The source id exactly as it appears in the history</source>
        <translation>Die Quellen-ID genau so, wie sie im Verlauf erscheint</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exactly as shown in the history&apos;s Source id column.</source>
        <translation>Genau so, wie in der Spalte „Quellen-ID“ des Verlaufs angezeigt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Preview</source>
        <translation>&amp;Vorschau</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List every transaction of this source before deleting (Alt+P, or Enter)</source>
        <translation>Alle Buchungen dieser Quelle vor dem Löschen auflisten (Alt+V oder Eingabe)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Source &amp;type:</source>
        <translation>Quellen&amp;typ:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source &amp;id:</source>
        <translation>Quellen-&amp;ID:</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Effect on each user&apos;s total</source>
        <translation>Auswirkung auf die Summe jedes Benutzers</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Reason:</source>
        <translation>Be&amp;gründung:</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The source id</source>
        <translation>Die Quellen-ID</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Reading the transactions of this source…</source>
        <translation>Die Buchungen dieser Quelle werden gelesen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the source, then Preview to see every transaction it has.</source>
        <translation>Geben Sie die Quelle ein und dann „Vorschau“, um alle ihre Buchungen zu sehen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 of 1 user, %2 XP in all.</source>
        <translation>%1 von 1 Benutzer, insgesamt %2 XP.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2 users, %3 XP in all.</source>
        <translation>%1 von %2 Benutzern, insgesamt %3 XP.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The first %1 are listed.</source>
        <translation>Die ersten %1 sind aufgelistet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The source could not be read: %1</source>
        <translation>Die Quelle konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No transaction has the source %1 %2: there is nothing to delete. Check the source type and id as the history shows them.</source>
        <translation>Keine Buchung hat die Quelle %1 %2: Es gibt nichts zu löschen. Prüfen Sie Quellentyp und ID so, wie der Verlauf sie zeigt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1. Until then this source cannot be deleted.</source>
        <translation>%1. Bis dahin kann diese Quelle nicht gelöscht werden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This would take a total past the limit of what the ledger can hold; the source cannot be deleted.</source>
        <translation>Dadurch läge eine Summe außerhalb dessen, was das Hauptbuch speichern kann; die Quelle kann nicht gelöscht werden.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>After this, %Ln user(s) have a negative total (in red above). That is allowed, but check that it is what you mean.</source>
        <translation>
            <numerusform>Danach hat %Ln Benutzer eine negative Summe (oben rot). Das ist erlaubt, aber prüfen Sie, ob Sie das so wollen.</numerusform>
            <numerusform>Danach haben %Ln Benutzer eine negative Summe (oben rot). Das ist erlaubt, aber prüfen Sie, ob Sie das so wollen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Delete anyway</source>
        <translation>Trotzdem löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete %1</source>
        <translation>%1 löschen</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The source was not deleted</source>
        <translation>Die Quelle wurde nicht gelöscht</translation>
    </message>
</context>
<context>
    <name>DemoCommand</name>
    <message>
        <location filename="../app/cli/DemoCommand.cpp" line="+33"/>
        <source>Adds realistic sample data: users, and XP transactions spread over the last days. Ctrl+C cancels, and then nothing is kept.</source>
        <translation>Fügt realistische Beispieldaten hinzu: Benutzer und XP-Buchungen, verteilt über die letzten Tage. Strg+C bricht ab, dann wird nichts behalten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Users to add (default %1).</source>
        <translation>Anzahl hinzuzufügender Benutzer (Standard %1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transactions to add (default %1).</source>
        <translation>Anzahl hinzuzufügender Buchungen (Standard %1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Spread over the last D days (default %1).</source>
        <translation>Verteilt über die letzten D Tage (Standard %1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Random seed: the same seed gives the same data (default %1).</source>
        <translation>Zufallsstartwert: Derselbe Wert ergibt dieselben Daten (Standard %1).</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Created a new XP ledger in %1</source>
        <translation>Neues XP-Hauptbuch in %1 angelegt</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Demo data: %1/%n transaction(s), %2 rows/s</source>
        <translation>
            <numerusform>Demodaten: %1/%n Buchung, %2 Zeilen/s</numerusform>
            <numerusform>Demodaten: %1/%n Buchungen, %2 Zeilen/s</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Ctrl+C came while the finished data was being saved: it has been kept.</source>
        <translation>Strg+C kam, während die fertigen Daten gespeichert wurden: Sie wurden behalten.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Users added:</source>
        <translation>Benutzer hinzugefügt:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transactions added:</source>
        <translation>Buchungen hinzugefügt:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total XP:</source>
        <translation>XP gesamt:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Elapsed:</source>
        <translation>Dauer:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows per second:</source>
        <translation>Zeilen pro Sekunde:</translation>
    </message>
</context>
<context>
    <name>DemoGenerator</name>
    <message>
        <location filename="../core/import/DemoGenerator.cpp" line="+57"/>
        <source>--users %1 is out of range: give 1 to 10000000</source>
        <translation>--users %1 liegt außerhalb des Bereichs: Geben Sie 1 bis 10000000 an</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--transactions %1 is out of range: give 0 to 1000000000</source>
        <translation>--transactions %1 liegt außerhalb des Bereichs: Geben Sie 0 bis 1000000000 an</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--days %1 is out of range: give 1 to 3650</source>
        <translation>--days %1 liegt außerhalb des Bereichs: Geben Sie 1 bis 3650 an</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>add demo data</source>
        <translation>Hinzufügen von Beispieldaten</translation>
    </message>
    <message>
        <location line="+67"/>
        <location line="+37"/>
        <source>Demo data generation cancelled; nothing was kept</source>
        <translation>Erzeugung der Beispieldaten abgebrochen; es wurde nichts behalten</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>demo data: %1 users, %2 transactions over %3 days (seed %4)</source>
        <translation>Beispieldaten: %1 Benutzer, %2 Buchungen über %3 Tage (Startwert %4)</translation>
    </message>
</context>
<context>
    <name>DirectTotalChange</name>
    <message>
        <location filename="../core/audit/DirectTotalChange.cpp" line="+35"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>on the database server</source>
        <translation>auf dem Datenbankserver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>from %1</source>
        <translation>von %1 aus</translation>
    </message>
</context>
<context>
    <name>DiskFull</name>
    <message>
        <location filename="../core/db/DiskFull.cpp" line="+55"/>
        <source>%1: the disk is full (%2). SQLite&apos;s temporary folder %3 has no room left: %4. Free some space there, or point SQLITE_TMPDIR at a folder with room, and try again.</source>
        <translation>%1: Der Datenträger ist voll (%2). Im temporären Ordner %3 von SQLite ist kein Platz mehr: %4. Schaffen Sie dort Platz oder setzen Sie SQLITE_TMPDIR auf einen Ordner mit Platz, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: the disk is full (%2). Free some space and try again.</source>
        <translation>%1: Der Datenträger ist voll (%2). Schaffen Sie Platz und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: the disk is full (%2). The ledger&apos;s folder %3 has no room left: %4. Free some space there, or move the ledger to a disk with room, and try again.</source>
        <translation>%1: Der Datenträger ist voll (%2). Im Ordner %3 des Hauptbuchs ist kein Platz mehr: %4. Schaffen Sie dort Platz oder verschieben Sie das Hauptbuch auf einen Datenträger mit Platz, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>its free space is unknown</source>
        <translation>sein freier Platz ist unbekannt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 free of %2 on the disk mounted at %3</source>
        <translation>%1 frei von %2 auf dem unter %3 eingehängten Datenträger</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1: the database server&apos;s disk is full (%2). Ask the server&apos;s administrator to free some space, then try again.</source>
        <translation>%1: Der Datenträger des Datenbankservers ist voll (%2). Bitten Sie die Administration des Servers, Platz zu schaffen, und versuchen Sie es dann erneut.</translation>
    </message>
</context>
<context>
    <name>DocumentSaving</name>
    <message>
        <location filename="../ui/common/DocumentSaving.cpp" line="+29"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The PDF could not be written: %1</source>
        <translation>Das PDF konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The CSV file could not be written: %1</source>
        <translation>Die CSV-Datei konnte nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>FiguresAsOf</name>
    <message>
        <location filename="../models/FiguresAsOf.cpp" line="+66"/>
        <source>As of %1 (standby)</source>
        <translation>Stand %1 (Standby-Server)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>As of %1</source>
        <translation>Stand %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>These figures were read on the standby server, which then held every change made up to %1. Later changes are not in them yet; your own changes are read from the primary until the standby has them.</source>
        <translation>Diese Zahlen wurden vom Standby-Server gelesen, der zu diesem Zeitpunkt jede Änderung bis %1 enthielt. Spätere Änderungen fehlen noch; Ihre eigenen Änderungen werden vom Primärserver gelesen, bis der Standby-Server sie hat.</translation>
    </message>
</context>
<context>
    <name>Grants</name>
    <message>
        <location filename="../core/roles/Grants.cpp" line="+219"/>
        <source>ownership of the ledger&apos;s tables</source>
        <translation>der Besitz der Hauptbuch-Tabellen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>permission to read the file</source>
        <translation>die Berechtigung, die Datei zu lesen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>permission to write the file</source>
        <translation>die Berechtigung, die Datei zu schreiben</translation>
    </message>
</context>
<context>
    <name>HelpPages</name>
    <message>
        <location filename="../ui/help/HelpPages.cpp" line="+9"/>
        <source>Getting Started</source>
        <translation>Erste Schritte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opening a Ledger</source>
        <translation>Ein Hauptbuch öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connecting to PostgreSQL</source>
        <translation>Mit PostgreSQL verbinden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adjust XP</source>
        <translation>XP korrigieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roll Back Transactions</source>
        <translation>Buchungen stornieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete a Source</source>
        <translation>Eine Quelle löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore Transactions</source>
        <translation>Buchungen wiederherstellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo and Redo</source>
        <translation>Rückgängig und Wiederholen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit Log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending Approvals</source>
        <translation>Ausstehende Freigaben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Importing from CSV Files</source>
        <translation>Aus CSV-Dateien importieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles</source>
        <translation>Rollen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <location filename="../ui/help/HelpWindow.cpp" line="+30"/>
        <source>XP Admin Manual</source>
        <translation>XP-Admin-Handbuch</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the page before (%1)</source>
        <translation>Die vorige Seite zeigen (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Forward</source>
        <translation>&amp;Vor</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the page after (%1)</source>
        <translation>Die nächste Seite zeigen (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Contents</source>
        <translation>&amp;Inhalt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the first page of the manual</source>
        <translation>Die erste Seite des Handbuchs zeigen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Search the manual</source>
        <translation>Im Handbuch suchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lists the pages that contain the words and marks them in the page (Enter: next place)</source>
        <translation>Listet die Seiten, die die Wörter enthalten, und markiert sie auf der Seite (Eingabe: nächste Stelle)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>%1 — XP Admin Manual</source>
        <translation>%1 — XP-Admin-Handbuch</translation>
    </message>
</context>
<context>
    <name>HistoryCsvExport</name>
    <message numerus="yes">
        <location filename="../core/history/HistoryCsvExport.cpp" line="+56"/>
        <source>%n transaction(s)</source>
        <translation>
            <numerusform>%n Buchung</numerusform>
            <numerusform>%n Buchungen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryFilterBar</name>
    <message>
        <location filename="../ui/history/HistoryFilterBar.cpp" line="+34"/>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All time</source>
        <translation>Gesamter Zeitraum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 90 days</source>
        <translation>Letzte 90 Tage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This year</source>
        <translation>Dieses Jahr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom range…</source>
        <translation>Benutzerdefinierter Zeitraum…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show transactions of this period (local time); Custom range picks the days</source>
        <translation>Buchungen dieses Zeitraums zeigen (Ortszeit); „Benutzerdefinierter Zeitraum“ wählt die Tage</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>First day shown (from its start, local time)</source>
        <translation>Erster angezeigter Tag (ab seinem Beginn, Ortszeit)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day shown (to its end, local time)</source>
        <translation>Letzter angezeigter Tag (bis zu seinem Ende, Ortszeit)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All sources</source>
        <translation>Alle Quellen</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+14"/>
        <source>Stored as %1</source>
        <translation>Gespeichert als %1</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Show transactions of one source type only</source>
        <translation>Nur Buchungen eines Quellentyps zeigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All categories</source>
        <translation>Alle Kategorien</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Show transactions of one category only</source>
        <translation>Nur Buchungen einer Kategorie zeigen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search descriptions and IDs</source>
        <translation>Beschreibungen und IDs durchsuchen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Shows transactions whose description or source ID contains the text, or whose ID is the text (Ctrl+Shift+F)</source>
        <translation>Zeigt Buchungen, deren Beschreibung oder Quellen-ID den Text enthält oder deren ID der Text ist (Strg+Umschalt+F)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show every transaction of the user again (Ctrl+Shift+L)</source>
        <translation>Wieder alle Buchungen des Benutzers zeigen (Strg+Umschalt+L)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search Transactions</source>
        <translation>Buchungen durchsuchen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Clear Filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
</context>
<context>
    <name>HistoryLive</name>
    <message>
        <location filename="../ui/history/HistoryLive.cpp" line="+22"/>
        <source>Removed since it was read: its source was deleted by %1 at %2</source>
        <translation>Seit dem Lesen entfernt: Ihre Quelle wurde von %1 am %2 gelöscht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Removed since it was read: deleted in the database by %1 at %2</source>
        <translation>Seit dem Lesen entfernt: von %1 am %2 in der Datenbank gelöscht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed since it was read: updated in the database by %1 at %2 (Show Them reads it again)</source>
        <translation>Seit dem Lesen geändert: von %1 am %2 in der Datenbank aktualisiert („Anzeigen“ liest sie erneut)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Removed since it was read: rolled back by %1 at %2</source>
        <translation>Seit dem Lesen entfernt: von %1 am %2 storniert</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../models/HistoryModel.cpp" line="+133"/>
        <source>%1 (UTC)</source>
        <translation>%1 (UTC)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>User id: %1</source>
        <translation>Benutzer-ID: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The user&apos;s total after this transaction</source>
        <translation>Die Summe des Benutzers nach dieser Buchung</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Balance</source>
        <translation>Saldo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source type</source>
        <translation>Quellentyp</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source ID</source>
        <translation>Quellen-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The user&apos;s total after each transaction, oldest to newest. Shown for one user, unless a category, source type or search hides some of their transactions.</source>
        <translation>Die Summe des Benutzers nach jeder Buchung, von alt nach neu. Angezeigt für einen Benutzer, außer wenn eine Kategorie, ein Quellentyp oder eine Suche einige seiner Buchungen ausblendet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Local time; the tooltip of each cell gives UTC. Click to switch between newest and oldest first.</source>
        <translation>Ortszeit; der Tooltip jeder Zelle zeigt UTC. Klicken Sie, um zwischen neueste und älteste zuerst zu wechseln.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only the time column sorts.</source>
        <translation>Nur die Zeitspalte ist sortierbar.</translation>
    </message>
    <message>
        <location line="+206"/>
        <source>The transactions could not be read: %1</source>
        <translation>Die Buchungen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>The transactions could not be counted: %1</source>
        <translation>Die Buchungen konnten nicht gezählt werden: %1</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../ui/history/HistoryView.cpp" line="+152"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the selected rows with a header, tab-separated</source>
        <translation>Die ausgewählten Zeilen mit Kopfzeile kopieren, tabulatorgetrennt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export to CSV…</source>
        <translation>Als CSV &amp;exportieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write every transaction of the filter to a CSV file</source>
        <translation>Alle Buchungen des Filters in eine CSV-Datei schreiben</translation>
    </message>
    <message>
        <location line="+173"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>An export is already running; wait for it or cancel it.</source>
        <translation>Ein Export läuft bereits; warten Sie darauf oder brechen Sie ihn ab.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export Transactions to CSV</source>
        <translation>Buchungen als CSV exportieren</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Counting the transactions to export…</source>
        <translation>Die zu exportierenden Buchungen werden gezählt…</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Export to CSV</source>
        <translation>Als CSV exportieren</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Export Finished</source>
        <translation>Export abgeschlossen</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Export Failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <location line="-294"/>
        <source>Show in &amp;Audit Log</source>
        <translation>Im &amp;Prüfprotokoll zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;User</source>
        <translation>Ben&amp;utzer zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy &amp;ID</source>
        <translation>&amp;ID kopieren</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Show the audit log at the event that wrote this transaction (double-click)</source>
        <translation>Das Prüfprotokoll beim Ereignis zeigen, das diese Buchung geschrieben hat (Doppelklick)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select this transaction&apos;s user and show their history</source>
        <translation>Den Benutzer dieser Buchung auswählen und seinen Verlauf zeigen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copy the transaction ID, as the command line and the audit log use it</source>
        <translation>Die Buchungs-ID kopieren, wie die Kommandozeile und das Prüfprotokoll sie verwenden</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Transaction %1 is no longer in the history: it may have been rolled back.</source>
        <translation>Buchung %1 ist nicht mehr im Verlauf: Sie wurde vielleicht storniert.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Transaction %1 belongs to another user than the one shown.</source>
        <translation>Buchung %1 gehört zu einem anderen Benutzer als dem angezeigten.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Copied the ID %1</source>
        <translation>ID %1 kopiert</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Copied %n ID(s)</source>
        <translation>
            <numerusform>%n ID kopiert</numerusform>
            <numerusform>%n IDs kopiert</numerusform>
        </translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Nothing was copied: the list was read again meanwhile. Select the rows again.</source>
        <translation>Nichts kopiert: Die Liste wurde inzwischen neu gelesen. Wählen Sie die Zeilen erneut aus.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Copied %Ln transaction(s)</source>
        <translation>
            <numerusform>%Ln Buchung kopiert</numerusform>
            <numerusform>%Ln Buchungen kopiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>Writing %1: %2 of %Ln transaction(s)</source>
        <translation>
            <numerusform>%1 wird geschrieben: %2 von %Ln Buchung</numerusform>
            <numerusform>%1 wird geschrieben: %2 von %Ln Buchungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>Exported %Ln transaction(s) to %1.</source>
        <translation>
            <numerusform>%Ln Buchung nach %1 exportiert.</numerusform>
            <numerusform>%Ln Buchungen nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Loading transactions…</source>
        <translation>Buchungen werden geladen…</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Showing %Ln transaction(s) (counting…)</source>
        <translation>
            <numerusform>%Ln Buchung angezeigt (wird gezählt…)</numerusform>
            <numerusform>%Ln Buchungen angezeigt (wird gezählt…)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Showing %1 of %Ln transaction(s)</source>
        <translation>
            <numerusform>%1 von %Ln Buchung angezeigt</numerusform>
            <numerusform>%1 von %Ln Buchungen angezeigt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source> · %Ln selected (%1 XP)</source>
        <translation>
            <numerusform> · %Ln ausgewählt (%1 XP)</numerusform>
            <numerusform> · %Ln ausgewählt (%1 XP)</numerusform>
        </translation>
    </message>
    <message>
        <location line="-17"/>
        <source>No transactions</source>
        <translation>Keine Buchungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No transactions match the filters</source>
        <translation>Keine Buchungen passen auf die Filter</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Showing rows %1 to %2 of %3; newer ones were released to save memory (F5 shows the newest)</source>
        <translation>Zeilen %1 bis %2 von %3 angezeigt; neuere wurden freigegeben, um Speicher zu sparen (F5 zeigt die neuesten)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>many</source>
        <translation>vielen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · loading…</source>
        <translation> · wird geladen…</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Not loaded: %1</source>
        <translation>Nicht geladen: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was changed. Press F5 to try again.</source>
        <translation>Es wurde nichts geändert. Drücken Sie F5, um es erneut zu versuchen.</translation>
    </message>
</context>
<context>
    <name>HtmlPages</name>
    <message>
        <location filename="../core/document/HtmlPages.cpp" line="+45"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>ImportChoosePage</name>
    <message>
        <location filename="../ui/import/ImportChoosePage.cpp" line="+33"/>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>B&amp;rowse…</source>
        <translation>Du&amp;rchsuchen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What to Import</source>
        <translation>Was importiert wird</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the kind of import and its file. Nothing is changed until you confirm, after a check of every row.</source>
        <translation>Wählen Sie die Art des Imports und seine Datei. Nichts wird geändert, bis Sie bestätigen, nachdem jede Zeile geprüft wurde.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Legacy totals from a file</source>
        <translation>&amp;Altsummen aus einer Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legacy totals from &amp;UserProfile (no file)</source>
        <translation>Altsummen aus &amp;UserProfile (ohne Datei)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bulk a&amp;djustments from a file</source>
        <translation>Sammel&amp;korrekturen aus einer Datei</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The CSV file to import</source>
        <translation>Die zu importierende CSV-Datei</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Choose a CSV file.</source>
        <translation>Wählen Sie eine CSV-Datei.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There is no such file.</source>
        <translation>Diese Datei gibt es nicht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is a folder; choose a CSV file in it.</source>
        <translation>Dies ist ein Ordner; wählen Sie eine CSV-Datei darin.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This file cannot be read (permissions).</source>
        <translation>Diese Datei kann nicht gelesen werden (Berechtigungen).</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Import File</source>
        <translation>Datei importieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1, last changed %2</source>
        <translation>%1, zuletzt geändert %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Browse… opens a file chooser; you can also type or paste a path.</source>
        <translation>„Durchsuchen…“ öffnet eine Dateiauswahl; Sie können auch einen Pfad eingeben oder einfügen.</translation>
    </message>
</context>
<context>
    <name>ImportCommands</name>
    <message>
        <location filename="../app/cli/ImportCommands.cpp" line="+20"/>
        <source>Reading</source>
        <translation>Lesen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checking</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writing</source>
        <translation>Schreiben</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Turns legacy totals into transactions: each user&apos;s total becomes one MANUAL_ADJUSTMENT / MANUAL transaction whose sourceId names the batch, and the totals are recalculated. FILE.csv has the columns userId,totalXP and optionally email,name (to create missing users). A legacy total is only for a user with no transactions yet; zero totals write nothing. All or nothing: one problem anywhere and nothing is written. A file is imported once.</source>
        <translation>Wandelt Altsummen in Buchungen um: Die Summe jedes Benutzers wird zu einer Buchung MANUAL_ADJUSTMENT / MANUAL, deren sourceId den Stapel nennt, und die Summen werden neu berechnet. FILE.csv hat die Spalten userId,totalXP und optional email,name (um fehlende Benutzer anzulegen). Eine Altsumme gilt nur für Benutzer ohne Buchungen; Nullsummen schreiben nichts. Alles oder nichts: Ein Problem irgendwo, und nichts wird geschrieben. Eine Datei wird nur einmal importiert.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+26"/>
        <source>Check everything and show what would happen; change nothing.</source>
        <translation>Alles prüfen und zeigen, was geschehen würde; nichts ändern.</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Instead of a file: every UserProfile.totalXP that has no transactions behind it.</source>
        <translation>Statt einer Datei: jedes UserProfile.totalXP, hinter dem keine Buchungen stehen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>give either FILE.csv or --from-profiles, not both</source>
        <translation>geben Sie entweder FILE.csv oder --from-profiles an, nicht beides</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>give the FILE.csv to import, or --from-profiles</source>
        <translation>geben Sie die zu importierende FILE.csv an, oder --from-profiles</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Applies many adjustments at once: FILE.csv has the columns userId,amount,reason and optionally category, sourceType, sourceId, description (defaults MANUAL, MANUAL_ADJUSTMENT, the batch id, the reason). Each row is one audited adjustment; one above the approval threshold (pending threshold) is held as a pending request for another admin instead. All or nothing: one problem anywhere and nothing is written. A file is imported once.</source>
        <translation>Wendet viele Anpassungen auf einmal an: FILE.csv hat die Spalten userId,amount,reason und optional category, sourceType, sourceId, description (Vorgaben MANUAL, MANUAL_ADJUSTMENT, die Batch-ID, der Grund). Jede Zeile ist eine protokollierte Anpassung; eine über der Freigabeschwelle (pending threshold) wird stattdessen als offene Anfrage für einen anderen Admin zurückgehalten. Alles oder nichts: ein Problem irgendwo, und nichts wird geschrieben. Eine Datei wird nur einmal importiert.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>give the FILE.csv to apply</source>
        <translation>geben Sie die anzuwendende FILE.csv an</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2/%3 %4, %5 %4/s</source>
        <translation>%1: %2/%3 %4, %5 %4/s</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 was imported before (%2): nothing was changed.</source>
        <translation>%1 wurde bereits importiert (%2): Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>applied</source>
        <translation>angewendet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refused: nothing was changed</source>
        <translation>abgelehnt: Es wurde nichts geändert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dry run: nothing was changed</source>
        <translation>Probelauf: Es wurde nichts geändert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nothing to write</source>
        <translation>nichts zu schreiben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch %1 from %2 (%3)</source>
        <translation>Stapel %1 aus %2 (%3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Separator:</source>
        <translation>Trennzeichen:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rows read:</source>
        <translation>Gelesene Zeilen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transactions:</source>
        <translation>Buchungen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Users:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Zero totals (no row):</source>
        <translation>Nullsummen (keine Zeile):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Users created:</source>
        <translation>Angelegte Benutzer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legacy grand total:</source>
        <translation>Alte Gesamtsumme:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Grand total before:</source>
        <translation>Gesamtsumme vorher:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ledger grand total after:</source>
        <translation>Gesamtsumme im Hauptbuch nachher:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Grand total after:</source>
        <translation>Gesamtsumme nachher:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(equal)</source>
        <translation>(gleich)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(NOT EQUAL)</source>
        <translation>(NICHT GLEICH)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Held for approval:</source>
        <translation>Zur Freigabe zurückgehalten:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (above the approval threshold or your limits)</source>
        <translation>%1 (über der Freigabeschwelle oder Ihren Limits)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (above %2 XP)</source>
        <translation>%1 (über %2 XP)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>0 (approval is off)</source>
        <translation>0 (Freigabe ist aus)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problems:</source>
        <translation>Probleme:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Elapsed:</source>
        <translation>Dauer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s, %2 rows/s</source>
        <translation>%1 s, %2 Zeilen/s</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+15"/>
        <source>USER</source>
        <translation>BENUTZER</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>BEFORE</source>
        <translation>VORHER</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CHANGE</source>
        <translation>ÄNDERUNG</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>AFTER</source>
        <translation>NACHHER</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>new user</source>
        <translation>neuer Benutzer</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>… and %n more users (--json lists up to %1)</source>
        <translation>
            <numerusform>… und %n weiterer Benutzer (--json listet bis zu %1)</numerusform>
            <numerusform>… und %n weitere Benutzer (--json listet bis zu %1)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>HELD FOR</source>
        <translation>ZURÜCKGEHALTEN WEGEN</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>… and %n more held (--json lists up to %1)</source>
        <translation>
            <numerusform>… und %n weitere zurückgehaltene (--json listet bis zu %1)</numerusform>
            <numerusform>… und %n weitere zurückgehaltene (--json listet bis zu %1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>… and %n more problems</source>
        <translation>
            <numerusform>… und %n weiteres Problem</numerusform>
            <numerusform>… und %n weitere Probleme</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n problem(s) in %1; nothing was changed</source>
        <translation>
            <numerusform>%n Problem in %1; es wurde nichts geändert</numerusform>
            <numerusform>%n Probleme in %1; es wurde nichts geändert</numerusform>
        </translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Held for another person&apos;s approval (xpadmin-cli pending list):</source>
        <translation>Zur Freigabe durch eine andere Person zurückgehalten (xpadmin-cli pending list):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Would be held for another person&apos;s approval:</source>
        <translation>Würde zur Freigabe durch eine andere Person zurückgehalten:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>LINE</source>
        <translation>ZEILE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>AMOUNT</source>
        <translation>BETRAG</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>REQUEST</source>
        <translation>ANFRAGE</translation>
    </message>
</context>
<context>
    <name>ImportConfirmPage</name>
    <message>
        <location filename="../ui/import/ImportConfirmPage.cpp" line="+13"/>
        <source>Confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The last step before anything is written.</source>
        <translation>Der letzte Schritt, bevor etwas geschrieben wird.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>a new batch</source>
        <translation>ein neuer Stapel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>batch %1</source>
        <translation>Stapel %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write %1 transactions for %2 users (%3)? This is one transaction: all or nothing.</source>
        <translation>%1 Buchungen für %2 Benutzer schreiben (%3)? Dies ist eine einzige Transaktion: alles oder nichts.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From: the UserProfile table (%1).</source>
        <translation>Aus: der Tabelle UserProfile (%1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From: %1 (%2).</source>
        <translation>Aus: %1 (%2).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 new users are created.</source>
        <translation>%1 neue Benutzer werden angelegt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 adjustments above the approval threshold or your limits are not applied: they become pending requests for another admin to approve.</source>
        <translation>%1 Korrekturen über der Freigabeschwelle oder Ihren Limits werden nicht angewendet: Sie werden zu offenen Anträgen, die ein anderer Admin freigibt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 adjustments above the approval threshold are not applied: they become pending requests for another admin to approve.</source>
        <translation>%1 Anpassungen über der Freigabeschwelle werden nicht angewendet: Sie werden offene Anfragen, die ein anderer Admin freigibt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Press Import to write. Cancel stops the import while it runs; until it completes, nothing is written. Every transaction is recorded in the audit log under the batch id.</source>
        <translation>Drücken Sie „Importieren“, um zu schreiben. „Abbrechen“ beendet den laufenden Import; bis er abgeschlossen ist, wird nichts geschrieben. Jede Buchung wird im Prüfprotokoll unter der Stapel-ID vermerkt.</translation>
    </message>
</context>
<context>
    <name>ImportEffectModel</name>
    <message>
        <location filename="../models/ImportEffectModel.cpp" line="+47"/>
        <source>%1 (new user)</source>
        <translation>%1 (neuer Benutzer)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total before</source>
        <translation>Summe vorher</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total after</source>
        <translation>Summe nachher</translation>
    </message>
</context>
<context>
    <name>ImportFile</name>
    <message>
        <location filename="../core/import/ImportFile.cpp" line="+18"/>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <location line="+133"/>
        <source>%1 is a folder, not a CSV file</source>
        <translation>%1 ist ein Ordner, keine CSV-Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+10"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Import cancelled; nothing was changed</source>
        <translation>Import abgebrochen; es wurde nichts geändert</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>line %1: user %2 is already on line %3; a legacy file has one total per user</source>
        <translation>Zeile %1: Benutzer %2 steht bereits in Zeile %3; eine Altdatei hat eine Summe je Benutzer</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The file has a header but no rows</source>
        <translation>Die Datei hat eine Kopfzeile, aber keine Zeilen</translation>
    </message>
</context>
<context>
    <name>ImportJob</name>
    <message>
        <location filename="../core/import/ImportJob.cpp" line="+60"/>
        <source>Import cancelled; nothing was changed</source>
        <translation>Import abgebrochen; es wurde nichts geändert</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The file changed after it was checked. Go back and check it again; nothing was changed.</source>
        <translation>Die Datei hat sich nach der Prüfung geändert. Gehen Sie zurück und prüfen Sie sie erneut; es wurde nichts geändert.</translation>
    </message>
</context>
<context>
    <name>ImportPlanner</name>
    <message>
        <location filename="../core/import/ImportPlanner.cpp" line="+94"/>
        <source>Import cancelled; nothing was changed</source>
        <translation>Import abgebrochen; es wurde nichts geändert</translation>
    </message>
    <message>
        <location line="+67"/>
        <location line="+102"/>
        <source>line %1: </source>
        <translation>Zeile %1: </translation>
    </message>
    <message>
        <location line="-97"/>
        <source>%1unknown user %2: no such id in &quot;User&quot;; add email and name columns to create missing users</source>
        <translation>%1unbekannter Benutzer %2: keine solche ID in &quot;User&quot;; fügen Sie die Spalten email und name hinzu, um fehlende Benutzer anzulegen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1unknown user %2: no such id in &quot;User&quot;</source>
        <translation>%1unbekannter Benutzer %2: keine solche ID in &quot;User&quot;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1email %2 belongs to another user, %3</source>
        <translation>%1E-Mail %2 gehört zu einem anderen Benutzer, %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1email %2 is also on line %3</source>
        <translation>%1E-Mail %2 steht auch in Zeile %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1user %2 already has %3 transaction(s) in the ledger; a legacy total is only for users who have none</source>
        <translation>%1Benutzer %2 hat bereits %3 Buchung(en) im Hauptbuch; eine Altsumme ist nur für Benutzer ohne Buchungen gedacht</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1user %2 has totalXP %3 in &quot;UserProfile&quot;, but the file says %4</source>
        <translation>%1Benutzer %2 hat totalXP %3 in &quot;UserProfile&quot;, aber die Datei nennt %4</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>line %1: reasonCode</source>
        <translation>Zeile %1: reasonCode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>line %1: ticket</source>
        <translation>Zeile %1: ticket</translation>
    </message>
    <message>
        <location line="+18"/>
        <source> (import %1, line %2)</source>
        <translation> (Import %1, Zeile %2)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>%1user %2&apos;s total would be %3, past the limit of the 32-bit totalXP column</source>
        <translation>%1die Summe von Benutzer %2 wäre %3 und läge außerhalb der Grenze der 32-Bit-Spalte totalXP</translation>
    </message>
</context>
<context>
    <name>ImportPreviewPage</name>
    <message>
        <location filename="../ui/import/ImportPreviewPage.cpp" line="+56"/>
        <source>Check &amp;Again</source>
        <translation>&amp;Erneut prüfen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Preview and Check</source>
        <translation>Vorschau und Prüfung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The first rows of the file as written, and every problem found in it. Nothing is changed yet.</source>
        <translation>Die ersten Zeilen der Datei, wie sie geschrieben sind, und jedes darin gefundene Problem. Noch wird nichts geändert.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Double-click or press Enter on a problem to show its row in the preview</source>
        <translation>Doppelklicken Sie auf ein Problem oder drücken Sie darauf die Eingabetaste, um seine Zeile in der Vorschau zu zeigen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Read the file again and check every row (after fixing it)</source>
        <translation>Die Datei erneut lesen und jede Zeile prüfen (nachdem Sie sie korrigiert haben)</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>%1 cannot be shown: %2</source>
        <translation>%1 kann nicht angezeigt werden: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The first %Ln rows of %1, fields separated by: %2 (line numbers at the left)</source>
        <translation>
            <numerusform>Die erste %Ln Zeile von %1, Felder getrennt durch: %2 (Zeilennummern links)</numerusform>
            <numerusform>Die ersten %Ln Zeilen von %1, Felder getrennt durch: %2 (Zeilennummern links)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>All %Ln row(s) of %1, fields separated by: %2 (line numbers at the left)</source>
        <translation>
            <numerusform>Die %Ln Zeile von %1, Felder getrennt durch: %2 (Zeilennummer links)</numerusform>
            <numerusform>Alle %Ln Zeilen von %1, Felder getrennt durch: %2 (Zeilennummern links)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Checking every row against the database…</source>
        <translation>Jede Zeile wird mit der Datenbank abgeglichen…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Check stopped</source>
        <translation>Prüfung angehalten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Check failed</source>
        <translation>Prüfung fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The check was stopped before the end. Nothing was changed; press Check Again to check the whole file.</source>
        <translation>Die Prüfung wurde vor dem Ende angehalten. Es wurde nichts geändert; drücken Sie „Erneut prüfen“, um die ganze Datei zu prüfen.</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%Ln problem(s)</source>
        <translation>
            <numerusform>%Ln Problem</numerusform>
            <numerusform>%Ln Probleme</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing will be changed until the file is fixed. Fix the lines listed below, save the file, then press Check Again.</source>
        <translation>Nichts wird geändert, bis die Datei korrigiert ist. Korrigieren Sie die unten aufgeführten Zeilen, speichern Sie die Datei und drücken Sie dann „Erneut prüfen“.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only the first %1 of the %2 problems are listed.</source>
        <translation>Nur die ersten %1 der %2 Probleme sind aufgeführt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Already imported</source>
        <translation>Bereits importiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This file was imported before (%1). Importing it again would change nothing.</source>
        <translation>Diese Datei wurde bereits importiert (%1). Ein erneuter Import würde nichts ändern.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No problems</source>
        <translation>Keine Probleme</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln row(s) checked against the database: no problems. Press Next for what the import would do.</source>
        <translation>
            <numerusform>%Ln Zeile mit der Datenbank abgeglichen: keine Probleme. Weiter zeigt, was der Import bewirken würde.</numerusform>
            <numerusform>%Ln Zeilen mit der Datenbank abgeglichen: keine Probleme. Weiter zeigt, was der Import bewirken würde.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportProblemModel</name>
    <message>
        <location filename="../models/ImportProblemModel.cpp" line="+60"/>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>ImportProgressPanel</name>
    <message>
        <location filename="../ui/import/ImportProgressPanel.cpp" line="+24"/>
        <source>&amp;Stop Checking</source>
        <translation>Prüfung an&amp;halten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop the check; nothing is changed either way</source>
        <translation>Die Prüfung anhalten; so oder so wird nichts geändert</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Cancelling… nothing will be changed.</source>
        <translation>Wird abgebrochen… Es wird nichts geändert.</translation>
    </message>
</context>
<context>
    <name>ImportResultPage</name>
    <message>
        <location filename="../ui/import/ImportResultPage.cpp" line="+20"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The import did not run. Nothing was changed.</source>
        <translation>Der Import wurde nicht ausgeführt. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The import was cancelled. Nothing was changed: the database is as it was before.</source>
        <translation>Der Import wurde abgebrochen. Es wurde nichts geändert: Die Datenbank ist so wie vorher.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nothing written</source>
        <translation>Nichts geschrieben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This file was imported meanwhile (%1).</source>
        <translation>Diese Datei wurde inzwischen importiert (%1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database changed after the check: %1</source>
        <translation>Die Datenbank hat sich nach der Prüfung geändert: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There was nothing to write.</source>
        <translation>Es gab nichts zu schreiben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 Nothing was changed.</source>
        <translation>%1 Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Imported</source>
        <translation>Importiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Imported: %1 transactions for %2 users, in batch %3.</source>
        <translation>Importiert: %1 Buchungen für %2 Benutzer, in Stapel %3.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 adjustments above the approval threshold or your limits wait for another admin in Pending Approvals.</source>
        <translation>%1 Korrekturen über der Freigabeschwelle oder Ihren Limits warten unter „Ausstehende Freigaben“ auf einen anderen Admin.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 adjustments above the approval threshold wait for another admin in Pending Approvals.</source>
        <translation>%1 Anpassungen über der Freigabeschwelle warten unter Ausstehende Freigaben auf einen anderen Admin.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Batch:</source>
        <translation>Stapel:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows read:</source>
        <translation>Gelesene Zeilen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transactions written:</source>
        <translation>Geschriebene Buchungen:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Users:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, of whom %2 new</source>
        <translation>%1, davon %2 neu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Held for approval:</source>
        <translation>Zur Freigabe zurückgehalten:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legacy grand total:</source>
        <translation>Alte Gesamtsumme:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Their total before:</source>
        <translation>Ihre Summe vorher:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ledger total after:</source>
        <translation>Summe im Hauptbuch nachher:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Their total after:</source>
        <translation>Ihre Summe nachher:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time:</source>
        <translation>Zeit:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2 rows/s)</source>
        <translation>%1 (%2 Zeilen/s)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every transaction is in the audit log under %1; the views show it now.</source>
        <translation>Jede Buchung steht im Prüfprotokoll unter %1; die Ansichten zeigen sie jetzt.</translation>
    </message>
</context>
<context>
    <name>ImportRunPage</name>
    <message>
        <location filename="../ui/import/ImportRunPage.cpp" line="+14"/>
        <source>Importing</source>
        <translation>Import läuft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing the batch in one database transaction.</source>
        <translation>Der Stapel wird in einer einzigen Datenbanktransaktion geschrieben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel Import</source>
        <translation>Import &amp;abbrechen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel Import (or Esc) stops it; nothing is written unless all of it is.</source>
        <translation>„Import abbrechen“ (oder Esc) beendet ihn; geschrieben wird alles oder nichts.</translation>
    </message>
</context>
<context>
    <name>ImportSummaryPage</name>
    <message>
        <location filename="../ui/import/ImportSummaryPage.cpp" line="+53"/>
        <source>What the Import Would Do</source>
        <translation>Was der Import bewirken würde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A dry run: every row was checked against the database, and nothing was changed.</source>
        <translation>Ein Probelauf: Jede Zeile wurde mit der Datenbank abgeglichen, und nichts wurde geändert.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Batch:</source>
        <translation>Stapel:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rows read:</source>
        <translation>Gelesene Zeilen:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transactions to write:</source>
        <translation>Zu schreibende Buchungen:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Users:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Held for approval:</source>
        <translation>Zur Freigabe zurückgehalten:</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>The check was stopped before the end. Nothing was changed; go Back and Next to check again.</source>
        <translation>Die Prüfung wurde vor dem Ende angehalten. Es wurde nichts geändert; gehen Sie „Zurück“ und „Weiter“, um erneut zu prüfen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>a new batch legacy-profiles-…, named after the time of writing</source>
        <translation>ein neuer Stapel legacy-profiles-…, benannt nach dem Zeitpunkt des Schreibens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (file %2, SHA-256 %3…)</source>
        <translation>%1 (Datei %2, SHA-256 %3…)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (%2 blank skipped)</source>
        <translation>%1 (%2 leere übersprungen)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2 zero totals write nothing)</source>
        <translation>%1 (%2 Nullsummen schreiben nichts)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, of whom %2 new (created from the file)</source>
        <translation>%1, davon %2 neu (aus der Datei angelegt)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Legacy grand total:</source>
        <translation>Alte Gesamtsumme:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Their total before:</source>
        <translation>Ihre Summe vorher:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ledger total after:</source>
        <translation>Summe im Hauptbuch nachher:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Their total after:</source>
        <translation>Ihre Summe nachher:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (equal to the legacy grand total)</source>
        <translation>%1 (gleich der alten Gesamtsumme)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (differs by %2)</source>
        <translation>%1 (weicht um %2 ab)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Each user&apos;s total (the first %1 of %2 users):</source>
        <translation>Die Summe jedes Benutzers (die ersten %1 von %2 Benutzern):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each user&apos;s total:</source>
        <translation>Die Summe jedes Benutzers:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Already imported: this file was applied before (%1). Importing it again would change nothing, so it cannot be applied.</source>
        <translation>Bereits importiert: Diese Datei wurde schon angewendet (%1). Ein erneuter Import würde nichts ändern, daher kann sie nicht angewendet werden.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 found. Nothing will be changed until the file is fixed: fix every line listed, then go Back and check again.</source>
        <translation>%1 gefunden. Nichts wird geändert, bis die Datei korrigiert ist: Korrigieren Sie jede aufgeführte Zeile und gehen Sie dann „Zurück“, um erneut zu prüfen.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln problem(s)</source>
        <translation>
            <numerusform>%Ln Problem</numerusform>
            <numerusform>%Ln Probleme</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No problems. Every adjustment is above the approval threshold or your limits: importing files them as pending requests for another admin, and changes no total. Press Next to confirm.</source>
        <translation>Keine Probleme. Jede Korrektur liegt über der Freigabeschwelle oder Ihren Limits: Der Import legt sie als offene Anträge für einen anderen Admin an und ändert keine Summe. Drücken Sie „Weiter“, um zu bestätigen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No problems. Every adjustment is above the approval threshold: importing files them as pending requests for another admin, and changes no total. Press Next to confirm.</source>
        <translation>Keine Probleme. Jede Anpassung liegt über der Freigabeschwelle: Der Import legt sie als offene Anfragen für einen anderen Admin an und ändert keine Summe. Drücken Sie Weiter, um zu bestätigen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing to import: every total in UserProfile already has transactions behind it.</source>
        <translation>Nichts zu importieren: Hinter jeder Summe in UserProfile stehen bereits Buchungen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing to import: every total is zero.</source>
        <translation>Nichts zu importieren: Jede Summe ist null.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No problems. Press Next to confirm; nothing is written before that.</source>
        <translation>Keine Probleme. Drücken Sie „Weiter“, um zu bestätigen; vorher wird nichts geschrieben.</translation>
    </message>
</context>
<context>
    <name>ImportText</name>
    <message>
        <location filename="../models/ImportText.cpp" line="+12"/>
        <source>Legacy totals from a file</source>
        <translation>Altsummen aus einer Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Legacy totals from UserProfile (no file)</source>
        <translation>Altsummen aus UserProfile (ohne Datei)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bulk adjustments from a file</source>
        <translation>Sammelkorrekturen aus einer Datei</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Each user&apos;s total from the old system becomes one transaction (Manual adjustment, category Manual). Only for users with no transactions yet; zero totals write nothing.</source>
        <translation>Die Summe jedes Benutzers aus dem alten System wird zu einer Buchung (manuelle Korrektur, Kategorie „Manuell“). Nur für Benutzer ohne Buchungen; Nullsummen schreiben nichts.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every UserProfile.totalXP that has no transactions behind it becomes one transaction, so the ledger explains each total. No file is needed.</source>
        <translation>Jedes UserProfile.totalXP, hinter dem keine Buchungen stehen, wird zu einer Buchung, sodass das Hauptbuch jede Summe erklärt. Es wird keine Datei benötigt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each row is one audited adjustment of a user&apos;s XP, with its reason.</source>
        <translation>Jede Zeile ist eine protokollierte Korrektur der XP eines Benutzers, mit ihrer Begründung.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No file: the rows come from the UserProfile table of the open database.</source>
        <translation>Keine Datei: Die Zeilen stammen aus der Tabelle UserProfile der geöffneten Datenbank.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;Required columns:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Erforderliche Spalten:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;b&gt;Optional:&lt;/b&gt; %1 (to create users who are missing)</source>
        <translation>&lt;b&gt;Optional:&lt;/b&gt; %1 (um fehlende Benutzer anzulegen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Optional:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Optional:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A header line names the columns, in any order. UTF-8 (&quot;CSV UTF-8&quot; in Excel), comma separated.</source>
        <translation>Eine Kopfzeile nennt die Spalten, in beliebiger Reihenfolge. UTF-8 („CSV UTF-8“ in Excel), durch Kommas getrennt.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+3"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 rows/s</source>
        <translation>%1 Zeilen/s</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reading the file: %1 of %2</source>
        <translation>Datei wird gelesen: %1 von %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading the file: %1</source>
        <translation>Datei wird gelesen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checking rows against the database: %1 of %2</source>
        <translation>Zeilen werden mit der Datenbank abgeglichen: %1 von %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Writing: %1 of %2 rows (new users, then transactions)</source>
        <translation>Schreiben: %1 von %2 Zeilen (neue Benutzer, dann Buchungen)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelled. Nothing was changed.</source>
        <translation>Abgebrochen. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1

The connection was lost while committing: the batch may or may not have been written. Open the import again with the same file: it says whether the file was already imported.</source>
        <translation>%1

Die Verbindung ging beim Festschreiben verloren: Der Stapel wurde möglicherweise geschrieben, möglicherweise nicht. Öffnen Sie den Import erneut mit derselben Datei: Er zeigt an, ob die Datei bereits importiert wurde.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>nothing was changed</source>
        <translation>es wurde nichts geändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1

Nothing was changed.</source>
        <translation>%1

Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (above the approval threshold or your limits: each waits for another admin&apos;s approval in Pending Approvals instead of being applied)</source>
        <translation>%1 (über der Freigabeschwelle oder Ihren Limits: Jede wartet unter „Ausstehende Freigaben“ auf die Freigabe eines anderen Admins, statt angewendet zu werden)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none (approval is off)</source>
        <translation>keine (Freigabe ist aus)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none (no amount is above the approval threshold of %1 XP)</source>
        <translation>keine (kein Betrag liegt über der Freigabeschwelle von %1 XP)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (above %2 XP: each waits for another admin&apos;s approval in Pending Approvals instead of being applied)</source>
        <translation>%1 (über %2 XP: jede wartet unter Ausstehende Freigaben auf die Freigabe eines anderen Admins, statt angewendet zu werden)</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../ui/import/ImportWizard.cpp" line="+24"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
</context>
<context>
    <name>ImportWriter</name>
    <message>
        <location filename="../core/import/ImportWriter.cpp" line="+221"/>
        <source>Import cancelled; nothing was changed</source>
        <translation>Import abgebrochen; es wurde nichts geändert</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>user added by import %1, line %2</source>
        <translation>Benutzer durch Import %1 angelegt, Zeile %2</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Refused: the users&apos; grand total after the import would be %1 (%2 in their transactions), not the %3 expected; nothing was changed</source>
        <translation>Abgelehnt: Die Gesamtsumme aller Benutzer wäre nach dem Import %1 (%2 in ihren Transaktionen) statt der erwarteten %3; es wurde nichts geändert</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>Migrated from the legacy total (batch %1)</source>
        <translation>Aus der Altsumme übernommen (Stapel %1)</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+42"/>
        <source> (import %1, line %2)</source>
        <translation> (Import %1, Zeile %2)</translation>
    </message>
</context>
<context>
    <name>KeychainCredentialStore</name>
    <message>
        <location filename="../core/session/KeychainCredentialStore.cpp" line="+30"/>
        <source>The system keychain refused access (%1)</source>
        <translation>Der Schlüsselbund des Systems hat den Zugriff verweigert (%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The system keychain is not available (%1)</source>
        <translation>Der Schlüsselbund des Systems ist nicht verfügbar (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no keychain service is running</source>
        <translation>es läuft kein Schlüsselbund-Dienst</translation>
    </message>
</context>
<context>
    <name>Ledger</name>
    <message>
        <location filename="../core/ledger/Ledger.cpp" line="+40"/>
        <source>user</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>transaction id</source>
        <translation>Buchungs-ID</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Name at least one transaction id</source>
        <translation>Nennen Sie mindestens eine Buchungs-ID</translation>
    </message>
    <message>
        <location filename="../core/ledger/ApprovalGate.cpp" line="-45"/>
        <location filename="../core/ledger/AwardWriter.cpp" line="+49"/>
        <location filename="../core/ledger/Ledger.cpp" line="+43"/>
        <source>Unknown user %1: no such id in &quot;User&quot;</source>
        <translation>Unbekannter Benutzer %1: keine solche ID in &quot;User&quot;</translation>
    </message>
    <message>
        <location filename="../core/ledger/TotalWriter.cpp" line="+28"/>
        <source>Refused: the total XP of user %1 would become %2, past the limit of the 32-bit totalXP column (%3 to %4). Nothing was changed.</source>
        <translation>Abgelehnt: Die XP-Summe von Benutzer %1 würde %2 betragen und läge außerhalb der Grenze der 32-Bit-Spalte totalXP (%3 bis %4). Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location filename="../core/ledger/Ledger.cpp" line="+58"/>
        <source>amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+145"/>
        <source>source id</source>
        <translation>Quellen-ID</translation>
    </message>
    <message>
        <location line="-142"/>
        <source>description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>roll back</source>
        <translation>Stornieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>delete the source</source>
        <translation>Löschen der Quelle</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Transaction %1 does not exist: nothing to roll back</source>
        <translation>Buchung %1 existiert nicht: Es gibt nichts zu stornieren</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No transactions have source %1 %2: nothing to delete</source>
        <translation>Keine Buchungen haben die Quelle %1 %2: Es gibt nichts zu löschen</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Transaction %1 was never rolled back: there is nothing to restore</source>
        <translation>Buchung %1 wurde nie storniert: Es gibt nichts wiederherzustellen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The audit snapshot of transaction %1 (event %2) cannot be read</source>
        <translation>Die Momentaufnahme der Buchung %1 im Prüfprotokoll (Ereignis %2) kann nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Transaction %1 is already in the ledger: it was restored before</source>
        <translation>Buchung %1 ist bereits im Hauptbuch: Sie wurde schon wiederhergestellt</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+54"/>
        <source>recalculate</source>
        <translation>Neuberechnen</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>total recalculated from the sum of the user&apos;s transactions</source>
        <translation>Summe aus der Summe der Buchungen des Benutzers neu berechnet</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Refused: the sum of user %1&apos;s transactions is %2, past the limit of the 32-bit totalXP column. Nothing was changed.</source>
        <translation>Abgelehnt: Die Summe der Buchungen von Benutzer %1 beträgt %2 und liegt außerhalb der Grenze der 32-Bit-Spalte totalXP. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>repair</source>
        <translation>Reparieren</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>cached total %1 differed from the sum %2 of the user&apos;s transactions</source>
        <translation>gespeicherte Summe %1 wich von der Summe %2 der Buchungen des Benutzers ab</translation>
    </message>
</context>
<context>
    <name>LedgerActions</name>
    <message>
        <location filename="../ui/actions/LedgerActions.cpp" line="+86"/>
        <source>Select a user to adjust first.</source>
        <translation>Wählen Sie zuerst einen Benutzer zum Korrigieren.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The adjustment of %1 XP for %2 was not applied, because %3: it waits under Pending Approvals (request %4) until another admin approves or rejects it.</source>
        <translation>Die Korrektur um %1 XP für %2 wurde nicht angewendet, denn %3: Sie wartet unter „Ausstehende Freigaben“ (Antrag %4), bis ein anderer Admin sie freigibt oder ablehnt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The adjustment of %1 XP for %2 is above the approval threshold, so it was not applied: it waits under Pending Approvals (request %3) until another admin approves or rejects it.</source>
        <translation>Die Korrektur um %1 XP für %2 liegt über der Freigabeschwelle und wurde daher nicht angewendet: Sie wartet unter „Ausstehende Freigaben“ (Antrag %3), bis ein anderer Admin sie freigibt oder ablehnt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sent for Approval</source>
        <translation>Zur Freigabe eingereicht</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Adjusted %1 by %2: total %3</source>
        <translation>%1 um %2 korrigiert: Summe %3</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Select the transactions to roll back first.</source>
        <translation>Wählen Sie zuerst die zu stornierenden Buchungen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Rolled back %1. New totals: %2</source>
        <translation>%1 storniert. Neue Summen: %2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Deleted source %1: %2. New totals: %3</source>
        <translation>Quelle %1 gelöscht: %2. Neue Summen: %3</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Restored %1. New totals: %2</source>
        <translation>%1 wiederhergestellt. Neue Summen: %2</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Undone: %1. New totals: %2</source>
        <translation>Rückgängig gemacht: %1. Neue Summen: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redone: %1. New totals: %2</source>
        <translation>Wiederholt: %1. Neue Summen: %2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>It is still in the undo history: you can try again.</source>
        <translation>Der Schritt ist noch im Rückgängig-Verlauf: Sie können es erneut versuchen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It is still in the redo history: you can try again.</source>
        <translation>Der Schritt ist noch im Wiederholen-Verlauf: Sie können es erneut versuchen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>It has been removed from the undo history.</source>
        <translation>Der Schritt wurde aus dem Rückgängig-Verlauf entfernt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not undo &quot;%1&quot;</source>
        <translation>„%1“ konnte nicht rückgängig gemacht werden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Could not redo &quot;%1&quot;</source>
        <translation>„%1“ konnte nicht wiederholt werden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Undo failed</source>
        <translation>Rückgängig fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Redo failed</source>
        <translation>Wiederholen fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>LedgerChangeFeed</name>
    <message>
        <location filename="../core/live/LedgerChangeFeed.cpp" line="+88"/>
        <source>Waiting for the database server to come back; changes are not shown until it does</source>
        <translation>Warten auf den Datenbankserver; bis er wieder erreichbar ist, werden keine Änderungen angezeigt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Live: changes made in XP Admin appear as they are made; the web app&apos;s within 10 s at most (capture is not installed)</source>
        <translation>Live: In XP Admin vorgenommene Änderungen erscheinen sofort, die der Web-App spätestens nach 10 s (die Erfassung ist nicht eingerichtet)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Live: changes appear as they are made</source>
        <translation>Live: Änderungen erscheinen sofort</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checking for changes every %1 s (through PgBouncer, which cannot pass notifications)</source>
        <translation>Prüfung auf Änderungen alle %1 s (über PgBouncer, der keine Benachrichtigungen weitergeben kann)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Live: changes made by other programs on this file appear within a second</source>
        <translation>Live: Änderungen anderer Programme an dieser Datei erscheinen innerhalb einer Sekunde</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not watching for changes</source>
        <translation>Änderungen werden nicht überwacht</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>The connection to %1 has no socket to wait on</source>
        <translation>Die Verbindung zu %1 hat keinen Socket, auf den gewartet werden kann</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>the connection was opened again</source>
        <translation>die Verbindung wurde neu geöffnet</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>The connection to %1 was lost (%2); trying again every few seconds</source>
        <translation>Die Verbindung zu %1 ist abgebrochen (%2); neuer Versuch alle paar Sekunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
</context>
<context>
    <name>LedgerCommand</name>
    <message>
        <location filename="../ui/actions/LedgerCommand.cpp" line="+39"/>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
</context>
<context>
    <name>LedgerCommands</name>
    <message>
        <location filename="../app/cli/LedgerCommands.cpp" line="+23"/>
        <source>--id is required</source>
        <translation>--id ist erforderlich</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Why, as a reason code (required once the ledger has reason codes; xpadmin-cli reason-codes list).</source>
        <translation>Warum, als Grundcode (erforderlich, sobald das Hauptbuch Grundcodes hat; xpadmin-cli reason-codes list).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The support ticket: an id (ZD-4411) or a link (required by some reason codes).</source>
        <translation>Das Support-Ticket: eine ID (ZD-4411) oder ein Link (von manchen Grundcodes verlangt).</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Awards XP to a user: adds one transaction and recalculates the user&apos;s total.</source>
        <translation>Vergibt XP an einen Benutzer: fügt eine Buchung hinzu und berechnet die Summe des Benutzers neu.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+55"/>
        <source>The user&apos;s id.</source>
        <translation>Die ID des Benutzers.</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>XP to add (a whole number, not 0).</source>
        <translation>Hinzuzufügende XP (eine ganze Zahl, nicht 0).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What earned it: %1.</source>
        <translation>Wodurch sie verdient wurden: %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The id of what earned it.</source>
        <translation>Die ID dessen, wodurch sie verdient wurden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+106"/>
        <source>One of %1.</source>
        <translation>Eines von %1.</translation>
    </message>
    <message>
        <location line="-105"/>
        <source>What the XP is for.</source>
        <translation>Wofür die XP sind.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>--reason-code and --ticket are for manual changes (--source-type MANUAL_ADJUSTMENT)</source>
        <translation>--reason-code und --ticket gelten für Änderungen von Hand (--source-type MANUAL_ADJUSTMENT)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Awarded (operation %1):</source>
        <translation>Vergeben (Vorgang %1):</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Adjusts a user&apos;s XP by hand (MANUAL_ADJUSTMENT): adds or deducts XP, with a reason.</source>
        <translation>Korrigiert die XP eines Benutzers von Hand (MANUAL_ADJUSTMENT): fügt XP hinzu oder zieht sie ab, mit Begründung.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>XP to add, or to deduct when negative (a whole number, not 0).</source>
        <translation>Hinzuzufügende XP, oder abzuziehende, wenn negativ (eine ganze Zahl, nicht 0).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One of %1 (default MANUAL).</source>
        <translation>Eines von %1 (Standard MANUAL).</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Adjusted (operation %1):</source>
        <translation>Korrigiert (Vorgang %1):</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rolls transactions back: deletes them and recalculates their users&apos; totals. The audit log keeps each row, so `restore` can put it back.</source>
        <translation>Storniert Buchungen: löscht sie und berechnet die Summen ihrer Benutzer neu. Das Prüfprotokoll bewahrt jede Zeile auf, sodass `restore` sie zurückholen kann.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A transaction id (repeat for several).</source>
        <translation>Eine Buchungs-ID (für mehrere wiederholen).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Rolled back (operation %1):</source>
        <translation>Storniert (Vorgang %1):</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Deletes every transaction of one source (a deleted problem attempt, say), across users, and recalculates their totals.</source>
        <translation>Löscht alle Buchungen einer Quelle (etwa eines gelöschten Lösungsversuchs) bei allen Benutzern und berechnet ihre Summen neu.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The source&apos;s id.</source>
        <translation>Die ID der Quelle.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Deleted (operation %1):</source>
        <translation>Gelöscht (Vorgang %1):</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Puts rolled-back transactions back, with their ids, from the audit log.</source>
        <translation>Stellt stornierte Buchungen mit ihren IDs aus dem Prüfprotokoll wieder her.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A rolled-back transaction id (repeat for several).</source>
        <translation>Eine stornierte Buchungs-ID (für mehrere wiederholen).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Restored (operation %1):</source>
        <translation>Wiederhergestellt (Vorgang %1):</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sets cached totals (UserProfile.totalXP) from the sum of the transactions.</source>
        <translation>Setzt gespeicherte Summen (UserProfile.totalXP) aus der Summe der Buchungen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recalculate this user.</source>
        <translation>Diesen Benutzer neu berechnen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recalculate every user.</source>
        <translation>Alle Benutzer neu berechnen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>give either --user ID or --all</source>
        <translation>geben Sie entweder --user ID oder --all an</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Total XP of user %1 is %2: it already matched the sum of the transactions</source>
        <translation>Die XP-Summe von Benutzer %1 ist %2: Sie stimmte bereits mit der Summe der Buchungen überein</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Total XP of user %1 is now %2 (it was %3)</source>
        <translation>Die XP-Summe von Benutzer %1 ist jetzt %2 (vorher %3)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Users recalculated: %1</source>
        <translation>Neu berechnete Benutzer: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Totals that differed from the sum and were fixed: %1</source>
        <translation>Summen, die von der Summe abwichen und korrigiert wurden: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  user %1: %2 -&gt; %3</source>
        <translation>  Benutzer %1: %2 -&gt; %3</translation>
    </message>
</context>
<context>
    <name>LedgerDiffQuery</name>
    <message>
        <location filename="../core/statement/LedgerDiff.cpp" line="+28"/>
        <source>A difference needs two moments, --from and --to</source>
        <translation>Ein Vergleich braucht zwei Zeitpunkte, --from und --to</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The first moment %1 is not before the second %2</source>
        <translation>Der erste Zeitpunkt %1 liegt nicht vor dem zweiten %2</translation>
    </message>
    <message>
        <location line="+172"/>
        <source>audit event %1 is missing: event %2 follows nothing</source>
        <translation>Prüfereignis %1 fehlt: Ereignis %2 folgt auf nichts</translation>
    </message>
</context>
<context>
    <name>LedgerDiffRowsModel</name>
    <message>
        <location filename="../models/LedgerDiffRowsModel.cpp" line="+37"/>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restored</source>
        <translation>Wiederhergestellt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Removed</source>
        <translation>Entfernt</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Transaction %1</source>
        <translation>Buchung %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
</context>
<context>
    <name>LedgerDiffUsersModel</name>
    <message>
        <location filename="../models/LedgerDiffUsersModel.cpp" line="+37"/>
        <source>%1 (no longer a user)</source>
        <translation>%1 (kein Benutzer mehr)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>✓ Reconciled</source>
        <translation>✓ Abgestimmt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>✗ Does not add up</source>
        <translation>✗ Geht nicht auf</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 before + %2 added − %3 removed = %4; the total after is %5</source>
        <translation>%1 davor + %2 hinzugefügt − %3 entfernt = %4; die Summe danach ist %5</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Before</source>
        <translation>Davor</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Removed</source>
        <translation>Entfernt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>After</source>
        <translation>Danach</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reconciled</source>
        <translation>Abgestimmt</translation>
    </message>
</context>
<context>
    <name>LedgerFile</name>
    <message>
        <location filename="../ui/main/LedgerFile.cpp" line="+22"/>
        <source>%1 does not exist. No file was created: check the name, or use File &gt; New Database to make a new ledger.</source>
        <translation>%1 existiert nicht. Es wurde keine Datei angelegt: Prüfen Sie den Namen oder legen Sie mit Datei &gt; Neue Datenbank ein neues Hauptbuch an.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is a folder, not a ledger file.</source>
        <translation>%1 ist ein Ordner, keine Hauptbuchdatei.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is not a ledger: it is not an SQLite database file.</source>
        <translation>%1 ist kein Hauptbuch: Es ist keine SQLite-Datenbankdatei.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot Open Ledger</source>
        <translation>Hauptbuch kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open the ledger %1?

The current ledger, %2, closes.</source>
        <translation>Das Hauptbuch %1 öffnen?

Das aktuelle Hauptbuch, %2, wird geschlossen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the ledger %1?</source>
        <translation>Das Hauptbuch %1 öffnen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Ledger</source>
        <translation>Hauptbuch öffnen</translation>
    </message>
</context>
<context>
    <name>LedgerMoment</name>
    <message>
        <location filename="../models/LedgerMoment.cpp" line="+51"/>
        <source>d MMMM yyyy</source>
        <extracomment>A date as the &quot;As of&quot; line says it; a QDate format (d, MMMM, yyyy).</extracomment>
        <translation>d. MMMM yyyy</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>As of %1 — rebuilt from the audit log</source>
        <translation>Stand %1 — aus dem Prüfprotokoll wiederhergestellt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Checking since when the audit log can prove this moment…</source>
        <translation>Es wird geprüft, ab wann das Prüfprotokoll diesen Zeitpunkt belegen kann…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The audit log is empty: rows are placed by their creation time, and rows removed are not known.</source>
        <translation>Das Prüfprotokoll ist leer: Buchungen werden nach ihrem Erstellungszeitpunkt eingeordnet, entfernte Buchungen sind nicht bekannt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exact from %1; before it, rows are placed by their creation time.</source>
        <translation>Genau ab %1; davor werden Buchungen nach ihrem Erstellungszeitpunkt eingeordnet.</translation>
    </message>
</context>
<context>
    <name>LimitCommands</name>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="+28"/>
        <source>role %1</source>
        <translation>Rolle %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>person %1</source>
        <translation>Person %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source> (the person&apos;s own)</source>
        <translation> (eigenes der Person)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (role %1)</source>
        <translation> (Rolle %1)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Limits of %1 (%2):</source>
        <translation>Limits für %1 (%2):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>  Per change: %1%2</source>
        <translation>  Je Korrektur: %1%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  Per day:    %1%2</source>
        <translation>  Je Tag:       %1%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  Moved today: %1 (the local day from %2 to %3 UTC)</source>
        <translation>  Heute bewegt: %1 (der lokale Tag von %2 bis %3 UTC)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No day limit.</source>
        <translation>Kein Tageslimit.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No limits are set: every adjustment is applied at once unless it is above the approval threshold.</source>
        <translation>Es sind keine Limits gesetzt: Jede Korrektur wird sofort angewendet, außer sie liegt über der Freigabeschwelle.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Limits of</source>
        <translation>Limits für</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per change</source>
        <translation>Je Korrektur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per day</source>
        <translation>Je Tag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set by</source>
        <translation>Gesetzt von</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set at (UTC)</source>
        <translation>Gesetzt am (UTC)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Usage: xpadmin-cli [global options] limits show [--person NAME] [--json]
       xpadmin-cli [global options] limits set (--role ROLE | --person NAME) [--per-change N|none] [--per-day N|none]

Limits per role (auditor, support, admin) and per person: the most XP one manual adjustment may move, up or down (per change), and the most one person may move in a local calendar day (per day: the sum of the amounts of their adjustments that day, held ones included unless rejected). A person&apos;s own limit replaces their role&apos;s; none removes it, so the role&apos;s applies again. An adjustment above a limit is not refused: it waits for another person&apos;s approval, as one above the approval threshold does, even when the threshold is off. A person is the database login on PostgreSQL and the operator (--actor) on SQLite. Only an admin sets limits; every change is audited.
</source>
        <translation>Aufruf: xpadmin-cli [globale Optionen] limits show [--person NAME] [--json]
        xpadmin-cli [globale Optionen] limits set (--role ROLE | --person NAME) [--per-change N|none] [--per-day N|none]

Limits je Rolle (auditor, support, admin) und je Person: wie viele XP eine Korrektur von Hand höchstens bewegen darf, nach oben oder unten (je Korrektur), und wie viele eine Person an einem Kalendertag (Ortszeit) höchstens bewegen darf (je Tag: die Summe der Beträge ihrer Korrekturen an diesem Tag, zurückgehaltene eingeschlossen, außer abgelehnte). Das eigene Limit einer Person ersetzt das ihrer Rolle; none entfernt es, sodass wieder das der Rolle gilt. Eine Korrektur über einem Limit wird nicht abgelehnt: Sie wartet auf die Freigabe durch eine andere Person, wie eine über der Freigabeschwelle, auch wenn die Schwelle aus ist. Eine Person ist auf PostgreSQL die Datenbankanmeldung und auf SQLite der Bediener (--actor). Nur ein Admin setzt Limits; jede Änderung wird protokolliert.
</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Shows a person&apos;s limits and what they can still move today, and every limit set.</source>
        <translation>Zeigt die Limits einer Person und was sie heute noch bewegen kann, sowie jedes gesetzte Limit.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The person (default: you, the login on PostgreSQL, the --actor on SQLite).</source>
        <translation>Die Person (Standard: Sie, die Anmeldung auf PostgreSQL, der --actor auf SQLite).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print JSON: person (their limits and today) and rules.</source>
        <translation>JSON ausgeben: person (ihre Limits und heute) und rules.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Sets the limits given for one role or one person; the other stays as it is.</source>
        <translation>Setzt die angegebenen Limits für eine Rolle oder eine Person; das jeweils andere bleibt, wie es ist.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The role: auditor, support or admin.</source>
        <translation>Die Rolle: auditor, support oder admin.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The person: a login on PostgreSQL, an operator on SQLite.</source>
        <translation>Die Person: eine Anmeldung auf PostgreSQL, ein Bediener auf SQLite.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The most XP one adjustment may move, up or down; none: no limit.</source>
        <translation>Wie viele XP eine Korrektur höchstens bewegen darf, nach oben oder unten; none: kein Limit.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The most XP the person (each person of the role) may move in a day; none: no limit.</source>
        <translation>Wie viele XP die Person (jede Person der Rolle) an einem Tag höchstens bewegen darf; none: kein Limit.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>give --role ROLE or --person NAME, one of them</source>
        <translation>geben Sie --role ROLE oder --person NAME an, eines von beiden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>give --per-change, --per-day or both (N or none)</source>
        <translation>geben Sie --per-change, --per-day oder beides an (N oder none)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Limits of %1: per change %2, per day %3.</source>
        <translation>Limits für %1: je Korrektur %2, je Tag %3.</translation>
    </message>
</context>
<context>
    <name>LimitPair</name>
    <message>
        <location filename="../core/limits/LimitPair.cpp" line="+37"/>
        <source>%1 %2 is not valid: give a whole number of XP from 0 to %3, or &quot;none&quot; for no limit. Nothing was changed.</source>
        <translation>%1 %2 ist ungültig: Geben Sie eine ganze Zahl an XP von 0 bis %3 an oder &quot;none&quot; für kein Limit. Es wurde nichts geändert.</translation>
    </message>
</context>
<context>
    <name>LimitRules</name>
    <message>
        <location filename="../core/limits/LimitRules.cpp" line="+46"/>
        <source>--role %1 is not a role limits are set for: use %2. Nothing was changed.</source>
        <translation>--role %1 ist keine Rolle, für die Limits gesetzt werden: Verwenden Sie %2. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+69"/>
        <source>%1. Nothing was changed.</source>
        <translation>%1. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>--person %1: there is no such login on this server (a person is a database login on PostgreSQL). Nothing was changed.</source>
        <translation>--person %1: Auf diesem Server gibt es keine solche Anmeldung (eine Person ist auf PostgreSQL eine Datenbankanmeldung). Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Give --per-change, --per-day or both (a number of XP, or &quot;none&quot;). Nothing was changed.</source>
        <translation>Geben Sie --per-change, --per-day oder beides an (eine Zahl an XP oder &quot;none&quot;). Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>role %1</source>
        <translation>Rolle %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>person %1</source>
        <translation>Person %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>limits of %1: per change %2 → %3, per day %4 → %5</source>
        <translation>Limits für %1: je Korrektur %2 → %3, je Tag %4 → %5</translation>
    </message>
</context>
<context>
    <name>LimitText</name>
    <message>
        <location filename="../core/limits/LimitText.cpp" line="+17"/>
        <source>%1 XP</source>
        <translation>%1 XP</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no limit</source>
        <translation>kein Limit</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>per change %1; %2</source>
        <translation>je Korrektur %1; %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>today %1 moved, no day limit</source>
        <translation>heute %1 bewegt, kein Tageslimit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>today %1 of %2 moved; you can still move %3 today</source>
        <translation>heute %1 von %2 bewegt; Sie können heute noch %3 bewegen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>You can still move 0 XP today: every adjustment now waits for approval</source>
        <translation>Sie können heute noch 0 XP bewegen: Jede Korrektur wartet jetzt auf Freigabe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You can still move %1 today</source>
        <translation>Sie können heute noch %1 bewegen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>it is above your limit of %1 per change</source>
        <translation>sie liegt über Ihrem Limit von %1 je Korrektur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>with it you would have moved %1 today, above your limit of %2 a day</source>
        <translation>mit ihr hätten Sie heute %1 bewegt, mehr als Ihr Tageslimit von %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it is above the approval threshold of %1</source>
        <translation>sie liegt über der Freigabeschwelle von %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it is above the approval threshold</source>
        <translation>sie liegt über der Freigabeschwelle</translation>
    </message>
</context>
<context>
    <name>LimitsDialog</name>
    <message>
        <location filename="../ui/limits/LimitsDialog.cpp" line="+28"/>
        <source>%1 XP</source>
        <translation>%1 XP</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+53"/>
        <source>no limit</source>
        <translation>kein Limit</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Limits</source>
        <translation>Limits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The most XP one adjustment may move, up or down, and the most one person may move in a day. Above either, an adjustment is not refused: it waits under Pending Approvals for another admin. A person&apos;s own limit replaces their role&apos;s. The limits are a setting of the database, shared by every desk; changing them is recorded in the audit log.</source>
        <translation>Wie viele XP eine Korrektur höchstens bewegen darf, nach oben oder unten, und wie viele eine Person an einem Tag höchstens bewegen darf. Darüber wird eine Korrektur nicht abgelehnt: Sie wartet unter „Ausstehende Freigaben“ auf einen anderen Admin. Das eigene Limit einer Person ersetzt das ihrer Rolle. Die Limits sind eine Einstellung der Datenbank, die alle Arbeitsplätze teilen; jede Änderung daran wird im Prüfprotokoll festgehalten.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Your limits: reading…</source>
        <translation>Ihre Limits: werden gelesen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Limits of</source>
        <translation>Limits für</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+185"/>
        <source>Per change</source>
        <translation>Je Korrektur</translation>
    </message>
    <message>
        <location line="-185"/>
        <location line="+186"/>
        <source>Per day</source>
        <translation>Je Tag</translation>
    </message>
    <message>
        <location line="-186"/>
        <source>Set by</source>
        <translation>Gesetzt von</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+110"/>
        <source>Role: %1</source>
        <translation>Rolle: %1</translation>
    </message>
    <message>
        <location line="-109"/>
        <source>A person:</source>
        <translation>Eine Person:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>login, or operator on a local file</source>
        <translation>Anmeldung oder Bediener bei einer lokalen Datei</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>XP, up or down, in one adjustment. Empty: no limit (for a person: their role&apos;s).</source>
        <translation>XP, nach oben oder unten, in einer Korrektur. Leer: kein Limit (bei einer Person: das ihrer Rolle).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>XP a person moves in a local calendar day, held requests included unless rejected.</source>
        <translation>XP, die eine Person an einem Kalendertag (Ortszeit) bewegt, zurückgehaltene Anträge eingeschlossen, außer abgelehnte.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;For:</source>
        <translation>&amp;Für:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Per &amp;change:</source>
        <translation>Je &amp;Korrektur:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Per &amp;day:</source>
        <translation>Je &amp;Tag:</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Your limits could not be read: %1</source>
        <translation>Ihre Limits konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The limits could not be read: %1</source>
        <translation>Die Limits konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Your limits (%1, %2): %3.</source>
        <translation>Ihre Limits (%1, %2): %3.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Person: %1</source>
        <translation>Person: %1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Only an admin changes limits</source>
        <translation>Nur ein Admin ändert Limits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The role or person whose limits to change</source>
        <translation>Die Rolle oder Person, deren Limits geändert werden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The person: their database login (PostgreSQL) or operator name (local file)</source>
        <translation>Die Person: ihre Datenbankanmeldung (PostgreSQL) oder ihr Bedienername (lokale Datei)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The most XP one adjustment may move; empty: no limit</source>
        <translation>Wie viele XP eine Korrektur höchstens bewegen darf; leer: kein Limit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The most XP the person may move in a day; empty: no limit</source>
        <translation>Wie viele XP die Person an einem Tag höchstens bewegen darf; leer: kein Limit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store these limits in the database, for every desk</source>
        <translation>Diese Limits in der Datenbank speichern, für jeden Arbeitsplatz</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Name the person whose limits to set.</source>
        <translation>Geben Sie die Person an, deren Limits gesetzt werden sollen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The limits were not changed: %1</source>
        <translation>Die Limits wurden nicht geändert: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>role %1</source>
        <translation>Rolle %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>person %1</source>
        <translation>Person %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limits of %1 saved: per change %2, per day %3</source>
        <translation>Limits für %1 gespeichert: je Korrektur %2, je Tag %3</translation>
    </message>
</context>
<context>
    <name>LiveIndicator</name>
    <message>
        <location filename="../ui/main/LiveIndicator.cpp" line="+36"/>
        <source>Not live</source>
        <translation>Nicht live</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not live: reconnecting…</source>
        <translation>Nicht live: Verbindung wird wiederhergestellt…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changes made elsewhere are not shown until you refresh (F5): %1</source>
        <translation>Anderswo vorgenommene Änderungen werden erst nach dem Aktualisieren (F5) angezeigt: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Checking every %n s</source>
        <translation>
            <numerusform>Prüfung alle %n s</numerusform>
            <numerusform>Prüfung alle %n s</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Live (file)</source>
        <translation>Live (Datei)</translation>
    </message>
</context>
<context>
    <name>LiveUpdates</name>
    <message>
        <location filename="../ui/main/LiveUpdates.cpp" line="+60"/>
        <source>the database role %1</source>
        <translation>die Datenbankrolle %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the database role %1 (application %2)</source>
        <translation>die Datenbankrolle %1 (Anwendung %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total changed directly in the database, not by a transaction: %1 → %2, by %3 at %4. Verify names the change; Verify &gt; Repair sets the total from the transactions again.</source>
        <translation>Summe direkt in der Datenbank geändert, nicht durch eine Buchung: %1 → %2, durch %3 am %4. „Prüfen“ nennt die Änderung; „Prüfen“ &gt; „Summen reparieren“ setzt die Summe wieder aus den Buchungen.</translation>
    </message>
</context>
<context>
    <name>LockWaits</name>
    <message>
        <location filename="../core/db/LockWaits.cpp" line="+190"/>
        <source>Waiting for another program writing to %1 since %2 s</source>
        <translation>Seit %2 s wird auf ein anderes Programm gewartet, das in %1 schreibt</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>another program writing to %1</source>
        <translation>ein anderes Programm, das in %1 schreibt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a lock held by another connection</source>
        <translation>eine Sperre, die eine andere Verbindung hält</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gave up after waiting %1 s for %2; nothing was changed.</source>
        <translation>Nach %1 s Warten auf %2 aufgegeben; nichts wurde geändert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The operation was cancelled; nothing was changed.</source>
        <translation>Der Vorgang wurde abgebrochen; nichts wurde geändert.</translation>
    </message>
</context>
<context>
    <name>LockWatcher</name>
    <message>
        <location filename="../core/db/LockWatcher.cpp" line="+31"/>
        <source>a lock on %1</source>
        <translation>eine Sperre auf %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a lock on a row of %1</source>
        <translation>eine Sperre auf einer Zeile von %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a lock on a row</source>
        <translation>eine Sperre auf einer Zeile</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a lock on a user&apos;s XP</source>
        <translation>eine Sperre auf den XP eines Benutzers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a lock</source>
        <translation>eine Sperre</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>Waiting for %1 since %2 s</source>
        <translation>Seit %2 s wird auf %1 gewartet</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>no program name</source>
        <translation>kein Programmname</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>process %1 (%2, user %3)</source>
        <translation>Prozess %1 (%2, Benutzer %3)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 held by %2</source>
        <translation>%1, gehalten von %2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main/MainWindowActions.cpp" line="+42"/>
        <source>&amp;New Database…</source>
        <translation>&amp;Neue Datenbank…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a new, empty ledger database file</source>
        <translation>Eine neue, leere Hauptbuch-Datenbankdatei anlegen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open Database…</source>
        <translation>Datenbank ö&amp;ffnen…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open a ledger database file</source>
        <translation>Eine Hauptbuch-Datenbankdatei öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Connect to PostgreSQL…</source>
        <translation>Mit PostgreSQL &amp;verbinden…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the ledger on a PostgreSQL server</source>
        <translation>Das Hauptbuch auf einem PostgreSQL-Server öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import legacy totals or bulk adjustments from a CSV file, after a dry run</source>
        <translation>Altsummen oder Sammelkorrekturen aus einer CSV-Datei importieren, nach einem Probelauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;History as CSV…</source>
        <translation>Verlauf als CSV &amp;exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write every transaction of the current filter to a CSV file</source>
        <translation>Alle Buchungen des aktuellen Filters in eine CSV-Datei schreiben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export &amp;Audit Log as CSV…</source>
        <translation>&amp;Prüfprotokoll als CSV exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write every audit event of the current filter to a CSV file</source>
        <translation>Alle Prüfereignisse des aktuellen Filters in eine CSV-Datei schreiben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close XP Admin</source>
        <translation>XP Admin schließen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+185"/>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <location line="-184"/>
        <source>Undo your last change, as a new audited operation</source>
        <translation>Ihre letzte Änderung rückgängig machen, als neuen protokollierten Vorgang</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+185"/>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <location line="-184"/>
        <source>Redo the change you undid, as a new audited operation</source>
        <translation>Die rückgängig gemachte Änderung wiederholen, als neuen protokollierten Vorgang</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy the selected transactions</source>
        <translation>Die ausgewählten Buchungen kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Adjust XP…</source>
        <translation>&amp;XP korrigieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+165"/>
        <source>Add or deduct XP for the selected user, with a reason</source>
        <translation>XP für den ausgewählten Benutzer hinzufügen oder abziehen, mit Begründung</translation>
    </message>
    <message>
        <location line="-163"/>
        <source>&amp;Roll Back Selected…</source>
        <translation>Ausgewählte &amp;stornieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected transactions; the audit log keeps them for restore</source>
        <translation>Die ausgewählten Buchungen löschen; das Prüfprotokoll bewahrt sie zur Wiederherstellung auf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete Source…</source>
        <translation>&amp;Quelle löschen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete every transaction of one source, across users</source>
        <translation>Alle Buchungen einer Quelle löschen, bei allen Benutzern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;store…</source>
        <translation>&amp;Wiederherstellen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bring rolled-back transactions back from the audit log</source>
        <translation>Stornierte Buchungen aus dem Prüfprotokoll zurückholen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Verify Ledger</source>
        <translation>Hauptbuch &amp;prüfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the audit chain and every cached total</source>
        <translation>Die Prüfkette und jede gespeicherte Summe prüfen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Read everything shown again</source>
        <translation>Alles Angezeigte neu lesen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the transactions</source>
        <translation>Die Buchungen zeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Audit Log</source>
        <translation>&amp;Prüfprotokoll</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the audit log</source>
        <translation>Das Prüfprotokoll zeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Charts</source>
        <translation>&amp;Diagramme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show charts of XP by category, over time, by source type and the top users</source>
        <translation>Diagramme der XP nach Kategorie, im Zeitverlauf, nach Quellentyp und der besten Benutzer zeigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the chart &quot;%1&quot; of the charts view&apos;s range as PNG, SVG or PDF</source>
        <translation>Das Diagramm „%1“ für den Zeitraum der Diagrammansicht als PNG, SVG oder PDF schreiben</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>XP Admin &amp;Manual</source>
        <translation>XP-Admin-&amp;Handbuch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the user manual at the page of what you are looking at</source>
        <translation>Das Handbuch auf der Seite dessen öffnen, was Sie gerade ansehen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List every keyboard shortcut of the window, with a filter</source>
        <translation>Alle Tastenkürzel des Fensters auflisten, mit Filter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About XP Admin</source>
        <translation>Ü&amp;ber XP Admin</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version, licence, database and links</source>
        <translation>Version, Lizenz, Datenbank und Links</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location filename="../ui/main/MainMenus.cpp" line="+76"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Export Chart</source>
        <translation>Diagramm e&amp;xportieren</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Ledger</source>
        <translation>Ha&amp;uptbuch</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Pending Approvals</source>
        <translation>Ausstehende &amp;Freigaben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the adjustments waiting for a second person&apos;s approval</source>
        <translation>Die Korrekturen zeigen, die auf die Freigabe durch eine zweite Person warten</translation>
    </message>
    <message>
        <location line="-102"/>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>System Default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The language changes when XP Admin starts again.</source>
        <translation>Die Sprache wechselt beim nächsten Start von XP Admin.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Co&amp;ntrols Report…</source>
        <translation>Ko&amp;ntrollbericht…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What an auditor checks the desk against, for a period: the changes held for approval, the periods reopened and the changes without a ticket</source>
        <translation>Was ein Prüfer beim Kundendienst für einen Zeitraum kontrolliert: die zur Freigabe zurückgehaltenen Änderungen, die wieder geöffneten Zeiträume und die Änderungen ohne Ticket</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reason &amp;Codes…</source>
        <translation>Grund&amp;codes…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The reason codes manual changes take, and the ticket link pattern</source>
        <translation>Die Grundcodes für Änderungen von Hand und das Ticket-Linkmuster</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Li&amp;mits…</source>
        <translation>&amp;Limits…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The most XP one adjustment and one person&apos;s day may move before approval</source>
        <translation>Wie viele XP eine Korrektur und eine Person an einem Tag ohne Freigabe höchstens bewegen dürfen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>As &amp;Of…</source>
        <translation>Stand zu einem &amp;Zeitpunkt…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the ledger as it stood at a past moment, in the History, Charts and Users</source>
        <translation>Das Hauptbuch so zeigen, wie es zu einem früheren Zeitpunkt stand, in Verlauf, Diagrammen und Benutzern</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>What Chan&amp;ged…</source>
        <translation>Was hat sich &amp;geändert…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the transactions added, restored and removed between two moments, and each user&apos;s total before and after</source>
        <translation>Die zwischen zwei Zeitpunkten hinzugefügten, wiederhergestellten und entfernten Buchungen zeigen und die XP-Summe jedes Benutzers davor und danach</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ledger</source>
        <translation>Hauptbuch</translation>
    </message>
    <message>
        <location filename="../ui/main/MainWindow.cpp" line="+200"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit Log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+3"/>
        <source>Pending Approvals</source>
        <translation>Ausstehende Freigaben</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pending Approvals (%1)</source>
        <translation>Ausstehende Freigaben (%1)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Changes made elsewhere will not show until you refresh (F5): %1</source>
        <translation>Anderswo vorgenommene Änderungen werden erst nach dem Aktualisieren (F5) angezeigt: %1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Working…</source>
        <translation>In Arbeit…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1
%2 on %3</source>
        <translation>%1
%2 auf %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database server changed: now connected to %1</source>
        <translation>Der Datenbankserver hat gewechselt: jetzt mit %1 verbunden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change lost in a failover</source>
        <translation>Änderung bei einem Failover verloren</translation>
    </message>
    <message>
        <location line="+49"/>
        <location line="+28"/>
        <source>Transaction %1 could not be read: %2</source>
        <translation>Buchung %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Transaction %1 is not in the ledger: it was rolled back or never existed.</source>
        <translation>Buchung %1 ist nicht im Hauptbuch: Sie wurde storniert oder hat nie existiert.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>No audit event names transaction %1 (demo data and bulk loads write one event for all their rows); showing the events of its user.</source>
        <translation>Kein Prüfereignis nennt Buchung %1 (Demodaten und Massenimporte schreiben ein Ereignis für alle ihre Zeilen); die Ereignisse ihres Benutzers werden gezeigt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Transaction %1 is neither in the ledger nor in the audit log.</source>
        <translation>Buchung %1 ist weder im Hauptbuch noch im Prüfprotokoll.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1
%2
Read-only: %3</source>
        <translation>%1
%2
Schreibgeschützt: %3</translation>
    </message>
    <message>
        <location filename="../ui/main/MainWindowActions.cpp" line="-37"/>
        <source>Select a user first</source>
        <translation>Wählen Sie zuerst einen Benutzer</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Undo %1</source>
        <translation>&amp;Rückgängig: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo %1</source>
        <translation>&amp;Wiederholen: %1</translation>
    </message>
    <message>
        <location filename="../ui/main/MainWindow.cpp" line="-12"/>
        <source>XP Admin</source>
        <translation>XP Admin</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 (Read-only) — XP Admin</source>
        <translation>%1 (schreibgeschützt) — XP Admin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read-only · %1</source>
        <translation>Schreibgeschützt · %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 — XP Admin</source>
        <translation>%1 — XP Admin</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Actor: %1</source>
        <translation>Akteur: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Actor: %1 (operator %2)</source>
        <translation>Akteur: %1 (Bediener %2)</translation>
    </message>
    <message>
        <location filename="../ui/main/MainMenus.cpp" line="-154"/>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Clear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <location filename="../ui/main/MainWindowActions.cpp" line="+77"/>
        <source>Imported %L1 transactions for %L2 users (batch %3)</source>
        <translation>%L1 Buchungen für %L2 Benutzer importiert (Stapel %3)</translation>
    </message>
</context>
<context>
    <name>NewRowsBar</name>
    <message>
        <location filename="../ui/history/NewRowsBar.cpp" line="+35"/>
        <source>More than %1 new transactions</source>
        <translation>Mehr als %1 neue Buchungen</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln new transaction(s)</source>
        <translation>
            <numerusform>%Ln neue Buchung</numerusform>
            <numerusform>%Ln neue Buchungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln removed since (struck through)</source>
        <translation>
            <numerusform>%Ln seitdem entfernt (durchgestrichen)</numerusform>
            <numerusform>%Ln seitdem entfernt (durchgestrichen)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Show Them</source>
        <translation>An&amp;zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the history again from the newest transaction, keeping the filters and the selected rows (Alt+S)</source>
        <translation>Den Verlauf ab der neuesten Buchung neu lesen; Filter und ausgewählte Zeilen bleiben erhalten (Alt+Z)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Reload</source>
        <translation>Neu &amp;laden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the history again without the removed rows, keeping the filters and the selected rows (Alt+R)</source>
        <translation>Den Verlauf ohne die entfernten Zeilen neu lesen; Filter und ausgewählte Zeilen bleiben erhalten (Alt+L)</translation>
    </message>
</context>
<context>
    <name>PagedCsvExport</name>
    <message>
        <location filename="../core/csv/PagedCsvExport.cpp" line="+22"/>
        <location line="+6"/>
        <location line="+12"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Nothing was exported; no file was written. %1</source>
        <translation>Es wurde nichts exportiert; keine Datei wurde geschrieben. %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export cancelled after %1; no file was written.</source>
        <translation>Export nach %1 abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot save %1: %2; no file was written.</source>
        <translation>%1 kann nicht gespeichert werden: %2; keine Datei wurde geschrieben.</translation>
    </message>
</context>
<context>
    <name>PasswordCommand</name>
    <message>
        <location filename="../app/cli/PasswordCommand.cpp" line="+14"/>
        <source>Usage: xpadmin-cli --db postgresql://USER@HOST[:PORT]/DATABASE password save|forget

save asks for the password on the terminal (without showing it), checks it by connecting, and saves it in the system keychain, where later commands and the desktop application find it. forget removes it. XP Admin never writes a password anywhere else; without a keychain it asks each time, and libpq&apos;s PGPASSWORD and ~/.pgpass work as usual.
</source>
        <translation>Aufruf: xpadmin-cli --db postgresql://USER@HOST[:PORT]/DATABASE password save|forget

save fragt im Terminal nach dem Passwort (ohne es anzuzeigen), prüft es durch eine Verbindung und speichert es im Schlüsselbund des Systems, wo spätere Befehle und die Desktopanwendung es finden. forget entfernt es. XP Admin schreibt ein Passwort nirgendwo sonst hin; ohne Schlüsselbund fragt es jedes Mal, und PGPASSWORD und ~/.pgpass von libpq funktionieren wie gewohnt.
</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>password %1: unexpected argument %2 (see xpadmin-cli password --help)</source>
        <translation>password %1: unerwartetes Argument %2 (siehe xpadmin-cli password --help)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>password: give a subcommand, save or forget (see xpadmin-cli password --help)</source>
        <translation>password: Geben Sie einen Unterbefehl an, save oder forget (siehe xpadmin-cli password --help)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>password save: --db must name a PostgreSQL database (postgresql://...)</source>
        <translation>password save: --db muss eine PostgreSQL-Datenbank nennen (postgresql://...)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>password save reads the password from a terminal, without showing it; run it in a terminal</source>
        <translation>password save liest das Passwort aus einem Terminal, ohne es anzuzeigen; führen Sie es in einem Terminal aus</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Password for %1: </source>
        <translation>Passwort für %1: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No password was typed; nothing was saved</source>
        <translation>Es wurde kein Passwort eingegeben; nichts wurde gespeichert</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1; nothing was saved</source>
        <translation>%1; nichts wurde gespeichert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1; nothing was saved. XP Admin will ask for the password each time, or use PGPASSWORD or ~/.pgpass</source>
        <translation>%1; nichts wurde gespeichert. XP Admin fragt jedes Mal nach dem Passwort, oder verwenden Sie PGPASSWORD oder ~/.pgpass</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved the password for %1 in the system keychain</source>
        <translation>Das Passwort für %1 wurde im Schlüsselbund des Systems gespeichert</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>password forget: --db must name a PostgreSQL database (postgresql://...)</source>
        <translation>password forget: --db muss eine PostgreSQL-Datenbank nennen (postgresql://...)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No password for %1 is saved in the system keychain now</source>
        <translation>Für %1 ist jetzt kein Passwort im Schlüsselbund des Systems gespeichert</translation>
    </message>
</context>
<context>
    <name>PendingApprovalsView</name>
    <message>
        <location filename="../ui/approval/PendingApprovalsView.cpp" line="+34"/>
        <source>Adjustments &amp;above</source>
        <translation>&amp;Korrekturen über</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A&amp;pprove</source>
        <translation>&amp;Freigeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;ject</source>
        <translation>Ab&amp;lehnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location line="+147"/>
        <source>Off: every adjustment is applied at once, without a second person</source>
        <translation>Aus: Jede Korrektur wird sofort angewendet, ohne zweite Person</translation>
    </message>
    <message>
        <location line="-135"/>
        <source> XP</source>
        <translation> XP</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>An adjustment whose amount, up or down, is above this waits for another admin</source>
        <translation>Eine Korrektur, deren Betrag nach oben oder unten darüber liegt, wartet auf einen anderen Admin</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Store the threshold in the database, for every desk</source>
        <translation>Die Schwelle in der Datenbank speichern, für jeden Arbeitsplatz</translation>
    </message>
    <message>
        <location line="-134"/>
        <source>need a second person&apos;s approval</source>
        <translation>brauchen die Freigabe durch eine zweite Person</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Reason for the decision (required to reject)</source>
        <translation>Begründung der Entscheidung (zum Ablehnen erforderlich)</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Reject the selected request: no XP changes; a reason is required</source>
        <translation>Den ausgewählten Antrag ablehnen: Keine XP ändern sich; eine Begründung ist erforderlich</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>Read the queue again</source>
        <translation>Die Warteschlange neu lesen</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The queue could not be read: %1</source>
        <translation>Die Warteschlange konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The approval threshold could not be read: %1</source>
        <translation>Die Freigabeschwelle konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>No adjustments are waiting for approval.</source>
        <translation>Keine Korrekturen warten auf Freigabe.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n adjustment(s) waiting for a second person&apos;s approval. Select one to approve (it is applied at once) or reject it.</source>
        <translation>
            <numerusform>%n Korrektur wartet auf die Freigabe durch eine zweite Person. Wählen Sie sie aus, um sie freizugeben (sie wird sofort angewendet) oder abzulehnen.</numerusform>
            <numerusform>%n Korrekturen warten auf die Freigabe durch eine zweite Person. Wählen Sie eine aus, um sie freizugeben (sie wird sofort angewendet) oder abzulehnen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>You asked for this adjustment yourself: another admin must approve it</source>
        <translation>Sie haben diese Korrektur selbst beantragt: Ein anderer Admin muss sie freigeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve the selected request: the adjustment is applied at once</source>
        <translation>Den ausgewählten Antrag freigeben: Die Korrektur wird sofort angewendet</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Pending Approvals</source>
        <translation>Ausstehende Freigaben</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>You asked for this adjustment yourself: another admin must approve it. You can reject it to withdraw it.</source>
        <translation>Sie haben diese Korrektur selbst beantragt: Ein anderer Admin muss sie freigeben. Sie können sie ablehnen, um sie zurückzuziehen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Approve the adjustment of %1 XP for %2, asked for by %3?

Reason: %4

It is applied at once and the user&apos;s total changes.</source>
        <translation>Die Korrektur um %1 XP für %2, beantragt von %3, freigeben?

Begründung: %4

Sie wird sofort angewendet, und die Summe des Benutzers ändert sich.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approve Adjustment</source>
        <translation>Korrektur freigeben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approving…</source>
        <translation>Wird freigegeben…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The adjustment was not approved</source>
        <translation>Die Korrektur wurde nicht freigegeben</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Approved and applied: %1 XP for %2. New total: %3</source>
        <translation>Freigegeben und angewendet: %1 XP für %2. Neue Summe: %3</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Type the reason for rejecting the request first: it is kept in the audit log.</source>
        <translation>Geben Sie zuerst die Begründung für das Ablehnen des Antrags ein: Sie wird im Prüfprotokoll aufbewahrt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rejecting…</source>
        <translation>Wird abgelehnt…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The request was not rejected</source>
        <translation>Der Antrag wurde nicht abgelehnt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rejected: %1 XP for %2 was not applied.</source>
        <translation>Abgelehnt: %1 XP für %2 wurden nicht angewendet.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The approval threshold was not changed</source>
        <translation>Die Freigabeschwelle wurde nicht geändert</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Adjustments above %1 XP now wait for a second person&apos;s approval.</source>
        <translation>Korrekturen über %1 XP warten jetzt auf die Freigabe durch eine zweite Person.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approval is off: every adjustment is applied at once.</source>
        <translation>Freigabe ist aus: Jede Korrektur wird sofort angewendet.</translation>
    </message>
</context>
<context>
    <name>PendingModel</name>
    <message>
        <location filename="../models/PendingModel.cpp" line="+45"/>
        <source>Requested</source>
        <translation>Beantragt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Held because</source>
        <translation>Zurückgehalten wegen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason code</source>
        <translation>Grundcode</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requested by</source>
        <translation>Beantragt von</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>approval threshold</source>
        <translation>Freigabeschwelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>limit per change</source>
        <translation>Limit je Korrektur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>limit per day</source>
        <translation>Limit je Tag</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>ticket %1</source>
        <translation>Ticket %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, ticket %2</source>
        <translation>%1, Ticket %2</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>%1 (login %2)</source>
        <translation>%1 (Anmeldung %2)</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>id %1</source>
        <translation>ID %1</translation>
    </message>
</context>
<context>
    <name>PeriodActions</name>
    <message>
        <location filename="../ui/periods/PeriodActions.cpp" line="+14"/>
        <source>Close &amp;Period…</source>
        <translation>Zeitraum &amp;abschließen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;open Period…</source>
        <translation>Zeitraum wieder ö&amp;ffnen…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Close the ledger up to a day: nothing dated up to then may change, and every user&apos;s total is kept</source>
        <translation>Das Hauptbuch bis zu einem Tag abschließen: Nichts, was bis dahin datiert ist, darf sich ändern, und die XP-Summe jedes Benutzers wird festgehalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move the end of the closed period back to an earlier day, with a reason</source>
        <translation>Das Ende des abgeschlossenen Zeitraums auf einen früheren Tag zurücksetzen, mit Begründung</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Closed up to %1</source>
        <translation>Abgeschlossen bis %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing dated up to the end of %1 may change (%2: %3)</source>
        <translation>Nichts, was bis zum Ende von %1 datiert ist, darf sich ändern (%2: %3)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Close the ledger up to a day: nothing dated then may change</source>
        <translation>Das Hauptbuch bis zu einem Tag abschließen: Nichts, was bis dahin datiert ist, darf sich ändern</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>See where the ledger is closed. %1.</source>
        <translation>Sehen, bis wohin das Hauptbuch abgeschlossen ist. %1.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Move the end of the closed period back to an earlier day</source>
        <translation>Das Ende des abgeschlossenen Zeitraums auf einen früheren Tag zurückverlegen</translation>
    </message>
</context>
<context>
    <name>PeriodCheck</name>
    <message>
        <location filename="../core/periods/PeriodCheck.cpp" line="+18"/>
        <source>the close #%1 (up to %2)</source>
        <translation>Abschluss #%1 (bis %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the reopen #%1 (after %2)</source>
        <translation>Wiedereröffnung #%1 (nach %2)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 no longer holds the totals it kept: %2 users, sum %3 XP now, against %4 users, sum %5 XP and its digest when it was made</source>
        <translation>%1 enthält nicht mehr die festgehaltenen Summen: jetzt %2 Benutzer, Summe %3 XP, gegenüber %4 Benutzern, Summe %5 XP und dem Digest bei der Erstellung</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 does not match its audit event %2: the totals kept differ from the number of users, sum and digest the hash chain anchors</source>
        <translation>%1 stimmt nicht mit Prüfereignis %2 überein: Die festgehaltenen Summen weichen von Benutzerzahl, Summe und Digest ab, die in der Hash-Kette verankert sind</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the close or reopen #%1 that audit event %2 records is missing from XP Admin&apos;s period table</source>
        <translation>der Abschluss oder die Wiedereröffnung #%1, die Prüfereignis %2 vermerkt, fehlt in der Zeitraumtabelle von XP Admin</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>the rows up to %1 of %n user(s) no longer add up to the totals kept when the ledger was closed (the first: %2): a change was made in the closed period outside XP Admin</source>
        <translation>
            <numerusform>die Buchungen bis %1 von %n Benutzer (%2) ergeben nicht mehr die beim Abschluss des Hauptbuchs festgehaltene Summe: Im abgeschlossenen Zeitraum wurde außerhalb von XP Admin etwas geändert</numerusform>
            <numerusform>die Buchungen bis %1 von %n Benutzern ergeben nicht mehr die beim Abschluss des Hauptbuchs festgehaltenen Summen (der erste: %2): Im abgeschlossenen Zeitraum wurde außerhalb von XP Admin etwas geändert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PeriodCommands</name>
    <message>
        <location filename="../app/cli/PeriodCommands.cpp" line="+37"/>
        <source>closed up to</source>
        <translation>abgeschlossen bis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reopened after</source>
        <translation>wieder geöffnet nach</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>#%1  %2 %3 (to %4)  by %5 on %6  users %7, sum %8 XP  audit event %9
    reason: %10
    digest: %11</source>
        <translation>#%1  %2 %3 (bis %4)  von %5 am %6  Benutzer %7, Summe %8 XP  Prüfereignis %9
    Begründung: %10
    Digest: %11</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Usage: xpadmin-cli [global options] period close --until DAY --reason TEXT
       xpadmin-cli [global options] period reopen --until DAY --reason TEXT
       xpadmin-cli [global options] period list [--json]

close closes the ledger up to the end of DAY (2026-11-30, a day in this computer&apos;s time zone that is over): no transaction created up to then may be rolled back, deleted by source or restored, no import or demo data may be dated then, and no recalculation may change a total as it stood then. The close keeps every user&apos;s total at that moment and is an audit event carrying their number, sum and digest. reopen moves the end back to DAY: what is after it is open again. Both are an admin&apos;s, need a reason and are audited. On PostgreSQL the database refuses XP Admin&apos;s roles a change in the closed period too; the owner installs that once with `xpadmin-cli roles install`.
list shows every close and reopen, oldest first.
</source>
        <translation>Aufruf: xpadmin-cli [globale Optionen] period close --until DAY --reason TEXT
        xpadmin-cli [globale Optionen] period reopen --until DAY --reason TEXT
        xpadmin-cli [globale Optionen] period list [--json]

close schließt das Hauptbuch bis zum Ende von DAY ab (2026-11-30, ein bereits vergangener Tag in der Zeitzone dieses Computers): Keine bis dahin erstellte Buchung darf storniert, mit ihrer Quelle gelöscht oder wiederhergestellt werden, kein Import und keine Beispieldaten dürfen auf diese Zeit datiert werden, und keine Neuberechnung darf eine Summe ändern, wie sie damals stand. Der Abschluss hält die Summe jedes Benutzers zu diesem Zeitpunkt fest und ist ein Prüfereignis mit deren Anzahl, Summe und Digest. reopen verlegt das Ende zurück auf DAY: Was danach liegt, ist wieder offen. Beides ist Sache eines Admins, braucht eine Begründung und wird protokolliert. Unter PostgreSQL verweigert auch die Datenbank den Rollen von XP Admin eine Änderung im abgeschlossenen Zeitraum; der Eigentümer richtet das einmal mit `xpadmin-cli roles install` ein.
list zeigt jeden Abschluss und jede Wiedereröffnung, die ältesten zuerst.
</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Closes the ledger up to the end of DAY.</source>
        <translation>Schließt das Hauptbuch bis zum Ende von DAY ab.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reopens what is after DAY; the ledger stays closed up to DAY.</source>
        <translation>Öffnet wieder, was nach DAY liegt; das Hauptbuch bleibt bis DAY abgeschlossen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The last day closed, as 2026-11-30 (this computer&apos;s time zone); it must be over.</source>
        <translation>Der letzte abgeschlossene Tag, im Format 2026-11-30 (Zeitzone dieses Computers); er muss vergangen sein.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The last day that stays closed, earlier than the closed one.</source>
        <translation>Der letzte Tag, der abgeschlossen bleibt, früher als der abgeschlossene.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print the close or reopen as JSON.</source>
        <translation>Den Abschluss oder die Wiedereröffnung als JSON ausgeben.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Lists every close and reopen of the ledger, oldest first.</source>
        <translation>Listet jeden Abschluss und jede Wiedereröffnung des Hauptbuchs auf, die ältesten zuerst.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print a JSON array of them.</source>
        <translation>Ein JSON-Array davon ausgeben.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Nothing was ever closed: the whole ledger is open.</source>
        <translation>Es wurde nie etwas abgeschlossen: Das ganze Hauptbuch ist offen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Closed now up to %1.</source>
        <translation>Jetzt abgeschlossen bis %1.</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <location filename="../ui/periods/PeriodDialog.cpp" line="+40"/>
        <source>Close Period</source>
        <translation>Zeitraum abschließen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reopen Period</source>
        <translation>Zeitraum wieder öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closing keeps every user&apos;s total as the ledger stands at the end of the day. Afterwards no transaction created up to then may be rolled back, deleted by source or restored, and no recalculation may change a total as it stood, until an admin reopens it. The close is recorded in the audit log with its figures.</source>
        <translation>Der Abschluss hält die Summe jedes Benutzers fest, wie das Hauptbuch am Ende des Tages steht. Danach darf keine bis dahin erstellte Buchung storniert, mit ihrer Quelle gelöscht oder wiederhergestellt werden, und keine Neuberechnung darf eine Summe ändern, wie sie damals stand, bis ein Admin den Zeitraum wieder öffnet. Der Abschluss wird mit seinen Zahlen im Prüfprotokoll vermerkt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reopening moves the end of the closed period back: what is after the day you give is open again, what is up to it stays closed. The reopen is recorded in the audit log.</source>
        <translation>Die Wiedereröffnung verlegt das Ende des abgeschlossenen Zeitraums zurück: Was nach dem angegebenen Tag liegt, ist wieder offen, was bis dahin liegt, bleibt abgeschlossen. Die Wiedereröffnung wird im Prüfprotokoll vermerkt.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>e.g. November books handed to the auditor</source>
        <translation>z. B. Bücher für November an den Prüfer übergeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Ticket 812: contest scored twice</source>
        <translation>z. B. Ticket 812: Wettbewerb doppelt gewertet</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Closed now:</source>
        <translation>Derzeit abgeschlossen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last &amp;day closed:</source>
        <translation>Letzter abgeschlossener &amp;Tag:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last &amp;day that stays closed:</source>
        <translation>Letzter &amp;Tag, der abgeschlossen bleibt:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason:</source>
        <translation>Be&amp;gründung:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The close will hold:</source>
        <translation>Der Abschluss hält fest:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Close Period</source>
        <translation>Zeitraum &amp;abschließen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Re&amp;open</source>
        <translation>Wieder ö&amp;ffnen</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The closed period could not be read: %1</source>
        <translation>Der abgeschlossene Zeitraum konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>up to %1, by %2 on %3 (%4)</source>
        <translation>bis %1, von %2 am %3 (%4)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing: the whole ledger is open</source>
        <translation>nichts: Das ganze Hauptbuch ist offen</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>the totals of %n user(s), %1 XP in all, as the ledger stands at the end of %2</source>
        <translation>
            <numerusform>die Summe von %n Benutzer, insgesamt %1 XP, Stand des Hauptbuchs am Ende von %2</numerusform>
            <numerusform>die Summen von %n Benutzern, insgesamt %1 XP, Stand des Hauptbuchs am Ende von %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The last day the close holds; it must be over</source>
        <translation>Der letzte Tag, den der Abschluss umfasst; er muss vergangen sein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What is after this day becomes open again</source>
        <translation>Was nach diesem Tag liegt, wird wieder offen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why; kept in the audit log</source>
        <translation>Warum; wird im Prüfprotokoll aufbewahrt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the ledger up to the end of the day</source>
        <translation>Das Hauptbuch bis zum Ende des Tages abschließen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reopen what is after the day</source>
        <translation>Wieder öffnen, was nach dem Tag liegt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing is closed: there is nothing to reopen</source>
        <translation>Nichts ist abgeschlossen: Es gibt nichts wieder zu öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give a reason first</source>
        <translation>Geben Sie zuerst eine Begründung an</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The period was not closed: %1</source>
        <translation>Der Zeitraum wurde nicht abgeschlossen: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Nothing was reopened: %1</source>
        <translation>Es wurde nichts wieder geöffnet: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Closed up to %1: the totals of %n user(s) kept, %2 XP in all</source>
        <translation>
            <numerusform>Abgeschlossen bis %1: Summe von %n Benutzer festgehalten, insgesamt %2 XP</numerusform>
            <numerusform>Abgeschlossen bis %1: Summen von %n Benutzern festgehalten, insgesamt %2 XP</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reopened after %1: the ledger is closed up to that day</source>
        <translation>Wieder geöffnet nach %1: Das Hauptbuch ist bis zu diesem Tag abgeschlossen</translation>
    </message>
</context>
<context>
    <name>PeriodEnforcement</name>
    <message>
        <location filename="../core/periods/PeriodEnforcement.cpp" line="+88"/>
        <source>Refused: this database does not yet enforce closed periods for XP Admin&apos;s roles, and %1 may not create the trigger that does (only the owner of &quot;UserXP&quot; may). The owner runs `xpadmin-cli roles install` once; then an admin may close periods. Nothing was changed.</source>
        <translation>Abgelehnt: Diese Datenbank setzt abgeschlossene Zeiträume für die Rollen von XP Admin noch nicht durch, und %1 darf den Trigger, der das tut, nicht anlegen (das darf nur der Eigentümer von &quot;UserXP&quot;). Der Eigentümer führt einmal `xpadmin-cli roles install` aus; danach kann ein Admin Zeiträume abschließen. Es wurde nichts geändert.</translation>
    </message>
</context>
<context>
    <name>PeriodGuard</name>
    <message>
        <location filename="../core/periods/PeriodGuard.cpp" line="+46"/>
        <source>transaction %1 (created %2)</source>
        <translation>Buchung %1 (erstellt %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the first of %1 of these transactions, %2 (created %3),</source>
        <translation>die erste von %1 dieser Buchungen, %2 (erstellt %3),</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>a transaction dated %1 or later</source>
        <translation>eine Buchung mit Datum %1 oder später</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>the total of user %1 as it stood at the close (its rows up to that day no longer add up to it)</source>
        <translation>die Summe von Benutzer %1, wie sie beim Abschluss stand (seine Buchungen bis zu diesem Tag ergeben sie nicht mehr),</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the totals of %1 users as they stood at the close, the first %2 (their rows up to that day no longer add up to them)</source>
        <translation>die Summen von %1 Benutzern, wie sie beim Abschluss standen, zuerst %2 (ihre Buchungen bis zu diesem Tag ergeben sie nicht mehr),</translation>
    </message>
</context>
<context>
    <name>Periods</name>
    <message>
        <location filename="../core/periods/Periods.cpp" line="+60"/>
        <source>%1 %2 is not a day: write it as 2026-11-30</source>
        <translation>%1 %2 ist kein Tag: Schreiben Sie ihn im Format 2026-11-30</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Give the last day of the period, as 2026-11-30</source>
        <translation>Geben Sie den letzten Tag des Zeitraums an, im Format 2026-11-30</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is not over yet (today is %2 here): only a day that has ended can be closed</source>
        <translation>%1 ist noch nicht vorbei (heute ist hier %2): Nur ein beendeter Tag kann abgeschlossen werden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot close up to %1: the ledger is closed up to %2 already (%3); close a later day</source>
        <translation>Abschluss bis %1 nicht möglich: Das Hauptbuch ist bereits bis %2 abgeschlossen (%3); schließen Sie einen späteren Tag ab</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing is closed: there is no period to reopen</source>
        <translation>Nichts ist abgeschlossen: Es gibt keinen Zeitraum, der wieder geöffnet werden kann</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot reopen after %1: the ledger is closed up to %2; to reopen, give an earlier day (what is after it becomes open again)</source>
        <translation>Wiedereröffnung nach %1 nicht möglich: Das Hauptbuch ist bis %2 abgeschlossen; geben Sie zum Wiederöffnen einen früheren Tag an (was danach liegt, wird wieder offen)</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>reason</source>
        <translation>Begründung</translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <location filename="../core/roles/Permissions.cpp" line="+37"/>
        <source>read the ledger</source>
        <translation>das Hauptbuch lesen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>award XP</source>
        <translation>XP vergeben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>adjust XP</source>
        <translation>XP korrigieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>roll back transactions</source>
        <translation>Buchungen stornieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>delete sources</source>
        <translation>Quellen löschen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>restore rolled-back transactions</source>
        <translation>stornierte Buchungen wiederherstellen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>import files or add demo data</source>
        <translation>Dateien importieren oder Beispieldaten hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>recalculate or repair totals</source>
        <translation>Summen neu berechnen oder reparieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>add users</source>
        <translation>Benutzer hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>approve or reject adjustments</source>
        <translation>Korrekturen freigeben oder ablehnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>change the reason codes</source>
        <translation>die Grundcodes ändern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>close or reopen periods</source>
        <translation>Zeiträume abschließen oder wieder öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>change the approval threshold</source>
        <translation>die Freigabeschwelle ändern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>change the alert rules</source>
        <translation>die Warnregeln ändern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>set the adjustment limits</source>
        <translation>die Korrekturlimits setzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>install or grant XP Admin&apos;s roles</source>
        <translation>die Rollen von XP Admin installieren oder zuweisen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>create or migrate the database schema</source>
        <translation>das Datenbankschema anlegen oder migrieren</translation>
    </message>
</context>
<context>
    <name>PoolerCheck</name>
    <message>
        <location filename="../core/db/PoolerCheck.cpp" line="+9"/>
        <source>PgBouncer in transaction mode (pgbouncer=true): each transaction may run on another server connection, and XP Admin keeps nothing there between transactions. Cancelling a wait for a lock takes effect when the wait ends.</source>
        <translation>PgBouncer im Transaktionsmodus (pgbouncer=true): Jede Transaktion kann auf einer anderen Serververbindung laufen, und XP Admin behält dort zwischen den Transaktionen nichts. Das Abbrechen des Wartens auf eine Sperre wirkt erst, wenn das Warten endet.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The server took the connection on port %1, not on port %2: if that port is PgBouncer in transaction mode, add pgbouncer=true to the URL.</source>
        <translation>Der Server hat die Verbindung auf Port %1 angenommen, nicht auf Port %2: Wenn auf diesem Port PgBouncer im Transaktionsmodus läuft, fügen Sie der URL pgbouncer=true hinzu.</translation>
    </message>
</context>
<context>
    <name>PostgresCopy</name>
    <message>
        <location filename="../core/db/PostgresCopy.cpp" line="+111"/>
        <source>A batch of database writes failed</source>
        <translation>Ein Stapel von Schreibvorgängen in der Datenbank ist fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>This build of XP Admin cannot write with COPY</source>
        <translation>Dieser Build von XP Admin kann nicht mit COPY schreiben</translation>
    </message>
</context>
<context>
    <name>PostgresUrl</name>
    <message>
        <location filename="../core/db/PostgresUrl.cpp" line="+72"/>
        <source>%1 holds an invalid percent-encoded character</source>
        <translation>%1 enthält ein ungültiges prozentkodiertes Zeichen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the user name</source>
        <translation>der Benutzername</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the password</source>
        <translation>das Passwort</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>an IPv6 address has no closing &quot;]&quot;</source>
        <translation>einer IPv6-Adresse fehlt das schließende &quot;]&quot;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unexpected text after the IPv6 address %1</source>
        <translation>unerwarteter Text nach der IPv6-Adresse %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the host name</source>
        <translation>der Hostname</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the database name</source>
        <translation>der Datenbankname</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a parameter name</source>
        <translation>ein Parametername</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the parameter %1 has no value (write %1=VALUE)</source>
        <translation>der Parameter %1 hat keinen Wert (schreiben Sie %1=VALUE)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the value of %1</source>
        <translation>der Wert von %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>&quot;=&quot; is missing after %1</source>
        <translation>nach %1 fehlt &quot;=&quot;</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>the quoted value of %1 has no closing quote</source>
        <translation>dem Wert von %1 in Anführungszeichen fehlt das schließende Anführungszeichen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>libpq cannot read it</source>
        <translation>für libpq nicht lesbar</translation>
    </message>
</context>
<context>
    <name>QueryCommands</name>
    <message>
        <location filename="../app/cli/QueryCommands.cpp" line="+35"/>
        <source>Only this user.</source>
        <translation>Nur dieser Benutzer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From this date or date-time on (local time unless it ends in Z).</source>
        <translation>Ab diesem Datum oder Zeitpunkt (Ortszeit, außer es endet auf Z).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Up to this date (the whole day) or date-time.</source>
        <translation>Bis zu diesem Datum (der ganze Tag) oder Zeitpunkt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only one category: %1.</source>
        <translation>Nur eine Kategorie: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only one source type: %1.</source>
        <translation>Nur ein Quellentyp: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The ledger as it stood at this moment (a date alone: the end of that day), rebuilt from the audit log: rows removed since are in it, rows added since are not.</source>
        <translation>Das Hauptbuch, wie es zu diesem Zeitpunkt stand (ein Datum allein: das Ende dieses Tages), aus dem Prüfprotokoll wiederhergestellt: seither entfernte Buchungen sind enthalten, seither hinzugekommene nicht.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Unknown user %1: no such id in &quot;User&quot;</source>
        <translation>Unbekannter Benutzer %1: keine solche ID in &quot;User&quot;</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>As of %1 (local time), rebuilt from the audit log</source>
        <translation>Stand %1 (Ortszeit), aus dem Prüfprotokoll wiederhergestellt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The audit log begins at %1: before it, rows are placed by their creation time, and rows removed before then are not known.</source>
        <translation>Das Prüfprotokoll beginnt am %1: davor werden Buchungen nach ihrem Erstellungszeitpunkt eingeordnet, und zuvor entfernte Buchungen sind nicht bekannt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The audit log is empty: rows are placed by their creation time.</source>
        <translation>Das Prüfprotokoll ist leer: Buchungen werden nach ihrem Erstellungszeitpunkt eingeordnet.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>CATEGORY</source>
        <translation>KATEGORIE</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SOURCE TYPE</source>
        <translation>QUELLENTYP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>DAY</source>
        <translation>TAG</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WEEK OF</source>
        <translation>WOCHE AB</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>MONTH OF</source>
        <translation>MONAT</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>USER</source>
        <translation>BENUTZER</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>REASON CODE</source>
        <translation>GRUNDCODE</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Lists transactions, newest first, one per line: createdAt (UTC), amount, source type, source id, category, user id, transaction id, description. With --out, writes every transaction that matches to a CSV file instead.</source>
        <translation>Listet Buchungen, neueste zuerst, eine pro Zeile: createdAt (UTC), Betrag, Quellentyp, Quellen-ID, Kategorie, Benutzer-ID, Buchungs-ID, Beschreibung. Mit --out werden stattdessen alle passenden Buchungen in eine CSV-Datei geschrieben.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only transactions whose description or source id contains T, or whose id is T.</source>
        <translation>Nur Buchungen, deren Beschreibung oder Quellen-ID T enthält oder deren ID T ist.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At most N transactions (default %1; 0 means all).</source>
        <translation>Höchstens N Buchungen (Standard %1; 0 bedeutet alle).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write every matching transaction to this CSV file (no --limit); it appears only when complete.</source>
        <translation>Alle passenden Buchungen in diese CSV-Datei schreiben (ohne --limit); sie erscheint erst, wenn sie vollständig ist.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>--separator and --bom are for --out FILE.csv</source>
        <translation>--separator und --bom gelten für --out DATEI.csv</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>No transactions match.</source>
        <translation>Keine Buchungen passen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>More transactions match than --limit %1 shows; use --limit 0 for all.</source>
        <translation>Es passen mehr Buchungen, als --limit %1 zeigt; verwenden Sie --limit 0 für alle.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--limit does not apply to --out, which writes every match</source>
        <translation>--limit gilt nicht für --out, das alle Treffer schreibt</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>Writing %1: %2 of %n transaction(s)</source>
        <translation>
            <numerusform>%1 wird geschrieben: %2 von %n Buchung</numerusform>
            <numerusform>%1 wird geschrieben: %2 von %n Buchungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>Wrote %n transaction(s) to %1</source>
        <translation>
            <numerusform>%n Buchung nach %1 geschrieben</numerusform>
            <numerusform>%n Buchungen nach %1 geschrieben</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sums XP and counts transactions, in all or grouped. Days, weeks (from Monday) and months are calendar periods in the local time zone.</source>
        <translation>Summiert XP und zählt Buchungen, insgesamt oder gruppiert. Tage, Wochen (ab Montag) und Monate sind Kalenderzeiträume in der lokalen Zeitzone.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Group by %1.</source>
        <translation>Nach %1 gruppieren.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --by user: only the N users with the most XP (default 0: all). With --chart top-users: that many users (default 10).</source>
        <translation>Mit --by user: nur die N Benutzer mit den meisten XP (Standard 0: alle). Mit --chart top-users: so viele Benutzer (Standard 10).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The figures behind one chart of the desktop application, over whole local days: %1.</source>
        <translation>Die Zahlen hinter einem Diagramm der Desktopanwendung, über ganze lokale Tage: %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--by %1 is not a grouping; valid names are %2</source>
        <translation>--by %1 ist keine Gruppierung; gültige Namen sind %2</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>XP</source>
        <translation>XP</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TRANSACTIONS</source>
        <translation>BUCHUNGEN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>LABEL</source>
        <translation>BEZEICHNUNG</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(no reason code)</source>
        <translation>(kein Grundcode)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(all)</source>
        <translation>(alle)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>--chart %1 is not a chart; valid names are %2</source>
        <translation>--chart %1 ist kein Diagramm; gültige Namen sind %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--chart shows every category and source type; it does not take --%1</source>
        <translation>--chart zeigt jede Kategorie und jeden Quellentyp; es akzeptiert kein --%1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1, %2 to %3, %4</source>
        <translation>%1, %2 bis %3, %4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>everyone</source>
        <translation>alle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>user %1</source>
        <translation>Benutzer %1</translation>
    </message>
</context>
<context>
    <name>ReasonCatalog</name>
    <message>
        <location filename="../core/domain/ReasonCatalog.cpp" line="+75"/>
        <source>ticket %1</source>
        <translation>Ticket %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ticket %1 &lt;%2&gt;</source>
        <translation>Ticket %1 &lt;%2&gt;</translation>
    </message>
</context>
<context>
    <name>ReasonCheck</name>
    <message>
        <location filename="../core/reasons/ReasonCheck.cpp" line="+33"/>
        <source>%1 is empty: give a reason code such as BUG_COMP</source>
        <translation>%1 ist leer: Geben Sie einen Grundcode an, etwa BUG_COMP</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 %2 is not a valid reason code: use %3 to %4 capital letters, digits and _, starting with a letter (for example BUG_COMP)</source>
        <translation>%1 %2 ist kein gültiger Grundcode: Verwenden Sie %3 bis %4 Großbuchstaben, Ziffern und _, beginnend mit einem Buchstaben (zum Beispiel BUG_COMP)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 %2 has a line break or control character: a label is one line</source>
        <translation>%1 %2 enthält einen Zeilenumbruch oder ein Steuerzeichen: Eine Bezeichnung ist eine Zeile</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 %2 is not a valid ticket link: give a complete http(s) address of at most %3 characters, without spaces</source>
        <translation>%1 %2 ist kein gültiger Ticket-Link: Geben Sie eine vollständige http(s)-Adresse mit höchstens %3 Zeichen an, ohne Leerzeichen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 %2 is neither a ticket id (up to %3 letters, digits and . _ - /, such as ZD-4411 or #1234) nor an http(s) address</source>
        <translation>%1 %2 ist weder eine Ticket-ID (bis zu %3 Buchstaben, Ziffern und . _ - /, etwa ZD-4411 oder #1234) noch eine http(s)-Adresse</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 %2 is not a ticket link pattern: give an http(s) address with {id} where the ticket id goes, for example https://desk.example.com/ticket/{id}</source>
        <translation>%1 %2 ist kein Ticket-Linkmuster: Geben Sie eine http(s)-Adresse mit {id} an der Stelle der Ticket-ID an, zum Beispiel https://desk.example.com/ticket/{id}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>none: every code is retired</source>
        <translation>keine: Jeder Code ist stillgelegt</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 is required: every manual change takes a reason code; the codes are %2</source>
        <translation>%1 ist erforderlich: Jede Änderung von Hand braucht einen Grundcode; die Codes sind %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 %2: this ledger has no reason codes yet (an admin adds them with xpadmin-cli reason-codes add)</source>
        <translation>%1 %2: Dieses Hauptbuch hat noch keine Grundcodes (ein Admin fügt sie mit xpadmin-cli reason-codes add hinzu)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 %2 is not a reason code; the codes are %3</source>
        <translation>%1 %2 ist kein Grundcode; die Codes sind %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 %2 (%3) is retired and takes no new changes; the codes are %4</source>
        <translation>%1 %2 (%3) ist stillgelegt und nimmt keine neuen Änderungen an; die Codes sind %4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is required: reason code %2 (%3) needs a ticket id or link</source>
        <translation>%1 ist erforderlich: Grundcode %2 (%3) braucht eine Ticket-ID oder einen Ticket-Link</translation>
    </message>
</context>
<context>
    <name>ReasonCodeChart</name>
    <message>
        <location filename="../ui/controls/ReasonCodeChart.cpp" line="+52"/>
        <source>No manual changes in this period</source>
        <translation>Keine manuellen Änderungen in diesem Zeitraum</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>XP given</source>
        <translation>XP vergeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XP taken</source>
        <translation>XP abgezogen</translation>
    </message>
</context>
<context>
    <name>ReasonCodeFields</name>
    <message>
        <location filename="../ui/reasons/ReasonCodeFields.cpp" line="+31"/>
        <source>Why the XP is changed, from the reason codes an admin keeps (Ledger &gt; Reason Codes)</source>
        <translation>Warum die XP geändert werden, aus den Grundcodes, die ein Admin pflegt (Hauptbuch &gt; Grundcodes)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reason c&amp;ode:</source>
        <translation>Grund&amp;code:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>e.g. ZD-4411, or a link</source>
        <translation>z. B. ZD-4411 oder ein Link</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The support ticket this change answers: its id, or its address</source>
        <translation>Das Support-Ticket, zu dem diese Änderung gehört: seine ID oder seine Adresse</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>T&amp;icket:</source>
        <translation>T&amp;icket:</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Choose a reason…</source>
        <translation>Grund auswählen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 · a ticket is required</source>
        <translation>%1 · Ticket erforderlich</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Choose the reason code: every manual change takes one.</source>
        <translation>Wählen Sie den Grundcode: Jede Änderung von Hand braucht einen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The ticket</source>
        <translation>Das Ticket</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 needs a ticket: give its id or its link.</source>
        <translation>%1 braucht ein Ticket: Geben Sie seine ID oder seinen Link an.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Required for %1.</source>
        <translation>Erforderlich für %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional: an id such as ZD-4411, or a link.</source>
        <translation>Optional: eine ID wie ZD-4411 oder ein Link.</translation>
    </message>
</context>
<context>
    <name>ReasonCodes</name>
    <message>
        <location filename="../core/reasons/ReasonCodes.cpp" line="+103"/>
        <source>Reason code %1 exists already (%2%3): relabel it with reason-codes change. Nothing was changed.</source>
        <translation>Grundcode %1 existiert bereits (%2%3): Ändern Sie seine Bezeichnung mit reason-codes change. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, retired</source>
        <translation>, stillgelegt</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+62"/>
        <source>The label %1 is already the label of reason code %2: two codes a person chooses by label need different labels. Nothing was changed.</source>
        <translation>Die Bezeichnung %1 ist bereits die Bezeichnung von Grundcode %2: Zwei Codes, die nach Bezeichnung ausgewählt werden, brauchen verschiedene Bezeichnungen. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>reason code %1 added: %2</source>
        <translation>Grundcode %1 hinzugefügt: %2</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Say what to change of reason code %1: a new label, or whether it requires a ticket</source>
        <translation>Geben Sie an, was an Grundcode %1 geändert werden soll: eine neue Bezeichnung oder ob er ein Ticket verlangt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>There is no reason code %1; the codes are %2. Nothing was changed.</source>
        <translation>Es gibt keinen Grundcode %1; die Codes sind %2. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reason code %1 (%2) is retired: it keeps its label for the changes that took it. Nothing was changed.</source>
        <translation>Grundcode %1 (%2) ist stillgelegt: Er behält seine Bezeichnung für die Änderungen, die ihn verwendet haben. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>reason code %1 changed: %2</source>
        <translation>Grundcode %1 geändert: %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>There is no reason code %1. Nothing was changed.</source>
        <translation>Es gibt keinen Grundcode %1. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason code %1 (%2) is retired already. Nothing was changed.</source>
        <translation>Grundcode %1 (%2) ist bereits stillgelegt. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>reason code %1 retired: %2</source>
        <translation>Grundcode %1 stillgelegt: %2</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>ticket link pattern removed</source>
        <translation>Ticket-Linkmuster entfernt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ticket link pattern set to %1</source>
        <translation>Ticket-Linkmuster auf %1 gesetzt</translation>
    </message>
</context>
<context>
    <name>ReasonCodesDialog</name>
    <message>
        <location filename="../ui/reasons/ReasonCodesDialog.cpp" line="+28"/>
        <source>A change with this code must name a &amp;ticket</source>
        <translation>Eine Änderung mit diesem Code muss ein &amp;Ticket nennen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Add Code</source>
        <translation>Code &amp;hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save Changes</source>
        <translation>Änderungen &amp;speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;etire</source>
        <translation>Stilll&amp;egen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save &amp;Pattern</source>
        <translation>M&amp;uster speichern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason Codes</source>
        <translation>Grundcodes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every manual change takes one of these codes once there is any, besides its reason. A code is never deleted: retired, it keeps its label for the changes that took it. Every change here is recorded in the audit log.</source>
        <translation>Jede Änderung von Hand braucht neben ihrer Begründung einen dieser Codes, sobald es welche gibt. Ein Code wird nie gelöscht: Stillgelegt behält er seine Bezeichnung für die Änderungen, die ihn verwendet haben. Jede Änderung hier wird im Prüfprotokoll vermerkt.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Uses</source>
        <translation>Verwendungen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Bug compensation</source>
        <translation>Fehlerausgleich</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Capital letters, digits and _, starting with a letter. People choose the code by its label.</source>
        <translation>Großbuchstaben, Ziffern und _, beginnend mit einem Buchstaben. Ausgewählt wird der Code über seine Bezeichnung.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A ticket id is shown as this link, with the id in place of {id}; a ticket given as a link is shown as itself. Empty: ids are shown as text.</source>
        <translation>Eine Ticket-ID wird als dieser Link angezeigt, mit der ID an der Stelle von {id}; ein als Link angegebenes Ticket wird unverändert angezeigt. Leer: IDs werden als Text angezeigt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>C&amp;ode:</source>
        <translation>C&amp;ode:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Label:</source>
        <translation>&amp;Bezeichnung:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Ticket &amp;links:</source>
        <translation>Ticket-&amp;Links:</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>required</source>
        <translation>erforderlich</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retired</source>
        <translation>stillgelegt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The new code: capital letters, digits and _</source>
        <translation>Der neue Code: Großbuchstaben, Ziffern und _</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the code means, as people choose it</source>
        <translation>Was der Code bedeutet, so wie er ausgewählt wird</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes with this code are refused without a ticket</source>
        <translation>Änderungen mit diesem Code werden ohne Ticket abgelehnt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the code with this label</source>
        <translation>Den Code mit dieser Bezeichnung hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A retired code keeps its label</source>
        <translation>Ein stillgelegter Code behält seine Bezeichnung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store the selected code&apos;s new label and ticket rule</source>
        <translation>Die neue Bezeichnung und Ticket-Regel des ausgewählten Codes speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No new change may take the selected code; the changes that took it keep it</source>
        <translation>Keine neue Änderung darf den ausgewählten Code verwenden; die Änderungen, die ihn verwendet haben, behalten ihn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The link a ticket id is shown as</source>
        <translation>Der Link, als der eine Ticket-ID angezeigt wird</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store the ticket link pattern for every desk</source>
        <translation>Das Ticket-Linkmuster für alle Arbeitsplätze speichern</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The code</source>
        <translation>Der Code</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+15"/>
        <source>The label</source>
        <translation>Die Bezeichnung</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Reason code %1 added: %2</source>
        <translation>Grundcode %1 hinzugefügt: %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Reason code %1 changed: %2</source>
        <translation>Grundcode %1 geändert: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reason code %1 retired: %2</source>
        <translation>Grundcode %1 stillgelegt: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The ticket link</source>
        <translation>Der Ticket-Link</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ticket ids are shown as text.</source>
        <translation>Ticket-IDs werden als Text angezeigt.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ticket links: %1</source>
        <translation>Ticket-Links: %1</translation>
    </message>
</context>
<context>
    <name>ReasonCommands</name>
    <message>
        <location filename="../app/cli/ReasonCommands.cpp" line="+28"/>
        <source>Usage: xpadmin-cli [global options] reason-codes list [--json]
       xpadmin-cli [global options] reason-codes add CODE --label TEXT [--ticket-required]
       xpadmin-cli [global options] reason-codes change CODE [--label TEXT] [--ticket-required | --ticket-optional]
       xpadmin-cli [global options] reason-codes retire CODE
       xpadmin-cli [global options] reason-codes ticket-pattern [URL | --clear]

Reason codes say why XP was changed by hand (BUG_COMP, &quot;Bug compensation&quot;). Once any code is active, every manual adjustment (adjust, adjust-bulk, the window&apos;s Adjust dialog) takes one, with --reason-code, besides its reason text; a code may require a ticket (--ticket, an id or a link). A code is never deleted: retire it, and the changes that took it keep its label. The ticket link pattern turns a ticket id into a link, with {id} where the id goes. Codes are kept by an admin; every change of them is audited as reason-code. CODE is 2 to 32 capital letters, digits and _, starting with a letter.
</source>
        <translation>Aufruf: xpadmin-cli [globale Optionen] reason-codes list [--json]
        xpadmin-cli [globale Optionen] reason-codes add CODE --label TEXT [--ticket-required]
        xpadmin-cli [globale Optionen] reason-codes change CODE [--label TEXT] [--ticket-required | --ticket-optional]
        xpadmin-cli [globale Optionen] reason-codes retire CODE
        xpadmin-cli [globale Optionen] reason-codes ticket-pattern [URL | --clear]

Grundcodes geben an, warum XP von Hand geändert wurden (BUG_COMP, „Fehlerausgleich“). Sobald ein Code aktiv ist, braucht jede Korrektur von Hand (adjust, adjust-bulk, der Dialog „XP korrigieren“ im Fenster) neben ihrer Begründung einen Code, mit --reason-code; ein Code kann ein Ticket verlangen (--ticket, eine ID oder ein Link). Ein Code wird nie gelöscht: Legen Sie ihn still (retire), und die Änderungen, die ihn verwendet haben, behalten seine Bezeichnung. Das Ticket-Linkmuster macht aus einer Ticket-ID einen Link, mit {id} an der Stelle der ID. Codes verwaltet ein Admin; jede Änderung daran wird als reason-code protokolliert. CODE besteht aus 2 bis 32 Großbuchstaben, Ziffern und _ und beginnt mit einem Buchstaben.
</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Lists the reason codes, retired ones too, and the ticket link pattern.</source>
        <translation>Listet die Grundcodes auf, auch stillgelegte, und das Ticket-Linkmuster.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print JSON: ticketPattern, and codes (code, label, ticketRequired, retired, uses).</source>
        <translation>JSON ausgeben: ticketPattern und codes (code, label, ticketRequired, retired, uses).</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>No reason codes: manual changes need none until an admin adds one (reason-codes add).</source>
        <translation>Keine Grundcodes: Änderungen von Hand brauchen keinen, bis ein Admin einen hinzufügt (reason-codes add).</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+19"/>
        <source>CODE</source>
        <translation>CODE</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>LABEL</source>
        <translation>BEZEICHNUNG</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TICKET</source>
        <translation>TICKET</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>STATE</source>
        <translation>STATUS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>USES</source>
        <translation>VERWENDUNGEN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>required</source>
        <translation>erforderlich</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retired</source>
        <translation>stillgelegt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+119"/>
        <source>Ticket links: none (ticket ids are shown as text)</source>
        <translation>Ticket-Links: keine (Ticket-IDs werden als Text angezeigt)</translation>
    </message>
    <message>
        <location line="-118"/>
        <location line="+131"/>
        <source>Ticket links: %1</source>
        <translation>Ticket-Links: %1</translation>
    </message>
    <message>
        <location line="-120"/>
        <source>give the CODE</source>
        <translation>Geben Sie den CODE an</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Adds a reason code; audited.</source>
        <translation>Fügt einen Grundcode hinzu; wird protokolliert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the code means, as people see it (required).</source>
        <translation>Was der Code bedeutet, so wie man ihn sieht (erforderlich).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A change with this code must name a ticket.</source>
        <translation>Eine Änderung mit diesem Code muss ein Ticket nennen.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Reason code %1 added: %2</source>
        <translation>Grundcode %1 hinzugefügt: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Relabels a reason code, or changes whether it requires a ticket; audited. The changes that took the code show its new label.</source>
        <translation>Ändert die Bezeichnung eines Grundcodes oder ob er ein Ticket verlangt; wird protokolliert. Die Änderungen, die den Code verwendet haben, zeigen seine neue Bezeichnung.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new label.</source>
        <translation>Die neue Bezeichnung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A change with this code must name a ticket from now on.</source>
        <translation>Eine Änderung mit diesem Code muss ab jetzt ein Ticket nennen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A change with this code may name a ticket.</source>
        <translation>Eine Änderung mit diesem Code kann ein Ticket nennen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>give --ticket-required or --ticket-optional, not both</source>
        <translation>Geben Sie --ticket-required oder --ticket-optional an, nicht beides</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>give --label, --ticket-required or --ticket-optional</source>
        <translation>Geben Sie --label, --ticket-required oder --ticket-optional an</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reason code %1 changed.</source>
        <translation>Grundcode %1 geändert.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Retires a reason code: no new change may take it, and the changes that took it keep it; audited. A code is never deleted.</source>
        <translation>Legt einen Grundcode still: Keine neue Änderung darf ihn verwenden, und die Änderungen, die ihn verwendet haben, behalten ihn; wird protokolliert. Ein Code wird nie gelöscht.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reason code %1 retired.</source>
        <translation>Grundcode %1 stillgelegt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Shows or sets the link a ticket id is shown as, with {id} where the id goes (for example https://desk.example.com/ticket/{id}); audited. A ticket given as a link is shown as itself.</source>
        <translation>Zeigt oder setzt den Link, als der eine Ticket-ID angezeigt wird, mit {id} an der Stelle der ID (zum Beispiel https://desk.example.com/ticket/{id}); wird protokolliert. Ein als Link angegebenes Ticket wird unverändert angezeigt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No link for ticket ids: show them as text.</source>
        <translation>Kein Link für Ticket-IDs: Sie werden als Text angezeigt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>give a URL or --clear, not both</source>
        <translation>Geben Sie eine URL oder --clear an, nicht beides</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Ticket links removed: ticket ids are shown as text.</source>
        <translation>Ticket-Links entfernt: Ticket-IDs werden als Text angezeigt.</translation>
    </message>
</context>
<context>
    <name>ReasonField</name>
    <message>
        <location filename="../ui/actions/ReasonField.cpp" line="+19"/>
        <source>Why is this change made? For example the ticket number and what the user reported.</source>
        <translation>Warum wird diese Änderung vorgenommen? Zum Beispiel die Ticketnummer und was der Benutzer gemeldet hat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Required. Stored with the change in the audit log.</source>
        <translation>Erforderlich. Wird mit der Änderung im Prüfprotokoll gespeichert.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Required. Kept in the audit log with the change.</source>
        <translation>Erforderlich. Wird mit der Änderung im Prüfprotokoll aufbewahrt.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The reason</source>
        <translation>Die Begründung</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>ReasonTooltip</name>
    <message>
        <location filename="../ui/reasons/ReasonTooltip.cpp" line="+25"/>
        <source>Reason code: %1</source>
        <translation>Grundcode: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ticket: %1</source>
        <translation>Ticket: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ticket: %1 (%2)</source>
        <translation>Ticket: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>RemovedModel</name>
    <message>
        <location filename="../models/RemovedModel.cpp" line="+103"/>
        <source>Deleted with its source at %1</source>
        <translation>Mit seiner Quelle gelöscht am %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rolled back at %1</source>
        <translation>Storniert am %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1
Awarded at %2</source>
        <translation>%1
Vergeben am %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>User id %1</source>
        <translation>Benutzer-ID %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transaction %1</source>
        <translation>Buchung %1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Removed</source>
        <translation>Entfernt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why it was removed</source>
        <translation>Grund der Entfernung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Removed by</source>
        <translation>Entfernt von</translation>
    </message>
</context>
<context>
    <name>RemovedQuery</name>
    <message>
        <location filename="../core/preview/RemovedQuery.cpp" line="+54"/>
        <source>(the audit snapshot cannot be read)</source>
        <translation>(die Momentaufnahme im Prüfprotokoll kann nicht gelesen werden)</translation>
    </message>
</context>
<context>
    <name>ReportCommands</name>
    <message>
        <location filename="../app/cli/ReportCommands.cpp" line="+30"/>
        <source>  %1  %2 asked %3 XP for %4, %5: %6</source>
        <translation>  %1  %2 beantragte %3 XP für %4, %5: %6</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 by %2 at %3</source>
        <translation>%1 von %2 am %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+6"/>
        <location line="+7"/>
        <location line="+15"/>
        <location line="+10"/>
        <source>  none</source>
        <translation>  keine</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>  %1  %2 %3 up to %4: %5</source>
        <translation>  %1  %2 %3 bis %4: %5</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>  %1  %2 gave %3 XP to %4 (%5) without a ticket</source>
        <translation>  %1  %2 vergab %3 XP an %4 (%5) ohne Ticket</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>  %1: %2 change(s), +%3 / -%4 XP; %5 held (%6 approved, %7 rejected, %8 waiting)</source>
        <translation>  %1: %2 Änderung(en), +%3 / -%4 XP; %5 zurückgehalten (%6 freigegeben, %7 abgelehnt, %8 wartend)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>  %1: %2 change(s), +%3 / -%4 XP; %5 without a ticket</source>
        <translation>  %1: %2 Änderung(en), +%3 / -%4 XP; %5 ohne Ticket</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Usage: xpadmin-cli [global options] report controls [--since DATE] [--until DATE] [--pdf FILE] [--csv FILE [--separator SEP] [--bom]]
</source>
        <translation>Aufruf: xpadmin-cli [globale Optionen] report controls [--since DATE] [--until DATE] [--pdf FILE] [--csv FILE [--separator SEP] [--bom]]
</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>What an auditor checks the desk&apos;s controls against, for a period: every change held for approval (above a limit of its maker or the approval threshold) and who decided it, every period closed and reopened and why, every manual change without the ticket its reason code requires, and the manual changes per person and per reason code. Text, or --json, --pdf, --csv.</source>
        <translation>Wogegen ein Prüfer die Kontrollen des Supports prüft, für einen Zeitraum: jede zur Freigabe zurückgehaltene Änderung (über einem Limit ihres Urhebers oder der Freigabeschwelle) und wer über sie entschied, jeder abgeschlossene und wieder geöffnete Zeitraum und warum, jede manuelle Änderung ohne das Ticket, das ihr Grundcode verlangt, und die manuellen Änderungen je Person und je Grundcode. Text, oder --json, --pdf, --csv.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>From this date or date-time on (local time unless it ends in Z); default: the beginning.</source>
        <translation>Ab diesem Datum oder Zeitpunkt (Ortszeit, außer es endet auf Z); Standard: von Anfang an.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Up to this date (the whole day) or date-time; default: now.</source>
        <translation>Bis zu diesem Datum (der ganze Tag) oder Zeitpunkt; Standard: jetzt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the report as a PDF to file.</source>
        <translation>Den Bericht als PDF in eine Datei schreiben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the report as CSV: a row per finding, its kind in the column section.</source>
        <translation>Den Bericht als CSV schreiben: eine Zeile je Befund, ihre Art in der Spalte section.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--separator and --bom are for --csv FILE</source>
        <translation>--separator und --bom gelten für --csv DATEI</translation>
    </message>
</context>
<context>
    <name>RestoreCommand</name>
    <message>
        <location filename="../ui/actions/RestoreCommand.cpp" line="+6"/>
        <source>Restore %1</source>
        <translation>%1 wiederherstellen</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../ui/actions/RestoreDialog.cpp" line="+34"/>
        <source>Restore transactions</source>
        <translation>Buchungen wiederherstellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transactions that were rolled back or deleted with their source, and are not in the ledger now; the newest removal first. Select the ones to bring back: each returns with its original id, time and amount.</source>
        <translation>Buchungen, die storniert oder mit ihrer Quelle gelöscht wurden und jetzt nicht im Hauptbuch sind; die zuletzt entfernte zuerst. Wählen Sie die zurückzuholenden aus: Jede kehrt mit ihrer ursprünglichen ID, Zeit und ihrem Betrag zurück.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+237"/>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <location line="-233"/>
        <source>Everyone</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the removed transactions of this user id only; empty shows everyone&apos;s</source>
        <translation>Nur die entfernten Buchungen dieser Benutzer-ID zeigen; leer zeigt die aller Benutzer</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;User id:</source>
        <translation>&amp;Benutzer-ID:</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>&amp;Reason:</source>
        <translation>Be&amp;gründung:</translation>
    </message>
    <message>
        <location line="+141"/>
        <source>%1. Until then it cannot be restored: leave it out.</source>
        <translation>%1. Bis dahin kann sie nicht wiederhergestellt werden: Lassen Sie sie weg.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n of the selected transactions were restored by someone else meanwhile. The list has been read again: select again.</source>
        <translation>
            <numerusform>%n der ausgewählten Buchungen wurde inzwischen von jemand anderem wiederhergestellt. Die Liste wurde neu gelesen: Wählen Sie erneut aus.</numerusform>
            <numerusform>%n der ausgewählten Buchungen wurden inzwischen von jemand anderem wiederhergestellt. Die Liste wurde neu gelesen: Wählen Sie erneut aus.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>The audit log&apos;s record of %n of the selected transactions cannot be read, so they cannot be restored. Leave them out.</source>
        <translation>
            <numerusform>Der Eintrag im Prüfprotokoll zu %n der ausgewählten Buchungen ist nicht lesbar, daher kann sie nicht wiederhergestellt werden. Lassen Sie sie weg.</numerusform>
            <numerusform>Die Einträge im Prüfprotokoll zu %n der ausgewählten Buchungen sind nicht lesbar, daher können sie nicht wiederhergestellt werden. Lassen Sie sie weg.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n user(s) of the selection are no longer in the ledger (%1), so their transactions cannot be restored. Leave them out.</source>
        <translation>
            <numerusform>%n Benutzer der Auswahl ist nicht mehr im Hauptbuch (%1), daher können seine Buchungen nicht wiederhergestellt werden. Lassen Sie sie weg.</numerusform>
            <numerusform>%n Benutzer der Auswahl sind nicht mehr im Hauptbuch (%1), daher können ihre Buchungen nicht wiederhergestellt werden. Lassen Sie sie weg.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The list could not be read: %1</source>
        <translation>Die Liste konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading the audit log…</source>
        <translation>Das Prüfprotokoll wird gelesen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing to restore: every rolled-back transaction is back in the ledger.</source>
        <translation>Nichts wiederherzustellen: Jede stornierte Buchung ist wieder im Hauptbuch.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing to restore for user %1.</source>
        <translation>Nichts wiederherzustellen für Benutzer %1.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>After this, %n user(s) have a negative total (in red below). That is allowed, but check that it is what you mean.</source>
        <translation>
            <numerusform>Danach hat %n Benutzer eine negative Summe (unten rot). Das ist erlaubt, aber prüfen Sie, ob Sie das so meinen.</numerusform>
            <numerusform>Danach haben %n Benutzer eine negative Summe (unten rot). Das ist erlaubt, aber prüfen Sie, ob Sie das so meinen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-23"/>
        <source>This would take a total past the limit of what the ledger can hold; it cannot be restored as selected.</source>
        <translation>Dadurch läge eine Summe außerhalb dessen, was das Hauptbuch speichern kann; die Auswahl kann so nicht wiederhergestellt werden.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Select the transactions to restore (Ctrl or Shift to select several).</source>
        <translation>Wählen Sie die wiederherzustellenden Buchungen aus (mit Strg oder Umschalt mehrere).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 selected, %2 XP in all, for the users below:</source>
        <translation>%1 ausgewählt, insgesamt %2 XP, für die Benutzer unten:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 selected.</source>
        <translation>%1 ausgewählt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restore anyway</source>
        <translation>Trotzdem wiederherstellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore %1</source>
        <translation>%1 wiederherstellen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The transactions were not restored</source>
        <translation>Die Buchungen wurden nicht wiederhergestellt</translation>
    </message>
</context>
<context>
    <name>RoleCommands</name>
    <message>
        <location filename="../app/cli/RoleCommands.cpp" line="+28"/>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Permission denied. %1. Nothing was changed.</source>
        <translation>Zugriff verweigert. %1. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Usage: xpadmin-cli [global options] roles install [--print-sql]
       xpadmin-cli [global options] roles grant --role auditor|support|admin --login NAME
       xpadmin-cli [global options] roles show

XP Admin&apos;s roles on PostgreSQL: install creates the group roles xpadmin_auditor (read everything), xpadmin_support (also award and adjust) and xpadmin_admin (also rollback, delete source, restore, import, repair) with the least grants for that, and makes the audit log append-only; run it once as the database owner, and again after upgrading XP Admin. grant gives an existing login exactly one of them. show says who you are connected as and what you may do.
On SQLite the role is chosen in the window, View &gt; Role on SQLite Files, and is advisory.
</source>
        <translation>Aufruf: xpadmin-cli [globale Optionen] roles install [--print-sql]
        xpadmin-cli [globale Optionen] roles grant --role auditor|support|admin --login NAME
        xpadmin-cli [globale Optionen] roles show

Die Rollen von XP Admin in PostgreSQL: install legt die Gruppenrollen xpadmin_auditor (alles lesen), xpadmin_support (zusätzlich vergeben und korrigieren) und xpadmin_admin (zusätzlich stornieren, Quelle löschen, wiederherstellen, importieren, reparieren) mit den dafür minimal nötigen Rechten an und macht das Prüfprotokoll unveränderlich (nur Anfügen); führen Sie es einmal als Eigentümer der Datenbank aus und erneut nach einem Update von XP Admin. grant weist einer bestehenden Anmeldung genau eine davon zu. show zeigt, als wer Sie verbunden sind und was Sie dürfen.
Bei SQLite wird die Rolle im Fenster gewählt, Ansicht &gt; Rolle für SQLite-Dateien, und ist unverbindlich.
</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>roles: give a subcommand, install, grant or show (see xpadmin-cli roles --help)</source>
        <translation>roles: Geben Sie einen Unterbefehl an, install, grant oder show (siehe xpadmin-cli roles --help)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>roles: unknown subcommand %1; use install, grant or show (see xpadmin-cli roles --help)</source>
        <translation>roles: unbekannter Unterbefehl %1; verwenden Sie install, grant oder show (siehe xpadmin-cli roles --help)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Creates or updates XP Admin&apos;s roles, their grants and the audit log&apos;s append-only triggers, in one transaction (PostgreSQL; run as the database owner).</source>
        <translation>Legt die Rollen von XP Admin, ihre Rechte und die Nur-Anfügen-Trigger des Prüfprotokolls an oder aktualisiert sie, in einer einzigen Transaktion (PostgreSQL; als Eigentümer der Datenbank ausführen).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print the statements instead of running them, for a database administrator.</source>
        <translation>Die Anweisungen ausgeben, statt sie auszuführen, für einen Datenbankadministrator.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Installed the roles xpadmin_auditor, xpadmin_support and xpadmin_admin with their grants on %1; the audit log is append-only.</source>
        <translation>Die Rollen xpadmin_auditor, xpadmin_support und xpadmin_admin mit ihren Rechten auf %1 installiert; das Prüfprotokoll ist unveränderlich (nur Anfügen).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give a login one of them with: xpadmin-cli roles grant --role auditor|support|admin --login NAME</source>
        <translation>Weisen Sie einer Anmeldung eine davon zu mit: xpadmin-cli roles grant --role auditor|support|admin --login NAME</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Gives an existing PostgreSQL login exactly one of XP Admin&apos;s roles (the others it had are revoked).</source>
        <translation>Weist einer bestehenden PostgreSQL-Anmeldung genau eine der Rollen von XP Admin zu (die anderen, die sie hatte, werden entzogen).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>auditor, support or admin.</source>
        <translation>auditor, support oder admin.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The login (CREATE ROLE ... LOGIN).</source>
        <translation>Die Anmeldung (CREATE ROLE ... LOGIN).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--role %1 is not one of XP Admin&apos;s roles: use %2</source>
        <translation>--role %1 ist keine der Rollen von XP Admin: Verwenden Sie %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>roles grant needs a PostgreSQL database; on SQLite the role is chosen in the settings and is advisory</source>
        <translation>roles grant braucht eine PostgreSQL-Datenbank; bei SQLite wird die Rolle in den Einstellungen gewählt und ist unverbindlich</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 now has the role %2: may %3.</source>
        <translation>%1 hat jetzt die Rolle %2: darf %3.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Shows who you are connected as, your role and what it allows.</source>
        <translation>Zeigt, als wer Sie verbunden sind, Ihre Rolle und was sie erlaubt.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Login:    %1</source>
        <translation>Anmeldung:  %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role:     %1</source>
        <translation>Rolle:      %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>          Advisory: on SQLite the role is chosen in the settings and not enforced.</source>
        <translation>            Unverbindlich: Bei SQLite wird die Rolle in den Einstellungen gewählt und nicht durchgesetzt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>          XP Admin&apos;s roles are not installed here (xpadmin-cli roles install).</source>
        <translation>            Die Rollen von XP Admin sind hier nicht installiert (xpadmin-cli roles install).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>          Enforced by PostgreSQL.</source>
        <translation>            Von PostgreSQL durchgesetzt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>May:      %1</source>
        <translation>Darf:       %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>May not:  %1</source>
        <translation>Darf nicht: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Because:  your operating-system user lacks %1.</source>
        <translation>Weil:    Ihrem Betriebssystem-Benutzer %1 fehlt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Because:  the login lacks %1.</source>
        <translation>Weil:    der Anmeldung %1 fehlt.</translation>
    </message>
</context>
<context>
    <name>RoleDetector</name>
    <message>
        <location filename="../core/roles/RoleDetector.cpp" line="+35"/>
        <source>The database does not know the connected role %1</source>
        <translation>Die Datenbank kennt die verbundene Rolle %1 nicht</translation>
    </message>
</context>
<context>
    <name>RoleIndicator</name>
    <message>
        <location filename="../ui/main/RoleIndicator.cpp" line="+30"/>
        <source>Role on &amp;SQLite Files</source>
        <translation>&amp;Rolle für SQLite-Dateien</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Advisory: an SQLite file has no logins, so anyone who can open it can choose any role. PostgreSQL databases enforce the role of your login.</source>
        <translation>Unverbindlich: Eine SQLite-Datei hat keine Anmeldungen, daher kann jeder, der sie öffnen kann, jede Rolle wählen. PostgreSQL-Datenbanken setzen die Rolle Ihrer Anmeldung durch.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Your role could not be read: %1</source>
        <translation>Ihre Rolle konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The ledger is read-only here: %1</source>
        <translation>Das Hauptbuch ist hier schreibgeschützt: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading what your role may do…</source>
        <translation>Es wird gelesen, was Ihre Rolle darf…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Role: …</source>
        <translation>Rolle: …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Role: %1</source>
        <translation>Rolle: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>May %1.</source>
        <translation>Darf %1.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>May do nothing here.</source>
        <translation>Darf hier nichts tun.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lacks %1.</source>
        <translation>Es fehlt %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Advisory: chosen in View &gt; Role on SQLite Files and not enforced; anyone who can open the file can change it.
%1</source>
        <translation>Unverbindlich: unter Ansicht &gt; Rolle für SQLite-Dateien gewählt und nicht durchgesetzt; jeder, der die Datei öffnen kann, kann sie ändern.
%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>XP Admin&apos;s roles are not installed on this database (xpadmin-cli roles install): the database&apos;s own grants decide.
%1</source>
        <translation>Die Rollen von XP Admin sind in dieser Datenbank nicht installiert (xpadmin-cli roles install): Es entscheiden die eigenen Rechte der Datenbank.
%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enforced by PostgreSQL.
%1</source>
        <translation>Von PostgreSQL durchgesetzt.
%1</translation>
    </message>
</context>
<context>
    <name>RoleInstaller</name>
    <message>
        <location filename="../core/roles/RoleInstaller.cpp" line="+115"/>
        <location line="+58"/>
        <source>Roles are enforced by PostgreSQL only; on SQLite the role is chosen in the settings and is advisory</source>
        <translation>Rollen werden nur von PostgreSQL durchgesetzt; bei SQLite wird die Rolle in den Einstellungen gewählt und ist unverbindlich</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>The database does not know the connected role %1</source>
        <translation>Die Datenbank kennt die verbundene Rolle %1 nicht</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Permission denied: roles install must be run by a superuser or by the owner of the ledger&apos;s tables; %1 does not own %2. Nothing was changed.</source>
        <translation>Zugriff verweigert: roles install muss von einem Superuser oder vom Eigentümer der Tabellen des Hauptbuchs ausgeführt werden; %1 ist nicht Eigentümer von %2. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Permission denied: roles install creates the roles %1, which needs a superuser or a role with CREATEROLE; %2 has neither. Nothing was changed.</source>
        <translation>Zugriff verweigert: roles install legt die Rollen %1 an, wofür ein Superuser oder eine Rolle mit CREATEROLE nötig ist; %2 ist keines von beiden. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 is not a role that can be granted: use %2</source>
        <translation>%1 ist keine Rolle, die zugewiesen werden kann: Verwenden Sie %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>XP Admin&apos;s roles are not installed on this server: run xpadmin-cli roles install first, as the database owner</source>
        <translation>Die Rollen von XP Admin sind auf diesem Server nicht installiert: Führen Sie zuerst xpadmin-cli roles install als Eigentümer der Datenbank aus</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--login %1: there is no such login on this server; create it first, e.g. CREATE ROLE %1 LOGIN PASSWORD &apos;…&apos;</source>
        <translation>--login %1: Auf diesem Server gibt es keine solche Anmeldung; legen Sie sie zuerst an, z. B. CREATE ROLE %1 LOGIN PASSWORD &apos;…&apos;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--login %1 is a role that cannot log in; name a login</source>
        <translation>--login %1 ist eine Rolle, die sich nicht anmelden kann; nennen Sie eine Anmeldung</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../core/roles/Role.cpp" line="+59"/>
        <source>Owner (unrestricted)</source>
        <translation>Eigentümer (uneingeschränkt)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Admin</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Support</source>
        <translation>Kundendienst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Auditor</source>
        <translation>Prüfer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No XP Admin role</source>
        <translation>Keine XP-Admin-Rolle</translation>
    </message>
</context>
<context>
    <name>RollbackCommand</name>
    <message>
        <location filename="../ui/actions/RollbackCommand.cpp" line="+6"/>
        <source>Roll back %1</source>
        <translation>%1 stornieren</translation>
    </message>
</context>
<context>
    <name>RollbackDialog</name>
    <message>
        <location filename="../ui/actions/RollbackDialog.cpp" line="+44"/>
        <location line="+95"/>
        <source>Roll back %1</source>
        <translation>%1 stornieren</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>These transactions are deleted from the ledger, and the users&apos; totals change as shown. The audit log keeps every one of them in full: they can be restored later.</source>
        <translation>Diese Buchungen werden aus dem Hauptbuch gelöscht, und die Summen der Benutzer ändern sich wie gezeigt. Das Prüfprotokoll bewahrt jede davon vollständig auf: Sie können später wiederhergestellt werden.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Transactions</source>
        <translation>Buchungen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Effect on each user&apos;s total</source>
        <translation>Auswirkung auf die Summe jedes Benutzers</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Reason:</source>
        <translation>Be&amp;gründung:</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>The current totals could not be read: %1</source>
        <translation>Die aktuellen Summen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading the users&apos; current totals…</source>
        <translation>Die aktuellen Summen der Benutzer werden gelesen…</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n of these transactions are no longer in the ledger: someone rolled them back already. Close this dialog, refresh the history and select again.</source>
        <translation>
            <numerusform>%n dieser Buchungen ist nicht mehr im Hauptbuch: Jemand hat sie bereits storniert. Schließen Sie diesen Dialog, aktualisieren Sie den Verlauf und wählen Sie erneut aus.</numerusform>
            <numerusform>%n dieser Buchungen sind nicht mehr im Hauptbuch: Jemand hat sie bereits storniert. Schließen Sie diesen Dialog, aktualisieren Sie den Verlauf und wählen Sie erneut aus.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This would take a total past the limit of what the ledger can hold; it cannot be rolled back as selected.</source>
        <translation>Dadurch läge eine Summe außerhalb dessen, was das Hauptbuch speichern kann; die Auswahl kann so nicht storniert werden.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>After this, %Ln user(s) have a negative total (in red above). That is allowed, but check that it is what you mean.</source>
        <translation>
            <numerusform>Danach hat %Ln Benutzer eine negative Summe (oben rot). Das ist erlaubt, aber prüfen Sie, ob Sie das so wollen.</numerusform>
            <numerusform>Danach haben %Ln Benutzer eine negative Summe (oben rot). Das ist erlaubt, aber prüfen Sie, ob Sie das so wollen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Roll back anyway</source>
        <translation>Trotzdem stornieren</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The rollback was not saved</source>
        <translation>Die Stornierung wurde nicht gespeichert</translation>
    </message>
</context>
<context>
    <name>RowFindingText</name>
    <message>
        <location filename="../core/ledger/RowFindingText.cpp" line="+18"/>
        <source>added in the database</source>
        <translation>in der Datenbank hinzugefügt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>changed in the database</source>
        <translation>in der Datenbank geändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>deleted in the database</source>
        <translation>in der Datenbank gelöscht</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>user</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>source type</source>
        <translation>Quellentyp</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>source id</source>
        <translation>Quellen-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>creation time</source>
        <translation>Erstellungszeit</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>user %1, amount %2</source>
        <translation>Benutzer %1, Betrag %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, amount %2</source>
        <translation>%1, Betrag %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (user %2), amount %3</source>
        <translation>%1 (Benutzer %2), Betrag %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>transaction %1: %2 is %3 in the table, but %4 in the audit log (event %5, %6)</source>
        <translation>Buchung %1: %2 ist %3 in der Tabelle, aber %4 im Prüfprotokoll (Ereignis %5, %6)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>transaction %1 is missing from the table, but the audit log says it exists (event %2, %3: %4)</source>
        <translation>Buchung %1 fehlt in der Tabelle, aber laut Prüfprotokoll existiert sie (Ereignis %2, %3: %4)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>transaction %1 is in the table (%2), but the audit log removed it (event %3, %4)</source>
        <translation>Buchung %1 ist in der Tabelle (%2), aber das Prüfprotokoll hat sie entfernt (Ereignis %3, %4)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A changed transaction was edited outside XP Admin. Find out who changed it; the transaction as XP Admin wrote it is in the event named. Once the cause is known, correct the user&apos;s XP with an audited adjustment.</source>
        <translation>Eine geänderte Buchung wurde außerhalb von XP Admin bearbeitet. Finden Sie heraus, wer sie geändert hat; die Buchung, wie XP Admin sie geschrieben hat, steht im genannten Ereignis. Sobald die Ursache bekannt ist, korrigieren Sie die XP des Benutzers mit einer protokollierten Korrektur.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A missing transaction was deleted outside XP Admin. The whole transaction is in the event named; find out who deleted it, and if it was wrong, give the XP back with an audited adjustment.</source>
        <translation>Eine fehlende Buchung wurde außerhalb von XP Admin gelöscht. Die ganze Buchung steht im genannten Ereignis; finden Sie heraus, wer sie gelöscht hat, und geben Sie die XP, falls das falsch war, mit einer protokollierten Korrektur zurück.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A transaction that is back after its removal was put back outside XP Admin. If it should not be there, roll it back again (audited).</source>
        <translation>Eine Buchung, die nach ihrer Entfernung wieder da ist, wurde außerhalb von XP Admin zurückgesetzt. Wenn sie nicht da sein soll, stornieren Sie sie erneut (protokolliert).</translation>
    </message>
</context>
<context>
    <name>RowFindingsList</name>
    <message>
        <location filename="../ui/audit/RowFindingsList.cpp" line="+33"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In the table</source>
        <translation>In der Tabelle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In the audit log</source>
        <translation>Im Prüfprotokoll</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Transaction</source>
        <translation>Buchung</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Transactions that differ from what the audit log last recorded about them. Double-click one to show its event.</source>
        <translation>Buchungen, die von dem abweichen, was das Prüfprotokoll zuletzt über sie festgehalten hat. Doppelklicken Sie auf eine, um ihr Ereignis zu zeigen.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Transactions were not checked against the audit log: the log itself is broken.</source>
        <translation>Die Buchungen wurden nicht mit dem Prüfprotokoll abgeglichen: Das Protokoll selbst ist beschädigt.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln transaction(s) match the audit log.</source>
        <translation>
            <numerusform>%Ln Buchung stimmt mit dem Prüfprotokoll überein.</numerusform>
            <numerusform>%Ln Buchungen stimmen mit dem Prüfprotokoll überein.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Differences from the audit log (the first %1 of %2):</source>
        <translation>Abweichungen vom Prüfprotokoll (die ersten %1 von %2):</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln difference(s) from the audit log:</source>
        <translation>
            <numerusform>%Ln Abweichung vom Prüfprotokoll:</numerusform>
            <numerusform>%Ln Abweichungen vom Prüfprotokoll:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Verify never changes a transaction: the audit log is the evidence.</source>
        <translation>Die Prüfung ändert nie eine Buchung: Das Prüfprotokoll ist der Nachweis.</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Not provable: %Ln transaction(s) the audit log never saw, created %1 to %2 (the web app&apos;s own, demo data, or from before XP Admin).</source>
        <translation>
            <numerusform>Nicht beweisbar: %Ln Buchung, die das Prüfprotokoll nie gesehen hat, erstellt %1 bis %2 (von der Web-App selbst, Demodaten oder aus der Zeit vor XP Admin).</numerusform>
            <numerusform>Nicht beweisbar: %Ln Buchungen, die das Prüfprotokoll nie gesehen hat, erstellt %1 bis %2 (von der Web-App selbst, Demodaten oder aus der Zeit vor XP Admin).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+5"/>
        <source>whole row</source>
        <translation>ganze Zeile</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
</context>
<context>
    <name>RowReconciler</name>
    <message>
        <location filename="../core/ledger/RowReconciler.cpp" line="+140"/>
        <source>The rows that differ from the audit log could not be read: %1</source>
        <translation>Die vom Prüfprotokoll abweichenden Zeilen konnten nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>Schema</name>
    <message>
        <location filename="../core/db/Schema.cpp" line="+130"/>
        <source>The database has some of the ledger&apos;s tables (%1) but not all of %2: it is not a database XP Admin can work on</source>
        <translation>Die Datenbank hat einige der Tabellen des Hauptbuchs (%1), aber nicht alle von %2: Mit dieser Datenbank kann XP Admin nicht arbeiten</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>%1 (the database has the web app&apos;s tables, but not XP Admin&apos;s audit log; init adds it and leaves those tables as they are)</source>
        <translation>%1 (die Datenbank hat die Tabellen der Web-App, aber nicht das Prüfprotokoll von XP Admin; init fügt es hinzu und lässt diese Tabellen unverändert)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>no ledger at %1; create one with `xpadmin-cli init`</source>
        <translation>kein Hauptbuch unter %1; legen Sie eines mit `xpadmin-cli init` an</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+35"/>
        <source>The database was set up by a newer XP Admin (schema version %1; this one knows %2): update XP Admin</source>
        <translation>Die Datenbank wurde von einem neueren XP Admin eingerichtet (Schemaversion %1; dieses kennt %2): Aktualisieren Sie XP Admin</translation>
    </message>
</context>
<context>
    <name>SetupCommands</name>
    <message>
        <location filename="../app/cli/SetupCommands.cpp" line="+43"/>
        <source>Creates the XP ledger in the database, or migrates XP Admin&apos;s own tables forward, and says what it found. The tables of a database XP Admin did not create (Prisma&apos;s) are never changed.</source>
        <translation>Legt das XP-Hauptbuch in der Datenbank an oder migriert die eigenen Tabellen von XP Admin und berichtet, was es vorgefunden hat. Die Tabellen einer Datenbank, die XP Admin nicht angelegt hat (die von Prisma), werden nie verändert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Also add the ledger to a database that holds another application&apos;s tables (init names them and refuses without this).</source>
        <translation>Das Hauptbuch auch in einer Datenbank anlegen, die Tabellen einer anderen Anwendung enthält (init nennt sie und lehnt ohne diese Option ab).</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+45"/>
        <source>Database:</source>
        <translation>Datenbank:</translation>
    </message>
    <message>
        <location line="-44"/>
        <location line="+78"/>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <location line="-77"/>
        <location line="+99"/>
        <location line="+6"/>
        <source>Ledger tables:</source>
        <translation>Hauptbuch-Tabellen:</translation>
    </message>
    <message>
        <location line="-104"/>
        <source>created now</source>
        <translation>jetzt angelegt</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+104"/>
        <source>present, created by XP Admin</source>
        <translation>vorhanden, von XP Admin angelegt</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>present, created by another application (Prisma): XP Admin leaves them as they are</source>
        <translation>vorhanden, von einer anderen Anwendung angelegt (Prisma): XP Admin lässt sie, wie sie sind</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+104"/>
        <location line="+3"/>
        <location line="+6"/>
        <location line="+4"/>
        <source>Schema version:</source>
        <translation>Schemaversion:</translation>
    </message>
    <message>
        <location line="-116"/>
        <source>%1 (up to date)</source>
        <translation>%1 (aktuell)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (XP Admin&apos;s own tables created now)</source>
        <translation>%1 (eigene Tabellen von XP Admin jetzt angelegt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (migrated from %2)</source>
        <translation>%1 (migriert von %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+115"/>
        <location line="+2"/>
        <source>Work indexes:</source>
        <translation>Arbeitsindizes:</translation>
    </message>
    <message>
        <location line="-116"/>
        <location line="+114"/>
        <source>all present</source>
        <translation>alle vorhanden</translation>
    </message>
    <message>
        <location line="-113"/>
        <source>missing %1 (xpadmin-cli doctor tells how to add them)</source>
        <translation>%1 fehlen (xpadmin-cli doctor zeigt, wie man sie hinzufügt)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Checks the installation and the database without changing anything: drivers, connection, server version, schema version, who created the ledger, and the indexes the work needs. Exit status 1 when something needs attention, 2 when there is no ledger.</source>
        <translation>Prüft die Installation und die Datenbank, ohne etwas zu ändern: Treiber, Verbindung, Serverversion, Schemaversion, wer das Hauptbuch angelegt hat und die Indizes, die die Arbeit braucht. Exit-Status 1, wenn etwas Aufmerksamkeit braucht, 2, wenn es kein Hauptbuch gibt.</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Other tables:</source>
        <translation>Andere Tabellen:</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>XP Admin:</source>
        <translation>XP Admin:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Qt SQL drivers:</source>
        <translation>Qt-SQL-Treiber:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none found</source>
        <translation>keine gefunden</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Result:</source>
        <translation>Ergebnis:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>needs attention</source>
        <translation>braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+5"/>
        <source>Connection:</source>
        <translation>Verbindung:</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>OK, as %1</source>
        <translation>OK, als %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pooler:</source>
        <translation>Pooler:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Changes:</source>
        <translation>Änderungen:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not possible here: %1</source>
        <translation>hier nicht möglich: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>missing</source>
        <translation>fehlen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>present, created by another application (Prisma)</source>
        <translation>vorhanden, von einer anderen Anwendung angelegt (Prisma)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none: XP Admin&apos;s own tables are missing</source>
        <translation>keine: Die eigenen Tabellen von XP Admin fehlen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XP Admin&apos;s own tables (audit log) are missing: run xpadmin-cli init</source>
        <translation>Die eigenen Tabellen von XP Admin (Prüfprotokoll) fehlen: Führen Sie xpadmin-cli init aus</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, older than %2</source>
        <translation>%1, älter als %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XP Admin&apos;s own tables are at version %1: run xpadmin-cli init to migrate them to %2</source>
        <translation>Die eigenen Tabellen von XP Admin haben Version %1: Führen Sie xpadmin-cli init aus, um sie auf %2 zu migrieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, newer than this XP Admin (%2)</source>
        <translation>%1, neuer als dieses XP Admin (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database was set up by a newer XP Admin: update XP Admin</source>
        <translation>Die Datenbank wurde von einem neueren XP Admin eingerichtet: Aktualisieren Sie XP Admin</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (current)</source>
        <translation>%1 (aktuell)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>missing %1</source>
        <translation>%1 fehlen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Indexes the ledger&apos;s queries need are missing: %1</source>
        <translation>Indizes, die die Abfragen des Hauptbuchs brauchen, fehlen: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Indexes the ledger&apos;s queries need are missing. Add these lines to model UserXP in schema.prisma, then run prisma migrate:</source>
        <translation>Indizes, die die Abfragen des Hauptbuchs brauchen, fehlen. Fügen Sie diese Zeilen dem model UserXP in schema.prisma hinzu und führen Sie dann prisma migrate aus:</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../ui/help/ShortcutsDialog.cpp" line="+68"/>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Filter by action, key or place</source>
        <translation>Nach Aktion, Taste oder Ort filtern</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>In the Adjust, Roll Back, Delete Source and Restore dialogs, Ctrl+Return confirms and Esc closes without changing anything.</source>
        <translation>In den Dialogen Korrigieren, Stornieren, Quelle löschen und Wiederherstellen bestätigt Strg+Eingabe, und Esc schließt, ohne etwas zu ändern.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Main window</source>
        <translation>Hauptfenster</translation>
    </message>
</context>
<context>
    <name>SqliteFile</name>
    <message>
        <location filename="../core/db/SqliteFile.cpp" line="+33"/>
        <source>The database file %1 does not exist</source>
        <translation>Die Datenbankdatei %1 existiert nicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot create the folder %1 for the database</source>
        <translation>Der Ordner %1 für die Datenbank kann nicht angelegt werden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is a folder, not a database file</source>
        <translation>%1 ist ein Ordner, keine Datenbankdatei</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Cannot open the database %1: %2</source>
        <translation>Die Datenbank %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cannot read the database %1: %2</source>
        <translation>Die Datenbank %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>it is on a read-only file system</source>
        <translation>sie liegt auf einem schreibgeschützten Dateisystem</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>you may not write to its folder %1, where SQLite keeps its journal</source>
        <translation>Sie dürfen nicht in ihren Ordner %1 schreiben, in dem SQLite sein Journal führt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>you may not write to the file</source>
        <translation>Sie dürfen nicht in die Datei schreiben</translation>
    </message>
</context>
<context>
    <name>SqliteStatement</name>
    <message>
        <location filename="../core/db/SqliteStatement.cpp" line="+13"/>
        <source>Cannot prepare a bulk insert</source>
        <translation>Ein Masseneinfügen kann nicht vorbereitet werden</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>A bulk insert failed</source>
        <translation>Ein Masseneinfügen ist fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>Standby</name>
    <message>
        <location filename="../core/db/Standby.cpp" line="+11"/>
        <source>A reading standby is for PostgreSQL: both the database and the standby must be PostgreSQL servers</source>
        <translation>Ein Standby-Server zum Lesen ist für PostgreSQL gedacht: Sowohl die Datenbank als auch der Standby-Server müssen PostgreSQL-Server sein</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>%1 is not a standby: it is a primary server that accepts writes. Reading from a standby needs a hot standby that replays the ledger&apos;s database</source>
        <translation>%1 ist kein Standby-Server, sondern ein Primärserver, der Schreibzugriffe annimmt. Zum Lesen von einem Standby-Server ist ein Hot-Standby-Server nötig, der die Datenbank des Hauptbuchs repliziert</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 is a standby of another server: it does not replay the ledger&apos;s database</source>
        <translation>%1 ist ein Standby-Server eines anderen Servers: Er repliziert nicht die Datenbank des Hauptbuchs</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is database %2, not the ledger&apos;s database %3</source>
        <translation>%1 ist die Datenbank %2, nicht die Datenbank %3 des Hauptbuchs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 holds another ledger than the database it should mirror</source>
        <translation>%1 enthält ein anderes Hauptbuch als die Datenbank, die gespiegelt werden soll</translation>
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
    <message>
        <location line="+10"/>
        <source>History, totals, charts, exports, reports, user search and verify read from the standby %1; every change is written to %2, and your own changes are read from there until the standby has them.</source>
        <translation>Verlauf, Summen, Diagramme, Exporte, Berichte, Benutzersuche und Hauptbuchprüfung lesen vom Standby-Server %1; jede Änderung wird auf %2 geschrieben, und Ihre eigenen Änderungen werden von dort gelesen, bis der Standby-Server sie übernommen hat.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Standby: connecting…</source>
        <translation>Standby-Server: Verbindung wird hergestellt…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Standby unreachable: reading from the primary</source>
        <translation>Standby-Server nicht erreichbar: Lesen vom Primärserver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1

Reading from the primary until the standby %2 is back.</source>
        <translation>%1

Bis der Standby-Server %2 wieder erreichbar ist, wird vom Primärserver gelesen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Standby: up to date</source>
        <translation>Standby-Server: aktuell</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Standby: %1 behind</source>
        <translation>Standby-Server: %1 Rückstand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1

The figures read there are those of %2: changes made on the primary since then are not in them yet.</source>
        <translation>%1

Die dort gelesenen Zahlen entsprechen dem Stand von %2: Seitdem auf dem Primärserver vorgenommene Änderungen sind noch nicht enthalten.</translation>
    </message>
</context>
<context>
    <name>StatementCommands</name>
    <message>
        <location filename="../app/cli/StatementCommands.cpp" line="+26"/>
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>restored</source>
        <translation>wiederhergestellt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>A user&apos;s statement, like a bank statement: the balance before the period, every change in it with the balance after it, who made it and why, transactions removed and restored, subtotals by category and source type, and the balance at the end, which equals the cached total when the period ends now.</source>
        <translation>Der Kontoauszug eines Benutzers, wie bei einer Bank: der Stand vor dem Zeitraum, jede Änderung darin mit dem Stand danach, wer sie vorgenommen hat und warum, entfernte und wiederhergestellte Buchungen, Zwischensummen nach Kategorie und Quellentyp, und der Stand am Ende, der der gespeicherten XP-Summe entspricht, wenn der Zeitraum jetzt endet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The user (required).</source>
        <translation>Der Benutzer (erforderlich).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From this date or date-time on (local time unless it ends in Z); default: from the user&apos;s first transaction.</source>
        <translation>Ab diesem Datum oder Zeitpunkt (Ortszeit, außer er endet auf Z); Standard: ab der ersten Buchung des Benutzers.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Up to this date (the whole day) or date-time; default: now.</source>
        <translation>Bis zu diesem Datum (der ganze Tag) oder Zeitpunkt; Standard: jetzt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The period ends at this moment (a date alone: the end of that day), as the ledger stood then; the same as --until for a date-time.</source>
        <translation>Der Zeitraum endet zu diesem Zeitpunkt (ein Datum allein: das Ende dieses Tages), so wie das Hauptbuch damals stand; für einen Zeitpunkt dasselbe wie --until.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write the statement as a PDF to send to the user: their name, the period and the figures.</source>
        <translation>Den Kontoauszug als PDF schreiben, zum Versand an den Benutzer: Name, Zeitraum und Zahlen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the statement&apos;s lines as CSV.</source>
        <translation>Die Zeilen des Kontoauszugs als CSV schreiben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show transaction and user ids in the PDF.</source>
        <translation>Buchungs- und Benutzer-IDs im PDF zeigen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>give the user: --user ID</source>
        <translation>Benutzer angeben: --user ID</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>give the period&apos;s end once: --until or --as-of</source>
        <translation>das Ende des Zeitraums nur einmal angeben: --until oder --as-of</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--separator and --bom are for --csv FILE</source>
        <translation>--separator und --bom gelten für --csv DATEI</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The statement does not reconcile with the ledger: run xpadmin-cli verify, which names what differs.</source>
        <translation>Der Kontoauszug stimmt nicht mit dem Hauptbuch überein: xpadmin-cli verify nennt, was abweicht.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>What changed in the ledger between two moments: the transactions added, removed and restored, and each user&apos;s total before and after, reconciled (before + added - removed = after). The audit events in between are checked against the hash chain.</source>
        <translation>Was sich im Hauptbuch zwischen zwei Zeitpunkten geändert hat: hinzugefügte, entfernte und wiederhergestellte Buchungen und die XP-Summe jedes Benutzers davor und danach, abgestimmt (davor + hinzugefügt - entfernt = danach). Die Prüfereignisse dazwischen werden gegen die Hash-Kette geprüft.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The earlier moment (a date alone: the end of that day).</source>
        <translation>Der frühere Zeitpunkt (ein Datum allein: das Ende dieses Tages).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The later moment.</source>
        <translation>Der spätere Zeitpunkt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only this user.</source>
        <translation>Nur dieser Benutzer.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>give both moments: --from DATE --to DATE</source>
        <translation>beide Zeitpunkte angeben: --from DATUM --to DATUM</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Changes from %1 to %2 (local time)</source>
        <translation>Änderungen von %1 bis %2 (Ortszeit)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CHANGE</source>
        <translation>ÄNDERUNG</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>AMOUNT</source>
        <translation>BETRAG</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+13"/>
        <source>USER</source>
        <translation>BENUTZER</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>CREATED</source>
        <translation>ERSTELLT</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SOURCE</source>
        <translation>QUELLE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No transaction was added or removed.</source>
        <translation>Keine Buchung wurde hinzugefügt oder entfernt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>BEFORE</source>
        <translation>DAVOR</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ADDED</source>
        <translation>HINZUGEFÜGT</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>REMOVED</source>
        <translation>ENTFERNT</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>AFTER</source>
        <translation>DANACH</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>RECONCILED</source>
        <translation>ABGESTIMMT</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NO</source>
        <translation>NEIN</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Audit chain: BROKEN: %1</source>
        <translation>Prüfkette: GEBROCHEN: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Audit chain: the %n event(s) in between are intact.</source>
        <translation>
            <numerusform>Prüfkette: das %n Ereignis dazwischen ist intakt.</numerusform>
            <numerusform>Prüfkette: die %n Ereignisse dazwischen sind intakt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The audit log begins at %1: before it, rows are placed by their creation time and removals are not known.</source>
        <translation>Das Prüfprotokoll beginnt am %1: davor werden Buchungen nach ihrem Erstellungszeitpunkt eingeordnet, und Entfernungen sind nicht bekannt.</translation>
    </message>
</context>
<context>
    <name>StatementCsv</name>
    <message>
        <location filename="../core/statement/StatementCsv.cpp" line="+28"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>StatementDocument</name>
    <message>
        <location filename="../core/statement/StatementDocument.cpp" line="+60"/>
        <source>Awarded</source>
        <translation>Vergeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Migrated</source>
        <translation>Übernommen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adjusted</source>
        <translation>Korrigiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Earned in the app</source>
        <translation>In der App verdient</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rolled back</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Removed with its source</source>
        <translation>Mit seiner Quelle entfernt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restored</source>
        <translation>Wiederhergestellt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Added in the database</source>
        <translation>In der Datenbank hinzugefügt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deleted in the database</source>
        <translation>In der Datenbank gelöscht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed in the database (was)</source>
        <translation>In der Datenbank geändert (vorher)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed in the database (now)</source>
        <translation>In der Datenbank geändert (jetzt)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the app</source>
        <translation>die App</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>database role %1</source>
        <translation>Datenbankrolle %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>database role %1 (%2)</source>
        <translation>Datenbankrolle %1 (%2)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>ticket %1</source>
        <translation>Ticket %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the first transaction</source>
        <translation>der ersten Buchung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Removed</source>
        <translation>Entfernt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Net</source>
        <translation>Netto</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>User id: %1</source>
        <translation>Benutzer-ID: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Period:</source>
        <translation>Zeitraum:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opening balance:</source>
        <translation>Anfangsstand:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Closing balance:</source>
        <translation>Endstand:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Made on:</source>
        <translation>Erstellt am:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No changes in this period.</source>
        <translation>Keine Änderungen in diesem Zeitraum.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Transaction</source>
        <translation>Buchung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Balance</source>
        <translation>Stand</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By, why</source>
        <translation>Von wem, warum</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>removed later</source>
        <translation>später entfernt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>By category</source>
        <translation>Nach Kategorie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By source type</source>
        <translation>Nach Quellentyp</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Corrections of the total</source>
        <translation>Korrekturen der XP-Summe</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>On %1 the stored total was %2 XP while the transactions added up to %3 XP; it was corrected by %4.</source>
        <translation>Am %1 war die gespeicherte XP-Summe %2 XP, die Buchungen ergaben aber %3 XP; %4 hat sie korrigiert.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Changes before %1, when XP Admin&apos;s audit log began, are shown by the date of their transaction.</source>
        <translation>Änderungen vor %1, als das Prüfprotokoll von XP Admin begann, stehen beim Datum ihrer Buchung.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n change(s) were made by the app itself and are shown by the date of their transaction.</source>
        <translation>
            <numerusform>%n Änderung stammt von der App selbst und steht beim Datum ihrer Buchung.</numerusform>
            <numerusform>%n Änderungen stammen von der App selbst und stehen beim Datum ihrer Buchung.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-66"/>
        <location line="+89"/>
        <source>XP statement</source>
        <translation>XP-Kontoauszug</translation>
    </message>
</context>
<context>
    <name>StatementHeader</name>
    <message>
        <location filename="../ui/statement/StatementHeader.cpp" line="+56"/>
        <source>Opening balance:</source>
        <translation>Anfangsstand:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closing balance:</source>
        <translation>Endstand:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the first transaction</source>
        <translation>der ersten Buchung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>now (%1)</source>
        <translation>jetzt (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period: %1 to %2</source>
        <translation>Zeitraum: %1 bis %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The audit log is empty: every change is placed by its transaction&apos;s creation time.</source>
        <translation>Das Prüfprotokoll ist leer: jede Änderung steht beim Erstellungszeitpunkt ihrer Buchung.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exact: the audit log, begun %1, records every change made in XP Admin in this period.</source>
        <translation>Genau: Das Prüfprotokoll, begonnen am %1, verzeichnet jede in XP Admin vorgenommene Änderung in diesem Zeitraum.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exact from %1, when the audit log began: before then, changes are placed by their transaction&apos;s creation time, and removals are not known.</source>
        <translation>Genau ab %1, dem Beginn des Prüfprotokolls: davor stehen Änderungen beim Erstellungszeitpunkt ihrer Buchung, und Entfernungen sind nicht bekannt.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n change(s) were written by the web app outside XP Admin, placed by their creation time.</source>
        <translation>
            <numerusform>%n Änderung wurde von der Web-App außerhalb von XP Admin geschrieben und steht bei ihrem Erstellungszeitpunkt.</numerusform>
            <numerusform>%n Änderungen wurden von der Web-App außerhalb von XP Admin geschrieben und stehen bei ihrem Erstellungszeitpunkt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>On %1 the cached total was %2 XP while the transactions summed to %3 XP; %4 corrected it by %5 XP.</source>
        <translation>Am %1 war die gespeicherte XP-Summe %2 XP, die Buchungen ergaben aber %3 XP; %4 hat sie um %5 XP korrigiert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>XP Admin</source>
        <translation>XP Admin</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Statement of %1</source>
        <translation>Kontoauszug von %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>User id: %1</source>
        <translation>Benutzer-ID: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>%1 XP</source>
        <translation>%1 XP</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The ledger as it stood at the end of the period sums to %1 XP, not %2 XP: run Verify, which names what differs.</source>
        <translation>Das Hauptbuch ergibt zum Ende des Zeitraums %1 XP, nicht %2 XP: Prüfen nennt, was abweicht.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The cached total is %1 XP, not %2 XP: run Verify, which sets it right.</source>
        <translation>Die gespeicherte XP-Summe ist %1 XP, nicht %2 XP: Prüfen berichtigt sie.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The closing balance equals the cached total.</source>
        <translation>Der Endstand entspricht der gespeicherten XP-Summe.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The closing balance is the ledger&apos;s as it stood at the end of the period.</source>
        <translation>Der Endstand ist der des Hauptbuchs zum Ende des Zeitraums.</translation>
    </message>
</context>
<context>
    <name>StatementLauncher</name>
    <message>
        <location filename="../ui/statement/StatementLauncher.cpp" line="+13"/>
        <source>S&amp;tatement…</source>
        <translation>&amp;Kontoauszug…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show the selected user&apos;s statement: every change over a period, with the balance after it, to save as PDF or CSV or to print</source>
        <translation>Den Kontoauszug des ausgewählten Benutzers zeigen: jede Änderung in einem Zeitraum mit dem Stand danach, zum Speichern als PDF oder CSV oder zum Drucken</translation>
    </message>
</context>
<context>
    <name>StatementModel</name>
    <message>
        <location filename="../models/StatementModel.cpp" line="+21"/>
        <source>Added in the database</source>
        <translation>In der Datenbank hinzugefügt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deleted in the database</source>
        <translation>In der Datenbank gelöscht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed in the database (was)</source>
        <translation>In der Datenbank geändert (vorher)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed in the database (now)</source>
        <translation>In der Datenbank geändert (jetzt)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Awarded</source>
        <translation>Vergeben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Migrated</source>
        <translation>Übernommen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adjusted</source>
        <translation>Korrigiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Earned in the app</source>
        <translation>In der App verdient</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rolled back</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Removed with its source</source>
        <translation>Mit seiner Quelle entfernt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restored</source>
        <translation>Wiederhergestellt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The web app</source>
        <translation>Die Web-App</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database role %1</source>
        <translation>Datenbankrolle %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database role %1 (%2)</source>
        <translation>Datenbankrolle %1 (%2)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 (removed later)</source>
        <translation>%1 (später entfernt)</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Why: %1</source>
        <translation>Warum: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1
Source: %2
Transaction id: %3</source>
        <translation>%1
Quelle: %2
Buchungs-ID: %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Removed again later in this period: see the row that removes it.</source>
        <translation>Später in diesem Zeitraum wieder entfernt: siehe die Zeile, die sie entfernt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Written by the web app, not through XP Admin: placed by its creation time.</source>
        <translation>Von der Web-App geschrieben, nicht über XP Admin: steht bei ihrem Erstellungszeitpunkt.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transaction</source>
        <translation>Buchung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Category · source</source>
        <translation>Kategorie · Quelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Balance</source>
        <translation>Stand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
</context>
<context>
    <name>StatementQuery</name>
    <message>
        <location filename="../core/statement/StatementQuery.cpp" line="+89"/>
        <source>user</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The period is empty: its start %1 is not before its end %2</source>
        <translation>Der Zeitraum ist leer: sein Beginn %1 liegt nicht vor seinem Ende %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>There is no user %1</source>
        <translation>Es gibt keinen Benutzer %1</translation>
    </message>
</context>
<context>
    <name>StatementSubtotalModel</name>
    <message>
        <location filename="../models/StatementSubtotalModel.cpp" line="+83"/>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source type</source>
        <translation>Quellentyp</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Removed</source>
        <translation>Entfernt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Net</source>
        <translation>Netto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
</context>
<context>
    <name>StatementText</name>
    <message>
        <location filename="../app/cli/StatementText.cpp" line="+22"/>
        <source>Added in the database</source>
        <translation>In der Datenbank hinzugefügt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>REMOVED in the database</source>
        <translation>In der Datenbank ENTFERNT</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed in the database (was)</source>
        <translation>In der Datenbank geändert (vorher)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed in the database (now)</source>
        <translation>In der Datenbank geändert (jetzt)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Awarded</source>
        <translation>Vergeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Migrated</source>
        <translation>Übernommen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adjusted</source>
        <translation>Korrigiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Web app</source>
        <translation>Web-App</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>REMOVED (rolled back)</source>
        <translation>ENTFERNT (storniert)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>REMOVED (source deleted)</source>
        <translation>ENTFERNT (Quelle gelöscht)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restored</source>
        <translation>Wiederhergestellt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>written by the web app</source>
        <translation>von der Web-App geschrieben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>database role %1</source>
        <translation>Datenbankrolle %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>database role %1 (%2)</source>
        <translation>Datenbankrolle %1 (%2)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>ADDED</source>
        <translation>HINZUGEFÜGT</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>REMOVED</source>
        <translation>ENTFERNT</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NET</source>
        <translation>NETTO</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CHANGES</source>
        <translation>ÄNDERUNGEN</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Statement of %1 (user %2)</source>
        <translation>Kontoauszug von %1 (Benutzer %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Period: %1 to %2 (local time)</source>
        <translation>Zeitraum: %1 bis %2 (Ortszeit)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the first transaction</source>
        <translation>der ersten Buchung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>now (%1)</source>
        <translation>jetzt (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opening balance: %1 XP</source>
        <translation>Anfangsstand: %1 XP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No changes in this period.</source>
        <translation>Keine Änderungen in diesem Zeitraum.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>DATE</source>
        <translation>DATUM</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CHANGE</source>
        <translation>ÄNDERUNG</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>BALANCE</source>
        <translation>STAND</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>WHAT</source>
        <translation>WAS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TRANSACTION</source>
        <translation>BUCHUNG</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>BY, WHY</source>
        <translation>VON WEM, WARUM</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(removed later)</source>
        <translation>(später entfernt)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Closing balance: %1 XP</source>
        <translation>Endstand: %1 XP</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (equals the cached total)</source>
        <translation> (gleich der gespeicherten XP-Summe)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (the cached total is %1: run xpadmin-cli verify)</source>
        <translation> (die gespeicherte XP-Summe ist %1: xpadmin-cli verify ausführen)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CATEGORY</source>
        <translation>KATEGORIE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SOURCE TYPE</source>
        <translation>QUELLENTYP</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>On %1 the cached total was %2 while the transactions summed to %3 (%4); %5 set it right (%6).</source>
        <translation>Am %1 war die gespeicherte XP-Summe %2, die Buchungen ergaben aber %3 (%4); %5 hat sie berichtigt (%6).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The audit log is empty: every change is placed by its transaction&apos;s creation time.</source>
        <translation>Das Prüfprotokoll ist leer: jede Änderung steht beim Erstellungszeitpunkt ihrer Buchung.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exact: the audit log, begun %1, records every change of XP Admin in this period.</source>
        <translation>Genau: Das Prüfprotokoll, begonnen am %1, verzeichnet jede Änderung von XP Admin in diesem Zeitraum.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exact from %1, when the audit log began: before then, changes are placed by their transaction&apos;s creation time, and removals are not known.</source>
        <translation>Genau ab %1, dem Beginn des Prüfprotokolls: davor stehen Änderungen beim Erstellungszeitpunkt ihrer Buchung, und Entfernungen sind nicht bekannt.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n change(s) were written by the web app outside XP Admin, placed by their creation time.</source>
        <translation>
            <numerusform>%n Änderung wurde von der Web-App außerhalb von XP Admin geschrieben und steht bei ihrem Erstellungszeitpunkt.</numerusform>
            <numerusform>%n Änderungen wurden von der Web-App außerhalb von XP Admin geschrieben und stehen bei ihrem Erstellungszeitpunkt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatementWindow</name>
    <message>
        <location filename="../ui/statement/StatementWindow.cpp" line="+60"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show &amp;ids in the PDF and the print</source>
        <translation>&amp;IDs in PDF und Ausdruck zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as P&amp;DF…</source>
        <translation>Als P&amp;DF speichern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as &amp;CSV…</source>
        <translation>Als &amp;CSV speichern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Print…</source>
        <translation>&amp;Drucken…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Statement</source>
        <translation>Kontoauszug</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The days the statement covers, up to today (local time); Custom picks the days</source>
        <translation>Die Tage, die der Kontoauszug umfasst, bis heute (Ortszeit); Benutzerdefiniert wählt die Tage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First day of the statement (from its start, local time)</source>
        <translation>Erster Tag des Kontoauszugs (ab seinem Beginn, Ortszeit)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day of the statement (to its end, local time)</source>
        <translation>Letzter Tag des Kontoauszugs (bis zu seinem Ende, Ortszeit)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reading the statement…</source>
        <translation>Kontoauszug wird gelesen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read the statement again (F5)</source>
        <translation>Den Kontoauszug erneut lesen (F5)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Transaction and user ids, for a colleague; leave it off for the user</source>
        <translation>Buchungs- und Benutzer-IDs, für Kollegen; für den Benutzer ausgeschaltet lassen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A PDF to send to the user: their name, the period and the figures</source>
        <translation>Ein PDF zum Versand an den Benutzer: Name, Zeitraum und Zahlen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every change with the balance after it, for a spreadsheet</source>
        <translation>Jede Änderung mit dem Stand danach, für eine Tabellenkalkulation</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>The statement could not be read: %1</source>
        <translation>Der Kontoauszug konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Statement of %1</source>
        <translation>Kontoauszug von %1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>statement-%1-%2.%3</source>
        <translation>kontoauszug-%1-%2.%3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save Statement as PDF</source>
        <translation>Kontoauszug als PDF speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <source>Saved the statement to %1.</source>
        <translation>Kontoauszug unter %1 gespeichert.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Save Statement as CSV</source>
        <translation>Kontoauszug als CSV speichern</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Print Statement</source>
        <translation>Kontoauszug drucken</translation>
    </message>
</context>
<context>
    <name>Subcommands</name>
    <message>
        <location filename="../app/cli/Subcommands.cpp" line="+22"/>
        <source>%1 or %2</source>
        <translation>%1 oder %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: give a subcommand, %2 (see xpadmin-cli %1 --help)</source>
        <translation>%1: Geben Sie einen Unterbefehl an, %2 (siehe xpadmin-cli %1 --help)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: unknown subcommand %2; use %3 (see xpadmin-cli %1 --help)</source>
        <translation>%1: unbekannter Unterbefehl %2; verwenden Sie %3 (siehe xpadmin-cli %1 --help)</translation>
    </message>
</context>
<context>
    <name>TableNames</name>
    <message>
        <location filename="../core/db/TableNames.cpp" line="+67"/>
        <source>schema=%1: only a PostgreSQL database has schemas</source>
        <translation>schema=%1: Nur eine PostgreSQL-Datenbank hat Schemas</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>schema=%1 is not a schema name: use letters, digits, _ and - (at most 63), starting with a letter or _</source>
        <translation>schema=%1 ist kein Schemaname: Verwenden Sie Buchstaben, Ziffern, _ und - (höchstens 63), beginnend mit einem Buchstaben oder _</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>schema=%1 is reserved (XP Admin&apos;s own tables or PostgreSQL&apos;s catalogs); name the schema of the web app&apos;s tables</source>
        <translation>schema=%1 ist reserviert (die eigenen Tabellen von XP Admin oder die Kataloge von PostgreSQL); geben Sie das Schema der Tabellen der Web-App an</translation>
    </message>
</context>
<context>
    <name>TopUsersChart</name>
    <message>
        <location filename="../ui/charts/TopUsersChart.cpp" line="+41"/>
        <source>XP</source>
        <translation>XP</translation>
    </message>
</context>
<context>
    <name>TotalsQuery</name>
    <message>
        <location filename="../core/history/TotalsQuery.cpp" line="+43"/>
        <source>Totals by reason code are of the ledger as it is now: leave out the past moment (--as-of)</source>
        <translation>Summen nach Grundcode gelten für das Hauptbuch in seinem jetzigen Stand: Lassen Sie den früheren Zeitpunkt weg (--as-of)</translation>
    </message>
</context>
<context>
    <name>TotalsScan</name>
    <message>
        <location filename="../core/ledger/TotalsScan.cpp" line="+37"/>
        <source>The drifted totals could not be read: %1</source>
        <translation>Die abweichenden Summen konnten nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>TransactionListModel</name>
    <message>
        <location filename="../models/TransactionListModel.cpp" line="+52"/>
        <source>User id %1</source>
        <translation>Benutzer-ID %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Transaction %1</source>
        <translation>Buchung %1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
</context>
<context>
    <name>Translations</name>
    <message>
        <location filename="Translations.cpp" line="+120"/>
        <source>--lang %1 is not a language XP Admin speaks: give %2</source>
        <translation>--lang %1 ist keine Sprache, die XP Admin spricht: Geben Sie %2 an</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The %1 translation is missing from this build</source>
        <translation>Die Übersetzung %1 fehlt in diesem Build</translation>
    </message>
</context>
<context>
    <name>UserCommands</name>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="+65"/>
        <source>Adds a user to the &quot;User&quot; table.</source>
        <translation>Fügt der Tabelle &quot;User&quot; einen Benutzer hinzu.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The new user&apos;s id.</source>
        <translation>Die ID des neuen Benutzers.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The user&apos;s email address (unique).</source>
        <translation>Die E-Mail-Adresse des Benutzers (eindeutig).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The user&apos;s name (optional).</source>
        <translation>Der Name des Benutzers (optional).</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Added user %1 (%2)</source>
        <translation>Benutzer %1 (%2) hinzugefügt</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>Usage: xpadmin-cli [global options] user find TEXT [--limit N]
       xpadmin-cli [global options] user show ID
       xpadmin-cli [global options] user add --id ID --email EMAIL [--name NAME]

Finds users by id, email or name; shows one with their cached total, the sum of their transactions and whether the two agree; or adds one. Run xpadmin-cli user SUBCOMMAND --help for its options.
</source>
        <translation>Verwendung: xpadmin-cli [globale Optionen] user find TEXT [--limit N]
       xpadmin-cli [globale Optionen] user show ID
       xpadmin-cli [globale Optionen] user add --id ID --email EMAIL [--name NAME]

Findet Benutzer nach ID, E-Mail oder Name; zeigt einen mit seiner gespeicherten Summe, der Summe seiner Buchungen und ob beide übereinstimmen; oder legt einen an. xpadmin-cli user UNTERBEFEHL --help zeigt dessen Optionen.
</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>user: give a subcommand, find, show or add (see xpadmin-cli user --help)</source>
        <translation>user: Geben Sie einen Unterbefehl an, find, show oder add (siehe xpadmin-cli user --help)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>user: unknown subcommand %1; use find, show or add (see xpadmin-cli user --help)</source>
        <translation>user: unbekannter Unterbefehl %1; verwenden Sie find, show oder add (siehe xpadmin-cli user --help)</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Shows a user: email, name, cached total XP, the sum of the transactions, their count, and whether the cached total differs from the sum. xpadmin-cli user find TEXT tells a user&apos;s id.</source>
        <translation>Zeigt einen Benutzer: E-Mail, Name, gespeicherte XP-Summe, die Summe der Buchungen, ihre Anzahl und ob die gespeicherte Summe von der Summe abweicht. xpadmin-cli user find TEXT nennt die ID eines Benutzers.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The user&apos;s id (or give it without --id).</source>
        <translation>Die ID des Benutzers (oder ohne --id angeben).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also the user&apos;s XP and transactions as they stood at this moment (a date alone: the end of that day), rebuilt from the audit log.</source>
        <translation>Zusätzlich XP und Buchungen des Benutzers, wie sie zu diesem Zeitpunkt standen (ein Datum allein: das Ende dieses Tages), aus dem Prüfprotokoll wiederhergestellt.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>give the id once: either ID or --id ID</source>
        <translation>Geben Sie die ID einmal an: entweder ID oder --id ID</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>give the user&apos;s id (xpadmin-cli user find TEXT tells it)</source>
        <translation>Geben Sie die ID des Benutzers an (xpadmin-cli user find TEXT nennt sie)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the id</source>
        <translation>die ID</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Unknown user %1: no user has this id. Find the id with xpadmin-cli user find %2</source>
        <translation>Unbekannter Benutzer %1: Kein Benutzer hat diese ID. Finden Sie die ID mit xpadmin-cli user find %2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email:</source>
        <translation>E-Mail:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total XP:</source>
        <translation>XP-Summe:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 (cached in UserProfile.totalXP)</source>
        <translation>%1 (gespeichert in UserProfile.totalXP)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sum of XP:</source>
        <translation>Summe der XP:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transactions:</source>
        <translation>Buchungen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consistent:</source>
        <translation>Stimmig:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NO: the cached total differs from the sum by %1; run xpadmin-cli recalc --user %2</source>
        <translation>NEIN: Die gespeicherte Summe weicht um %1 von der Summe ab; führen Sie xpadmin-cli recalc --user %2 aus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>XP as of %1:</source>
        <translation>XP, Stand %1:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transactions as of %1:</source>
        <translation>Buchungen, Stand %1:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Lists the users whose id, email or name contains TEXT, ignoring case: an exact id or email first, then the others by name. Shows each user&apos;s id, name, email and total XP; the id is what other commands take (--user ID).</source>
        <translation>Listet die Benutzer, deren ID, E-Mail oder Name TEXT enthält, ohne Groß-/Kleinschreibung zu beachten: eine genau passende ID oder E-Mail zuerst, dann die anderen nach Name. Zeigt ID, Name, E-Mail und XP-Summe jedes Benutzers; die ID ist, was andere Befehle erwarten (--user ID).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show at most N users (default %1).</source>
        <translation>Höchstens N Benutzer zeigen (Standard %1).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>give the TEXT to look for: part of an id, an email or a name</source>
        <translation>Geben Sie den gesuchten TEXT an: einen Teil einer ID, einer E-Mail oder eines Namens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TEXT</source>
        <translation>TEXT</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>No user&apos;s id, email or name contains %1.</source>
        <translation>Keine ID, E-Mail und kein Name eines Benutzers enthält %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>EMAIL</source>
        <translation>E-MAIL</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TOTAL XP</source>
        <translation>XP-SUMME</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Only the first %n users are shown; narrow the search or raise --limit.</source>
        <translation>
            <numerusform>Nur der erste %n Benutzer wird gezeigt; grenzen Sie die Suche ein oder erhöhen Sie --limit.</numerusform>
            <numerusform>Nur die ersten %n Benutzer werden gezeigt; grenzen Sie die Suche ein oder erhöhen Sie --limit.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UserEffectModel</name>
    <message>
        <location filename="../models/UserEffectModel.cpp" line="+51"/>
        <source>%1 (id %2)</source>
        <translation>%1 (ID %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Past the largest total the ledger can hold: the change will be refused</source>
        <translation>Über der größten Summe, die das Hauptbuch speichern kann: Die Änderung wird abgelehnt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The total goes below zero</source>
        <translation>Die Summe fällt unter null</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transactions</source>
        <translation>Buchungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Current total</source>
        <translation>Aktuelle Summe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resulting total</source>
        <translation>Neue Summe</translation>
    </message>
</context>
<context>
    <name>UserFilterEdit</name>
    <message>
        <location filename="../ui/audit/UserFilterEdit.cpp" line="+32"/>
        <source>%1 &lt;%2&gt;</source>
        <comment>a user&apos;s name and email</comment>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>User name, email or id</source>
        <translation>Benutzername, E-Mail oder ID</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>User id %1</source>
        <translation>Benutzer-ID %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+7"/>
        <source>Only events of %1
User id: %2</source>
        <translation>Nur Ereignisse von %1
Benutzer-ID: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only events of one user: type a name, an email or an id</source>
        <translation>Nur Ereignisse eines Benutzers: Geben Sie einen Namen, eine E-Mail oder eine ID ein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only events of the user with id %1</source>
        <translation>Nur Ereignisse des Benutzers mit der ID %1</translation>
    </message>
</context>
<context>
    <name>Users</name>
    <message>
        <location filename="../core/users/Users.cpp" line="+14"/>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A user with id %1 already exists</source>
        <translation>Ein Benutzer mit der ID %1 existiert bereits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The email %1 already belongs to user %2</source>
        <translation>Die E-Mail %1 gehört bereits zu Benutzer %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>user added</source>
        <translation>Benutzer hinzugefügt</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <location filename="../models/UsersModel.cpp" line="+127"/>
        <location line="+5"/>
        <source>The cached total %1 differs from the sum %2 of the transactions: run Verify &gt; Repair</source>
        <translation>Die gespeicherte Summe %1 weicht von der Summe %2 der Buchungen ab: Führen Sie „Prüfen“ &gt; „Summen reparieren“ aus</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total XP</source>
        <translation>XP-Summe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transactions</source>
        <translation>Buchungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The sum of the user&apos;s transactions at the moment shown. Click to sort: descending gives the leaderboard of then.</source>
        <translation>Die Summe der Buchungen des Benutzers zum gezeigten Zeitpunkt. Zum Sortieren klicken: absteigend ergibt die Bestenliste von damals.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The cached total of the user&apos;s profile. Click to sort: descending gives the leaderboard.</source>
        <translation>Die gespeicherte Summe aus dem Profil des Benutzers. Klicken Sie zum Sortieren: absteigend ergibt die Rangliste.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The number of the user&apos;s transactions. Not sortable: sort by ID, email, name or total XP.</source>
        <translation>Die Anzahl der Buchungen des Benutzers. Nicht sortierbar: Sortieren Sie nach ID, E-Mail, Name oder XP-Summe.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The time of the user&apos;s latest transaction. Not sortable: sort by ID, email, name or total XP.</source>
        <translation>Der Zeitpunkt der letzten Buchung des Benutzers. Nicht sortierbar: Sortieren Sie nach ID, E-Mail, Name oder XP-Summe.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Click to sort by %1</source>
        <translation>Klicken, um nach %1 zu sortieren</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>The users could not be read: %1</source>
        <translation>Die Benutzer konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The users could not be counted: %1</source>
        <translation>Die Benutzer konnten nicht gezählt werden: %1</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The changed users could not be read again: %1</source>
        <translation>Die geänderten Benutzer konnten nicht neu gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>UsersPane</name>
    <message>
        <location filename="../ui/users/UsersPane.cpp" line="+48"/>
        <source>Search id, email or name</source>
        <translation>ID, E-Mail oder Name suchen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finds users whose id, email or name contains the text, ignoring case (Ctrl+F). Down moves to the list.</source>
        <translation>Findet Benutzer, deren ID, E-Mail oder Name den Text enthält, ohne Groß-/Kleinschreibung zu beachten (Strg+F). Pfeil nach unten wechselt in die Liste.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Find User</source>
        <translation>Benutzer suchen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search users by id, email or name (Ctrl+F)</source>
        <translation>Benutzer nach ID, E-Mail oder Name suchen (Strg+F)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;All users</source>
        <translation>Alle Be&amp;nutzer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show everyone&apos;s transactions (Alt+A). Clearing the selection (Esc in the list) does the same.</source>
        <translation>Die Buchungen aller Benutzer zeigen (Alt+N). Die Auswahl aufzuheben (Esc in der Liste) bewirkt dasselbe.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The number of users the search finds</source>
        <translation>Die Anzahl der Benutzer, die die Suche findet</translation>
    </message>
    <message>
        <location line="+200"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%Ln user(s)</source>
        <translation>
            <numerusform>%Ln Benutzer</numerusform>
            <numerusform>%Ln Benutzer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln user(s) found</source>
        <translation>
            <numerusform>%Ln Benutzer gefunden</numerusform>
            <numerusform>%Ln Benutzer gefunden</numerusform>
        </translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Not loaded</source>
        <translation>Nicht geladen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was changed. Press F5 to try again.</source>
        <translation>Es wurde nichts geändert. Drücken Sie F5, um es erneut zu versuchen.</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <location filename="../core/domain/Validation.cpp" line="+32"/>
        <source>%1 must not be 0</source>
        <translation>%1 darf nicht 0 sein</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+17"/>
        <source>%1 %2 is out of range: it must be between %3 and %4</source>
        <translation>%1 %2 liegt außerhalb des Bereichs: Der Wert muss zwischen %3 und %4 liegen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 %2 is not a whole number</source>
        <translation>%1 %2 ist keine ganze Zahl</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 is too long: %2 characters, at most %3 are allowed</source>
        <translation>%1 ist zu lang: %2 Zeichen, höchstens %3 sind erlaubt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 %2 contains a NUL character, which cannot be stored</source>
        <translation>%1 %2 enthält ein NUL-Zeichen, das nicht gespeichert werden kann</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 %2 is not valid Unicode text</source>
        <translation>%1 %2 ist kein gültiger Unicode-Text</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 %2 starts with an invisible byte order mark (U+FEFF), which cannot be stored; remove it</source>
        <translation>%1 %2 beginnt mit einer unsichtbaren Bytereihenfolge-Markierung (U+FEFF), die nicht gespeichert werden kann; entfernen Sie sie</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 %2 contains the noncharacter U+FFFE or U+FFFF, which cannot be stored</source>
        <translation>%1 %2 enthält das Nichtzeichen U+FFFE oder U+FFFF, das nicht gespeichert werden kann</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is required and must not be empty</source>
        <translation>%1 ist erforderlich und darf nicht leer sein</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 %2 is not an email address</source>
        <translation>%1 %2 ist keine E-Mail-Adresse</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 %2 is not a source type; valid names are %3</source>
        <translation>%1 %2 ist kein Quellentyp; gültige Namen sind %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 %2 is not a category; valid names are %3</source>
        <translation>%1 %2 ist keine Kategorie; gültige Namen sind %3</translation>
    </message>
</context>
<context>
    <name>Verifier</name>
    <message>
        <location filename="../core/ledger/Verifier.cpp" line="+143"/>
        <source>audit event %1 was edited: its content no longer matches its hash</source>
        <translation>Prüfereignis %1 wurde bearbeitet: Sein Inhalt passt nicht mehr zu seinem Hash</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>audit events %1 to %2 are missing: event %3 follows event %4</source>
        <translation>Prüfereignisse %1 bis %2 fehlen: Auf Ereignis %4 folgt Ereignis %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>audit event %1 is out of order</source>
        <translation>Prüfereignis %1 ist außer der Reihe</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>audit event %1 does not follow the hash of event %2: an event was inserted, replaced or rewritten there</source>
        <translation>Prüfereignis %1 folgt nicht auf den Hash von Ereignis %2: Dort wurde ein Ereignis eingefügt, ersetzt oder umgeschrieben</translation>
    </message>
    <message>
        <location line="-118"/>
        <source>Verification cancelled after %1 events</source>
        <translation>Prüfung nach %1 Ereignissen abgebrochen</translation>
    </message>
</context>
<context>
    <name>VerifyCommand</name>
    <message>
        <location filename="../app/cli/VerifyCommand.cpp" line="+101"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>set directly in the database by %1, %2, at %3: %4 -&gt; %5 (audit event %6)</source>
        <translation>direkt in der Datenbank gesetzt durch %1, %2, am %3: %4 -&gt; %5 (Prüfereignis %6)</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+3"/>
        <source>Captured changes:</source>
        <translation>Erfasste Änderungen:</translation>
    </message>
    <message numerus="yes">
        <location line="-2"/>
        <source>%n event(s) sealed into the audit log first</source>
        <translation>
            <numerusform>%n Ereignis zuerst ins Prüfprotokoll übernommen</numerusform>
            <numerusform>%n Ereignisse zuerst ins Prüfprotokoll übernommen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>capture is installed, but this role may not seal its records here: changes made outside XP Admin since the last seal are not in this check</source>
        <translation>die Erfassung ist eingerichtet, aber diese Rolle darf ihre Einträge hier nicht übernehmen: Änderungen außerhalb von XP Admin seit der letzten Übernahme sind in dieser Prüfung nicht enthalten</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+5"/>
        <source>Transactions:</source>
        <translation>Buchungen:</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>not checked against the audit log: the log itself is broken</source>
        <translation>nicht mit dem Prüfprotokoll abgeglichen: Das Protokoll selbst ist beschädigt</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n transaction(s) match the audit log</source>
        <translation>
            <numerusform>%n Buchung stimmt mit dem Prüfprotokoll überein</numerusform>
            <numerusform>%n Buchungen stimmen mit dem Prüfprotokoll überein</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n difference(s) from the audit log</source>
        <translation>
            <numerusform>%n Abweichung vom Prüfprotokoll</numerusform>
            <numerusform>%n Abweichungen vom Prüfprotokoll</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n transaction(s) match it</source>
        <translation>
            <numerusform>%n Buchung stimmt damit überein</numerusform>
            <numerusform>%n Buchungen stimmen damit überein</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>and %n more (--json lists them all)</source>
        <translation>
            <numerusform>und %n weitere (--json listet alle auf)</numerusform>
            <numerusform>und %n weitere (--json listet alle auf)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Verify never changes a transaction: the audit log is the evidence.</source>
        <translation>Die Prüfung ändert nie eine Buchung: Das Prüfprotokoll ist der Nachweis.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not provable:</source>
        <translation>Nicht beweisbar:</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n transaction(s) the audit log never saw, created %1 to %2 (the web app&apos;s own, demo data, or from before XP Admin)</source>
        <translation>
            <numerusform>%n Buchung, die das Prüfprotokoll nie gesehen hat, erstellt %1 bis %2 (von der Web-App selbst, Demodaten oder aus der Zeit vor XP Admin)</numerusform>
            <numerusform>%n Buchungen, die das Prüfprotokoll nie gesehen hat, erstellt %1 bis %2 (von der Web-App selbst, Demodaten oder aus der Zeit vor XP Admin)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--strict: a transaction the audit log never saw is a problem.</source>
        <translation>--strict: Eine Buchung, die das Prüfprotokoll nie gesehen hat, ist ein Problem.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Checks that the audit log&apos;s hash chain is intact, that every user&apos;s cached total equals the sum of their transactions, and that every transaction XP Admin wrote or removed is as the audit log last recorded it. Transactions the log never saw are counted as not provable. Exit status 1 when it finds a problem.</source>
        <translation>Prüft, ob die Hash-Kette des Prüfprotokolls intakt ist, ob die gespeicherte Summe jedes Benutzers der Summe seiner Buchungen entspricht und ob jede Buchung, die XP Admin geschrieben oder entfernt hat, so ist, wie das Prüfprotokoll sie zuletzt festgehalten hat. Buchungen, die das Protokoll nie gesehen hat, werden als nicht beweisbar gezählt. Exit-Status 1, wenn ein Problem gefunden wird.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>First set every drifted total from the sum (audited), then verify again. Transactions that differ from the audit log are never changed.</source>
        <translation>Zuerst jede abweichende Summe aus den Buchungen neu setzen (protokolliert), dann erneut prüfen. Buchungen, die vom Prüfprotokoll abweichen, werden nie geändert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Also count transactions the audit log never saw as a problem (exit status 1): for a ledger that only XP Admin writes.</source>
        <translation>Auch Buchungen, die das Prüfprotokoll nie gesehen hat, als Problem zählen (Exit-Status 1): für ein Hauptbuch, das nur XP Admin schreibt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Also check that the event recorded in FILE (xpadmin-cli audit anchor) is still there with the same hash, so that removing the newest events is found too.</source>
        <translation>Zusätzlich prüfen, ob das in FILE (xpadmin-cli audit anchor) vermerkte Ereignis mit demselben Hash noch vorhanden ist, sodass auch das Entfernen der neuesten Ereignisse gefunden wird.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Totals repaired:</source>
        <translation>Reparierte Summen:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>user %1: %2 -&gt; %3</source>
        <translation>Benutzer %1: %2 -&gt; %3</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Verifying: %n audit event(s) checked</source>
        <translation>
            <numerusform>Prüfung: %n Prüfereignis geprüft</numerusform>
            <numerusform>Prüfung: %n Prüfereignisse geprüft</numerusform>
        </translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Audit events checked:</source>
        <translation>Geprüfte Prüfereignisse:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hash chain:</source>
        <translation>Hash-Kette:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>BROKEN at event %1: %2</source>
        <translation>UNTERBROCHEN bei Ereignis %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>intact</source>
        <translation>intakt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anchor:</source>
        <translation>Anker:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>holds: %1</source>
        <translation>gültig: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BROKEN: %1</source>
        <translation>VERLETZT: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Totals:</source>
        <translation>Summen:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>every cached total equals the sum of its transactions</source>
        <translation>jede gespeicherte Summe entspricht der Summe ihrer Buchungen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>drifted from the sum for %n user(s) (verify --repair fixes them)</source>
        <translation>
            <numerusform>weicht bei %n Benutzer von der Summe ab (verify --repair behebt das)</numerusform>
            <numerusform>weicht bei %n Benutzern von der Summe ab (verify --repair behebt das)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>user %1: cached %2, sum %3</source>
        <translation>Benutzer %1: gespeichert %2, Summe %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Closed periods:</source>
        <translation>Abgeschlossene Zeiträume:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>every close holds the totals its audit event anchors</source>
        <translation>jeder Abschluss enthält die Summen, die sein Prüfereignis verankert</translation>
    </message>
</context>
<context>
    <name>VerifyResultPanel</name>
    <message>
        <location filename="../ui/audit/VerifyResultPanel.cpp" line="+31"/>
        <location line="+199"/>
        <source>&amp;Repair totals…</source>
        <translation>Summen &amp;reparieren…</translation>
    </message>
    <message>
        <location line="-178"/>
        <source>Select this event in the table and show its details (Alt+S)</source>
        <translation>Dieses Ereignis in der Tabelle auswählen und seine Details zeigen (Alt+Z)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cached total</source>
        <translation>Gespeicherte Summe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sum of transactions</source>
        <translation>Summe der Buchungen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Difference</source>
        <translation>Differenz</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Changed directly</source>
        <translation>Direkt geändert</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Users whose cached &quot;UserProfile&quot;.&quot;totalXP&quot; differs from the sum of their XP</source>
        <translation>Benutzer, deren gespeichertes &quot;UserProfile&quot;.&quot;totalXP&quot; von der Summe ihrer XP abweicht</translation>
    </message>
    <message numerus="yes">
        <location line="+44"/>
        <source>Chain intact and anchor holds: %Ln event(s) checked; all totals match</source>
        <translation>
            <numerusform>Kette intakt und Anker hält: %Ln Ereignis geprüft; alle Summen stimmen</numerusform>
            <numerusform>Kette intakt und Anker hält: %Ln Ereignisse geprüft; alle Summen stimmen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Chain intact: %Ln event(s) checked; all totals match</source>
        <translation>
            <numerusform>Kette intakt: %Ln Ereignis geprüft; alle Summen stimmen</numerusform>
            <numerusform>Kette intakt: %Ln Ereignisse geprüft; alle Summen stimmen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Chain intact: %Ln event(s) checked</source>
        <translation>
            <numerusform>Kette intakt: %Ln Ereignis geprüft</numerusform>
            <numerusform>Kette intakt: %Ln Ereignisse geprüft</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln user(s)&apos; total(s) differ from the sum(s) of their transactions</source>
        <translation>
            <numerusform>Die Summe von %Ln Benutzer weicht von der Summe seiner Buchungen ab</numerusform>
            <numerusform>Die Summen von %Ln Benutzern weichen von den Summen ihrer Buchungen ab</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%Ln difference(s) between transactions and the audit log</source>
        <translation>
            <numerusform>%Ln Abweichung zwischen Buchungen und Prüfprotokoll</numerusform>
            <numerusform>%Ln Abweichungen zwischen Buchungen und Prüfprotokoll</numerusform>
        </translation>
    </message>
    <message>
        <location line="+61"/>
        <source>by %1, %2</source>
        <translation>von %1, %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Set directly in the database by %1, %2, at %3: %4 → %5 (audit event %6)</source>
        <translation>Direkt in der Datenbank gesetzt von %1, %2, am %3: %4 → %5 (Prüfereignis %6)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Set each listed user&apos;s cached total to the sum of their transactions (audited as &quot;repair&quot;; Alt+R)</source>
        <translation>Die gespeicherte Summe jedes aufgeführten Benutzers auf die Summe seiner Buchungen setzen (protokolliert als „repair“; Alt+R)</translation>
    </message>
    <message>
        <location line="-153"/>
        <source>Hide the verification result</source>
        <translation>Das Prüfergebnis ausblenden</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Anchor broken at event %1</source>
        <translation>Anker verletzt bei Ereignis %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Anchor broken</source>
        <translation>Anker verletzt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chain broken at event %1</source>
        <translation>Kette unterbrochen bei Ereignis %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>all totals match</source>
        <translation>alle Summen stimmen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Anchor: %1.</source>
        <translation>Anker: %1.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Anchor broken: %1.</source>
        <translation>Anker verletzt: %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1. Events after it were not checked.</source>
        <translation>%1. Die Ereignisse danach wurden nicht geprüft.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Show event %1</source>
        <translation>Ereignis %1 &amp;zeigen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cached totals that differ from the sum (the first %1 of %2):</source>
        <translation>Gespeicherte Summen, die von der Summe abweichen (die ersten %1 von %2):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cached totals that differ from the sum of the user&apos;s transactions:</source>
        <translation>Gespeicherte Summen, die von der Summe der Buchungen des Benutzers abweichen:</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Repairing…</source>
        <translation>Wird repariert…</translation>
    </message>
</context>
<context>
    <name>WaitSetting</name>
    <message>
        <location filename="../ui/main/WaitSetting.cpp" line="+30"/>
        <source>&amp;Wait for Locks</source>
        <translation>Auf Sperren &amp;warten</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n Sekunde</numerusform>
            <numerusform>%n Sekunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How long a change or a report waits for another program that holds the database, before it gives up with nothing changed</source>
        <translation>Wie lange eine Änderung oder ein Bericht auf ein anderes Programm wartet, das die Datenbank belegt, bevor sie ohne Änderung aufgibt</translation>
    </message>
</context>
<context>
    <name>WatchCommand</name>
    <message>
        <location filename="../app/cli/WatchCommand.cpp" line="+42"/>
        <source>Prints every change of the ledger as it is made, one line each (with --json one JSON object each), until Ctrl+C. Changes are read from the audit log: XP Admin&apos;s own from every desk, and, with capture installed, those the web app or a database console made. The first line, on stderr, says how changes are noticed.</source>
        <translation>Gibt jede Änderung des Hauptbuchs aus, sobald sie erfolgt, je eine Zeile (mit --json je ein JSON-Objekt), bis Strg+C. Die Änderungen werden aus dem Prüfprotokoll gelesen: die von XP Admin selbst von jedem Arbeitsplatz und, bei eingerichteter Erfassung, die der Web-App oder einer Datenbankkonsole. Die erste Zeile, auf stderr, nennt, wie Änderungen bemerkt werden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only this user&apos;s events.</source>
        <translation>Nur die Ereignisse dieses Benutzers.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One JSON object per line: seq, at, action, text, actor, operator, origin, role, application, client, operation_id, user_id, user_name, user_email, xp_id, amount, reason, hash.</source>
        <translation>Ein JSON-Objekt pro Zeile: seq, at, action, text, actor, operator, origin, role, application, client, operation_id, user_id, user_name, user_email, xp_id, amount, reason, hash.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start with the events after event N (0: the whole log) instead of the ones after now.</source>
        <translation>Mit den Ereignissen nach Ereignis N beginnen (0: das ganze Protokoll) statt mit denen ab jetzt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print the alerts the changes raise instead of the changes (the rules of `alerts show`), one line each; with --json the keys of `alerts check --json`. For a monitoring system.</source>
        <translation>Statt der Änderungen die Warnungen ausgeben, die sie auslösen (nach den Regeln von `alerts show`), je eine Zeile; mit --json mit den Schlüsseln von `alerts check --json`. Für ein Überwachungssystem.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--user needs a user id</source>
        <translation>--user braucht eine Benutzer-ID</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Unknown user %1: no such id in &quot;User&quot;</source>
        <translation>Unbekannter Benutzer %1: keine solche ID in &quot;User&quot;</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Connected again. %1</source>
        <translation>Wieder verbunden. %1</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Cannot read the audit log: %1. The events are shown when it can be read again.</source>
        <translation>Das Prüfprotokoll kann nicht gelesen werden: %1. Die Ereignisse werden angezeigt, sobald es wieder lesbar ist.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The audit log can be read again; watching.</source>
        <translation>Das Prüfprotokoll ist wieder lesbar; Überwachung läuft.</translation>
    </message>
</context>
<context>
    <name>WatchEventText</name>
    <message>
        <location filename="../app/cli/WatchEventText.cpp" line="+22"/>
        <source>%1 XP</source>
        <translation>%1 XP</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>user %1</source>
        <translation>Benutzer %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>database role %1</source>
        <translation>Datenbankrolle %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>database role %1 via %2</source>
        <translation>Datenbankrolle %1 über %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (as %2)</source>
        <translation>%1 (als %2)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>awarded %1 to %2</source>
        <translation>%1 an %2 vergeben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>adjusted %2 by %1</source>
        <translation>XP von %2 um %1 korrigiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rolled back %1 of %2</source>
        <translation>%1 von %2 storniert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>deleted %1 of %2 with its source</source>
        <translation>%1 von %2 mit ihrer Quelle gelöscht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>restored %1 of %2</source>
        <translation>%1 von %2 wiederhergestellt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>recalculated the total of %1</source>
        <translation>XP-Summe für %1 neu berechnet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>every user</source>
        <translation>alle Benutzer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>repaired the total of %1</source>
        <translation>XP-Summe von %1 repariert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>added the user %1</source>
        <translation>Benutzer %1 hinzugefügt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>imported %1 of legacy XP for %2</source>
        <translation>%1 aus Altdaten für %2 importiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>asked to adjust %2 by %1 (waits for approval)</source>
        <translation>Korrektur der XP von %2 um %1 beantragt (wartet auf Freigabe)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>approved an adjustment of %2 by %1</source>
        <translation>Korrektur der XP von %2 um %1 freigegeben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rejected an adjustment of %2 by %1</source>
        <translation>Korrektur der XP von %2 um %1 abgelehnt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>changed the approval threshold</source>
        <translation>Freigabeschwelle geändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>changed the reason codes</source>
        <translation>Grundcodes geändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>changed the adjustment limits</source>
        <translation>Korrekturlimits geändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>added demo data</source>
        <translation>Beispieldaten hinzugefügt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>closed the ledger up to %1</source>
        <translation>Hauptbuch bis %1 abgeschlossen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reopened the ledger after %1</source>
        <translation>Hauptbuch nach %1 wieder geöffnet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>inserted %1 for %2 directly in the database</source>
        <translation>%1 für %2 direkt in der Datenbank eingefügt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>deleted %1 of %2 directly in the database</source>
        <translation>%1 von %2 direkt in der Datenbank gelöscht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>updated a transaction of %2 directly in the database; it was %1</source>
        <translation>Buchung von %2 direkt in der Datenbank aktualisiert; sie war %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>updated a transaction of %2 directly in the database; it is now %1</source>
        <translation>Buchung von %2 direkt in der Datenbank aktualisiert; sie ist jetzt %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>deleted the total of %1 directly in the database</source>
        <translation>XP-Summe von %1 direkt in der Datenbank gelöscht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>set the total of %1 to %2 XP directly in the database, without a transaction</source>
        <translation>XP-Summe von %1 direkt in der Datenbank auf %2 XP gesetzt, ohne Buchung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>changed the total of %1 to %2 XP in the database</source>
        <translation>XP-Summe von %1 in der Datenbank auf %2 XP geändert</translation>
    </message>
</context>
<context>
    <name>WhatChangedDialog</name>
    <message>
        <location filename="../ui/diff/WhatChangedDialog.cpp" line="+50"/>
        <source>&amp;Compare</source>
        <translation>&amp;Vergleichen</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+136"/>
        <location line="+2"/>
        <source>What Changed</source>
        <translation>Was hat sich geändert</translation>
    </message>
    <message>
        <location line="-136"/>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Everyone (or type a name, email or id)</source>
        <translation>Alle (oder Name, E-Mail oder ID eingeben)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;To</source>
        <translation>&amp;Bis</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Period:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;User:</source>
        <translation>Ben&amp;utzer:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Transactions added, restored or removed</source>
        <translation>Hinzugefügte, wiederhergestellte oder entfernte Buchungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Users: total before and after</source>
        <translation>Benutzer: XP-Summe davor und danach</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Comparing…</source>
        <translation>Wird verglichen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rebuilding both moments from the audit log…</source>
        <translation>Beide Zeitpunkte werden aus dem Prüfprotokoll wiederhergestellt…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not compared: %1</source>
        <translation>Nicht verglichen: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>From %1 to %2: %n transaction(s) changed (%3 added, %4 restored, %5 removed).</source>
        <translation>
            <numerusform>Von %1 bis %2: %n Buchung geändert (%3 hinzugefügt, %4 wiederhergestellt, %5 entfernt).</numerusform>
            <numerusform>Von %1 bis %2: %n Buchungen geändert (%3 hinzugefügt, %4 wiederhergestellt, %5 entfernt).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n user(s) changed; every total reconciles (before + added − removed = after).</source>
        <translation>
            <numerusform>%n Benutzer geändert; jede Summe geht auf (davor + hinzugefügt − entfernt = danach).</numerusform>
            <numerusform>%n Benutzer geändert; jede Summe geht auf (davor + hinzugefügt − entfernt = danach).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n user(s) changed; some totals do not reconcile: see the marked rows.</source>
        <translation>
            <numerusform>%n Benutzer geändert; manche Summen gehen nicht auf: siehe die markierten Zeilen.</numerusform>
            <numerusform>%n Benutzer geändert; manche Summen gehen nicht auf: siehe die markierten Zeilen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The hash chain is broken at event %1 of the %n event(s) in between: %2</source>
        <translation>
            <numerusform>Die Hash-Kette ist bei Ereignis %1 des %n Ereignisses dazwischen gebrochen: %2</numerusform>
            <numerusform>Die Hash-Kette ist bei Ereignis %1 der %n Ereignisse dazwischen gebrochen: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>The hash chain of the %n audit event(s) in between is intact.</source>
        <translation>
            <numerusform>Die Hash-Kette des %n Prüfereignisses dazwischen ist intakt.</numerusform>
            <numerusform>Die Hash-Kette der %n Prüfereignisse dazwischen ist intakt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exact from %1; before it, rows are placed by their creation time.</source>
        <translation>Genau ab %1; davor werden Buchungen nach ihrem Erstellungszeitpunkt eingeordnet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The audit log is empty: rows are placed by their creation time, and rows removed are not known.</source>
        <translation>Das Prüfprotokoll ist leer: Buchungen werden nach ihrem Erstellungszeitpunkt eingeordnet, entfernte Buchungen sind nicht bekannt.</translation>
    </message>
</context>
<context>
    <name>XpEnums</name>
    <message>
        <location filename="../core/domain/XpEnums.cpp" line="+38"/>
        <source>Problem attempt</source>
        <translation>Lösungsversuch</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manual adjustment</source>
        <translation>Manuelle Korrektur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Special achievement</source>
        <translation>Besondere Errungenschaft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Daily streak</source>
        <translation>Tägliche Serie</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Correct answer</source>
        <translation>Richtige Antwort</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Streak bonus</source>
        <translation>Serienbonus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Achievement</source>
        <translation>Errungenschaft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manual</source>
        <translation>Manuell</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/GuiStart.cpp" line="+48"/>
        <source>Administration of the XP ledger.</source>
        <translation>Verwaltung des XP-Hauptbuchs.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show the version and exit.</source>
        <translation>Die Version zeigen und beenden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database: a file path or postgresql://URL.</source>
        <translation>Die Datenbank: ein Dateipfad oder eine postgresql://-URL.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A hot standby of the PostgreSQL database given with --db: history, totals, charts, exports, reports and verify read there, every change goes to --db.</source>
        <translation>Ein Hot-Standby-Server der mit --db angegebenen PostgreSQL-Datenbank: Verlauf, Summen, Diagramme, Exporte, Berichte und die Prüfung lesen dort, jede Änderung geht an --db.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the demo database (created on first use).</source>
        <translation>Die Beispieldatenbank öffnen (wird beim ersten Mal angelegt).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your name, as recorded in the audit log.</source>
        <translation>Ihr Name, wie er im Prüfprotokoll vermerkt wird.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write one chart to --out without opening a window: category-share, over-time, source-type or top-users.</source>
        <translation>Ein Diagramm nach --out schreiben, ohne ein Fenster zu öffnen: category-share, over-time, source-type oder top-users.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --export-chart: chart this user only.</source>
        <translation>Mit --export-chart: nur diesen Benutzer darstellen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With --export-chart: the first day charted.</source>
        <translation>Mit --export-chart: der erste dargestellte Tag.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With --export-chart: the last day charted.</source>
        <translation>Mit --export-chart: der letzte dargestellte Tag.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With --export-chart: the .png, .svg or .pdf file.</source>
        <translation>Mit --export-chart: die .png-, .svg- oder .pdf-Datei.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The ledger file to open (an SQLite database made by XP Admin).</source>
        <translation>Die zu öffnende Hauptbuchdatei (eine von XP Admin angelegte SQLite-Datenbank).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Give one ledger file at a time.</source>
        <translation>Geben Sie jeweils nur eine Hauptbuchdatei an.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give the ledger either as FILE or with --db, not both.</source>
        <translation>Geben Sie das Hauptbuch entweder als DATEI oder mit --db an, nicht beides.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--read-db needs the URL of a PostgreSQL standby, postgresql://user@host/database.</source>
        <translation>--read-db braucht die URL eines PostgreSQL-Standby-Servers, postgresql://user@host/database.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--read-db: %1</source>
        <translation>--read-db: %1</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>--read-db reads from a standby of a PostgreSQL database: give that database with --db URL.</source>
        <translation>--read-db liest von einem Standby-Server einer PostgreSQL-Datenbank: Geben Sie diese Datenbank mit --db URL an.</translation>
    </message>
    <message>
        <location line="-132"/>
        <source>The language of the window: en, de or fr (default: the system&apos;s).</source>
        <translation>Die Sprache des Fensters: en, de oder fr (Standard: die des Systems).</translation>
    </message>
</context>
</TS>
