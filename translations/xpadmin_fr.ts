<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../ui/help/AboutDialog.cpp" line="+41"/>
        <source>About XP Admin</source>
        <translation>À propos de XP Admin</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;h2&gt;XP Admin %1&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;XP Admin %1&lt;/h2&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Administration of the XP ledger: award, adjust, roll back and audit experience points.</source>
        <translation>Administration du registre XP&#xa0;: attribuer, ajuster, révoquer et auditer des points d&apos;expérience.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Qt %1
Database: %2
%3</source>
        <translation>Qt %1
Base de données&#xa0;: %2
%3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none open</source>
        <translation>aucune ouverte</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;a href=&quot;%1&quot;&gt;Project homepage&lt;/a&gt; · &lt;a href=&quot;%2&quot;&gt;Report a problem&lt;/a&gt; · &lt;a href=&quot;%3&quot;&gt;User manual&lt;/a&gt;</source>
        <translation>&lt;a href=&quot;%1&quot;&gt;Site du projet&lt;/a&gt; · &lt;a href=&quot;%2&quot;&gt;Signaler un problème&lt;/a&gt; · &lt;a href=&quot;%3&quot;&gt;Manuel&lt;/a&gt;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Licence: %1</source>
        <translation>Licence&#xa0;: %1</translation>
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
        <translation>Confirmer (Ctrl+Entrée)</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>You can see what the change would do, but not make it.</source>
        <translation>Vous voyez ce que la modification ferait, mais vous ne pouvez pas la faire.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Saving the change…</source>
        <translation>Enregistrement de la modification…</translation>
    </message>
</context>
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
    <message>
        <location line="+10"/>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2
Nothing was changed.</source>
        <translation>%1&#xa0;: %2
Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>and %1 more users</source>
        <translation>et %1 autres utilisateurs</translation>
    </message>
</context>
<context>
    <name>AdjustCommand</name>
    <message>
        <location filename="../ui/actions/AdjustCommand.cpp" line="+7"/>
        <source>Adjust XP of %1 by %2</source>
        <translation>Ajuster les XP de %1 de %2</translation>
    </message>
</context>
<context>
    <name>AdjustDialog</name>
    <message>
        <location filename="../ui/actions/AdjustDialog.cpp" line="+78"/>
        <source>Adjust XP</source>
        <translation>Ajuster les XP</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+349"/>
        <source>Adjust</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <location line="-348"/>
        <location line="+350"/>
        <source>Save the adjustment (Enter or Ctrl+Return)</source>
        <translation>Enregistrer l&apos;ajustement (Entrée ou Ctrl+Entrée)</translation>
    </message>
    <message>
        <location line="-343"/>
        <source>e.g. 50 or -25</source>
        <translation>p. ex. 50 ou -25</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The XP to add; a negative number deducts</source>
        <translation>Les XP à ajouter&#x202f;; un nombre négatif en retire</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The category the XP counts under in charts and reports; adjustments are usually %1</source>
        <translation>La catégorie sous laquelle les XP comptent dans les graphiques et les rapports&#xa0;; les ajustements sont en général %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Amount:</source>
        <translation>&amp;Montant&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ca&amp;tegory:</source>
        <translation>Ca&amp;tégorie&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reason:</source>
        <translation>Moti&amp;f&#xa0;:</translation>
    </message>
    <message>
        <location line="+64"/>
        <location line="+201"/>
        <source>id %1</source>
        <translation>id %1</translation>
    </message>
    <message>
        <location line="-173"/>
        <source>Current total</source>
        <translation>Total actuel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resulting total</source>
        <translation>Total résultant</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Current total: %1 -&gt; Resulting total: %2</source>
        <translation>Total actuel&#xa0;: %1 -&gt; Total résultant&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The user&apos;s current total could not be read: %1</source>
        <translation>Le total actuel de l&apos;utilisateur n&apos;a pas pu être lu&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>There is no user with id %1: nothing can be adjusted.</source>
        <translation>Il n&apos;existe aucun utilisateur avec l&apos;id %1&#xa0;: rien ne peut être ajusté.</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>This will wait for approval, not be applied: %1. It waits under Pending Approvals until another admin approves it.</source>
        <translation>Cet ajustement sera mis en attente d&apos;approbation, pas appliqué&#xa0;: %1. Il attend dans «&#xa0;Approbations en attente&#xa0;» qu&apos;un autre administrateur l&apos;approuve.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Enter the amount: a whole number of XP to add, or a negative number to deduct.</source>
        <translation>Saisissez le montant&#xa0;: un nombre entier de XP à ajouter, ou un nombre négatif à retirer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The amount</source>
        <translation>Le montant</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The resulting total would be %1, past the limit of what the ledger can hold (%2 to %3).</source>
        <translation>Le total résultant serait de %1, au-delà de ce que le registre peut contenir (%2 à %3).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Adds %1 XP.</source>
        <translation>Ajoute %1 XP.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deducts %1 XP.</source>
        <translation>Retire %1 XP.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A whole number: 50 adds XP, -50 deducts.</source>
        <translation>Un nombre entier&#xa0;: 50 ajoute des XP, -50 en retire.</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%Ln transaction(s)</source>
        <translation>
            <numerusform>%Ln transaction</numerusform>
            <numerusform>%Ln transactions</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The stored total %1 disagrees with the sum of the user&apos;s transactions, %2; the adjustment sets the total from the sum.</source>
        <translation>Le total enregistré %1 ne correspond pas à la somme des transactions de l&apos;utilisateur, %2&#x202f;; l&apos;ajustement recalcule le total à partir de la somme.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>After this adjustment %1 has a negative total (%2). That is allowed, but check that it is what you mean.</source>
        <translation>Après cet ajustement, %1 aura un total négatif (%2). C&apos;est permis, mais vérifiez que c&apos;est bien ce que vous voulez.</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>This needs approval by an admin: it will be held, not applied. Adjustments of more than %1 XP wait under Pending Approvals until another admin approves them.</source>
        <translation>Ceci doit être approuvé par un administrateur&#xa0;: l&apos;ajustement sera mis en attente, pas appliqué. Les ajustements de plus de %1 XP attendent dans « Approbations en attente » qu&apos;un autre administrateur les approuve.</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Adjust anyway</source>
        <translation>Ajuster quand même</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Request approval</source>
        <translation>Demander l&apos;approbation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the adjustment to Pending Approvals (Enter or Ctrl+Return)</source>
        <translation>Envoyer l&apos;ajustement dans « Approbations en attente » (Entrée ou Ctrl+Entrée)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The adjustment was not saved</source>
        <translation>L&apos;ajustement n&apos;a pas été enregistré</translation>
    </message>
</context>
<context>
    <name>Alert</name>
    <message>
        <location filename="../core/alerts/Alert.cpp" line="+24"/>
        <source>Large change</source>
        <translation>Modification importante</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Many changes in an hour</source>
        <translation>Nombreuses modifications en une heure</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Direct change of a total</source>
        <translation>Modification directe d&apos;un total</translation>
    </message>
</context>
<context>
    <name>AlertBar</name>
    <message>
        <location filename="../ui/alerts/AlertBar.cpp" line="+18"/>
        <source>Show &amp;Alerts</source>
        <translation>Afficher les al&amp;ertes</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Open the list of alerts (View &gt; Alerts)</source>
        <translation>Ouvrir la liste des alertes (Affichage &gt; Alertes)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dismiss</source>
        <translation>Ignorer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide this bar; the alerts stay in View &gt; Alerts</source>
        <translation>Masquer cette barre&#xa0;; les alertes restent dans Affichage &gt; Alertes</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n new alert(s). Latest: %1</source>
        <translation>
            <numerusform>%n nouvelle alerte. Dernière&#xa0;: %1</numerusform>
            <numerusform>%n nouvelles alertes. Dernière&#xa0;: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AlertCenter</name>
    <message>
        <location filename="../ui/alerts/AlertCenter.cpp" line="+21"/>
        <location line="+131"/>
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <location line="-129"/>
        <source>New Alerts</source>
        <translation>Nouvelles alertes</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+126"/>
        <source>Aler&amp;ts</source>
        <translation>Al&amp;ertes</translation>
    </message>
    <message>
        <location line="-125"/>
        <source>Alert R&amp;ules…</source>
        <translation>Rè&amp;gles d&apos;alerte…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Show the alerts raised while this window is open</source>
        <translation>Afficher les alertes déclenchées depuis l&apos;ouverture de cette fenêtre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The rules that raise alerts: a large change, many changes in an hour, a total changed in the database</source>
        <translation>Les règles qui déclenchent des alertes&#xa0;: une modification importante, de nombreuses modifications en une heure, un total modifié dans la base de données</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Alerts raised while this window is open, newest first. The rules are in Ledger &gt; Alert Rules…</source>
        <translation>Alertes déclenchées depuis l&apos;ouverture de cette fenêtre, les plus récentes d&apos;abord. Les règles se trouvent dans Registre &gt; Règles d&apos;alerte…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Show and change the alert rules</source>
        <translation>Afficher et modifier les règles d&apos;alerte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the alert rules. %1.</source>
        <translation>Afficher les règles d&apos;alerte. %1.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>New changes could not be checked for alerts: %1</source>
        <translation>Les nouvelles modifications n&apos;ont pas pu être contrôlées pour les alertes&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Aler&amp;ts (%1)</source>
        <translation>Al&amp;ertes (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alerts (%1 new)</source>
        <translation>Alertes (nouvelles&#xa0;: %1)</translation>
    </message>
</context>
<context>
    <name>AlertCommands</name>
    <message>
        <location filename="../app/cli/AlertCommands.cpp" line="+34"/>
        <source>off</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Large change:        %1</source>
        <translation>Modification importante&#xa0;:         %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>above %1 XP, up or down</source>
        <translation>au-delà de %1 XP, à la hausse ou à la baisse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Busy actor:          %1</source>
        <translation>Acteur très actif&#xa0;:               %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>more than %1 changes by one actor within an hour</source>
        <translation>plus de %1 modifications par un même acteur en une heure</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Direct total change: %1</source>
        <translation>Modification directe d&apos;un total&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>on</source>
        <translation>activé</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Usage: xpadmin-cli [global options] alerts show [--json]
       xpadmin-cli [global options] alerts set [--max-change N] [--max-per-hour M] [--direct-total on|off]
       xpadmin-cli [global options] alerts check [--since TIME | --from-seq N] [--json]

The alert rules are a setting of the database, shared by every desk: a single change above N XP (up or down), more than M changes by one actor within an hour, and any change of a cached total made directly in the database. 0 turns a limit off. Only the database&apos;s owner may set them; setting them is audited.
check lists the alerts that past audit events raise under the rules stored now, one line each (with --json one JSON object a line); its exit status is 1 when there is any, for a monitoring system that runs it on a schedule. Without --since or --from-seq it checks the last 24 hours.
</source>
        <translation>Usage&#xa0;: xpadmin-cli [options globales] alerts show [--json]
        xpadmin-cli [options globales] alerts set [--max-change N] [--max-per-hour M] [--direct-total on|off]
        xpadmin-cli [options globales] alerts check [--since TIME | --from-seq N] [--json]

Les règles d&apos;alerte sont un paramètre de la base de données, commun à tous les postes&#xa0;: une modification unique de plus de N XP (à la hausse ou à la baisse), plus de M modifications par un même acteur en une heure, et toute modification d&apos;un total en cache faite directement dans la base de données. 0 désactive une limite. Seul le propriétaire de la base de données peut les définir&#xa0;; leur définition est auditée.
check liste les alertes que les événements d&apos;audit passés déclenchent selon les règles enregistrées actuellement, une ligne chacune (avec --json, un objet JSON par ligne)&#xa0;; son code de sortie est 1 s&apos;il y en a au moins une, pour un système de supervision qui le lance à intervalles réguliers. Sans --since ni --from-seq, il contrôle les dernières 24 heures.
</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Shows the alert rules stored in the database.</source>
        <translation>Affiche les règles d&apos;alerte enregistrées dans la base de données.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the rules as JSON: maxChange, maxPerHour, directTotal.</source>
        <translation>Afficher les règles en JSON&#xa0;: maxChange, maxPerHour, directTotal.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Sets the alert rules given; the others stay as they are. 0 turns a limit off.</source>
        <translation>Définit les règles d&apos;alerte indiquées&#xa0;; les autres restent inchangées. 0 désactive une limite.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alert on a single change whose amount, up or down, is above N XP (0: off).</source>
        <translation>Alerter pour toute modification unique dont le montant, à la hausse ou à la baisse, dépasse N XP (0&#xa0;: désactivé).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alert when one actor makes more than M changes within an hour (0: off).</source>
        <translation>Alerter quand un acteur fait plus de M modifications en une heure (0&#xa0;: désactivé).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alert when a cached total is changed directly in the database.</source>
        <translation>Alerter quand un total en cache est modifié directement dans la base de données.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>give at least one of --max-change, --max-per-hour, --direct-total</source>
        <translation>indiquez au moins une des options --max-change, --max-per-hour, --direct-total</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Lists the alerts that the audit events of a period raise under the rules stored now. Exit status 1 when there is any.</source>
        <translation>Liste les alertes que les événements d&apos;audit d&apos;une période déclenchent selon les règles enregistrées actuellement. Code de sortie 1 s&apos;il y en a au moins une.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check the events from this date or time on (default: the last 24 hours).</source>
        <translation>Contrôler les événements à partir de cette date ou heure (par défaut&#xa0;: les dernières 24 heures).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the events from audit event N on.</source>
        <translation>Contrôler les événements à partir de l&apos;événement d&apos;audit N.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One JSON object a line for each alert.</source>
        <translation>Un objet JSON par ligne pour chaque alerte.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>give --since or --from-seq, not both</source>
        <translation>indiquez --since ou --from-seq, pas les deux</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>No alerts.</source>
        <translation>Aucune alerte.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No alerts: every alert rule is off (xpadmin-cli alerts set).</source>
        <translation>Aucune alerte&#xa0;: toutes les règles d&apos;alerte sont désactivées (xpadmin-cli alerts set).</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>These changes could not be checked for alerts: %1</source>
        <translation>Ces modifications n&apos;ont pas pu être contrôlées pour les alertes&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1  ALERT %2  #%3  %4</source>
        <translation>%1  ALERTE %2  #%3  %4</translation>
    </message>
</context>
<context>
    <name>AlertListModel</name>
    <message>
        <location filename="../models/AlertListModel.cpp" line="+38"/>
        <source>%1
Audit event #%2</source>
        <translation>%1
Événement d&apos;audit n°&#xa0;%2</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rule</source>
        <translation>Règle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alert</source>
        <translation>Alerte</translation>
    </message>
</context>
<context>
    <name>AlertRules</name>
    <message>
        <location filename="../core/alerts/AlertRules.cpp" line="+9"/>
        <source>The %1 %2 is not valid: give a whole number from 0 (off) to %3</source>
        <translation>%1&#xa0;: la valeur %2 n&apos;est pas valide&#xa0;; indiquez un nombre entier de 0 (désactivé) à %3</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>largest single change (--max-change)</source>
        <translation>plus grande modification unique (--max-change)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>changes an hour by one actor (--max-per-hour)</source>
        <translation>modifications par heure d&apos;un même acteur (--max-per-hour)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>direct change of a total (--direct-total)</source>
        <translation>modification directe d&apos;un total (--direct-total)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>a single change above %1 XP</source>
        <translation>une modification unique de plus de %1 XP</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>a single change above a limit: off</source>
        <translation>une modification unique au-delà d&apos;une limite&#xa0;: désactivé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>more than %1 changes by one actor in an hour</source>
        <translation>plus de %1 modifications par un même acteur en une heure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>many changes by one actor in an hour: off</source>
        <translation>de nombreuses modifications par un même acteur en une heure&#xa0;: désactivé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a direct change of a total: on</source>
        <translation>une modification directe d&apos;un total&#xa0;: activé</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>a direct change of a total: off</source>
        <translation>une modification directe d&apos;un total&#xa0;: désactivé</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The %1 %2 is not valid: give on or off</source>
        <translation>%1&#xa0;: la valeur %2 n&apos;est pas valide&#xa0;; indiquez on ou off</translation>
    </message>
</context>
<context>
    <name>AlertRulesDialog</name>
    <message>
        <location filename="../ui/alerts/AlertRulesDialog.cpp" line="+22"/>
        <source>Alert on a single &amp;change above</source>
        <translation>Alerter pour une &amp;modification unique supérieure à</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Alert when one actor makes &amp;more than</source>
        <translation>Alerter quand un acteur fait &amp;plus de</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Alert on a &amp;direct change of a total in the database</source>
        <translation>Alerter en cas de modification &amp;directe d&apos;un total dans la base de données</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Alert Rules</source>
        <translation>Règles d&apos;alerte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alerts appear in every desk&apos;s window as the changes happen (View &gt; Alerts), and in xpadmin-cli watch --alerts. The rules are a setting of the database, shared by every desk; changing them is recorded in the audit log.</source>
        <translation>Les alertes apparaissent dans la fenêtre de chaque poste à mesure que les modifications ont lieu (Affichage &gt; Alertes), et dans xpadmin-cli watch --alerts. Les règles sont un paramètre de la base de données, commun à tous les postes&#xa0;; leur modification est consignée dans le journal d&apos;audit.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Up or down: an award, an adjustment, a rollback or a row changed in the database.</source>
        <translation>À la hausse ou à la baisse&#xa0;: une attribution, un ajustement, une révocation ou une ligne modifiée dans la base de données.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Counted per database login or web app role; the alert comes once, at the first change over the limit.</source>
        <translation>Compté par connexion à la base de données ou par rôle de l&apos;application web&#xa0;; l&apos;alerte n&apos;est émise qu&apos;une fois, à la première modification au-delà de la limite.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A cached total changed with no transaction behind it, as by a console UPDATE.</source>
        <translation>Un total en cache modifié sans aucune transaction correspondante, comme par un UPDATE en console.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>XP</source>
        <translation>XP</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>changes within an hour</source>
        <translation>modifications en une heure</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The alert rules could not be read: %1</source>
        <translation>Les règles d&apos;alerte n&apos;ont pas pu être lues&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Off: no alert for a change, however large</source>
        <translation>Désactivé&#xa0;: aucune alerte pour une modification, quelle que soit son ampleur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A change whose amount, up or down, is above this raises an alert</source>
        <translation>Une modification dont le montant, à la hausse ou à la baisse, dépasse cette valeur déclenche une alerte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Off: no alert for many changes by one actor</source>
        <translation>Désactivé&#xa0;: aucune alerte pour de nombreuses modifications par un même acteur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One actor making more changes than this within an hour raises an alert</source>
        <translation>Un acteur qui fait plus de modifications que cette valeur en une heure déclenche une alerte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A total changed in the database without a transaction raises an alert</source>
        <translation>Un total modifié dans la base de données sans transaction déclenche une alerte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store the rules in the database, for every desk</source>
        <translation>Enregistrer les règles dans la base de données, pour tous les postes</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Give the %1 as a whole number above 0, or turn the rule off</source>
        <translation>Indiquez %1 sous la forme d&apos;un nombre entier supérieur à 0, ou désactivez la règle</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>largest single change</source>
        <translation>la plus grande modification unique</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>number of changes an hour</source>
        <translation>le nombre de modifications par heure</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The alert rules were not changed: %1</source>
        <translation>Les règles d&apos;alerte n&apos;ont pas été modifiées&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Alert rules saved: %1</source>
        <translation>Règles d&apos;alerte enregistrées&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>AlertSettings</name>
    <message>
        <location filename="../core/alerts/AlertSettings.cpp" line="+31"/>
        <source>The %1 stored in the database, %2, is not valid: set the alert rules again with xpadmin-cli alerts set</source>
        <translation>%1&#xa0;: la valeur enregistrée dans la base de données, %2, n&apos;est pas valide&#xa0;; redéfinissez les règles d&apos;alerte avec xpadmin-cli alerts set</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>alert rules changed from: %1; to: %2</source>
        <translation>règles d&apos;alerte modifiées, avant&#xa0;: %1&#xa0;; après&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>AlertText</name>
    <message>
        <location filename="../core/alerts/AlertText.cpp" line="+47"/>
        <source>%1 awarded %2 XP to %3</source>
        <translation>%1 a attribué %2 XP à %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 adjusted the XP of %2 by %3</source>
        <translation>%1 a ajusté les XP de %2 de %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 restored a transaction of %2 XP for %3</source>
        <translation>%1 a restauré une transaction de %2 XP pour %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 imported a transaction of %2 XP for %3</source>
        <translation>%1 a importé une transaction de %2 XP pour %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 removed a transaction of %2 XP of %3</source>
        <translation>%1 a supprimé une transaction de %2 XP de %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 inserted a transaction of %2 XP for %3 directly in the database</source>
        <translation>%1 a inséré directement dans la base de données une transaction de %2 XP pour %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 deleted a transaction of %2 XP of %3 directly in the database</source>
        <translation>%1 a supprimé directement dans la base de données une transaction de %2 XP de %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 changed a transaction of %2 directly in the database, to %3 XP</source>
        <translation>%1 a modifié directement dans la base de données une transaction de %2, à %3 XP</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 made a change of %2 XP for %3</source>
        <translation>%1 a fait une modification de %2 XP pour %3</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>database role %1</source>
        <translation>rôle de base de données %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>database role %1 (%2)</source>
        <translation>rôle de base de données %1 (%2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (login %2)</source>
        <translation>%1 (connexion %2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>no user</source>
        <translation>aucun utilisateur</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, above the alert limit of %2 XP for a single change.</source>
        <translation>%1, au-delà de la limite d&apos;alerte de %2 XP pour une modification unique.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 made %2 changes within an hour, more than the alert limit of %3 an hour</source>
        <translation>%1 a fait %2 modifications en une heure, plus que la limite d&apos;alerte de %3 par heure</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1.</source>
        <translation>%1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (the latest: %2 XP for %3).</source>
        <translation>%1 (la dernière&#xa0;: %2 XP pour %3).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 changed the total XP of %2 directly in the database, from %3 to %4, with no transaction behind it.</source>
        <translation>%1 a modifié le total d&apos;XP de %2 directement dans la base de données, de %3 à %4, sans aucune transaction correspondante.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 set the total XP of %2 directly in the database to %3, with no transaction behind it.</source>
        <translation>%1 a fixé le total d&apos;XP de %2 à %3 directement dans la base de données, sans aucune transaction correspondante.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 deleted the total XP of %2 directly in the database.</source>
        <translation>%1 a supprimé le total d&apos;XP de %2 directement dans la base de données.</translation>
    </message>
</context>
<context>
    <name>AlertsPanel</name>
    <message>
        <location filename="../ui/alerts/AlertsPanel.cpp" line="+19"/>
        <source>Show &amp;User</source>
        <translation>Afficher l&apos;&amp;utilisateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show in Audit &amp;Log</source>
        <translation>Afficher dans le &amp;journal d&apos;audit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lear List</source>
        <translation>&amp;Vider la liste</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Select the alert&apos;s user and show their history</source>
        <translation>Sélectionner l&apos;utilisateur de l&apos;alerte et afficher son historique</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the audit event that raised the alert (Enter)</source>
        <translation>Afficher l&apos;événement d&apos;audit qui a déclenché l&apos;alerte (Entrée)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Empty this list; the audit log keeps every event</source>
        <translation>Vider cette liste&#xa0;; le journal d&apos;audit conserve tous les événements</translation>
    </message>
</context>
<context>
    <name>AnchorCheck</name>
    <message>
        <location filename="../core/audit/AuditAnchor.cpp" line="+152"/>
        <source>the anchor was taken from an empty log; the log now has %1 events</source>
        <translation>l&apos;ancre a été prise sur un journal vide&#x202f;; le journal compte maintenant %1 événements</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>event %1 is still the newest and has the anchored hash</source>
        <translation>l&apos;événement %1 est toujours le plus récent et a l&apos;empreinte ancrée</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>event %1 still has the anchored hash; event %2 was added since</source>
        <translation>l&apos;événement %1 a toujours l&apos;empreinte ancrée&#x202f;; l&apos;événement %2 a été ajouté depuis</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>event %1 still has the anchored hash; events %2 to %3 were added since</source>
        <translation>l&apos;événement %1 a toujours l&apos;empreinte ancrée&#x202f;; les événements %2 à %3 ont été ajoutés depuis</translation>
    </message>
</context>
<context>
    <name>ApprovalCommands</name>
    <message>
        <location filename="../app/cli/ApprovalCommands.cpp" line="+29"/>
        <source>ticket %1</source>
        <translation>ticket %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>give the request id (xpadmin-cli pending list shows them)</source>
        <translation>indiquez l&apos;id de la demande (xpadmin-cli pending list les affiche)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Usage: xpadmin-cli [global options] pending list [--all]
       xpadmin-cli [global options] pending approve ID [--reason TEXT]
       xpadmin-cli [global options] pending reject ID --reason TEXT
       xpadmin-cli [global options] pending threshold [N|off]

An adjustment whose amount (up or down) is above the approval threshold is not applied: it waits here until another person approves it (it is then applied) or rejects it. Nobody approves their own request; the requester may reject (withdraw) it. threshold without a value shows it; off applies every adjustment at once.
</source>
        <translation>Usage&#xa0;: xpadmin-cli [options globales] pending list [--all]
        xpadmin-cli [options globales] pending approve ID [--reason TEXT]
        xpadmin-cli [options globales] pending reject ID --reason TEXT
        xpadmin-cli [options globales] pending threshold [N|off]

Un ajustement dont le montant (à la hausse ou à la baisse) dépasse le seuil d&apos;approbation n&apos;est pas appliqué&#xa0;: il attend ici qu&apos;une autre personne l&apos;approuve (il est alors appliqué) ou le rejette. Personne n&apos;approuve sa propre demande&#x202f;; le demandeur peut la rejeter (la retirer). threshold sans valeur affiche le seuil&#x202f;; off applique chaque ajustement immédiatement.
</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>pending: give a subcommand, list, approve, reject or threshold (see xpadmin-cli pending --help)</source>
        <translation>pending&#xa0;: indiquez une sous-commande, list, approve, reject ou threshold (voir xpadmin-cli pending --help)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pending: unknown subcommand %1; use list, approve, reject or threshold (see xpadmin-cli pending --help)</source>
        <translation>pending&#xa0;: sous-commande inconnue %1&#x202f;; utilisez list, approve, reject ou threshold (voir xpadmin-cli pending --help)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The adjustment was held for approval as request %1, but the request cannot be read back</source>
        <translation>L&apos;ajustement a été mis en attente d&apos;approbation sous la demande %1, mais la demande ne peut pas être relue</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Pending approval, id %1: the adjustment of %2 XP for user %3 is above the approval threshold of %4 XP, so it was not applied.</source>
        <translation>En attente d&apos;approbation, id %1&#xa0;: l&apos;ajustement de %2 XP pour l&apos;utilisateur %3 dépasse le seuil d&apos;approbation de %4 XP, il n&apos;a donc pas été appliqué.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Pending approval, id %1: the adjustment of %2 XP for user %3 was not applied, because %4.</source>
        <translation>En attente d&apos;approbation, id %1&#xa0;: l&apos;ajustement de %2 XP pour l&apos;utilisateur %3 n&apos;a pas été appliqué, car %4.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Another admin applies it with: xpadmin-cli pending approve %1</source>
        <translation>Un autre administrateur l&apos;applique avec&#xa0;: xpadmin-cli pending approve %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Lists the adjustments waiting for approval, oldest first.</source>
        <translation>Liste les ajustements en attente d&apos;approbation, les plus anciens d&apos;abord.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also list the approved and rejected requests.</source>
        <translation>Lister aussi les demandes approuvées et rejetées.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>No adjustments are waiting for approval.</source>
        <translation>Aucun ajustement n&apos;est en attente d&apos;approbation.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>REQUESTED (UTC)</source>
        <translation>DEMANDÉE LE (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>USER</source>
        <translation>UTILISATEUR</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>AMOUNT</source>
        <translation>MONTANT</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>STATE</source>
        <translation>ÉTAT</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>HELD FOR</source>
        <translation>EN ATTENTE CAR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>REQUESTED BY</source>
        <translation>DEMANDÉE PAR</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>REASON</source>
        <translation>MOTIF</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Approves an adjustment held for approval: applies it (a transaction, the user&apos;s total recalculated) and records the decision. Nobody approves their own request.</source>
        <translation>Approuve un ajustement en attente d&apos;approbation&#xa0;: l&apos;applique (une transaction, le total de l&apos;utilisateur recalculé) et consigne la décision. Personne n&apos;approuve sa propre demande.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Approved request %1 (requested by %2) and applied it:</source>
        <translation>Demande %1 (demandée par %2) approuvée et appliquée&#xa0;:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Rejects an adjustment held for approval: records the decision; no XP changes.</source>
        <translation>Rejette un ajustement en attente d&apos;approbation&#xa0;: consigne la décision&#x202f;; les XP ne changent pas.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Rejected request %1: %2 XP for user %3 was not applied.</source>
        <translation>Demande %1 rejetée&#xa0;: les %2 XP pour l&apos;utilisateur %3 n&apos;ont pas été appliqués.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Shows the approval threshold, or sets it: an adjustment whose amount, up or down, is above N XP waits for another person&apos;s approval. off: every adjustment is applied at once. Default %1.</source>
        <translation>Affiche le seuil d&apos;approbation, ou le définit&#xa0;: un ajustement dont le montant, à la hausse ou à la baisse, dépasse N XP attend l&apos;approbation d&apos;une autre personne. off&#xa0;: chaque ajustement est appliqué immédiatement. Par défaut %1.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Approval threshold: %1 XP (adjustments above it, up or down, wait for another person&apos;s approval)</source>
        <translation>Seuil d&apos;approbation&#xa0;: %1 XP (les ajustements au-delà, à la hausse ou à la baisse, attendent l&apos;approbation d&apos;une autre personne)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Approval threshold: off (every adjustment is applied at once)</source>
        <translation>Seuil d&apos;approbation&#xa0;: désactivé (chaque ajustement est appliqué immédiatement)</translation>
    </message>
</context>
<context>
    <name>ApprovalGate</name>
    <message>
        <location filename="../core/ledger/ApprovalGate.cpp" line="+37"/>
        <source>The approval threshold %1 is not valid: give a whole number of XP from 0 to %2, or &quot;off&quot; to apply every adjustment at once</source>
        <translation>Le seuil d&apos;approbation %1 n&apos;est pas valide&#xa0;: indiquez un nombre entier de XP de 0 à %2, ou «&#xa0;off&#xa0;» pour appliquer chaque ajustement immédiatement</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The approval threshold stored in the database, %1, is not valid: set it again with xpadmin-cli pending threshold N</source>
        <translation>Le seuil d&apos;approbation enregistré dans la base de données, %1, n&apos;est pas valide&#xa0;: définissez-le à nouveau avec xpadmin-cli pending threshold N</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>approval threshold changed from %1 to %2</source>
        <translation>seuil d&apos;approbation modifié de %1 à %2</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>user</source>
        <translation>utilisateur</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>amount</source>
        <translation>montant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reason</source>
        <translation>motif</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>description</source>
        <translation>description</translation>
    </message>
</context>
<context>
    <name>ApprovalPolicy</name>
    <message>
        <location filename="../core/approval/ApprovalPolicy.cpp" line="+25"/>
        <source>Refused: you asked for this adjustment yourself (as %1), and an adjustment above the approval threshold needs a second person. Another admin must approve it. Nothing was changed.</source>
        <translation>Refusé&#xa0;: vous avez demandé cet ajustement vous-même (en tant que %1), et un ajustement au-delà du seuil d&apos;approbation nécessite une deuxième personne. Un autre administrateur doit l&apos;approuver. Rien n&apos;a été modifié.</translation>
    </message>
</context>
<context>
    <name>ApprovalQueue</name>
    <message>
        <location filename="../core/approval/ApprovalQueue.cpp" line="+37"/>
        <source>request id</source>
        <translation>id de demande</translation>
    </message>
    <message>
        <location line="+58"/>
        <location line="+1"/>
        <source>reason</source>
        <translation>motif</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>There is no adjustment request with id %1 (xpadmin-cli pending list shows them)</source>
        <translation>Il n&apos;existe aucune demande d&apos;ajustement avec l&apos;id %1 (xpadmin-cli pending list les affiche)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Adjustment request %1 was already approved by %2 (login %3) at %4: a request is decided once. Nothing was changed.</source>
        <translation>La demande d&apos;ajustement %1 a déjà été approuvée par %2 (connexion %3) le %4&#xa0;: une demande n&apos;est tranchée qu&apos;une fois. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Adjustment request %1 was already rejected by %2 (login %3) at %4: a request is decided once. Nothing was changed.</source>
        <translation>La demande d&apos;ajustement %1 a déjà été rejetée par %2 (connexion %3) le %4&#xa0;: une demande n&apos;est tranchée qu&apos;une fois. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Adjustment request %1 was decided by someone else at the same time. Nothing was changed.</source>
        <translation>La demande d&apos;ajustement %1 a été tranchée par quelqu&apos;un d&apos;autre au même moment. Rien n&apos;a été modifié.</translation>
    </message>
</context>
<context>
    <name>AsOfBanner</name>
    <message>
        <location filename="../ui/common/AsOfBanner.cpp" line="+11"/>
        <source>Back to Now</source>
        <translation>Revenir à maintenant</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Show today&apos;s ledger again. Changes to the ledger wait until then.</source>
        <translation>Afficher de nouveau le registre d&apos;aujourd&apos;hui. Les modifications du registre attendent jusque-là.</translation>
    </message>
</context>
<context>
    <name>AsOfButton</name>
    <message>
        <location filename="../ui/common/AsOfButton.cpp" line="+28"/>
        <source>As of…</source>
        <translation>État à…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the ledger as it stood at a past moment, in the History, Charts and Users (Ctrl+Shift+T)</source>
        <translation>Afficher le registre tel qu&apos;il était à un moment passé, dans l&apos;historique, les graphiques et les utilisateurs (Ctrl+Maj+T)</translation>
    </message>
</context>
<context>
    <name>AsOfPopup</name>
    <message>
        <location filename="../ui/common/AsOfPopup.cpp" line="+19"/>
        <source>&amp;Show</source>
        <translation>&amp;Afficher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Now</source>
        <translation>&amp;Maintenant</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show the ledger as it stood at:</source>
        <translation>Afficher le registre tel qu&apos;il était le&#xa0;:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Local time. The rows that existed then, with the totals they summed to, are rebuilt from today&apos;s rows and the audit log.</source>
        <translation>Heure locale. Les transactions qui existaient alors, et leurs totaux, sont reconstruites à partir des transactions d&apos;aujourd&apos;hui et du journal d&apos;audit.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show the History, Charts and Users as of this moment (Enter)</source>
        <translation>Afficher l&apos;historique, les graphiques et les utilisateurs à ce moment (Entrée)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show today&apos;s ledger again</source>
        <translation>Afficher de nouveau le registre d&apos;aujourd&apos;hui</translation>
    </message>
</context>
<context>
    <name>AuditAnchor</name>
    <message>
        <location filename="../core/audit/AuditAnchor.cpp" line="-55"/>
        <source>%1 is not an audit anchor: make one with `xpadmin-cli audit anchor --out FILE`</source>
        <translation>%1 n&apos;est pas une ancre d&apos;audit&#xa0;: créez-en une avec `xpadmin-cli audit anchor --out FILE`</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is an audit anchor of format version %2; this XP Admin reads version %3</source>
        <translation>%1 est une ancre d&apos;audit de version de format %2&#x202f;; cette version de XP Admin lit la version %3</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The audit anchor %1 is damaged: its seq, hash or chainId is not valid</source>
        <translation>L&apos;ancre d&apos;audit %1 est endommagée&#xa0;: son seq, son hash ou son chainId n&apos;est pas valide</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot read the audit anchor %1: %2</source>
        <translation>Impossible de lire l&apos;ancre d&apos;audit %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>AuditAnchorCheck</name>
    <message>
        <location line="+42"/>
        <source>an unknown time</source>
        <translation>un moment inconnu</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the audit log is empty, but the anchor taken at %1 recorded event %2: events 1 to %2 are missing</source>
        <translation>le journal d&apos;audit est vide, mais l&apos;ancre prise à %1 a enregistré l&apos;événement %2&#xa0;: les événements 1 à %2 manquent</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>events %1 to %2 are missing: the audit log ends at event %3, but the anchor taken at %4 recorded event %2 (the newest events were removed)</source>
        <translation>les événements %1 à %2 manquent&#xa0;: le journal d&apos;audit se termine à l&apos;événement %3, mais l&apos;ancre prise à %4 a enregistré l&apos;événement %2 (les événements les plus récents ont été supprimés)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>event %1, recorded by the anchor taken at %2, is missing</source>
        <translation>l&apos;événement %1, enregistré par l&apos;ancre prise à %2, manque</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the anchor does not belong to this audit log: its event 1 differs (the anchor was taken from %1, or the whole log was rewritten)</source>
        <translation>l&apos;ancre n&apos;appartient pas à ce journal d&apos;audit&#xa0;: son événement 1 diffère (l&apos;ancre a été prise sur %1, ou tout le journal a été réécrit)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>event %1 no longer has the hash recorded by the anchor taken at %2: the log was rewritten up to there</source>
        <translation>l&apos;événement %1 n&apos;a plus l&apos;empreinte enregistrée par l&apos;ancre prise à %2&#xa0;: le journal a été réécrit jusque-là</translation>
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
        <translation>Usage&#xa0;: xpadmin-cli [options globales] audit anchor --out FILE
        xpadmin-cli [options globales] audit report --user ID [--since DATE] [--until DATE] --out FILE.pdf|FILE.csv

anchor écrit l&apos;événement d&apos;audit le plus récent et son empreinte dans un petit fichier JSON&#x202f;; conservez-le à l&apos;écart de la base de données&#xa0;: plus tard, `xpadmin-cli verify --anchor FILE` indique si un événement jusqu&apos;à celui-ci a été modifié ou supprimé, y compris les plus récents.
report liste tous les événements d&apos;audit d&apos;un utilisateur sur une période, avec leur empreinte, en PDF ou CSV, pour qu&apos;un auditeur les archive.
</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>audit: give a subcommand, anchor or report (see xpadmin-cli audit --help)</source>
        <translation>audit&#xa0;: indiquez une sous-commande, anchor ou report (voir xpadmin-cli audit --help)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>audit: unknown subcommand %1; use anchor or report (see xpadmin-cli audit --help)</source>
        <translation>audit&#xa0;: sous-commande inconnue %1&#x202f;; utilisez anchor ou report (voir xpadmin-cli audit --help)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Writes the newest audit event&apos;s seq and hash, with the ledger&apos;s identity and the time, to FILE (JSON). Keep the file where the database&apos;s users cannot change it; `xpadmin-cli verify --anchor FILE` then also finds the newest events removed.</source>
        <translation>Écrit le n° et l&apos;empreinte de l&apos;événement d&apos;audit le plus récent, avec l&apos;identité du registre et l&apos;heure, dans FILE (JSON). Conservez le fichier là où les utilisateurs de la base de données ne peuvent pas le modifier&#x202f;; `xpadmin-cli verify --anchor FILE` détecte alors aussi la suppression des événements les plus récents.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The anchor file to write.</source>
        <translation>Le fichier d&apos;ancre à écrire.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Anchored an empty audit log in %1</source>
        <translation>Journal d&apos;audit vide ancré dans %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anchored audit event %1 (hash %2) in %3</source>
        <translation>Événement d&apos;audit %1 (empreinte %2) ancré dans %3</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Lists every audit event of one user in a period, oldest first, with seq, time, actor, operator, action, amount, reason and hash, under a header that names the user, the period, the database, when it was made and the newest hash of the whole log.</source>
        <translation>Liste tous les événements d&apos;audit d&apos;un utilisateur sur une période, les plus anciens d&apos;abord, avec n°, heure, acteur, opérateur, action, montant, motif et empreinte, sous un en-tête qui indique l&apos;utilisateur, la période, la base de données, la date de création et l&apos;empreinte la plus récente de tout le journal.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The user the report is for.</source>
        <translation>L&apos;utilisateur concerné par le rapport.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The first day (or moment) of the period; default: the first event.</source>
        <translation>Le premier jour (ou instant) de la période&#x202f;; par défaut&#xa0;: le premier événement.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The last day of the period (a bare date includes that whole day); default: now.</source>
        <translation>Le dernier jour de la période (une date seule inclut toute la journée)&#x202f;; par défaut&#xa0;: maintenant.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The report to write: a .pdf or a .csv file. It appears only when complete.</source>
        <translation>Le rapport à écrire&#xa0;: un fichier .pdf ou .csv. Il n&apos;apparaît qu&apos;une fois terminé.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>--out %1 is neither a PDF nor a CSV file name: end it with .pdf or .csv</source>
        <translation>--out %1 n&apos;est ni un nom de fichier PDF ni un nom de fichier CSV&#xa0;: terminez-le par .pdf ou .csv</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot draw a PDF here: the Qt GUI platform did not start</source>
        <translation>Impossible de dessiner un PDF ici&#xa0;: la plateforme graphique de Qt n&apos;a pas démarré</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>Writing the report: %1 of %n event(s)</source>
        <translation>
            <numerusform>Écriture du rapport&#xa0;: %1 sur %n événement</numerusform>
            <numerusform>Écriture du rapport&#xa0;: %1 sur %n événements</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Wrote %1 audit events of user %2 to %3</source>
        <translation>%1 événements d&apos;audit de l&apos;utilisateur %2 écrits dans %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No audit event of user %1 in this period: check the id and the dates</source>
        <translation>Aucun événement d&apos;audit de l&apos;utilisateur %1 sur cette période&#xa0;: vérifiez l&apos;id et les dates</translation>
    </message>
</context>
<context>
    <name>AuditCsvExport</name>
    <message numerus="yes">
        <location filename="../core/audit/AuditCsvExport.cpp" line="+61"/>
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n événement</numerusform>
            <numerusform>%n événements</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditEventDetail</name>
    <message>
        <location filename="../ui/audit/AuditEventDetail.cpp" line="+122"/>
        <source>Seq</source>
        <translation>N°</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>When</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>UTC</source>
        <translation>UTC</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator</source>
        <translation>Opérateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operation</source>
        <translation>Opération</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Select an event to see what it changed.</source>
        <translation>Sélectionnez un événement pour voir ce qu&apos;il a modifié.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transaction</source>
        <translation>Transaction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason code</source>
        <translation>Code de motif</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Technical details</source>
        <translation>Détails techniques</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The recorded fields, the hashes that chain the event, and its snapshot</source>
        <translation>Les champs enregistrés, les empreintes qui enchaînent l&apos;événement et son instantané</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Login</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>User id</source>
        <translation>Id de l&apos;utilisateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prev hash</source>
        <translation>Empreinte précédente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hash</source>
        <translation>Empreinte</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The database login (PostgreSQL) or operating-system user (SQLite)</source>
        <translation>La connexion à la base de données (PostgreSQL) ou l&apos;utilisateur du système (SQLite)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The person named when XP Admin was started</source>
        <translation>La personne indiquée au démarrage de XP Admin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every event of one operation shares this id</source>
        <translation>Tous les événements d&apos;une même opération partagent cet id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The hash of the event before this one</source>
        <translation>L&apos;empreinte de l&apos;événement précédent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SHA-256 of the previous hash and this event&apos;s fields</source>
        <translation>SHA-256 de l&apos;empreinte précédente et des champs de cet événement</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>ticket %1</source>
        <translation>ticket %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Event %1: %2 (%3 events selected)</source>
        <translation>Événement %1&#xa0;: %2 (%3 événements sélectionnés)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event %1: %2</source>
        <translation>Événement %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Database or system login: %1</source>
        <translation>Connexion à la base de données ou au système&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>id %1</source>
        <translation>id %1</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>The full rows affected, or the totals before and after, as recorded</source>
        <translation>Les lignes concernées en entier, ou les totaux avant et après, tels qu&apos;enregistrés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No snapshot</source>
        <translation>Aucun instantané</translation>
    </message>
</context>
<context>
    <name>AuditFilterBar</name>
    <message>
        <location filename="../ui/audit/AuditFilterBar.cpp" line="+27"/>
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Until</source>
        <translation>Jusqu&apos;au</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Only events of this action</source>
        <translation>Uniquement les événements de cette action</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All actions</source>
        <translation>Toutes les actions</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Actor or operator</source>
        <translation>Acteur ou opérateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only events whose login or operator contains this text (any case)</source>
        <translation>Uniquement les événements dont la connexion ou l&apos;opérateur contient ce texte (sans tenir compte de la casse)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Only events on or after this day (local time)</source>
        <translation>Uniquement les événements de ce jour ou après (heure locale)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only events on or before this day (local time)</source>
        <translation>Uniquement les événements de ce jour ou avant (heure locale)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show newest</source>
        <translation>Afficher les plus récents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the log from its newest event again</source>
        <translation>Lister à nouveau le journal depuis son événement le plus récent</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show all operations</source>
        <translation>Afficher toutes les opérations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the events of every operation again</source>
        <translation>Lister de nouveau les événements de toutes les opérations</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show every event</source>
        <translation>Afficher tous les événements</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>One operation only</source>
        <translation>Une seule opération</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operation id %1</source>
        <translation>Id d&apos;opération %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>From event %1 down</source>
        <translation>À partir de l&apos;événement %1 en descendant</translation>
    </message>
</context>
<context>
    <name>AuditLogActions</name>
    <message>
        <location filename="../ui/audit/AuditLogActions.cpp" line="+30"/>
        <source>&amp;Verify</source>
        <translation>&amp;Vérifier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Exporter en CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verify Against &amp;Anchor…</source>
        <translation>Vérifier par rapport à une &amp;ancre…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save Anchor…</source>
        <translation>Enregi&amp;strer une ancre…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit &amp;Report…</source>
        <translation>&amp;Rapport d&apos;audit…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Check the audit log&apos;s hash chain and every user&apos;s cached total (Ctrl+Shift+V)</source>
        <translation>Vérifier la chaîne d&apos;empreintes du journal d&apos;audit et le total en cache de chaque utilisateur (Ctrl+Maj+V)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Write every event the filter matches to a CSV file, snapshots and hashes included (Ctrl+Shift+E)</source>
        <translation>Écrire dans un fichier CSV tous les événements retenus par le filtre, instantanés et empreintes compris (Ctrl+Maj+E)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Verify, and also check that the event recorded in an anchor file is still there with its hash: finds the newest events removed</source>
        <translation>Vérifier, et contrôler aussi que l&apos;événement enregistré dans un fichier d&apos;ancre est toujours là avec son empreinte&#xa0;: détecte la suppression des événements les plus récents</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save the newest event&apos;s seq and hash to a file; keep it away from the database to verify against later</source>
        <translation>Enregistrer le n° et l&apos;empreinte de l&apos;événement le plus récent dans un fichier&#x202f;; le conserver à l&apos;écart de la base de données pour une vérification ultérieure</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Write every event of one user in a period, with its hash, as PDF or CSV for an auditor to file</source>
        <translation>Écrire tous les événements d&apos;un utilisateur sur une période, avec leur empreinte, en PDF ou CSV, pour qu&apos;un auditeur les archive</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+6"/>
        <source>Verify against anchor</source>
        <translation>Vérifier par rapport à une ancre</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+143"/>
        <source>Audit anchors (*.json);;All files (*)</source>
        <translation>Ancres d&apos;audit (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="-120"/>
        <source>Verifying the audit log…</source>
        <translation>Vérification du journal d&apos;audit…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>Verify</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Checking the hash chain: %1 of %2 events…</source>
        <translation>Vérification de la chaîne d&apos;empreintes&#xa0;: %1 événements sur %2…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checking the hash chain…</source>
        <translation>Vérification de la chaîne d&apos;empreintes…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The audit log could not be verified; nothing was changed.

%1</source>
        <translation>Le journal d&apos;audit n&apos;a pas pu être vérifié&#x202f;; rien n&apos;a été modifié.

%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verification failed</source>
        <translation>Échec de la vérification</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>… and %1 more</source>
        <translation>… et %1 de plus</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2 → %3</source>
        <translation>%1&#xa0;: %2 → %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+16"/>
        <source>Repair totals</source>
        <translation>Réparer les totaux</translation>
    </message>
    <message numerus="yes">
        <location line="-15"/>
        <source>Set the cached total(s) of %Ln user(s) to the sum(s) of their transactions?</source>
        <translation>
            <numerusform>Mettre le total en cache de %Ln utilisateur à la somme de ses transactions&#xa0;?</numerusform>
            <numerusform>Mettre les totaux en cache de %Ln utilisateurs à la somme de leurs transactions&#xa0;?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each change is recorded in the audit log as &quot;repair&quot;; no transaction is changed.</source>
        <translation>Chaque modification est consignée dans le journal d&apos;audit comme «&#xa0;repair&#xa0;»&#x202f;; aucune transaction n&apos;est modifiée.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Repairing totals…</source>
        <translation>Réparation des totaux…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The totals were not repaired; nothing was changed.

%1</source>
        <translation>Les totaux n&apos;ont pas été réparés&#x202f;; rien n&apos;a été modifié.

%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Repaired the total of 1 user</source>
        <translation>Le total d&apos;un utilisateur a été réparé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repaired the totals of %1 users</source>
        <translation>Les totaux de %1 utilisateurs ont été réparés</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export audit log</source>
        <translation>Exporter le journal d&apos;audit</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+4"/>
        <source>Export CSV</source>
        <translation>Exporter en CSV</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+70"/>
        <source>Writing %1 of %2 events…</source>
        <translation>Écriture de %1 événements sur %2…</translation>
    </message>
    <message>
        <location line="-69"/>
        <location line="+70"/>
        <source>Counting the events…</source>
        <translation>Comptage des événements…</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Exporting the audit log…</source>
        <translation>Exportation du journal d&apos;audit…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Exported %1 events to %2</source>
        <translation>%1 événements exportés vers %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save audit anchor</source>
        <translation>Enregistrer une ancre d&apos;audit</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save anchor</source>
        <translation>Enregistrer l&apos;ancre</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Anchored the empty audit log in %1</source>
        <translation>Journal d&apos;audit vide ancré dans %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anchored event %1 in %2; keep the file away from the database</source>
        <translation>Événement %1 ancré dans %2&#x202f;; conservez le fichier à l&apos;écart de la base de données</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Save audit report</source>
        <translation>Enregistrer le rapport d&apos;audit</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+4"/>
        <source>Audit report</source>
        <translation>Rapport d&apos;audit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Writing the audit report…</source>
        <translation>Écriture du rapport d&apos;audit…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Wrote %1 events to %2</source>
        <translation>%1 événements écrits dans %2</translation>
    </message>
</context>
<context>
    <name>AuditLogView</name>
    <message>
        <location filename="../ui/audit/AuditLogView.cpp" line="+51"/>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only this &amp;user</source>
        <translation>Afficher uniquement cet &amp;utilisateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Filter</source>
        <translation>&amp;Filtrer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;transaction</source>
        <translation>Afficher la &amp;transaction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show u&amp;ser</source>
        <translation>Afficher l&apos;&amp;utilisateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show events of this &amp;batch</source>
        <translation>Afficher les événements de ce &amp;lot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy transaction &amp;id</source>
        <translation>Copier l&apos;&amp;id de la transaction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy user i&amp;d</source>
        <translation>Copier l&apos;i&amp;d de l&apos;utilisateur</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copy the selected events as tab-separated text (Ctrl+C)</source>
        <translation>Copier les événements sélectionnés en texte séparé par des tabulations (Ctrl+C)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+U</source>
        <translation>Ctrl+U</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter the log by the selected event&apos;s user (Ctrl+U)</source>
        <translation>Filtrer le journal sur l&apos;utilisateur de l&apos;événement sélectionné (Ctrl+U)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show the transaction in the user&apos;s history</source>
        <translation>Afficher la transaction dans l&apos;historique de l&apos;utilisateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select the user in the users list</source>
        <translation>Sélectionner l&apos;utilisateur dans la liste des utilisateurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the events of the same operation: one rollback, one import, one demo</source>
        <translation>Seulement les événements de la même opération&#xa0;: une révocation, une importation, une démo</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Copied transaction id %1</source>
        <translation>Id de transaction %1 copié</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copied user id %1</source>
        <translation>Id d&apos;utilisateur %1 copié</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Put the cursor in the user filter (Ctrl+Shift+F)</source>
        <translation>Placer le curseur dans le filtre utilisateur (Ctrl+Maj+F)</translation>
    </message>
    <message>
        <location line="+112"/>
        <location line="+18"/>
        <source>Audit log</source>
        <translation>Journal d&apos;audit</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Press F5 to try again.</source>
        <translation>Appuyez sur F5 pour réessayer.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Event %1 is not in the audit log: it may have been removed.</source>
        <translation>L&apos;événement %1 n&apos;est pas dans le journal d&apos;audit&#xa0;: il a peut-être été supprimé.</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln événement</numerusform>
            <numerusform>%Ln événements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln event(s) match the filter; %1 loaded</source>
        <translation>
            <numerusform>%Ln événement correspond au filtre&#xa0;; %1 chargé(s)</numerusform>
            <numerusform>%Ln événements correspondent au filtre&#xa0;; %1 chargé(s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>Copied %Ln event(s)</source>
        <translation>
            <numerusform>%Ln événement copié</numerusform>
            <numerusform>%Ln événements copiés</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Event %1 concerns no single user</source>
        <translation>L&apos;événement %1 ne concerne aucun utilisateur en particulier</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../models/AuditModel.cpp" line="+108"/>
        <source>The removed row&apos;s amount: the user&apos;s total went down by %1</source>
        <translation>Le montant de la ligne supprimée&#xa0;: le total de l&apos;utilisateur a baissé de %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The restored row&apos;s amount: the user&apos;s total went up by %1</source>
        <translation>Le montant de la ligne restaurée&#xa0;: le total de l&apos;utilisateur a augmenté de %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The change of the cached total, from the sum of the user&apos;s transactions</source>
        <translation>La variation du total en cache, d&apos;après la somme des transactions de l&apos;utilisateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The cached total it was set to in the database: %1</source>
        <translation>Le total en cache fixé dans la base de données&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The amount of the row added</source>
        <translation>Le montant de la ligne ajoutée</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Database or system login: %1
Operator: %2</source>
        <translation>Connexion base de données ou système&#xa0;: %1
Opérateur&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>id %1</source>
        <translation>id %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Seq</source>
        <translation>N°</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actor</source>
        <translation>Acteur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transaction</source>
        <translation>Transaction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Position in the hash chain: 1, 2, 3, ... without gaps</source>
        <translation>Position dans la chaîne d&apos;empreintes&#xa0;: 1, 2, 3, … sans trou</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When the change was committed, in local time (UTC in each cell&apos;s tooltip)</source>
        <translation>Quand la modification a été validée, en heure locale (UTC dans l&apos;infobulle de chaque cellule)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who made the change: the operator named at start, else the login (both in each cell&apos;s tooltip)</source>
        <translation>Qui a fait la modification&#xa0;: l&apos;opérateur nommé au démarrage, sinon la connexion (les deux dans l&apos;infobulle de chaque cellule)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The user whose XP was affected (the id in each cell&apos;s tooltip)</source>
        <translation>L&apos;utilisateur dont les XP sont concernés (l&apos;id dans l&apos;infobulle de chaque cellule)</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>What was done</source>
        <translation>Ce qui a été fait</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The &quot;UserXP&quot; row affected</source>
        <translation>La ligne «&#xa0;UserXP&#xa0;» concernée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The XP amount of that row, or the change of a total</source>
        <translation>Le montant XP de cette ligne, ou la variation d&apos;un total</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The reason or description given</source>
        <translation>Le motif ou la description indiqués</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>The audit log could not be read; nothing was changed. %1</source>
        <translation>Le journal d&apos;audit n&apos;a pas pu être lu&#x202f;; rien n&apos;a été modifié. %1</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>The newest audit events could not be read; nothing was changed. %1</source>
        <translation>Les événements d&apos;audit les plus récents n&apos;ont pas pu être lus&#x202f;; rien n&apos;a été modifié. %1</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Event %1 could not be looked up; nothing was changed. %2</source>
        <translation>L&apos;événement %1 n&apos;a pas pu être consulté&#x202f;; rien n&apos;a été modifié. %2</translation>
    </message>
</context>
<context>
    <name>AuditReport</name>
    <message>
        <location filename="../core/audit/AuditReport.cpp" line="+33"/>
        <source>Name the user the report is for</source>
        <translation>Indiquez l&apos;utilisateur concerné par le rapport</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The period ends before it starts: --until must be later than --since</source>
        <translation>La période se termine avant de commencer&#xa0;: --until doit être postérieur à --since</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>No report was written. %1</source>
        <translation>Aucun rapport n&apos;a été écrit. %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Report cancelled after %1 events; no file was written.</source>
        <translation>Rapport annulé après %1 événements&#x202f;; aucun fichier n&apos;a été écrit.</translation>
    </message>
</context>
<context>
    <name>AuditReportCsv</name>
    <message>
        <location filename="../core/audit/AuditReportCsv.cpp" line="+37"/>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Cannot save %1: %2; no file was written.</source>
        <translation>Impossible d&apos;enregistrer %1&#xa0;: %2&#x202f;; aucun fichier n&apos;a été écrit.</translation>
    </message>
</context>
<context>
    <name>AuditReportDialog</name>
    <message>
        <location filename="../ui/audit/AuditReportDialog.cpp" line="+19"/>
        <source>&amp;From:</source>
        <translation>&amp;Depuis le&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;To:</source>
        <translation>&amp;Jusqu&apos;au&#xa0;:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Audit Report</source>
        <translation>Rapport d&apos;audit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the user&apos;s id</source>
        <translation>l&apos;id de l&apos;utilisateur</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unchecked: from the user&apos;s first event</source>
        <translation>Décoché&#xa0;: depuis le premier événement de l&apos;utilisateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unchecked: up to the newest event</source>
        <translation>Décoché&#xa0;: jusqu&apos;à l&apos;événement le plus récent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PDF, to print and file</source>
        <translation>PDF, à imprimer et archiver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV, for a spreadsheet</source>
        <translation>CSV, pour un tableur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Write Report…</source>
        <translation>Écrire le &amp;rapport…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every audit event of one user in a period, with its hash, under a header that names the database and the newest hash of the whole log.</source>
        <translation>Tous les événements d&apos;audit d&apos;un utilisateur sur une période, avec leur empreinte, sous un en-tête qui indique la base de données et l&apos;empreinte la plus récente de tout le journal.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;User:</source>
        <translation>&amp;Utilisateur&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormat&#xa0;:</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>The last day is before the first</source>
        <translation>Le dernier jour est antérieur au premier</translation>
    </message>
</context>
<context>
    <name>AuditReportPdf</name>
    <message>
        <location filename="../core/audit/AuditReportPdf.cpp" line="+32"/>
        <source>the first event</source>
        <translation>le premier événement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (exclusive)</source>
        <translation> (exclu)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the newest event</source>
        <translation>l&apos;événement le plus récent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>from %1 to %2</source>
        <translation>depuis %1 jusqu&apos;à %2</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Audit report for user %1</source>
        <translation>Rapport d&apos;audit pour l&apos;utilisateur %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>XP Admin audit report</source>
        <translation>Rapport d&apos;audit XP Admin</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generated</source>
        <translation>Généré le</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 by %2</source>
        <translation>%1 par %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events in this report</source>
        <translation>Événements dans ce rapport</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Newest event of the log</source>
        <translation>Événement le plus récent du journal</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+7"/>
        <source>%1, hash %2</source>
        <translation>%1, empreinte %2</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Closed period</source>
        <translation>Période clôturée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>closed up to %1 by %2 on %3: this report is the same whenever it is made</source>
        <translation>clôturée jusqu&apos;au %1 par %2 le %3&#xa0;: ce rapport est identique quel que soit le moment où il est établi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The close&apos;s event</source>
        <translation>Événement de la clôture</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total at the close</source>
        <translation>Total à la clôture</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 XP, kept by the close; the user&apos;s rows up to %2 still add up to it</source>
        <translation>%1 XP, conservé par la clôture&#xa0;; les transactions de l&apos;utilisateur jusqu&apos;au %2 totalisent toujours ce montant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 XP, kept by the close; DIFFERS: the user&apos;s rows up to %2 now add up to %3 XP</source>
        <translation>%1 XP, conservé par la clôture&#xa0;; DIFFÉRENT&#xa0;: les transactions de l&apos;utilisateur jusqu&apos;au %2 totalisent désormais %3 XP</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Every event&apos;s hash is SHA-256 of the previous event&apos;s hash and the event itself, so changing, removing or inserting an event breaks every later hash. Check the log with xpadmin-cli verify; keep this report&apos;s newest hash to compare with the log later.</source>
        <translation>L&apos;empreinte de chaque événement est le SHA-256 de l&apos;empreinte de l&apos;événement précédent et de l&apos;événement lui-même&#xa0;: modifier, supprimer ou insérer un événement rompt donc toutes les empreintes suivantes. Vérifiez le journal avec xpadmin-cli verify&#x202f;; conservez l&apos;empreinte la plus récente de ce rapport pour la comparer plus tard avec le journal.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Seq</source>
        <translation>N°</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time (UTC)</source>
        <translation>Heure (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Actor</source>
        <translation>Acteur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Operator</source>
        <translation>Opérateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>XP Admin audit report, user %1</source>
        <translation>Rapport d&apos;audit XP Admin, utilisateur %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page %1</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>… (%1 more characters: the CSV report has the whole reason)</source>
        <translation>… (%1 caractères de plus&#xa0;: le rapport CSV contient le motif complet)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>hash %1</source>
        <translation>empreinte %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hash %1   transaction %2</source>
        <translation>empreinte %1   transaction %2</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No audit event of this user in this period.</source>
        <translation>Aucun événement d&apos;audit de cet utilisateur sur cette période.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot save %1: %2; no file was written.</source>
        <translation>Impossible d&apos;enregistrer %1&#xa0;: %2&#x202f;; aucun fichier n&apos;a été écrit.</translation>
    </message>
</context>
<context>
    <name>AuditTail</name>
    <message>
        <location filename="../models/AuditTail.cpp" line="+29"/>
        <source>The end of the audit log could not be read: %1</source>
        <translation>La fin du journal d&apos;audit n&apos;a pas pu être lue&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The newest audit events could not be read: %1</source>
        <translation>Les événements d&apos;audit les plus récents n&apos;ont pas pu être lus&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>AuditText</name>
    <message>
        <location filename="../models/AuditText.cpp" line="+74"/>
        <source>Award</source>
        <translation>Attribution</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Adjustment</source>
        <translation>Ajustement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rollback</source>
        <translation>Révocation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source deleted</source>
        <translation>Source supprimée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore</source>
        <translation>Restauration</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total recalculated</source>
        <translation>Total recalculé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total repaired</source>
        <translation>Total réparé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User added</source>
        <translation>Utilisateur ajouté</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Demo data</source>
        <translation>Données de démo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Legacy import</source>
        <translation>Importation héritée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approval requested</source>
        <translation>Approbation demandée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approved</source>
        <translation>Approuvé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rejected</source>
        <translation>Rejeté</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approval threshold</source>
        <translation>Seuil d&apos;approbation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added in the database</source>
        <translation>Ajout dans la base de données</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deleted in the database</source>
        <translation>Suppression dans la base de données</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed in the database (was)</source>
        <translation>Modification dans la base de données (avant)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed in the database</source>
        <translation>Modification dans la base de données</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total changed in the database</source>
        <translation>Total modifié dans la base de données</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capture installed</source>
        <translation>Capture installée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capture removed</source>
        <translation>Capture supprimée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alert rules</source>
        <translation>Règles d&apos;alerte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason codes</source>
        <translation>Codes de motif</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Period closed</source>
        <translation>Période clôturée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Period reopened</source>
        <translation>Période rouverte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Limits</source>
        <translation>Plafonds</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>XP awarded for a problem attempt, achievement or streak</source>
        <translation>XP attribués pour une tentative de problème, un succès ou une série</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A manual adjustment, or a row of an import</source>
        <translation>Un ajustement manuel, ou une ligne d&apos;une importation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A transaction removed; it can be restored</source>
        <translation>Une transaction retirée&#xa0;; elle peut être restaurée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every transaction of one source removed; they can be restored</source>
        <translation>Toutes les transactions d&apos;une source retirées&#xa0;; elles peuvent être restaurées</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A removed transaction put back</source>
        <translation>Une transaction retirée remise en place</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A user&apos;s cached total set to the sum of their transactions</source>
        <translation>Le total en cache d&apos;un utilisateur mis à la somme de ses transactions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A drifted cached total set to the sum of the user&apos;s transactions after a check</source>
        <translation>Un total en cache divergent mis à la somme des transactions de l&apos;utilisateur après une vérification</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A user created</source>
        <translation>Un utilisateur créé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Demo users and transactions generated</source>
        <translation>Utilisateurs et transactions de démo générés</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A transaction from a legacy export, with its user where it was created</source>
        <translation>Une transaction d&apos;un export hérité, avec son utilisateur là où il a été créé</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A held adjustment approved and applied</source>
        <translation>Un ajustement en attente approuvé et appliqué</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A held adjustment rejected; nothing was applied</source>
        <translation>Un ajustement en attente rejeté&#xa0;; rien n&apos;a été appliqué</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The amount above which adjustments need approval was changed</source>
        <translation>Le montant au-delà duquel les ajustements doivent être approuvés a été modifié</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A transaction added outside XP Admin (the web app or a database console), captured</source>
        <translation>Une transaction ajoutée hors de XP Admin (par l&apos;application web ou une console de base de données), capturée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A transaction deleted outside XP Admin, captured</source>
        <translation>Une transaction supprimée hors de XP Admin, capturée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A transaction changed outside XP Admin: how it was before</source>
        <translation>Une transaction modifiée hors de XP Admin&#xa0;: son état avant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A transaction changed outside XP Admin: how it is after</source>
        <translation>Une transaction modifiée hors de XP Admin&#xa0;: son état après</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A user&apos;s cached total written outside XP Admin, captured</source>
        <translation>Le total en cache d&apos;un utilisateur écrit hors de XP Admin, capturé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capture of changes made outside XP Admin switched on</source>
        <translation>Capture des modifications faites hors de XP Admin activée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Capture of changes made outside XP Admin switched off</source>
        <translation>Capture des modifications faites hors de XP Admin désactivée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A reason code for manual changes was added, changed or retired, or the ticket link pattern was set</source>
        <translation>Un code de motif des modifications manuelles a été ajouté, modifié ou retiré, ou le modèle de lien de ticket a été défini</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The rules that raise alerts (large change, many changes an hour, direct change of a total) were changed</source>
        <translation>Les règles qui déclenchent des alertes (modification importante, nombreuses modifications par heure, modification directe d&apos;un total) ont été modifiées</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The ledger closed up to a day: nothing dated up to then may change; every user&apos;s total kept</source>
        <translation>Le registre clôturé jusqu&apos;à un jour donné&#xa0;: rien de daté jusque-là ne peut changer&#xa0;; le total de chaque utilisateur conservé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The end of the closed period moved back to an earlier day: what is after it is open again</source>
        <translation>La fin de la période clôturée ramenée à un jour antérieur&#xa0;: ce qui suit est de nouveau ouvert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The most XP a role or a person may move per adjustment or per day without approval was changed</source>
        <translation>Les plafonds d&apos;un rôle ou d&apos;une personne (XP ajustables sans approbation, par ajustement ou par jour) ont été modifiés</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Transaction %1 removed: %2</source>
        <translation>Transaction %1 retirée&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transaction %1 restored: %2</source>
        <translation>Transaction %1 restaurée&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transaction %1 imported: %2</source>
        <translation>Transaction %1 importée&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+92"/>
        <source>Transaction %1 added: %2</source>
        <translation>Transaction %1 ajoutée&#xa0;: %2</translation>
    </message>
    <message>
        <location line="-86"/>
        <source>User %1 created</source>
        <translation>Utilisateur %1 créé</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+70"/>
        <source>Total XP %1 → %2</source>
        <translation>Total XP %1 → %2</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Adjustment %1 held for approval, not applied: %2</source>
        <translation>Ajustement %1 mis en attente d&apos;approbation, non appliqué&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Held adjustment %1 approved and applied: %2</source>
        <translation>Ajustement en attente %1 approuvé et appliqué&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held adjustment %1 rejected, not applied: %2</source>
        <translation>Ajustement en attente %1 rejeté, non appliqué&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>on</source>
        <translation>activé</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Alert on a single change above: %1 → %2</source>
        <translation>Seuil d&apos;alerte pour une modification unique&#xa0;: %1 → %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Alert on more changes by one actor in an hour than: %1 → %2</source>
        <translation>Seuil d&apos;alerte du nombre de modifications par un même acteur en une heure&#xa0;: %1 → %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Alert on a direct change of a total: %1 → %2</source>
        <translation>Alerte pour une modification directe d&apos;un total&#xa0;: %1 → %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alert rules set, unchanged</source>
        <translation>Règles d&apos;alerte définies, sans changement</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>on the database server</source>
        <translation>sur le serveur de base de données</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>from %1</source>
        <translation>depuis %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed in the database by %1, %2</source>
        <translation>Modifié dans la base de données par %1, %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed in the database by %1 (%2), %3</source>
        <translation>Modifié dans la base de données par %1 (%2), %3</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Total XP set to %1 (a new profile)</source>
        <translation>Total d&apos;XP fixé à %1 (nouveau profil)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Profile deleted (total XP was %1)</source>
        <translation>Profil supprimé (le total d&apos;XP était de %1)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Set directly: no transaction of the user changed with it</source>
        <translation>Fixé directement&#xa0;: aucune transaction de l&apos;utilisateur n&apos;a été modifiée en même temps</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Transaction %1 deleted: %2</source>
        <translation>Transaction %1 supprimée&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transaction was %1: %2</source>
        <translation>La transaction était de %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transaction is now %1: %2</source>
        <translation>La transaction est désormais de %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>, a ticket required</source>
        <translation>, ticket obligatoire</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason code %1 added: %2%3</source>
        <translation>Code de motif %1 ajouté&#xa0;: %2%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason code %1 retired: %2</source>
        <translation>Code de motif %1 retiré&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason code %1 changed: %2 → %3%4</source>
        <translation>Code de motif %1 modifié&#xa0;: %2 → %3%4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ticket ids are shown as text</source>
        <translation>Les identifiants de ticket s&apos;affichent en texte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ticket links: %1</source>
        <translation>Liens de ticket&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Changes made outside XP Admin to %1 are captured from now on</source>
        <translation>Les modifications faites hors de XP Admin sur %1 sont désormais capturées</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Changes made outside XP Admin are no longer captured</source>
        <translation>Les modifications faites hors de XP Admin ne sont plus capturées</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total XP %1 → %2 (set to the sum of the user&apos;s transactions)</source>
        <translation>Total XP %1 → %2 (mis à la somme des transactions de l&apos;utilisateur)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>User added: %1 &lt;%2&gt;</source>
        <translation>Utilisateur ajouté&#xa0;: %1 &lt;%2&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User added: %1</source>
        <translation>Utilisateur ajouté&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Demo data generated: %1 users, %2 transactions, %3 XP in all</source>
        <translation>Données de démo générées&#xa0;: %1 utilisateurs, %2 transactions, %3 XP en tout</translation>
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
        <translation>illimité</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>role %1</source>
        <translation>rôle %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>person %1</source>
        <translation>personne %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Limits of %1: per change %2 → %3, per day %4 → %5</source>
        <translation>Plafonds (%1)&#xa0;: par ajustement %2 → %3, par jour %4 → %5</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>An adjustment above the approval threshold or a limit, held until an admin decides</source>
        <translation>Un ajustement au-delà du seuil d&apos;approbation ou d&apos;un plafond, mis en attente jusqu&apos;à la décision d&apos;un administrateur</translation>
    </message>
    <message>
        <location line="+101"/>
        <location line="+3"/>
        <location line="+118"/>
        <source>off</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approval threshold %1 → %2</source>
        <translation>Seuil d&apos;approbation %1 → %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Closed up to %1: %2 users&apos; totals kept, %3 XP in all</source>
        <translation>Clôturé jusqu&apos;au %1&#xa0;: totaux de %2 utilisateurs conservés, %3 XP en tout</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reopened after %1: %2 users&apos; totals kept, %3 XP in all</source>
        <translation>Rouvert après le %1&#xa0;: totaux de %2 utilisateurs conservés, %3 XP en tout</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>BackgroundTask</name>
    <message>
        <location filename="../ui/common/BackgroundTask.cpp" line="+35"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
</context>
<context>
    <name>BatchImporter</name>
    <message>
        <location filename="../core/import/BatchImporter.cpp" line="+114"/>
        <source>batch %1, on %2 UTC by %3</source>
        <translation>lot %1, le %2 UTC par %3</translation>
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
        <translation>Usage&#xa0;: xpadmin-cli [options globales] capture install [--print-sql]
        xpadmin-cli [options globales] capture remove
        xpadmin-cli [options globales] capture status [--json]

Capture des modifications faites hors de XP Admin (PostgreSQL)&#xa0;: install place sur les tables &quot;UserXP&quot; et &quot;UserProfile&quot; de l&apos;application web des déclencheurs qui enregistrent chaque insertion, mise à jour et suppression que XP Admin n&apos;a pas faite, avec le rôle de base de données, l&apos;application_name, l&apos;adresse du client et l&apos;heure, dans xpadmin.captured_change&#xa0;; XP Admin les scelle dans la chaîne d&apos;empreintes du journal d&apos;audit immédiatement tant qu&apos;une fenêtre ou un watch est ouvert avec un rôle qui en a le droit (support ou admin), sinon lors de sa prochaine écriture, et verify les scelle en premier. Les colonnes, index et contraintes des tables restent tels que Prisma les a créés. remove scelle ce qui est en attente, puis supprime les déclencheurs, la fonction et la table. Lancez install et remove en tant que propriétaire des tables de l&apos;application web.
</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>capture needs a PostgreSQL database: an SQLite ledger is a file only XP Admin writes, so there is nothing outside it to capture</source>
        <translation>capture nécessite une base de données PostgreSQL&#xa0;: un registre SQLite est un fichier que seul XP Admin écrit, il n&apos;y a donc rien à capturer en dehors de lui</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Starts capturing changes made outside XP Admin to &quot;UserXP&quot; and &quot;UserProfile&quot; (PostgreSQL; run as the owner of the web app&apos;s tables).</source>
        <translation>Commence à capturer les modifications faites hors de XP Admin sur &quot;UserXP&quot; et &quot;UserProfile&quot; (PostgreSQL&#xa0;; à lancer en tant que propriétaire des tables de l&apos;application web).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print the statements instead of running them, for a database administrator.</source>
        <translation>Afficher les instructions au lieu de les exécuter, pour un administrateur de base de données.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Then, in a transaction of its own, the charts&apos; rollups built from the rows:</source>
        <translation>Ensuite, dans une transaction à part, les cumuls des graphiques calculés à partir des lignes&#xa0;:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Installing capture, then building the charts&apos; rollups from every transaction (a few minutes for ten million; the web app&apos;s writes are not held up meanwhile)...</source>
        <translation>Installation de la capture, puis calcul des cumuls des graphiques à partir de toutes les transactions (quelques minutes pour dix millions&#x202f;; les écritures de l&apos;application web ne sont pas retenues pendant ce temps)...</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Capture was installed on %1 already, by an XP Admin whose table of records kept the pages a seal empties: from now on vacuum gives them back, so that a burst of the web app&apos;s writes no longer slows every later seal (to give back the pages kept so far at once, the table&apos;s owner can run VACUUM FULL xpadmin.captured_change).</source>
        <translation>La capture était déjà installée sur %1, par un XP Admin dont la table des enregistrements gardait les pages qu&apos;un scellement vide&#xa0;: désormais, VACUUM les rend, pour qu&apos;une rafale d&apos;écritures de l&apos;application web ne ralentisse plus chaque scellement suivant (pour rendre tout de suite les pages gardées jusqu&apos;ici, le propriétaire de la table peut lancer VACUUM FULL xpadmin.captured_change).</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Capture was installed on %1 already, by an XP Admin that kept no rollups for the charts or kept them without the index and the gains the top users read: they are built now, and the charts of everyone read them.</source>
        <translation>La capture était déjà installée sur %1, par un XP Admin qui ne tenait pas de cumuls pour les graphiques ou les tenait sans l&apos;index ni les gains que lit le classement&#xa0;: ils sont maintenant calculés, et les graphiques de tous les utilisateurs les lisent.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Capture installed on %1: changes made outside XP Admin to &quot;UserXP&quot; and &quot;UserProfile&quot; are recorded from now on and sealed into the audit log with XP Admin&apos;s next write; the charts of everyone read rollups kept from the audit log.</source>
        <translation>Capture installée sur %1&#xa0;: les modifications faites hors de XP Admin sur &quot;UserXP&quot; et &quot;UserProfile&quot; sont désormais enregistrées et scellées dans le journal d&apos;audit à la prochaine écriture de XP Admin&#x202f;; les graphiques de tous les utilisateurs lisent des cumuls tenus à jour à partir du journal d&apos;audit.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Seals the changes waiting, then removes capture&apos;s triggers, function and table.</source>
        <translation>Scelle les modifications en attente, puis supprime les déclencheurs, la fonction et la table de la capture.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Capture removed from %1: what it recorded is sealed in the audit log; nothing else of it is left.</source>
        <translation>Capture supprimée de %1&#xa0;: ce qu&apos;elle a enregistré est scellé dans le journal d&apos;audit&#xa0;; il n&apos;en reste rien d&apos;autre.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Whether capture is installed, since when, and how many changes wait to be sealed.</source>
        <translation>Indique si la capture est installée, depuis quand, et combien de modifications attendent d&apos;être scellées.</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+3"/>
        <source>Capture:</source>
        <translation>Capture&#xa0;:</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>not installed (xpadmin-cli capture install, as the tables&apos; owner)</source>
        <translation>non installée (xpadmin-cli capture install, en tant que propriétaire des tables)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>installed since %1 by %2</source>
        <translation>installée depuis le %1 par %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>installed</source>
        <translation>installée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tables:</source>
        <translation>Tables&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none: the triggers are missing</source>
        <translation>aucune&#xa0;: les déclencheurs sont absents</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting to be sealed:</source>
        <translation>En attente de scellement&#xa0;:</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n modification</numerusform>
            <numerusform>%n modifications</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown: this role may not read them</source>
        <translation>inconnu&#xa0;: ce rôle n&apos;a pas le droit de les lire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This role:</source>
        <translation>Ce rôle&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>seals them with its writes and verify</source>
        <translation>les scelle avec ses écritures et avec verify</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>may not seal them</source>
        <translation>n&apos;a pas le droit de les sceller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charts&apos; rollups:</source>
        <translation>Cumuls des graphiques&#xa0;:</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>built %1; %n event(s) of the log not folded in yet (a chart adds them)</source>
        <translation>
            <numerusform>calculés le %1&#x202f;; %n événement du journal pas encore intégré (un graphique l&apos;ajoute)</numerusform>
            <numerusform>calculés le %1&#x202f;; %n événements du journal pas encore intégrés (un graphique les ajoute)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not built: the charts sum the rows</source>
        <translation>non calculés&#xa0;: les graphiques additionnent les lignes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>built by an earlier XP Admin, without the index and the gains the top users of a range read: run xpadmin-cli capture install again</source>
        <translation>calculés par un XP Admin antérieur, sans l&apos;index ni les gains que lit le classement d&apos;une période&#xa0;: relancez xpadmin-cli capture install</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records&apos; table:</source>
        <translation>Table des enregistrements&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>keeps the pages a seal empties, and every seal reads them (installed by an earlier XP Admin): run xpadmin-cli capture install again</source>
        <translation>garde les pages qu&apos;un scellement vide, et chaque scellement les lit (installée par un XP Admin antérieur)&#xa0;: relancez xpadmin-cli capture install</translation>
    </message>
</context>
<context>
    <name>CaptureInstaller</name>
    <message>
        <location filename="../core/capture/CaptureInstaller.cpp" line="+125"/>
        <source>Capture records changes made outside XP Admin with PostgreSQL triggers; an SQLite ledger is a local file that only XP Admin writes, so there is nothing to capture</source>
        <translation>La capture enregistre les modifications faites hors de XP Admin au moyen de déclencheurs PostgreSQL&#xa0;; un registre SQLite est un fichier local que seul XP Admin écrit, il n&apos;y a donc rien à capturer</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The database does not know the connected role %1</source>
        <translation>La base de données ne connaît pas le rôle connecté %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Permission denied: capture puts triggers on the web app&apos;s tables, which only their owner or a superuser may do; %1 does not own %2. Nothing was changed.</source>
        <translation>Permission refusée&#xa0;: la capture place des déclencheurs sur les tables de l&apos;application web, ce que seul leur propriétaire ou un superutilisateur peut faire&#xa0;; %1 n&apos;est pas propriétaire de %2. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Permission denied: capture creates its table in the schema xpadmin, which %1 does not own. Nothing was changed.</source>
        <translation>Permission refusée&#xa0;: la capture crée sa table dans le schéma xpadmin, dont %1 n&apos;est pas propriétaire. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Capture is installed already: xpadmin-cli capture status tells since when</source>
        <translation>La capture est déjà installée&#xa0;: xpadmin-cli capture status indique depuis quand</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Capture is not installed: there is nothing to remove</source>
        <translation>La capture n&apos;est pas installée&#xa0;: il n&apos;y a rien à supprimer</translation>
    </message>
</context>
<context>
    <name>CapturedChanges</name>
    <message>
        <location filename="../core/audit/CapturedChanges.cpp" line="+202"/>
        <source>The changes capture recorded could not be sealed into the audit log: %1</source>
        <translation>Les modifications enregistrées par la capture n&apos;ont pas pu être scellées dans le journal d&apos;audit&#xa0;: %1</translation>
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
        <translation>%1 %2 (net)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No XP earned in this range, only deductions</source>
        <translation>Aucun XP gagné sur cette période, seulement des retraits</translation>
    </message>
</context>
<context>
    <name>ChartExportCommand</name>
    <message>
        <location filename="../app/gui/ChartExportCommand.cpp" line="+66"/>
        <source>--export-chart %1 is not a chart: use one of %2</source>
        <translation>--export-chart %1 n&apos;est pas un graphique&#xa0;: utilisez l&apos;un de %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--out is missing: name the file to write, ending in .png, .svg or .pdf</source>
        <translation>--out manque&#xa0;: indiquez le fichier à écrire, terminé par .png, .svg ou .pdf</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--out %1 is not a PNG, SVG or PDF file name: end it with .png, .svg or .pdf</source>
        <translation>--out %1 n&apos;est pas un nom de fichier PNG, SVG ou PDF&#xa0;: terminez-le par .png, .svg ou .pdf</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>write it as 2026-11-01, &quot;2026-11-01 13:00&quot; or 2026-11-01T13:00:00Z</source>
        <translation>écrivez-la sous la forme 2026-11-01, &quot;2026-11-01 13:00&quot; ou 2026-11-01T13:00:00Z</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--since %1 is not a date: %2</source>
        <translation>--since %1 n&apos;est pas une date&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--until %1 is not a date: %2</source>
        <translation>--until %1 n&apos;est pas une date&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--until %1 is before --since %2</source>
        <translation>--until %1 est antérieur à --since %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--db %1: %2</source>
        <translation>--db %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--user %1 is not a user of this ledger</source>
        <translation>--user %1 n&apos;est pas un utilisateur de ce registre</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--out %1: %2</source>
        <translation>--out %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Wrote %1 (%2, %3)</source>
        <translation>%1 écrit (%2, %3)</translation>
    </message>
</context>
<context>
    <name>ChartExporter</name>
    <message>
        <location filename="../ui/charts/ChartExporter.cpp" line="+31"/>
        <source>PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)</source>
        <translation>Image PNG (*.png);;Image SVG (*.svg);;Document PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 has no known image extension: end the file name with .png, .svg or .pdf</source>
        <translation>%1 n&apos;a pas d&apos;extension d&apos;image connue&#xa0;: terminez le nom du fichier par .png, .svg ou .pdf</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+37"/>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Cannot write %1 as PNG</source>
        <translation>Impossible d&apos;écrire %1 en PNG</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>XP chart made by XP Admin</source>
        <translation>Graphique XP créé par XP Admin</translation>
    </message>
</context>
<context>
    <name>ChartFigures</name>
    <message>
        <location filename="../core/charts/ChartFigures.cpp" line="+64"/>
        <source>CATEGORY</source>
        <translation>CATÉGORIE</translation>
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
        <translation>TRANSACTIONS</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>SHARE</source>
        <translation>PART</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(all)</source>
        <translation>(toutes)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>DAY</source>
        <translation>JOUR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WEEK OF</source>
        <translation>SEMAINE DU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MONTH OF</source>
        <translation>MOIS DE</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>SOURCE TYPE</source>
        <translation>TYPE DE SOURCE</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>RANK</source>
        <translation>RANG</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>USER</source>
        <translation>UTILISATEUR</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NAME</source>
        <translation>NOM</translation>
    </message>
</context>
<context>
    <name>ChartFrame</name>
    <message>
        <location filename="../ui/charts/ChartFrame.cpp" line="+132"/>
        <source>No transactions in this range</source>
        <translation>Aucune transaction sur cette période</translation>
    </message>
</context>
<context>
    <name>ChartKinds</name>
    <message>
        <location filename="../core/charts/ChartData.cpp" line="+31"/>
        <source>XP by Category</source>
        <translation>XP par catégorie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>XP over Time</source>
        <translation>XP dans le temps</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>XP by Source Type</source>
        <translation>XP par type de source</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Top Users</source>
        <translation>Meilleurs utilisateurs</translation>
    </message>
</context>
<context>
    <name>ChartLoader</name>
    <message>
        <location filename="../core/charts/ChartLoader.cpp" line="+15"/>
        <source>There is no user with the id %1.</source>
        <translation>Il n&apos;existe aucun utilisateur avec l&apos;id %1.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Everyone</source>
        <translation>Tout le monde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User: %1</source>
        <translation>Utilisateur&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>ChartQuery</name>
    <message>
        <location filename="../core/charts/ChartQuery.cpp" line="+86"/>
        <source>The range ends (%1) before it starts (%2)</source>
        <translation>La période se termine (%1) avant de commencer (%2)</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+204"/>
        <source>Charting cancelled</source>
        <translation>Création du graphique annulée</translation>
    </message>
    <message>
        <location line="-62"/>
        <source>Unknown category or source type in the ledger: %1, %2</source>
        <translation>Catégorie ou type de source inconnu dans le registre&#xa0;: %1, %2</translation>
    </message>
</context>
<context>
    <name>ChartRangeBar</name>
    <message>
        <location filename="../ui/charts/ChartRangeBar.cpp" line="+26"/>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 90 days</source>
        <translation>90 derniers jours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last year</source>
        <translation>Dernière année</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>Tout</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom…</source>
        <translation>Personnalisé…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The days charted, up to today (local time); Custom picks the days</source>
        <translation>Les jours représentés, jusqu&apos;à aujourd&apos;hui (heure locale)&#x202f;; Personnalisé permet de choisir les jours</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>First day charted (from its start, local time)</source>
        <translation>Premier jour représenté (depuis son début, heure locale)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day charted (to its end, local time)</source>
        <translation>Dernier jour représenté (jusqu&apos;à sa fin, heure locale)</translation>
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
            <numerusform>%Ln transaction</numerusform>
            <numerusform>%Ln transactions</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>All time</source>
        <translation>Depuis le début</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Week of %1</source>
        <translation>Semaine du %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 — %2 — %3</source>
        <translation>%1 — %2 — %3</translation>
    </message>
    <message>
        <location line="+10"/>
        <source> (%1 of the XP earned)</source>
        <translation> (%1 des XP gagnés)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (a net deduction: not part of the share)</source>
        <translation> (un retrait net&#xa0;: hors de la part)</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+9"/>
        <source>%1
%2: %3
%4
All categories: %5</source>
        <translation>%1
%2&#xa0;: %3
%4
Toutes catégories&#xa0;: %5</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>#%1 %2
%3 · %4
Click to select this user</source>
        <translation>#%1 %2
%3 · %4
Cliquez pour sélectionner cet utilisateur</translation>
    </message>
</context>
<context>
    <name>ChartsView</name>
    <message>
        <location filename="../ui/charts/ChartsView.cpp" line="+78"/>
        <source>Whose XP is charted: choose a user on the left, or All users</source>
        <translation>Les XP de qui sont représentés&#xa0;: choisissez un utilisateur à gauche, ou Tous les utilisateurs</translation>
    </message>
    <message>
        <location line="+216"/>
        <location line="+158"/>
        <location line="+18"/>
        <source>Export Chart</source>
        <translation>Exporter le graphique</translation>
    </message>
    <message>
        <location line="-176"/>
        <source>The chart could not be read: %1</source>
        <translation>Le graphique n&apos;a pas pu être lu&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+100"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>Not loaded</source>
        <translation>Non chargé</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>Not loaded: %1 (F5 tries again)</source>
        <translation>Non chargé&#xa0;: %1 (F5 pour réessayer)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>by day</source>
        <translation>par jour</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>by week</source>
        <translation>par semaine</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>by month</source>
        <translation>par mois</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 · %2 · %3 · %4</source>
        <translation>%1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hover over a chart for exact figures; click a legend entry to hide or show a category</source>
        <translation>Survolez un graphique pour voir les chiffres exacts&#x202f;; cliquez sur une entrée de la légende pour masquer ou afficher une catégorie</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export Chart: %1</source>
        <translation>Exporter le graphique&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 is not a PNG, SVG or PDF file name: end it with .png, .svg or .pdf.</source>
        <translation>%1 n&apos;est pas un nom de fichier PNG, SVG ou PDF&#xa0;: terminez-le par .png, .svg ou .pdf.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Exported %1 to %2</source>
        <translation>%1 exporté vers %2</translation>
    </message>
</context>
<context>
    <name>CliApp</name>
    <message>
        <location filename="../app/cli/CliApp.cpp" line="+49"/>
        <source>Create the ledger, or migrate XP Admin&apos;s tables</source>
        <translation>Créer le registre, ou migrer les tables de XP Admin</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>user find: find users by id, email or name; user show, user add</source>
        <translation>user find&#xa0;: trouver des utilisateurs par id, e-mail ou nom&#xa0;; user show, user add</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add realistic sample data</source>
        <translation>Ajouter des données d&apos;exemple réalistes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Award XP: add one transaction</source>
        <translation>Attribuer des XP&#xa0;: ajouter une transaction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Adjust a user&apos;s XP by hand, with a reason</source>
        <translation>Ajuster à la main les XP d&apos;un utilisateur, avec un motif</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Adjustments waiting for approval: list, approve, reject, threshold</source>
        <translation>Ajustements en attente d&apos;approbation&#xa0;: list, approve, reject, threshold</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reason codes of manual changes and ticket links: list, add, change, retire</source>
        <translation>Codes de motif des modifications manuelles et liens de ticket&#xa0;: list, add, change, retire</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Limits per role and per person: show, set (above one, an adjustment waits)</source>
        <translation>Plafonds par rôle et par personne&#xa0;: show, set (au-delà, un ajustement est mis en attente)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Alert rules (show, set) and the alerts past events raise (check)</source>
        <translation>Règles d&apos;alerte (show, set) et alertes déclenchées par les événements passés (check)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Roll transactions back (delete them)</source>
        <translation>Révoquer des transactions (les supprimer)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete every transaction of one source</source>
        <translation>Supprimer toutes les transactions d&apos;une source</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Put rolled-back transactions back</source>
        <translation>Restaurer des transactions révoquées</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Turn legacy totals (a CSV file or UserProfile) into transactions</source>
        <translation>Transformer d&apos;anciens totaux (fichier CSV ou UserProfile) en transactions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply many adjustments from a CSV file</source>
        <translation>Appliquer de nombreux ajustements depuis un fichier CSV</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set cached totals from the sum of the transactions</source>
        <translation>Recalculer les totaux en cache à partir de la somme des transactions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the audit chain and every total (--repair)</source>
        <translation>Vérifier la chaîne d&apos;audit et chaque total (--repair)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>period close|reopen|list: close the ledger up to a day, reopen it</source>
        <translation>period close|reopen|list&#xa0;: clôturer le registre jusqu&apos;à un jour donné, le rouvrir</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>capture install|remove|status: audit changes made outside XP Admin</source>
        <translation>capture install|remove|status&#xa0;: auditer les modifications faites hors de XP Admin</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>audit anchor: save the newest hash; audit report: one user&apos;s events, PDF/CSV</source>
        <translation>audit anchor&#xa0;: enregistrer l&apos;empreinte la plus récente&#x202f;; audit report&#xa0;: les événements d&apos;un utilisateur, en PDF/CSV</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>password save|forget: the PostgreSQL password in the system keychain</source>
        <translation>password save|forget&#xa0;: le mot de passe PostgreSQL dans le trousseau du système</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print every change of the ledger as it is made</source>
        <translation>Afficher chaque modification du registre au moment où elle a lieu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List transactions, newest first</source>
        <translation>Lister les transactions, les plus récentes d&apos;abord</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sum XP, in all or by category, day, user, ...</source>
        <translation>Totaliser les XP, en tout ou par catégorie, jour, utilisateur, …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A user&apos;s statement over a period (PDF/CSV)</source>
        <translation>Relevé d&apos;un utilisateur sur une période (PDF/CSV)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What changed between two moments, reconciled</source>
        <translation>Ce qui a changé entre deux moments, rapproché</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The controls report of a period: held changes, reopens, tickets (PDF/CSV)</source>
        <translation>Le rapport de contrôle d&apos;une période&#xa0;: modifications en attente, réouvertures, tickets (PDF/CSV)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the installation and the database</source>
        <translation>Vérifier l&apos;installation et la base de données</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>roles install|grant|show: database roles and who you are</source>
        <translation>roles install|grant|show&#xa0;: les rôles de la base de données et qui vous êtes</translation>
    </message>
    <message>
        <location line="+135"/>
        <source>--read-db needs the URL of a PostgreSQL standby</source>
        <translation>--read-db nécessite l&apos;URL d&apos;un serveur de secours PostgreSQL</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>--wait %1 is not a whole number of seconds from 0 to %2</source>
        <translation>--wait %1 n&apos;est pas un nombre entier de secondes entre 0 et %2</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>
Run xpadmin-cli COMMAND --help for a command&apos;s options.

Exit status:
</source>
        <translation>
xpadmin-cli COMMANDE --help affiche les options d&apos;une commande.

Code de sortie&#xa0;:
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
        <translation>Usage&#xa0;: xpadmin-cli [options globales] COMMANDE [options]

Administre un registre XP&#xa0;: attribuer, ajuster, révoquer et restaurer des XP, interroger l&apos;historique et les totaux, vérifier et réparer.

Options globales (avant la commande)&#xa0;:
  --db PATH|URL  La base de données&#xa0;: un fichier SQLite, ou postgresql://user@host:port/database.
                 Par défaut&#xa0;: $XPADMIN_DB, sinon %1
  --read-db URL  Un serveur de secours de cette base PostgreSQL, pour les lectures lourdes&#xa0;:
                 historique, totaux, rapports, recherches d&apos;utilisateurs et verify y lisent,
                 chaque modification va dans --db. Un retard est signalé par «&#xa0;État au&#xa0;».
  --actor NAME   Votre nom, pour le journal d&apos;audit (par défaut&#xa0;: votre nom de connexion).
  --json         Afficher les résultats en JSON.
  --wait SECONDS Combien de temps attendre un verrou tenu par un autre programme
                 (par défaut&#xa0;: %2)&#xa0;; ensuite code de sortie 3, rien n&apos;est modifié.
  --lang LANG    La langue des messages&#xa0;: en, de ou fr (par défaut&#xa0;: celle du système).
  --version      Afficher la version et quitter.
  -h, --help     Afficher cette aide ou, avec une commande, l&apos;aide de la commande.

Commandes&#xa0;:
</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>verify or doctor found problems</source>
        <translation>verify ou doctor a trouvé des problèmes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bad input or usage; nothing was changed</source>
        <translation>saisie ou utilisation incorrecte&#xa0;; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the database is unavailable or failed</source>
        <translation>la base de données est indisponible ou a échoué</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>your role may not do this; nothing was changed</source>
        <translation>votre rôle ne permet pas cela&#xa0;; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the ledger is read-only here; nothing was changed</source>
        <translation>le registre est ici en lecture seule&#xa0;; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled (Ctrl+C); nothing was kept</source>
        <translation>annulé (Ctrl+C)&#xa0;; rien n&apos;a été conservé</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>unknown option --%1 (see xpadmin-cli --help)</source>
        <translation>option inconnue --%1 (voir xpadmin-cli --help)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (see xpadmin-cli --help)</source>
        <translation>%1 (voir xpadmin-cli --help)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>no command given (see xpadmin-cli --help)</source>
        <translation>aucune commande indiquée (voir xpadmin-cli --help)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown command %1 (see xpadmin-cli --help)</source>
        <translation>commande inconnue %1 (voir xpadmin-cli --help)</translation>
    </message>
</context>
<context>
    <name>CliContext</name>
    <message>
        <location filename="../app/cli/CliContext.cpp" line="+86"/>
        <source>%1 holds another application&apos;s tables (%2) and no XP ledger; nothing was changed. To add the ledger beside them, run `xpadmin-cli init --into-existing`</source>
        <translation>%1 contient les tables d&apos;une autre application (%2) et aucun registre XP&#xa0;; rien n&apos;a été modifié. Pour ajouter le registre à côté, lancez `xpadmin-cli init --into-existing`</translation>
    </message>
</context>
<context>
    <name>CliFormat</name>
    <message>
        <location filename="../app/cli/CliFormat.cpp" line="+68"/>
        <source>Total XP of user %1 is now %2</source>
        <translation>Le total XP de l&apos;utilisateur %1 est maintenant de %2</translation>
    </message>
</context>
<context>
    <name>CliPassword</name>
    <message>
        <location filename="../app/cli/CliPassword.cpp" line="+95"/>
        <source>warning: a password in --db can be seen by other users of this computer and stays in your shell&apos;s history; use the system keychain (xpadmin-cli password save), PGPASSWORD or ~/.pgpass instead</source>
        <translation>avertissement&#xa0;: un mot de passe dans --db est visible par les autres utilisateurs de cet ordinateur et reste dans l&apos;historique de votre shell&#x202f;; utilisez plutôt le trousseau du système (xpadmin-cli password save), PGPASSWORD ou ~/.pgpass</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The password saved in the system keychain for %1 was refused</source>
        <translation>Le mot de passe enregistré dans le trousseau du système pour %1 a été refusé</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1. No password was found: give it with PGPASSWORD or ~/.pgpass, or save it in the system keychain with `xpadmin-cli password save` in a terminal</source>
        <translation>%1. Aucun mot de passe n&apos;a été trouvé&#xa0;: indiquez-le avec PGPASSWORD ou ~/.pgpass, ou enregistrez-le dans le trousseau du système avec `xpadmin-cli password save` dans un terminal</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Password for %1: </source>
        <translation>Mot de passe pour %1&#xa0;: </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server refused that password.</source>
        <translation>Le serveur a refusé ce mot de passe.</translation>
    </message>
</context>
<context>
    <name>CliStandby</name>
    <message>
        <location filename="../app/cli/CliStandby.cpp" line="+29"/>
        <source>--read-db: %1</source>
        <translation>--read-db&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The standby %1 cannot be reached, so this reads from the primary: %2</source>
        <translation>Le serveur de secours %1 est injoignable, la lecture se fait donc sur le serveur principal&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>As of %1 UTC: read on the standby, which is %2 s behind the primary.</source>
        <translation>État au %1 UTC&#xa0;: lu sur le serveur de secours, qui a %2 s de retard sur le serveur principal.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>The standby has not replayed this change yet; reading through --read-db shows it once it has.</source>
        <translation>Le serveur de secours n&apos;a pas encore rejoué cette modification&#xa0;; une lecture avec --read-db l&apos;affichera dès que ce sera fait.</translation>
    </message>
</context>
<context>
    <name>ClosedPeriod</name>
    <message>
        <location filename="../core/periods/ClosedPeriod.cpp" line="+21"/>
        <source>the period closed up to %1 (reopened after that day by %2 on %3)</source>
        <translation>la période clôturée jusqu&apos;au %1 (rouverte après ce jour par %2 le %3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the period closed up to %1 by %2 on %3</source>
        <translation>la période clôturée jusqu&apos;au %1 par %2 le %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../core/periods/PeriodGuard.cpp" line="+55"/>
        <source>Refused to %1: %2. Nothing was changed.</source>
        <translation>Refusé (%1)&#xa0;: %2. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is in %2; an admin may reopen it</source>
        <translation>%1 se trouve dans %2&#xa0;; un administrateur peut la rouvrir</translation>
    </message>
</context>
<context>
    <name>CommandParser</name>
    <message>
        <location filename="../app/cli/CommandParser.cpp" line="+45"/>
        <source>Why (required; kept in the audit log).</source>
        <translation>Pourquoi (obligatoire&#x202f;; conservé dans le journal d&apos;audit).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why (optional; kept in the audit log).</source>
        <translation>Pourquoi (facultatif&#x202f;; conservé dans le journal d&apos;audit).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--%1 is a global option: write it before the command, as in xpadmin-cli --%1 ... %2</source>
        <translation>--%1 est une option globale&#xa0;: placez-la avant la commande, comme dans xpadmin-cli --%1 … %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown option --%1</source>
        <translation>option inconnue --%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>unexpected argument %1</source>
        <translation>argument inattendu %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The CSV separator: &quot;,&quot; (the default), &quot;;&quot; (what Excel reads where the decimal separator is a comma, as in German or French) or tab.</source>
        <translation>Le séparateur CSV&#xa0;: « , » (par défaut), «&#xa0;; » (ce que lit Excel là où le séparateur décimal est une virgule, comme en allemand ou en français) ou tab.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start the CSV file with a UTF-8 byte order mark, so that Excel reads it as UTF-8.</source>
        <translation>Commencer le fichier CSV par une marque d&apos;ordre des octets UTF-8 (BOM), pour qu&apos;Excel le lise en UTF-8.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--separator %1 is not a separator: give &quot;,&quot;, &quot;;&quot; or tab</source>
        <translation>--separator %1 n&apos;est pas un séparateur&#xa0;: indiquez &quot;,&quot;, &quot;;&quot; ou tab</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: %2 (see xpadmin-cli %1 --help)</source>
        <translation>%1&#xa0;: %2 (voir xpadmin-cli %1 --help)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--%1 is required</source>
        <translation>--%1 est obligatoire</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--%1 %2 is not a whole number</source>
        <translation>--%1 %2 n&apos;est pas un nombre entier</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--%1 %2 is out of range: give %3 to %4</source>
        <translation>--%1 %2 est hors limites&#xa0;: indiquez une valeur de %3 à %4</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>--%1 %2 is not a date: write it as 2026-11-01, &quot;2026-11-01 13:00&quot; or 2026-11-01T13:00:00Z</source>
        <translation>--%1 %2 n&apos;est pas une date&#xa0;: écrivez-la sous la forme 2026-11-01, &quot;2026-11-01 13:00&quot; ou 2026-11-01T13:00:00Z</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Usage: xpadmin-cli [global options] %1 %2</source>
        <translation>Usage&#xa0;: xpadmin-cli [options globales] %1 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Options:</source>
        <translation>Options&#xa0;:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show this help and exit.</source>
        <translation>Afficher cette aide et quitter.</translation>
    </message>
</context>
<context>
    <name>ConnectedRole</name>
    <message>
        <location filename="../core/roles/ConnectedRole.cpp" line="+12"/>
        <source>%1 (advisory)</source>
        <translation>%1 (indicatif)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: superuser, unrestricted</source>
        <translation>%1&#xa0;: superutilisateur, sans restriction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: owner, unrestricted</source>
        <translation>%1&#xa0;: propriétaire, sans restriction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: XP Admin&apos;s roles are not installed</source>
        <translation>%1&#xa0;: les rôles de XP Admin ne sont pas installés</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: no XP Admin role</source>
        <translation>%1&#xa0;: aucun rôle XP Admin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your operating-system user %1 may not %2: it lacks %3</source>
        <translation>Votre utilisateur système %1 ne peut pas %2&#xa0;: il lui manque %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your database login %1 may not %2: it lacks %3</source>
        <translation>Votre connexion à la base %1 ne peut pas %2&#xa0;: il lui manque %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your role %1 (advisory, chosen in the settings) may not %2</source>
        <translation>Votre rôle %1 (indicatif, choisi dans les paramètres) ne peut pas %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your database login %1 has no XP Admin role and may not %2; the database owner can grant one with xpadmin-cli roles grant</source>
        <translation>Votre connexion à la base de données %1 n&apos;a aucun rôle XP Admin et ne peut pas %2&#x202f;; le propriétaire de la base de données peut lui en attribuer un avec xpadmin-cli roles grant</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your database login %1 may not %2</source>
        <translation>Votre connexion à la base de données %1 ne peut pas %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your database role %1 may not %2</source>
        <translation>Votre rôle de base de données %1 ne peut pas %2</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../ui/main/ConnectionDialog.cpp" line="+43"/>
        <source>&amp;Test connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connect to PostgreSQL</source>
        <translation>Se connecter à PostgreSQL</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the web application&apos;s database</source>
        <translation>la base de données de l&apos;application web</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>empty: use PGPASSWORD or ~/.pgpass</source>
        <translation>vide&#xa0;: utiliser PGPASSWORD ou ~/.pgpass</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>&amp;Remember the password in the system keychain</source>
        <translation>&amp;Mémoriser le mot de passe dans le trousseau du système</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>postgresql://user:password@host:5432/database?schema=… or host=… dbname=…</source>
        <translation>postgresql://user:password@host:5432/database?schema=… ou host=… dbname=…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste the web application&apos;s DATABASE_URL or any PostgreSQL connection string: it fills the fields below. The password goes to the password field only.</source>
        <translation>Collez la DATABASE_URL de l&apos;application web ou toute chaîne de connexion PostgreSQL&#xa0;: elle remplit les champs ci-dessous. Le mot de passe va uniquement dans le champ du mot de passe.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>empty: PGHOST or the local socket</source>
        <translation>vide&#xa0;: PGHOST ou le socket local</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A host name, an address or a socket directory. Several hosts, tried in turn: db1:5432,db2:5432</source>
        <translation>Un nom d&apos;hôte, une adresse ou un répertoire de socket. Plusieurs hôtes, essayés l&apos;un après l&apos;autre&#xa0;: db1:5432,db2:5432</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>default (PGPORT or 5432)</source>
        <translation>par défaut (PGPORT ou 5432)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>empty: PGUSER or your login name</source>
        <translation>vide&#xa0;: PGUSER ou votre nom de connexion</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Kept in the system keychain when you ask; otherwise used for this session only. Never written to settings or logs.</source>
        <translation>Conservé dans le trousseau du système si vous le demandez&#x202f;; sinon utilisé pour cette session seulement. Jamais écrit dans les paramètres ni dans les journaux.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The schema of the web application&apos;s tables (Prisma&apos;s ?schema=)</source>
        <translation>Le schéma des tables de l&apos;application web (le ?schema= de Prisma)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>verify-full checks that the server&apos;s certificate is signed by the certificate authority and made out for the host name; require encrypts without checking</source>
        <translation>verify-full vérifie que le certificat du serveur est signé par l&apos;autorité de certification et établi pour le nom d&apos;hôte&#xa0;; require chiffre sans vérifier</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>empty: ~/.postgresql/root.crt</source>
        <translation>vide&#xa0;: ~/.postgresql/root.crt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>only if the server asks for one</source>
        <translation>seulement si le serveur en demande un</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>key=value&amp;key=value, e.g. target_session_attrs=read-write</source>
        <translation>clé=valeur&amp;clé=valeur, p. ex. target_session_attrs=read-write</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Connect</source>
        <translation>Se &amp;connecter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paste a UR&amp;L:</source>
        <translation>Coller une UR&amp;L&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Host:</source>
        <translation>&amp;Hôte&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Port:</source>
        <translation>&amp;Port&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Database:</source>
        <translation>&amp;Base de données&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User:</source>
        <translation>&amp;Utilisateur&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;word:</source>
        <translation>Mot de pass&amp;e&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sche&amp;ma:</source>
        <translation>Schém&amp;a&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;SSL mode:</source>
        <translation>Mode &amp;SSL&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>C&amp;A certificate:</source>
        <translation>Ce&amp;rtificat de l&apos;AC&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose the certificate authority&apos;s file</source>
        <translation>Choisir le fichier de l&apos;autorité de certification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client c&amp;ertificate:</source>
        <translation>Certificat clie&amp;nt&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose the client certificate</source>
        <translation>Choisir le certificat client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client &amp;key:</source>
        <translation>Clé cl&amp;ient&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose the client certificate&apos;s key</source>
        <translation>Choisir la clé du certificat client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>M&amp;ore options:</source>
        <translation>Autres &amp;options&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>postgresql://user@standby-host/database</source>
        <translation>postgresql://user@standby-host/database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A hot standby of this database. History, totals, charts, exports, reports and verify read there; every change is still written to this database.</source>
        <translation>Un serveur de secours (hot standby) de cette base de données. L&apos;historique, les totaux, les graphiques, les exportations, les rapports et la vérification lisent sur ce serveur&#xa0;; chaque modification est toujours écrite dans cette base de données.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read from standb&amp;y (optional):</source>
        <translation>Lire sur le ser&amp;veur de secours (facultatif)&#xa0;:</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Not a PostgreSQL URL</source>
        <translation>Ce n&apos;est pas une URL PostgreSQL</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Filled in from the URL.</source>
        <translation>Champs remplis à partir de l&apos;URL.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Certificates and keys (*.crt *.pem *.key);;All files (*)</source>
        <translation>Certificats et clés (*.crt *.pem *.key);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1. XP Admin asks for the password each time and never stores it elsewhere; PGPASSWORD and ~/.pgpass work as usual.</source>
        <translation>%1. XP Admin demande le mot de passe à chaque fois et ne l&apos;enregistre jamais ailleurs&#x202f;; PGPASSWORD et ~/.pgpass fonctionnent comme d&apos;habitude.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep the password in the system keychain for the next time; unchecked, a password kept there for this connection is removed</source>
        <translation>Conserver le mot de passe dans le trousseau du système pour la prochaine fois&#x202f;; si la case est décochée, un mot de passe qui y est conservé pour cette connexion est supprimé</translation>
    </message>
    <message>
        <location line="+140"/>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connected: %1 as %2</source>
        <translation>Connecté&#xa0;: %1 en tant que %2</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The standby must be a PostgreSQL server: give its URL, postgresql://user@host/database.</source>
        <translation>Le serveur de secours doit être un serveur PostgreSQL&#xa0;: indiquez son URL, postgresql://user@host/database.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1: the password was not saved. Connect again to use it for this session only.</source>
        <translation>%1&#xa0;: le mot de passe n&apos;a pas été enregistré. Reconnectez-vous pour l&apos;utiliser pour cette session seulement.</translation>
    </message>
</context>
<context>
    <name>ConnectionProblem</name>
    <message>
        <location filename="../core/db/ConnectionProblem.cpp" line="+35"/>
        <source>The server&apos;s certificate is not signed by the certificate authority in %1 (sslrootcert), or it has expired.</source>
        <translation>Le certificat du serveur n&apos;est pas signé par l&apos;autorité de certification de %1 (sslrootcert), ou il a expiré.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The server&apos;s certificate is for %1, not for the host name %2.</source>
        <translation>Le certificat du serveur est établi pour %1, et non pour le nom d&apos;hôte %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s certificate is for %1 (and %2), not for the host name %3.</source>
        <translation>Le certificat du serveur est établi pour %1 (et %2), et non pour le nom d&apos;hôte %3.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The certificate authority file %1 (sslrootcert) does not exist or cannot be read.</source>
        <translation>Le fichier de l&apos;autorité de certification %1 (sslrootcert) n&apos;existe pas ou ne peut pas être lu.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The client certificate %1 (sslcert) cannot be read.</source>
        <translation>Le certificat client %1 (sslcert) ne peut pas être lu.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The client key %1 (sslkey) may be read by others: make it readable by you alone (chmod 600).</source>
        <translation>La clé client %1 (sslkey) peut être lue par d&apos;autres&#xa0;: rendez-la lisible par vous seul (chmod 600).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The client key %1 (sslkey) cannot be read.</source>
        <translation>La clé client %1 (sslkey) ne peut pas être lue.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server asks for a client certificate and did not accept %1 (sslcert).</source>
        <translation>Le serveur demande un certificat client et n&apos;a pas accepté %1 (sslcert).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server asks for a client certificate, and %1 (sslcert) does not exist.</source>
        <translation>Le serveur demande un certificat client, et %1 (sslcert) n&apos;existe pas.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The client certificate %1 (sslcert) is not for the user %2.</source>
        <translation>Le certificat client %1 (sslcert) n&apos;est pas établi pour l&apos;utilisateur %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server does not offer TLS, and sslmode=%1 requires it.</source>
        <translation>Le serveur ne propose pas TLS, et sslmode=%1 l&apos;exige.</translation>
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
        <translation>le port %1 n&apos;est pas un nombre de 1 à 65535</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 ports for %2 hosts: give one port, or one for each host</source>
        <translation>%1 ports pour %2 hôtes&#xa0;: indiquez un port, ou un par hôte</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>pgbouncer=%1: write pgbouncer=true or pgbouncer=false</source>
        <translation>pgbouncer=%1&#xa0;: écrivez pgbouncer=true ou pgbouncer=false</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>sslaccept=%1: write sslaccept=strict or sslaccept=accept_invalid_certs</source>
        <translation>sslaccept=%1&#xa0;: écrivez sslaccept=strict ou sslaccept=accept_invalid_certs</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>the value of %1 contains &quot;;&quot;, which cannot be passed on</source>
        <translation>la valeur de %1 contient «&#xa0;;&#xa0;», qui ne peut pas être transmis</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>--db %1 is not a valid PostgreSQL URL: %2</source>
        <translation>--db %1 n&apos;est pas une URL PostgreSQL valide&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--db %1 is not a valid PostgreSQL connection string: %2</source>
        <translation>--db %1 n&apos;est pas une chaîne de connexion PostgreSQL valide&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--db: unknown connection option %1: neither libpq nor Prisma knows it (see &quot;Connection URLs&quot; in the README)</source>
        <translation>--db&#xa0;: option de connexion inconnue %1&#xa0;: ni libpq ni Prisma ne la connaissent (voir «&#xa0;Connection URLs&#xa0;» dans le README)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>--db %1 names no database: write postgresql://user@host:port/DATABASE</source>
        <translation>--db %1 ne nomme aucune base de données&#xa0;: écrivez postgresql://user@host:port/BASE</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--db %1 names no database: add dbname=DATABASE</source>
        <translation>--db %1 ne nomme aucune base de données&#xa0;: ajoutez dbname=BASE</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>--db %1: unknown kind of database; give a file path or a postgresql:// URL</source>
        <translation>--db %1&#xa0;: type de base de données inconnu&#x202f;; indiquez un chemin de fichier ou une URL postgresql://</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>sslidentity=%1 is a PKCS#12 file, which libpq cannot read. Convert it with &quot;openssl pkcs12 -in %1 -clcerts -nokeys -out client.crt&quot; and &quot;openssl pkcs12 -in %1 -nocerts -nodes -out client.key&quot;, then give sslcert=client.crt&amp;sslkey=client.key instead.</source>
        <translation>sslidentity=%1 est un fichier PKCS#12, que libpq ne sait pas lire. Convertissez-le avec &quot;openssl pkcs12 -in %1 -clcerts -nokeys -out client.crt&quot; et &quot;openssl pkcs12 -in %1 -nocerts -nodes -out client.key&quot;, puis indiquez plutôt sslcert=client.crt&amp;sslkey=client.key.</translation>
    </message>
</context>
<context>
    <name>ControlsCsv</name>
    <message>
        <location filename="../core/controls/ControlsCsv.cpp" line="+74"/>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>ControlsDocument</name>
    <message>
        <location filename="../core/controls/ControlsDocument.cpp" line="+79"/>
        <source>by %1, %2</source>
        <translation>par %1, %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No change was held for approval in this period.</source>
        <translation>Aucune modification n&apos;a été mise en attente d&apos;approbation sur cette période.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asked</source>
        <translation>Demandée le</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+26"/>
        <location line="+13"/>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+39"/>
        <source>User</source>
        <translation>Utilisateur</translation>
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
        <translation>En attente car</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+26"/>
        <location line="+12"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Decision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No period was closed or reopened in this period.</source>
        <translation>Aucune période n&apos;a été clôturée ni rouverte sur cette période.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+13"/>
        <source>When</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Closed up to</source>
        <translation>Clôturé jusqu&apos;au</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Users</source>
        <translation>Utilisateurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total XP</source>
        <translation>Total XP</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Every change whose reason code requires a ticket has one.</source>
        <translation>Chaque modification dont le code de motif exige un ticket en a un.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+27"/>
        <source>Reason code</source>
        <translation>Code de motif</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+16"/>
        <source>Nobody changed XP by hand in this period.</source>
        <translation>Personne n&apos;a modifié d&apos;XP à la main sur cette période.</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Person</source>
        <translation>Personne</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+16"/>
        <source>Changes</source>
        <translation>Changements</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+16"/>
        <source>XP given</source>
        <translation>XP ajoutés</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+16"/>
        <source>XP taken</source>
        <translation>XP retirés</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Held</source>
        <translation>Retenu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved</source>
        <translation>Approuvé</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rejected</source>
        <translation>Rejeté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Without a ticket</source>
        <translation>Sans ticket</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Period:</source>
        <translation>Période&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Database:</source>
        <translation>Base de données&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Made on:</source>
        <translation>Établi le&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Made by:</source>
        <translation>Établi par&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 held for approval, %2 of them above a limit of their maker; %3 reopened; %4 without a required ticket.</source>
        <translation>%1 en attente d&apos;approbation, dont %2 au-delà d&apos;un plafond du demandeur&#xa0;; réouverture de %3&#xa0;; %4 sans le ticket requis.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <location line="+2"/>
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n modification</numerusform>
            <numerusform>%n modifications</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-1"/>
        <source>%n period(s)</source>
        <translation>
            <numerusform>%n période</numerusform>
            <numerusform>%n périodes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ControlsReport</name>
    <message>
        <location filename="../core/controls/ControlsReport.cpp" line="+46"/>
        <source>The report&apos;s period is empty: --since %1 is not before --until %2</source>
        <translation>La période du rapport est vide&#xa0;: --since %1 n&apos;est pas antérieur à --until %2</translation>
    </message>
</context>
<context>
    <name>ControlsText</name>
    <message>
        <location filename="../core/controls/ControlsText.cpp" line="+25"/>
        <source>Controls report</source>
        <translation>Rapport de contrôle</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the beginning</source>
        <translation>l&apos;origine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>now</source>
        <translation>jour présent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 to %2</source>
        <translation>%1 au %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>above the approval threshold</source>
        <translation>au-delà du seuil d&apos;approbation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>above the maker&apos;s limit per change</source>
        <translation>au-delà du plafond par ajustement du demandeur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>above the maker&apos;s limit per day</source>
        <translation>au-delà du plafond journalier du demandeur</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>approved</source>
        <translation>approuvée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rejected</source>
        <translation>rejetée</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>closed</source>
        <translation>clôture</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>reopened</source>
        <translation>réouverture</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Changes held for approval</source>
        <translation>Modifications en attente d&apos;approbation</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Periods closed and reopened</source>
        <translation>Périodes clôturées et rouvertes</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Changes without the ticket their reason code requires</source>
        <translation>Modifications sans le ticket exigé par leur code de motif</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Manual changes per person</source>
        <translation>Modifications manuelles par personne</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Manual changes by reason code</source>
        <translation>Modifications manuelles par code de motif</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No reason code</source>
        <translation>Sans code de motif</translation>
    </message>
</context>
<context>
    <name>ControlsWindow</name>
    <message>
        <location filename="../ui/controls/ControlsWindow.cpp" line="+46"/>
        <source>&amp;Refresh</source>
        <translation>A&amp;ctualiser</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save as P&amp;DF…</source>
        <translation>Enregistrer en P&amp;DF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as &amp;CSV…</source>
        <translation>Enregistrer en &amp;CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Print…</source>
        <translation>Im&amp;primer…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Controls Report</source>
        <translation>Rapport de contrôle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The days the report covers, up to today (local time); Custom picks the days</source>
        <translation>Les jours couverts par le rapport, jusqu&apos;à aujourd&apos;hui (heure locale)&#xa0;; Personnalisé choisit les jours</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First day of the report (from its start, local time)</source>
        <translation>Premier jour du rapport (depuis son début, heure locale)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day of the report (to its end, local time)</source>
        <translation>Dernier jour du rapport (jusqu&apos;à sa fin, heure locale)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading the report…</source>
        <translation>Lecture du rapport…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read the report again (F5)</source>
        <translation>Relire le rapport (F5)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The report as a PDF to file, laid out as shown here</source>
        <translation>Le rapport en PDF, à archiver, mis en page comme ici</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A row per finding, for a spreadsheet</source>
        <translation>Une ligne par constat, pour un tableur</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>The controls report could not be read: %1</source>
        <translation>Le rapport de contrôle n&apos;a pas pu être lu&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>controls-%1.%2</source>
        <translation>controle-%1.%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save Controls Report as PDF</source>
        <translation>Enregistrer le rapport de contrôle en PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+10"/>
        <source>Saved the controls report to %1.</source>
        <translation>Rapport de contrôle enregistré dans %1.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Save Controls Report as CSV</source>
        <translation>Enregistrer le rapport de contrôle en CSV</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Print Controls Report</source>
        <translation>Imprimer le rapport de contrôle</translation>
    </message>
</context>
<context>
    <name>CsvFileType</name>
    <message>
        <location filename="../core/csv/CsvFileType.cpp" line="+13"/>
        <source>an old Excel (.xls) or other Office file</source>
        <translation>un ancien fichier Excel (.xls) ou un autre fichier Office</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a PNG image</source>
        <translation>une image PNG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a JPEG image</source>
        <translation>une image JPEG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a GIF image</source>
        <translation>une image GIF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a PDF document</source>
        <translation>un document PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a gzip-compressed file</source>
        <translation>un fichier compressé avec gzip</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a bzip2-compressed file</source>
        <translation>un fichier compressé avec bzip2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>an xz-compressed file</source>
        <translation>un fichier compressé avec xz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a 7-Zip archive</source>
        <translation>une archive 7-Zip</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a RAR archive</source>
        <translation>une archive RAR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an SQLite database</source>
        <translation>une base de données SQLite</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a program (ELF executable)</source>
        <translation>un programme (exécutable ELF)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not a CSV file: this is a ZIP file, most likely an Excel (.xlsx) or OpenDocument (.ods) workbook. Open it in your spreadsheet and save it as &quot;CSV UTF-8&quot;.</source>
        <translation>Pas un fichier CSV&#xa0;: c&apos;est un fichier ZIP, très probablement un classeur Excel (.xlsx) ou OpenDocument (.ods). Ouvrez-le dans votre tableur et enregistrez-le au format «&#xa0;CSV UTF-8&#xa0;».</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The file is UTF-16 text (&quot;Unicode text&quot;), not UTF-8. Save it as &quot;CSV UTF-8&quot;.</source>
        <translation>Le fichier est du texte UTF-16 («&#xa0;Texte Unicode&#xa0;»), pas de l&apos;UTF-8. Enregistrez-le au format «&#xa0;CSV UTF-8&#xa0;».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not a CSV file: this is %1. Save the data as &quot;CSV UTF-8&quot; and try again.</source>
        <translation>Pas un fichier CSV&#xa0;: c&apos;est %1. Enregistrez les données au format «&#xa0;CSV UTF-8&#xa0;» et réessayez.</translation>
    </message>
</context>
<context>
    <name>CsvPreview</name>
    <message>
        <location filename="../core/csv/CsvPreview.cpp" line="+11"/>
        <source>Cannot read the file: %1</source>
        <translation>Impossible de lire le fichier&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>CsvPreviewModel</name>
    <message>
        <location filename="../models/CsvPreviewModel.cpp" line="+91"/>
        <source>Line %1: %2</source>
        <translation>Ligne %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line %1 of the file</source>
        <translation>Ligne %1 du fichier</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(extra field)</source>
        <translation>(champ en trop)</translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <location filename="../core/csv/CsvReader.cpp" line="+99"/>
        <source>The file could not be read: %1</source>
        <translation>Le fichier n&apos;a pas pu être lu&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Not a CSV file: line %1 has a NUL byte (at byte offset %2); it looks binary.</source>
        <translation>Pas un fichier CSV&#xa0;: la ligne %1 contient un octet NUL (à la position %2)&#x202f;; il semble binaire.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not a CSV file: line %1 has the control character %2 (at byte offset %3); it looks binary.</source>
        <translation>Pas un fichier CSV&#xa0;: la ligne %1 contient le caractère de contrôle %2 (à la position %3)&#x202f;; il semble binaire.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Line %1 is not UTF-8 text: the byte %2 at byte offset %3 (after %4) is not valid UTF-8. Save the file as &quot;CSV UTF-8&quot; and try again.</source>
        <translation>La ligne %1 n&apos;est pas du texte UTF-8&#xa0;: l&apos;octet %2 à la position %3 (après %4) n&apos;est pas de l&apos;UTF-8 valide. Enregistrez le fichier au format «&#xa0;CSV UTF-8&#xa0;» et réessayez.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Line %1 has more than %2 fields; this does not look like the expected file.</source>
        <translation>La ligne %1 a plus de %2 champs&#x202f;; cela ne ressemble pas au fichier attendu.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Line %1, field %2: the quote that opens this value is never closed: %3</source>
        <translation>Ligne %1, champ %2&#xa0;: le guillemet qui ouvre cette valeur n&apos;est jamais fermé&#xa0;: %3</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Line %1, field %2: the value is longer than %3 KiB: %4</source>
        <translation>Ligne %1, champ %2&#xa0;: la valeur dépasse %3 Kio&#xa0;: %4</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(the quote that opens it, on line %1, may be missing its closing quote)</source>
        <translation>(le guillemet ouvrant, à la ligne %1, n&apos;a peut-être pas de guillemet fermant)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Line %1: the row is longer than %2 KiB; this does not look like the expected file.</source>
        <translation>Ligne %1&#xa0;: la ligne dépasse %2 Kio&#x202f;; cela ne ressemble pas au fichier attendu.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Line %1, field %2: a quote inside a value that does not start with one: %3. Put the whole value in quotes and double the quotes inside it.</source>
        <translation>Ligne %1, champ %2&#xa0;: un guillemet dans une valeur qui ne commence pas par un guillemet&#xa0;: %3. Mettez toute la valeur entre guillemets et doublez les guillemets qu&apos;elle contient.</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Line %1, field %2: unexpected text after the closing quote of %3: %4. A quoted value must end at a separator or at the end of the line.</source>
        <translation>Ligne %1, champ %2&#xa0;: texte inattendu après le guillemet fermant de %3&#xa0;: %4. Une valeur entre guillemets doit se terminer à un séparateur ou en fin de ligne.</translation>
    </message>
</context>
<context>
    <name>CsvSaveDialog</name>
    <message>
        <location filename="../ui/common/CsvSaveDialog.cpp" line="+20"/>
        <source>CSV for Excel, separated by semicolons, UTF-8 with BOM (*.csv)</source>
        <translation>CSV pour Excel, séparé par des points-virgules, UTF-8 avec BOM (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV for Excel, UTF-8 with BOM (*.csv)</source>
        <translation>CSV pour Excel, UTF-8 avec BOM (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV, separated by commas (*.csv)</source>
        <translation>CSV, séparé par des virgules (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>CsvSeparator</name>
    <message>
        <location filename="../core/csv/CsvSeparator.cpp" line="+113"/>
        <source>semicolon</source>
        <translation>point-virgule</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tab</source>
        <translation>tabulation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>comma</source>
        <translation>virgule</translation>
    </message>
</context>
<context>
    <name>CsvTable</name>
    <message>
        <location filename="../core/csv/CsvTable.cpp" line="+62"/>
        <source>The file is empty: it should start with a header line naming the columns %1.</source>
        <translation>Le fichier est vide&#xa0;: il devrait commencer par une ligne d&apos;en-tête nommant les colonnes %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file has no header line, only blank lines: it should start with a header line naming the columns %1.</source>
        <translation>Le fichier n&apos;a pas de ligne d&apos;en-tête, seulement des lignes vides&#xa0;: il devrait commencer par une ligne d&apos;en-tête nommant les colonnes %1.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Line %1: column %2 of the header has no name; the header is %3.</source>
        <translation>Ligne %1&#xa0;: la colonne %2 de l&apos;en-tête n&apos;a pas de nom&#x202f;; l&apos;en-tête est %3.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Line %1: the header names the column %2 twice (columns %3 and %4).</source>
        <translation>Ligne %1&#xa0;: l&apos;en-tête nomme deux fois la colonne %2 (colonnes %3 et %4).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Line %1: the header lacks the required column(s) %2. The header found is %3; the required columns are %4.</source>
        <translation>Ligne %1&#xa0;: il manque à l&apos;en-tête la ou les colonnes obligatoires %2. L&apos;en-tête trouvé est %3&#x202f;; les colonnes obligatoires sont %4.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Line %1: unknown column(s) %2 in the header. The allowed columns are %3.</source>
        <translation>Ligne %1&#xa0;: colonne(s) inconnue(s) %2 dans l&apos;en-tête. Les colonnes autorisées sont %3.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Line %1 has %2 values instead of %3 (one per header column); the first extra value is %4.</source>
        <translation>La ligne %1 a %2 valeurs au lieu de %3 (une par colonne de l&apos;en-tête)&#x202f;; la première valeur en trop est %4.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Line %1 has %2 values instead of %3 (one per header column): there is no value for %4. The line reads %5.</source>
        <translation>La ligne %1 a %2 valeurs au lieu de %3 (une par colonne de l&apos;en-tête)&#xa0;: il n&apos;y a pas de valeur pour %4. La ligne est %5.</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <location filename="../core/db/Database.cpp" line="+105"/>
        <source>The Qt SQL driver %1 is not installed (Debian package %2)</source>
        <translation>Le pilote SQL Qt %1 n&apos;est pas installé (paquet Debian %2)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Cannot open the database %1: %2</source>
        <translation>Impossible d&apos;ouvrir la base de données %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>the server accepts only reads (a standby, or a database set to read-only)</source>
        <translation>le serveur n&apos;accepte que des lectures (un serveur de secours, ou une base en lecture seule)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>the ledger at %1 is read-only (%2); nothing was changed</source>
        <translation>le registre %1 est en lecture seule (%2)&#xa0;; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>opened for reading only</source>
        <translation>ouvert en lecture seule</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Permission denied: your database role %1 may not do this (%2). Nothing was changed.</source>
        <translation>Permission refusée&#xa0;: votre rôle de base de données %1 ne peut pas faire cela (%2). Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: the connection to the database server was lost (%2)</source>
        <translation>%1&#xa0;: la connexion au serveur de base de données a été perdue (%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: %2. XP Admin&apos;s own tables here are from an older XP Admin (schema version %3; this one uses %4) and are read as they are, without what later versions added. Bring them up to date with `xpadmin-cli init` as the database&apos;s owner: it adds what is missing and changes nothing else.</source>
        <translation>%1&#xa0;: %2. Les tables propres à XP Admin proviennent ici d&apos;un XP Admin plus ancien (version de schéma %3&#xa0;; celui-ci utilise %4) et sont lues telles quelles, sans ce que les versions ultérieures ont ajouté. Mettez-les à jour avec `xpadmin-cli init` en tant que propriétaire de la base&#xa0;: il ajoute ce qui manque et ne change rien d&apos;autre.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../core/db/DatabaseScan.cpp" line="+93"/>
        <location filename="../core/db/DatabaseStatements.cpp" line="+91"/>
        <source>The database refused a statement</source>
        <translation>La base de données a refusé une instruction</translation>
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
        <translation>Une instruction de base de données a échoué</translation>
    </message>
    <message>
        <location filename="../core/db/DatabaseStatements.cpp" line="-41"/>
        <location line="+15"/>
        <source>A batch of database writes failed</source>
        <translation>Un lot d&apos;écritures dans la base de données a échoué</translation>
    </message>
    <message>
        <location filename="../core/db/DatabaseReconnect.cpp" line="+99"/>
        <location line="+5"/>
        <source>Cannot reconnect to %1: %2</source>
        <translation>Impossible de se reconnecter à %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The server %1 accepts only reads.</source>
        <translation>Le serveur %1 n&apos;accepte que des lectures.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Waiting for a database server that accepts changes (%1) since %2 s</source>
        <translation>Attente depuis %2 s d&apos;un serveur de base de données qui accepte les modifications (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for the database server (%1) since %2 s</source>
        <translation>Attente du serveur de base de données (%1) depuis %2 s</translation>
    </message>
    <message>
        <location filename="../core/db/Database.cpp" line="-16"/>
        <source>The connection to the database was lost twice while committing; the server confirms that nothing was changed.</source>
        <translation>La connexion à la base de données a été perdue deux fois pendant la validation&#xa0;; le serveur confirme que rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The connection to the database was lost while the change was being committed, and the server could not say whether it was: it may or may not have been applied. Check the history before you repeat it. %1</source>
        <translation>La connexion à la base de données a été perdue pendant la validation de la modification, et le serveur n&apos;a pas pu dire si elle l&apos;a été&#xa0;: elle a peut-être été appliquée, peut-être pas. Vérifiez l&apos;historique avant de la répéter. %1</translation>
    </message>
    <message>
        <location filename="../core/db/DatabaseCommit.cpp" line="+27"/>
        <source>You stopped the wait for the server.</source>
        <translation>Vous avez interrompu l&apos;attente du serveur.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>XP Admin is now connected to %1, not to %2 where the change was being committed, and nothing tells whether the change reached %1.</source>
        <translation>XP Admin est désormais connecté à %1 et non plus à %2, où la modification était en cours de validation&#xa0;; rien n&apos;indique si elle est parvenue à %1.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Its transaction %1 is still being committed on the server.</source>
        <translation>Sa transaction %1 est encore en cours de validation sur le serveur.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The server no longer knows its transaction %1.</source>
        <translation>Le serveur ne connaît plus sa transaction %1.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The last change XP Admin committed on %1 is not on %2, the server that took over: %1 stopped before it had sent it on. Look at the history and make the change again if it is still needed.</source>
        <translation>La dernière modification validée par XP Admin sur %1 n&apos;est pas sur %2, le serveur qui a pris le relais&#xa0;: %1 s&apos;est arrêté avant de l&apos;avoir transmise. Consultez l&apos;historique et refaites la modification si elle est toujours nécessaire.</translation>
    </message>
    <message>
        <location filename="../core/db/Database.cpp" line="+24"/>
        <location filename="../core/db/DatabaseReconnect.cpp" line="-36"/>
        <source>The connection to the database was lost and could not be re-established; nothing was changed. %1</source>
        <translation>La connexion à la base de données a été perdue et n&apos;a pas pu être rétablie&#x202f;; rien n&apos;a été modifié. %1</translation>
    </message>
</context>
<context>
    <name>DatabaseOpener</name>
    <message>
        <location filename="../ui/main/DatabaseOpener.cpp" line="+37"/>
        <source>Opening %1…</source>
        <translation>Ouverture de %1…</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>Cannot Open Database</source>
        <translation>Impossible d&apos;ouvrir la base de données</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1

Nothing was changed.%2</source>
        <translation>%1

Rien n&apos;a été modifié.%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> %1 stays open.</source>
        <translation> %1 reste ouverte.</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Opened %1</source>
        <translation>%1 ouverte</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>%1 holds no XP ledger, and none can be made there: it is read-only (%2).</source>
        <translation>%1 ne contient aucun registre XP, et aucun ne peut y être créé&#xa0;: il est en lecture seule (%2).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 holds the web app&apos;s ledger tables, but not XP Admin&apos;s audit log.

Add XP Admin&apos;s tables? The web app&apos;s tables stay as they are.</source>
        <translation>%1 contient les tables du registre de l&apos;application web, mais pas le journal d&apos;audit de XP Admin.

Ajouter les tables de XP Admin&#xa0;? Celles de l&apos;application web restent telles quelles.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 holds no XP ledger.

Create a new ledger in it?</source>
        <translation>%1 ne contient aucun registre XP.

Y créer un nouveau registre&#xa0;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 belongs to another application: it holds the tables %2, and no XP ledger.

Add an XP ledger to this database, beside those tables? They stay as they are.</source>
        <translation>%1 appartient à une autre application&#xa0;: il contient les tables %2, et aucun registre XP.

Ajouter un registre XP à cette base, à côté de ces tables&#xa0;? Elles restent telles quelles.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create Ledger</source>
        <translation>Créer le registre</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing was changed in %1</source>
        <translation>Rien n&apos;a été modifié dans %1</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+6"/>
        <source>Demo Database</source>
        <translation>Base de démonstration</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Creating demo data…</source>
        <translation>Création des données d&apos;exemple…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Demo data created: %L1 transactions</source>
        <translation>Données d&apos;exemple créées&#xa0;: %L1 transactions</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>New Ledger Database</source>
        <translation>Nouvelle base de données de registre</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+10"/>
        <source>SQLite databases (*.sqlite *.db);;All files (*)</source>
        <translation>Bases de données SQLite (*.sqlite *.db);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Open Ledger Database</source>
        <translation>Ouvrir une base de données de registre</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Open Recent</source>
        <translation>Fichiers récents</translation>
    </message>
</context>
<context>
    <name>DeleteSourceCommand</name>
    <message>
        <location filename="../ui/actions/DeleteSourceCommand.cpp" line="+10"/>
        <source>Delete source %1 (%2)</source>
        <translation>Supprimer la source %1 (%2)</translation>
    </message>
</context>
<context>
    <name>DeleteSourceDialog</name>
    <message>
        <location filename="../ui/actions/DeleteSourceDialog.cpp" line="+32"/>
        <source>Delete a source</source>
        <translation>Supprimer une source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deletes every transaction of one source (a problem attempt, an achievement, ...) for every user who has it, as when the source itself is deleted. The audit log keeps each transaction in full: they can be restored later.</source>
        <translation>Supprime toutes les transactions d&apos;une source (une tentative de problème, un succès, …) pour chaque utilisateur qui en a, comme si la source elle-même était supprimée. Le journal d&apos;audit conserve chaque transaction en entier&#xa0;: elles pourront être restaurées plus tard.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+211"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location line="-204"/>
        <source>The kind of source the transactions came from</source>
        <translation>Le type de source dont proviennent les transactions</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stored as %1</source>
        <translation>Enregistré comme %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. attempt-1042</source>
        <translation>p. ex. attempt-1042</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The source id exactly as it appears in the history</source>
        <translation>L&apos;id de la source, exactement tel qu&apos;il apparaît dans l&apos;historique</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exactly as shown in the history&apos;s Source id column.</source>
        <translation>Exactement tel qu&apos;affiché dans la colonne Id source de l&apos;historique.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Preview</source>
        <translation>&amp;Aperçu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List every transaction of this source before deleting (Alt+P, or Enter)</source>
        <translation>Lister toutes les transactions de cette source avant de supprimer (Alt+A, ou Entrée)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Source &amp;type:</source>
        <translation>&amp;Type de source&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source &amp;id:</source>
        <translation>&amp;Id de la source&#xa0;:</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Effect on each user&apos;s total</source>
        <translation>Effet sur le total de chaque utilisateur</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Reason:</source>
        <translation>Moti&amp;f&#xa0;:</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The source id</source>
        <translation>L&apos;id de la source</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Reading the transactions of this source…</source>
        <translation>Lecture des transactions de cette source…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the source, then Preview to see every transaction it has.</source>
        <translation>Saisissez la source, puis Aperçu pour voir toutes ses transactions.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 of 1 user, %2 XP in all.</source>
        <translation>%1 d&apos;un utilisateur, %2 XP en tout.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2 users, %3 XP in all.</source>
        <translation>%1 de %2 utilisateurs, %3 XP en tout.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The first %1 are listed.</source>
        <translation>Les %1 premières sont listées.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The source could not be read: %1</source>
        <translation>La source n&apos;a pas pu être lue&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No transaction has the source %1 %2: there is nothing to delete. Check the source type and id as the history shows them.</source>
        <translation>Aucune transaction n&apos;a la source %1 %2&#xa0;: il n&apos;y a rien à supprimer. Vérifiez le type et l&apos;identifiant de la source tels que l&apos;historique les affiche.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1. Until then this source cannot be deleted.</source>
        <translation>%1. D&apos;ici là, cette source ne peut pas être supprimée.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This would take a total past the limit of what the ledger can hold; the source cannot be deleted.</source>
        <translation>Un total dépasserait alors ce que le registre peut contenir&#x202f;; la source ne peut pas être supprimée.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>After this, %Ln user(s) have a negative total (in red above). That is allowed, but check that it is what you mean.</source>
        <translation>
            <numerusform>Après cela, %Ln utilisateur a un total négatif (en rouge ci-dessus). C&apos;est permis, mais vérifiez que c&apos;est bien ce que vous voulez.</numerusform>
            <numerusform>Après cela, %Ln utilisateurs ont un total négatif (en rouge ci-dessus). C&apos;est permis, mais vérifiez que c&apos;est bien ce que vous voulez.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Delete anyway</source>
        <translation>Supprimer quand même</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete %1</source>
        <translation>Supprimer %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The source was not deleted</source>
        <translation>La source n&apos;a pas été supprimée</translation>
    </message>
</context>
<context>
    <name>DemoCommand</name>
    <message>
        <location filename="../app/cli/DemoCommand.cpp" line="+33"/>
        <source>Adds realistic sample data: users, and XP transactions spread over the last days. Ctrl+C cancels, and then nothing is kept.</source>
        <translation>Ajoute des données d&apos;exemple réalistes&#xa0;: des utilisateurs, et des transactions XP réparties sur les derniers jours. Ctrl+C annule, et rien n&apos;est alors conservé.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Users to add (default %1).</source>
        <translation>Utilisateurs à ajouter (par défaut %1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transactions to add (default %1).</source>
        <translation>Transactions à ajouter (par défaut %1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Spread over the last D days (default %1).</source>
        <translation>Réparties sur les D derniers jours (par défaut %1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Random seed: the same seed gives the same data (default %1).</source>
        <translation>Graine aléatoire&#xa0;: la même graine donne les mêmes données (par défaut %1).</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Created a new XP ledger in %1</source>
        <translation>Nouveau registre XP créé dans %1</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Demo data: %1/%n transaction(s), %2 rows/s</source>
        <translation>
            <numerusform>Données de démo&#xa0;: %1/%n transaction, %2 lignes/s</numerusform>
            <numerusform>Données de démo&#xa0;: %1/%n transactions, %2 lignes/s</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Ctrl+C came while the finished data was being saved: it has been kept.</source>
        <translation>Ctrl+C est arrivé pendant l&apos;enregistrement des données terminées&#xa0;: elles ont été conservées.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Users added:</source>
        <translation>Utilisateurs ajoutés&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transactions added:</source>
        <translation>Transactions ajoutées&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total XP:</source>
        <translation>Total XP&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Elapsed:</source>
        <translation>Durée&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows per second:</source>
        <translation>Lignes par seconde&#xa0;:</translation>
    </message>
</context>
<context>
    <name>DemoGenerator</name>
    <message>
        <location filename="../core/import/DemoGenerator.cpp" line="+57"/>
        <source>--users %1 is out of range: give 1 to 10000000</source>
        <translation>--users %1 est hors limites&#xa0;: indiquez une valeur de 1 à 10000000</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--transactions %1 is out of range: give 0 to 1000000000</source>
        <translation>--transactions %1 est hors limites&#xa0;: indiquez une valeur de 0 à 1000000000</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--days %1 is out of range: give 1 to 3650</source>
        <translation>--days %1 est hors limites&#xa0;: indiquez une valeur de 1 à 3650</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>add demo data</source>
        <translation>ajout de données de démo</translation>
    </message>
    <message>
        <location line="+67"/>
        <location line="+37"/>
        <source>Demo data generation cancelled; nothing was kept</source>
        <translation>Génération des données d&apos;exemple annulée&#x202f;; rien n&apos;a été conservé</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>demo data: %1 users, %2 transactions over %3 days (seed %4)</source>
        <translation>données d&apos;exemple&#xa0;: %1 utilisateurs, %2 transactions sur %3 jours (graine %4)</translation>
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
        <translation>sur le serveur de base de données</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>from %1</source>
        <translation>depuis %1</translation>
    </message>
</context>
<context>
    <name>DiskFull</name>
    <message>
        <location filename="../core/db/DiskFull.cpp" line="+55"/>
        <source>%1: the disk is full (%2). SQLite&apos;s temporary folder %3 has no room left: %4. Free some space there, or point SQLITE_TMPDIR at a folder with room, and try again.</source>
        <translation>%1&#xa0;: le disque est plein (%2). Le dossier temporaire %3 de SQLite n&apos;a plus de place&#xa0;: %4. Libérez de la place, ou faites pointer SQLITE_TMPDIR vers un dossier qui en a, puis réessayez.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: the disk is full (%2). Free some space and try again.</source>
        <translation>%1&#xa0;: le disque est plein (%2). Libérez de la place et réessayez.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: the disk is full (%2). The ledger&apos;s folder %3 has no room left: %4. Free some space there, or move the ledger to a disk with room, and try again.</source>
        <translation>%1&#xa0;: le disque est plein (%2). Le dossier %3 du registre n&apos;a plus de place&#xa0;: %4. Libérez de la place, ou déplacez le registre sur un disque qui en a, puis réessayez.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>its free space is unknown</source>
        <translation>son espace libre est inconnu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 free of %2 on the disk mounted at %3</source>
        <translation>%1 libres sur %2 sur le disque monté sur %3</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1: the database server&apos;s disk is full (%2). Ask the server&apos;s administrator to free some space, then try again.</source>
        <translation>%1&#xa0;: le disque du serveur de base de données est plein (%2). Demandez à l&apos;administrateur du serveur de libérer de la place, puis réessayez.</translation>
    </message>
</context>
<context>
    <name>DocumentSaving</name>
    <message>
        <location filename="../ui/common/DocumentSaving.cpp" line="+29"/>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The PDF could not be written: %1</source>
        <translation>Le PDF n&apos;a pas pu être écrit&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The CSV file could not be written: %1</source>
        <translation>Le fichier CSV n&apos;a pas pu être écrit&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>FiguresAsOf</name>
    <message>
        <location filename="../models/FiguresAsOf.cpp" line="+66"/>
        <source>As of %1 (standby)</source>
        <translation>État à %1 (serveur de secours)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>As of %1</source>
        <translation>État à %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>These figures were read on the standby server, which then held every change made up to %1. Later changes are not in them yet; your own changes are read from the primary until the standby has them.</source>
        <translation>Ces chiffres ont été lus sur le serveur de secours, qui avait alors toutes les modifications faites jusqu&apos;à %1. Les modifications plus récentes n&apos;y sont pas encore&#xa0;; vos propres modifications sont lues sur le serveur principal tant que le serveur de secours ne les a pas.</translation>
    </message>
</context>
<context>
    <name>Grants</name>
    <message>
        <location filename="../core/roles/Grants.cpp" line="+219"/>
        <source>ownership of the ledger&apos;s tables</source>
        <translation>la propriété des tables du registre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>permission to read the file</source>
        <translation>le droit de lire le fichier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>permission to write the file</source>
        <translation>le droit d&apos;écrire dans le fichier</translation>
    </message>
</context>
<context>
    <name>HelpPages</name>
    <message>
        <location filename="../ui/help/HelpPages.cpp" line="+9"/>
        <source>Getting Started</source>
        <translation>Premiers pas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opening a Ledger</source>
        <translation>Ouvrir un registre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connecting to PostgreSQL</source>
        <translation>Se connecter à PostgreSQL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Users</source>
        <translation>Utilisateurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adjust XP</source>
        <translation>Ajuster des XP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roll Back Transactions</source>
        <translation>Révoquer des transactions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete a Source</source>
        <translation>Supprimer une source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore Transactions</source>
        <translation>Restaurer des transactions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo and Redo</source>
        <translation>Annuler et rétablir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit Log</source>
        <translation>Journal d&apos;audit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending Approvals</source>
        <translation>Approbations en attente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charts</source>
        <translation>Graphiques</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Importing from CSV Files</source>
        <translation>Importer depuis des fichiers CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles</source>
        <translation>Rôles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyboard Shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <location filename="../ui/help/HelpWindow.cpp" line="+30"/>
        <source>XP Admin Manual</source>
        <translation>Manuel de XP Admin</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Back</source>
        <translation>&amp;Précédent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the page before (%1)</source>
        <translation>Afficher la page précédente (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Forward</source>
        <translation>&amp;Suivant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the page after (%1)</source>
        <translation>Afficher la page suivante (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Contents</source>
        <translation>&amp;Sommaire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the first page of the manual</source>
        <translation>Afficher la première page du manuel</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Search the manual</source>
        <translation>Rechercher dans le manuel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lists the pages that contain the words and marks them in the page (Enter: next place)</source>
        <translation>Liste les pages qui contiennent les mots et les marque dans la page (Entrée&#xa0;: occurrence suivante)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>%1 — XP Admin Manual</source>
        <translation>%1 — Manuel de XP Admin</translation>
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
    <name>HistoryFilterBar</name>
    <message>
        <location filename="../ui/history/HistoryFilterBar.cpp" line="+34"/>
        <source>Clear filters</source>
        <translation>Effacer les filtres</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All time</source>
        <translation>Depuis le début</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 90 days</source>
        <translation>90 derniers jours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This year</source>
        <translation>Cette année</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom range…</source>
        <translation>Période personnalisée…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show transactions of this period (local time); Custom range picks the days</source>
        <translation>Afficher les transactions de cette période (heure locale)&#x202f;; Période personnalisée permet de choisir les jours</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>First day shown (from its start, local time)</source>
        <translation>Premier jour affiché (depuis son début, heure locale)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day shown (to its end, local time)</source>
        <translation>Dernier jour affiché (jusqu&apos;à sa fin, heure locale)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All sources</source>
        <translation>Toutes les sources</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+14"/>
        <source>Stored as %1</source>
        <translation>Enregistré comme %1</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Show transactions of one source type only</source>
        <translation>Afficher uniquement les transactions d&apos;un type de source</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All categories</source>
        <translation>Toutes les catégories</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Show transactions of one category only</source>
        <translation>Afficher uniquement les transactions d&apos;une catégorie</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search descriptions and IDs</source>
        <translation>Rechercher descriptions et id</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Shows transactions whose description or source ID contains the text, or whose ID is the text (Ctrl+Shift+F)</source>
        <translation>Affiche les transactions dont la description ou l&apos;id source contient le texte, ou dont l&apos;id est ce texte (Ctrl+Maj+F)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show every transaction of the user again (Ctrl+Shift+L)</source>
        <translation>Afficher à nouveau toutes les transactions de l&apos;utilisateur (Ctrl+Maj+L)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search Transactions</source>
        <translation>Rechercher des transactions</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Clear Filters</source>
        <translation>Effacer les filtres</translation>
    </message>
</context>
<context>
    <name>HistoryLive</name>
    <message>
        <location filename="../ui/history/HistoryLive.cpp" line="+22"/>
        <source>Removed since it was read: its source was deleted by %1 at %2</source>
        <translation>Supprimée depuis la lecture&#xa0;: sa source a été supprimée par %1 le %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Removed since it was read: deleted in the database by %1 at %2</source>
        <translation>Supprimée depuis la lecture&#xa0;: supprimée dans la base de données par %1 le %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed since it was read: updated in the database by %1 at %2 (Show Them reads it again)</source>
        <translation>Modifiée depuis la lecture&#xa0;: mise à jour dans la base de données par %1 le %2 («&#xa0;Les afficher&#xa0;» la relit)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Removed since it was read: rolled back by %1 at %2</source>
        <translation>Supprimée depuis la lecture&#xa0;: révoquée par %1 le %2</translation>
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
        <translation>Identifiant de l&apos;utilisateur&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The user&apos;s total after this transaction</source>
        <translation>Le total de l&apos;utilisateur après cette transaction</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Balance</source>
        <translation>Solde</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source type</source>
        <translation>Type de source</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source ID</source>
        <translation>Id source</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ID</source>
        <translation>Id</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The user&apos;s total after each transaction, oldest to newest. Shown for one user, unless a category, source type or search hides some of their transactions.</source>
        <translation>Le total de l&apos;utilisateur après chaque transaction, de la plus ancienne à la plus récente. Affiché pour un seul utilisateur, sauf si une catégorie, un type de source ou une recherche masque certaines de ses transactions.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Local time; the tooltip of each cell gives UTC. Click to switch between newest and oldest first.</source>
        <translation>Heure locale&#x202f;; l&apos;infobulle de chaque cellule donne l&apos;heure UTC. Cliquez pour passer des plus récentes aux plus anciennes d&apos;abord.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only the time column sorts.</source>
        <translation>Seule la colonne de l&apos;heure peut être triée.</translation>
    </message>
    <message>
        <location line="+206"/>
        <source>The transactions could not be read: %1</source>
        <translation>Les transactions n&apos;ont pas pu être lues&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>The transactions could not be counted: %1</source>
        <translation>Les transactions n&apos;ont pas pu être comptées&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../ui/history/HistoryView.cpp" line="+152"/>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the selected rows with a header, tab-separated</source>
        <translation>Copier les lignes sélectionnées avec un en-tête, séparées par des tabulations</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export to CSV…</source>
        <translation>&amp;Exporter en CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write every transaction of the filter to a CSV file</source>
        <translation>Écrire toutes les transactions du filtre dans un fichier CSV</translation>
    </message>
    <message>
        <location line="+173"/>
        <source>Export</source>
        <translation>Exportation</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>An export is already running; wait for it or cancel it.</source>
        <translation>Une exportation est déjà en cours&#x202f;; attendez-la ou annulez-la.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export Transactions to CSV</source>
        <translation>Exporter les transactions en CSV</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Counting the transactions to export…</source>
        <translation>Comptage des transactions à exporter…</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Export to CSV</source>
        <translation>Exporter en CSV</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Export Finished</source>
        <translation>Exportation terminée</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Export Failed</source>
        <translation>Échec de l&apos;exportation</translation>
    </message>
    <message>
        <location line="-294"/>
        <source>Show in &amp;Audit Log</source>
        <translation>Afficher dans le &amp;journal d&apos;audit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;User</source>
        <translation>Afficher l&apos;&amp;utilisateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy &amp;ID</source>
        <translation>Copier l&apos;&amp;ID</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Show the audit log at the event that wrote this transaction (double-click)</source>
        <translation>Afficher le journal d&apos;audit à l&apos;événement qui a écrit cette transaction (double-clic)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select this transaction&apos;s user and show their history</source>
        <translation>Sélectionner l&apos;utilisateur de cette transaction et afficher son historique</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copy the transaction ID, as the command line and the audit log use it</source>
        <translation>Copier l&apos;ID de la transaction, tel que la ligne de commande et le journal d&apos;audit l&apos;utilisent</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Transaction %1 is no longer in the history: it may have been rolled back.</source>
        <translation>La transaction %1 n&apos;est plus dans l&apos;historique&#xa0;: elle a peut-être été révoquée.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Transaction %1 belongs to another user than the one shown.</source>
        <translation>La transaction %1 appartient à un autre utilisateur que celui affiché.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Copied the ID %1</source>
        <translation>ID %1 copié</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Copied %n ID(s)</source>
        <translation>
            <numerusform>%n ID copié</numerusform>
            <numerusform>%n ID copiés</numerusform>
        </translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Nothing was copied: the list was read again meanwhile. Select the rows again.</source>
        <translation>Rien n&apos;a été copié&#xa0;: la liste a été relue entre-temps. Sélectionnez de nouveau les lignes.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Copied %Ln transaction(s)</source>
        <translation>
            <numerusform>%Ln transaction copiée</numerusform>
            <numerusform>%Ln transactions copiées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>Writing %1: %2 of %Ln transaction(s)</source>
        <translation>
            <numerusform>Écriture de %1&#xa0;: %2 sur %Ln transaction</numerusform>
            <numerusform>Écriture de %1&#xa0;: %2 sur %Ln transactions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>Exported %Ln transaction(s) to %1.</source>
        <translation>
            <numerusform>%Ln transaction exportée vers %1.</numerusform>
            <numerusform>%Ln transactions exportées vers %1.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Loading transactions…</source>
        <translation>Chargement des transactions…</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Showing %Ln transaction(s) (counting…)</source>
        <translation>
            <numerusform>%Ln transaction affichée (comptage…)</numerusform>
            <numerusform>%Ln transactions affichées (comptage…)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Showing %1 of %Ln transaction(s)</source>
        <translation>
            <numerusform>%1 sur %Ln transaction affichée</numerusform>
            <numerusform>%1 sur %Ln transactions affichées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source> · %Ln selected (%1 XP)</source>
        <translation>
            <numerusform> · %Ln sélectionnée (%1 XP)</numerusform>
            <numerusform> · %Ln sélectionnées (%1 XP)</numerusform>
        </translation>
    </message>
    <message>
        <location line="-17"/>
        <source>No transactions</source>
        <translation>Aucune transaction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No transactions match the filters</source>
        <translation>Aucune transaction ne correspond aux filtres</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Showing rows %1 to %2 of %3; newer ones were released to save memory (F5 shows the newest)</source>
        <translation>Lignes %1 à %2 sur %3 affichées&#x202f;; les plus récentes ont été libérées pour économiser la mémoire (F5 affiche les plus récentes)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>many</source>
        <translation>beaucoup</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · loading…</source>
        <translation> · chargement…</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Not loaded: %1</source>
        <translation>Non chargé&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was changed. Press F5 to try again.</source>
        <translation>Rien n&apos;a été modifié. Appuyez sur F5 pour réessayer.</translation>
    </message>
</context>
<context>
    <name>HtmlPages</name>
    <message>
        <location filename="../core/document/HtmlPages.cpp" line="+45"/>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>ImportChoosePage</name>
    <message>
        <location filename="../ui/import/ImportChoosePage.cpp" line="+33"/>
        <source>&amp;File:</source>
        <translation>&amp;Fichier&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>B&amp;rowse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What to Import</source>
        <translation>Quoi importer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the kind of import and its file. Nothing is changed until you confirm, after a check of every row.</source>
        <translation>Choisissez le type d&apos;importation et son fichier. Rien n&apos;est modifié avant votre confirmation, après vérification de chaque ligne.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Legacy totals from a file</source>
        <translation>&amp;Anciens totaux depuis un fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legacy totals from &amp;UserProfile (no file)</source>
        <translation>Anciens totaux depuis &amp;UserProfile (sans fichier)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bulk a&amp;djustments from a file</source>
        <translation>A&amp;justements en masse depuis un fichier</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The CSV file to import</source>
        <translation>Le fichier CSV à importer</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Choose a CSV file.</source>
        <translation>Choisissez un fichier CSV.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There is no such file.</source>
        <translation>Ce fichier n&apos;existe pas.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is a folder; choose a CSV file in it.</source>
        <translation>C&apos;est un dossier&#x202f;; choisissez-y un fichier CSV.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This file cannot be read (permissions).</source>
        <translation>Ce fichier ne peut pas être lu (droits d&apos;accès).</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Import File</source>
        <translation>Importer un fichier</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1, last changed %2</source>
        <translation>%1, modifié le %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Browse… opens a file chooser; you can also type or paste a path.</source>
        <translation>Parcourir… ouvre un sélecteur de fichiers&#x202f;; vous pouvez aussi saisir ou coller un chemin.</translation>
    </message>
</context>
<context>
    <name>ImportCommands</name>
    <message>
        <location filename="../app/cli/ImportCommands.cpp" line="+20"/>
        <source>Reading</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checking</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writing</source>
        <translation>Écriture</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Turns legacy totals into transactions: each user&apos;s total becomes one MANUAL_ADJUSTMENT / MANUAL transaction whose sourceId names the batch, and the totals are recalculated. FILE.csv has the columns userId,totalXP and optionally email,name (to create missing users). A legacy total is only for a user with no transactions yet; zero totals write nothing. All or nothing: one problem anywhere and nothing is written. A file is imported once.</source>
        <translation>Transforme d&apos;anciens totaux en transactions&#xa0;: le total de chaque utilisateur devient une transaction MANUAL_ADJUSTMENT / MANUAL dont le sourceId nomme le lot, et les totaux sont recalculés. FILE.csv a les colonnes userId,totalXP et en option email,name (pour créer les utilisateurs manquants). Un ancien total ne vaut que pour un utilisateur sans transaction&#x202f;; les totaux nuls n&apos;écrivent rien. Tout ou rien&#xa0;: un seul problème, où que ce soit, et rien n&apos;est écrit. Un fichier n&apos;est importé qu&apos;une fois.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+26"/>
        <source>Check everything and show what would happen; change nothing.</source>
        <translation>Tout vérifier et montrer ce qui se passerait&#x202f;; ne rien modifier.</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Instead of a file: every UserProfile.totalXP that has no transactions behind it.</source>
        <translation>Au lieu d&apos;un fichier&#xa0;: chaque UserProfile.totalXP qui n&apos;a aucune transaction derrière lui.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>give either FILE.csv or --from-profiles, not both</source>
        <translation>indiquez soit FILE.csv soit --from-profiles, pas les deux</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>give the FILE.csv to import, or --from-profiles</source>
        <translation>indiquez le FILE.csv à importer, ou --from-profiles</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Applies many adjustments at once: FILE.csv has the columns userId,amount,reason and optionally category, sourceType, sourceId, description (defaults MANUAL, MANUAL_ADJUSTMENT, the batch id, the reason). Each row is one audited adjustment; one above the approval threshold (pending threshold) is held as a pending request for another admin instead. All or nothing: one problem anywhere and nothing is written. A file is imported once.</source>
        <translation>Applique de nombreux ajustements à la fois&#xa0;: FILE.csv a les colonnes userId,amount,reason et, en option, category, sourceType, sourceId, description (par défaut MANUAL, MANUAL_ADJUSTMENT, l&apos;identifiant du lot, le motif). Chaque ligne est un ajustement journalisé&#xa0;; une ligne au-dessus du seuil d&apos;approbation (pending threshold) est retenue comme demande en attente pour un autre administrateur. Tout ou rien&#xa0;: un seul problème et rien n&apos;est écrit. Un fichier n&apos;est importé qu&apos;une fois.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>give the FILE.csv to apply</source>
        <translation>indiquez le FILE.csv à appliquer</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>bytes</source>
        <translation>octets</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>rows</source>
        <translation>lignes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2/%3 %4, %5 %4/s</source>
        <translation>%1&#xa0;: %2/%3 %4, %5 %4/s</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 was imported before (%2): nothing was changed.</source>
        <translation>%1 a déjà été importé (%2)&#xa0;: rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>applied</source>
        <translation>appliqué</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refused: nothing was changed</source>
        <translation>refusé&#xa0;: rien n&apos;a été modifié</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dry run: nothing was changed</source>
        <translation>simulation&#xa0;: rien n&apos;a été modifié</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nothing to write</source>
        <translation>rien à écrire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch %1 from %2 (%3)</source>
        <translation>Lot %1 depuis %2 (%3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Separator:</source>
        <translation>Séparateur&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rows read:</source>
        <translation>Lignes lues&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transactions:</source>
        <translation>Transactions&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Users:</source>
        <translation>Utilisateurs&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Zero totals (no row):</source>
        <translation>Totaux nuls (aucune ligne)&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Users created:</source>
        <translation>Utilisateurs créés&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legacy grand total:</source>
        <translation>Ancien total général&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Grand total before:</source>
        <translation>Total général avant&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ledger grand total after:</source>
        <translation>Total général du registre après&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Grand total after:</source>
        <translation>Total général après&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(equal)</source>
        <translation>(égal)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(NOT EQUAL)</source>
        <translation>(DIFFÉRENT)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Held for approval:</source>
        <translation>Retenus pour approbation&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (above the approval threshold or your limits)</source>
        <translation>%1 (au-delà du seuil d&apos;approbation ou de vos plafonds)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (above %2 XP)</source>
        <translation>%1 (au-dessus de %2 XP)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>0 (approval is off)</source>
        <translation>0 (l&apos;approbation est désactivée)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problems:</source>
        <translation>Problèmes&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Elapsed:</source>
        <translation>Durée&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s, %2 rows/s</source>
        <translation>%1 s, %2 lignes/s</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+15"/>
        <source>USER</source>
        <translation>UTILISATEUR</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>BEFORE</source>
        <translation>AVANT</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CHANGE</source>
        <translation>VARIATION</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>AFTER</source>
        <translation>APRÈS</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>new user</source>
        <translation>nouvel utilisateur</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>… and %n more users (--json lists up to %1)</source>
        <translation>
            <numerusform>… et %n autre utilisateur (--json en liste jusqu&apos;à %1)</numerusform>
            <numerusform>… et %n autres utilisateurs (--json en liste jusqu&apos;à %1)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>HELD FOR</source>
        <translation>EN ATTENTE CAR</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>… and %n more held (--json lists up to %1)</source>
        <translation>
            <numerusform>… et %n autre en attente (--json en liste jusqu&apos;à %1)</numerusform>
            <numerusform>… et %n autres en attente (--json en liste jusqu&apos;à %1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>… and %n more problems</source>
        <translation>
            <numerusform>… et %n autre problème</numerusform>
            <numerusform>… et %n autres problèmes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n problem(s) in %1; nothing was changed</source>
        <translation>
            <numerusform>%n problème dans %1&#xa0;; rien n&apos;a été modifié</numerusform>
            <numerusform>%n problèmes dans %1&#xa0;; rien n&apos;a été modifié</numerusform>
        </translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Held for another person&apos;s approval (xpadmin-cli pending list):</source>
        <translation>Retenus pour l&apos;approbation d&apos;une autre personne (xpadmin-cli pending list)&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Would be held for another person&apos;s approval:</source>
        <translation>Seraient retenus pour l&apos;approbation d&apos;une autre personne&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>LINE</source>
        <translation>LIGNE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>AMOUNT</source>
        <translation>MONTANT</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>REQUEST</source>
        <translation>DEMANDE</translation>
    </message>
</context>
<context>
    <name>ImportConfirmPage</name>
    <message>
        <location filename="../ui/import/ImportConfirmPage.cpp" line="+13"/>
        <source>Confirm</source>
        <translation>Confirmer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The last step before anything is written.</source>
        <translation>La dernière étape avant toute écriture.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>a new batch</source>
        <translation>un nouveau lot</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>batch %1</source>
        <translation>lot %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write %1 transactions for %2 users (%3)? This is one transaction: all or nothing.</source>
        <translation>Écrire %1 transactions pour %2 utilisateurs (%3)&#x202f;? C&apos;est une seule transaction de base de données&#xa0;: tout ou rien.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From: the UserProfile table (%1).</source>
        <translation>Source&#xa0;: la table UserProfile (%1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From: %1 (%2).</source>
        <translation>Source&#xa0;: %1 (%2).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 new users are created.</source>
        <translation>%1 nouveaux utilisateurs sont créés.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 adjustments above the approval threshold or your limits are not applied: they become pending requests for another admin to approve.</source>
        <translation>%1 ajustements au-delà du seuil d&apos;approbation ou de vos plafonds ne sont pas appliqués&#xa0;: ils deviennent des demandes en attente qu&apos;un autre administrateur approuve.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 adjustments above the approval threshold are not applied: they become pending requests for another admin to approve.</source>
        <translation>%1 ajustements au-dessus du seuil d&apos;approbation ne sont pas appliqués&#xa0;: ils deviennent des demandes en attente qu&apos;un autre administrateur approuve.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Press Import to write. Cancel stops the import while it runs; until it completes, nothing is written. Every transaction is recorded in the audit log under the batch id.</source>
        <translation>Appuyez sur Importer pour écrire. Annuler arrête l&apos;importation en cours&#x202f;; tant qu&apos;elle n&apos;est pas terminée, rien n&apos;est écrit. Chaque transaction est consignée dans le journal d&apos;audit sous l&apos;id du lot.</translation>
    </message>
</context>
<context>
    <name>ImportEffectModel</name>
    <message>
        <location filename="../models/ImportEffectModel.cpp" line="+47"/>
        <source>%1 (new user)</source>
        <translation>%1 (nouvel utilisateur)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total before</source>
        <translation>Total avant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change</source>
        <translation>Variation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total after</source>
        <translation>Total après</translation>
    </message>
</context>
<context>
    <name>ImportFile</name>
    <message>
        <location filename="../core/import/ImportFile.cpp" line="+18"/>
        <source>line %1: %2</source>
        <translation>ligne %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+133"/>
        <source>%1 is a folder, not a CSV file</source>
        <translation>%1 est un dossier, pas un fichier CSV</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+10"/>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Import cancelled; nothing was changed</source>
        <translation>Importation annulée&#x202f;; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>line %1: user %2 is already on line %3; a legacy file has one total per user</source>
        <translation>ligne %1&#xa0;: l&apos;utilisateur %2 figure déjà à la ligne %3&#x202f;; un fichier d&apos;anciens totaux a un total par utilisateur</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The file has a header but no rows</source>
        <translation>Le fichier a un en-tête mais aucune ligne</translation>
    </message>
</context>
<context>
    <name>ImportJob</name>
    <message>
        <location filename="../core/import/ImportJob.cpp" line="+60"/>
        <source>Import cancelled; nothing was changed</source>
        <translation>Importation annulée&#x202f;; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The file changed after it was checked. Go back and check it again; nothing was changed.</source>
        <translation>Le fichier a changé après sa vérification. Revenez en arrière et vérifiez-le à nouveau&#x202f;; rien n&apos;a été modifié.</translation>
    </message>
</context>
<context>
    <name>ImportPlanner</name>
    <message>
        <location filename="../core/import/ImportPlanner.cpp" line="+94"/>
        <source>Import cancelled; nothing was changed</source>
        <translation>Importation annulée&#x202f;; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <location line="+67"/>
        <location line="+102"/>
        <source>line %1: </source>
        <translation>ligne %1&#xa0;: </translation>
    </message>
    <message>
        <location line="-97"/>
        <source>%1unknown user %2: no such id in &quot;User&quot;; add email and name columns to create missing users</source>
        <translation>%1utilisateur inconnu %2&#xa0;: aucun id de ce nom dans &quot;User&quot;&#x202f;; ajoutez les colonnes email et name pour créer les utilisateurs manquants</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1unknown user %2: no such id in &quot;User&quot;</source>
        <translation>%1utilisateur inconnu %2&#xa0;: aucun id de ce nom dans &quot;User&quot;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1email %2 belongs to another user, %3</source>
        <translation>%1l&apos;e-mail %2 appartient à un autre utilisateur, %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1email %2 is also on line %3</source>
        <translation>%1l&apos;e-mail %2 figure aussi à la ligne %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1user %2 already has %3 transaction(s) in the ledger; a legacy total is only for users who have none</source>
        <translation>%1l&apos;utilisateur %2 a déjà %3 transaction(s) dans le registre&#x202f;; un ancien total ne vaut que pour les utilisateurs qui n&apos;en ont aucune</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1user %2 has totalXP %3 in &quot;UserProfile&quot;, but the file says %4</source>
        <translation>%1l&apos;utilisateur %2 a un totalXP de %3 dans &quot;UserProfile&quot;, mais le fichier indique %4</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>line %1: reasonCode</source>
        <translation>ligne %1&#xa0;: reasonCode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>line %1: ticket</source>
        <translation>ligne %1&#xa0;: ticket</translation>
    </message>
    <message>
        <location line="+18"/>
        <source> (import %1, line %2)</source>
        <translation> (importation %1, ligne %2)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>%1user %2&apos;s total would be %3, past the limit of the 32-bit totalXP column</source>
        <translation>%1le total de l&apos;utilisateur %2 serait de %3, au-delà de la limite de la colonne totalXP sur 32 bits</translation>
    </message>
</context>
<context>
    <name>ImportPreviewPage</name>
    <message>
        <location filename="../ui/import/ImportPreviewPage.cpp" line="+56"/>
        <source>Check &amp;Again</source>
        <translation>&amp;Vérifier à nouveau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Preview and Check</source>
        <translation>Aperçu et vérification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The first rows of the file as written, and every problem found in it. Nothing is changed yet.</source>
        <translation>Les premières lignes du fichier telles qu&apos;écrites, et chaque problème qui y a été trouvé. Rien n&apos;est encore modifié.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Double-click or press Enter on a problem to show its row in the preview</source>
        <translation>Double-cliquez sur un problème ou appuyez sur Entrée pour afficher sa ligne dans l&apos;aperçu</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Read the file again and check every row (after fixing it)</source>
        <translation>Relire le fichier et vérifier chaque ligne (après l&apos;avoir corrigé)</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>%1 cannot be shown: %2</source>
        <translation>Impossible d&apos;afficher %1&#xa0;: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The first %Ln rows of %1, fields separated by: %2 (line numbers at the left)</source>
        <translation>
            <numerusform>La première ligne (%Ln) de %1, champs séparés par&#xa0;: %2 (numéros de ligne à gauche)</numerusform>
            <numerusform>Les %Ln premières lignes de %1, champs séparés par&#xa0;: %2 (numéros de ligne à gauche)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>All %Ln row(s) of %1, fields separated by: %2 (line numbers at the left)</source>
        <translation>
            <numerusform>La %Ln ligne de %1, champs séparés par&#xa0;: %2 (numéro de ligne à gauche)</numerusform>
            <numerusform>Les %Ln lignes de %1, champs séparés par&#xa0;: %2 (numéros de ligne à gauche)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Checking every row against the database…</source>
        <translation>Vérification de chaque ligne auprès de la base de données…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Check stopped</source>
        <translation>Vérification arrêtée</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Check failed</source>
        <translation>Échec de la vérification</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The check was stopped before the end. Nothing was changed; press Check Again to check the whole file.</source>
        <translation>La vérification a été arrêtée avant la fin. Rien n&apos;a été modifié&#x202f;; appuyez sur Vérifier à nouveau pour vérifier tout le fichier.</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%Ln problem(s)</source>
        <translation>
            <numerusform>%Ln problème</numerusform>
            <numerusform>%Ln problèmes</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing will be changed until the file is fixed. Fix the lines listed below, save the file, then press Check Again.</source>
        <translation>Rien ne sera modifié tant que le fichier n&apos;est pas corrigé. Corrigez les lignes listées ci-dessous, enregistrez le fichier, puis appuyez sur Vérifier à nouveau.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only the first %1 of the %2 problems are listed.</source>
        <translation>Seuls les %1 premiers des %2 problèmes sont listés.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Already imported</source>
        <translation>Déjà importé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This file was imported before (%1). Importing it again would change nothing.</source>
        <translation>Ce fichier a déjà été importé (%1). L&apos;importer à nouveau ne changerait rien.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No problems</source>
        <translation>Aucun problème</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln row(s) checked against the database: no problems. Press Next for what the import would do.</source>
        <translation>
            <numerusform>%Ln ligne vérifiée dans la base de données&#xa0;: aucun problème. Suivant montre ce que l&apos;importation ferait.</numerusform>
            <numerusform>%Ln lignes vérifiées dans la base de données&#xa0;: aucun problème. Suivant montre ce que l&apos;importation ferait.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportProblemModel</name>
    <message>
        <location filename="../models/ImportProblemModel.cpp" line="+60"/>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
</context>
<context>
    <name>ImportProgressPanel</name>
    <message>
        <location filename="../ui/import/ImportProgressPanel.cpp" line="+24"/>
        <source>&amp;Stop Checking</source>
        <translation>&amp;Arrêter la vérification</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop the check; nothing is changed either way</source>
        <translation>Arrêter la vérification&#x202f;; rien n&apos;est modifié dans un cas comme dans l&apos;autre</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Cancelling… nothing will be changed.</source>
        <translation>Annulation… rien ne sera modifié.</translation>
    </message>
</context>
<context>
    <name>ImportResultPage</name>
    <message>
        <location filename="../ui/import/ImportResultPage.cpp" line="+20"/>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The import did not run. Nothing was changed.</source>
        <translation>L&apos;importation n&apos;a pas eu lieu. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The import was cancelled. Nothing was changed: the database is as it was before.</source>
        <translation>L&apos;importation a été annulée. Rien n&apos;a été modifié&#xa0;: la base de données est telle qu&apos;avant.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nothing written</source>
        <translation>Rien d&apos;écrit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This file was imported meanwhile (%1).</source>
        <translation>Ce fichier a été importé entre-temps (%1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database changed after the check: %1</source>
        <translation>La base de données a changé après la vérification&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There was nothing to write.</source>
        <translation>Il n&apos;y avait rien à écrire.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 Nothing was changed.</source>
        <translation>%1 Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Imported</source>
        <translation>Importé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Imported: %1 transactions for %2 users, in batch %3.</source>
        <translation>Importé&#xa0;: %1 transactions pour %2 utilisateurs, dans le lot %3.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 adjustments above the approval threshold or your limits wait for another admin in Pending Approvals.</source>
        <translation>%1 ajustements au-delà du seuil d&apos;approbation ou de vos plafonds attendent un autre administrateur dans Approbations en attente.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 adjustments above the approval threshold wait for another admin in Pending Approvals.</source>
        <translation>%1 ajustements au-dessus du seuil d&apos;approbation attendent un autre administrateur dans Approbations en attente.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Batch:</source>
        <translation>Lot&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows read:</source>
        <translation>Lignes lues&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transactions written:</source>
        <translation>Transactions écrites&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Users:</source>
        <translation>Utilisateurs&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, of whom %2 new</source>
        <translation>%1, dont %2 nouveaux</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Held for approval:</source>
        <translation>Retenus pour approbation&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legacy grand total:</source>
        <translation>Ancien total général&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Their total before:</source>
        <translation>Leur total avant&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ledger total after:</source>
        <translation>Total du registre après&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Their total after:</source>
        <translation>Leur total après&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time:</source>
        <translation>Durée&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2 rows/s)</source>
        <translation>%1 (%2 lignes/s)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every transaction is in the audit log under %1; the views show it now.</source>
        <translation>Chaque transaction figure dans le journal d&apos;audit sous %1&#x202f;; les vues l&apos;affichent maintenant.</translation>
    </message>
</context>
<context>
    <name>ImportRunPage</name>
    <message>
        <location filename="../ui/import/ImportRunPage.cpp" line="+14"/>
        <source>Importing</source>
        <translation>Importation en cours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing the batch in one database transaction.</source>
        <translation>Le lot est écrit en une seule transaction de base de données.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel Import</source>
        <translation>&amp;Annuler l&apos;importation</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel Import (or Esc) stops it; nothing is written unless all of it is.</source>
        <translation>Annuler l&apos;importation (ou Échap) l&apos;arrête&#x202f;; rien n&apos;est écrit à moins que tout ne le soit.</translation>
    </message>
</context>
<context>
    <name>ImportSummaryPage</name>
    <message>
        <location filename="../ui/import/ImportSummaryPage.cpp" line="+53"/>
        <source>What the Import Would Do</source>
        <translation>Ce que ferait l&apos;importation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A dry run: every row was checked against the database, and nothing was changed.</source>
        <translation>Une simulation&#xa0;: chaque ligne a été vérifiée auprès de la base de données, et rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Batch:</source>
        <translation>Lot&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rows read:</source>
        <translation>Lignes lues&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transactions to write:</source>
        <translation>Transactions à écrire&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Users:</source>
        <translation>Utilisateurs&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Held for approval:</source>
        <translation>Retenus pour approbation&#xa0;:</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>The check was stopped before the end. Nothing was changed; go Back and Next to check again.</source>
        <translation>La vérification a été arrêtée avant la fin. Rien n&apos;a été modifié&#x202f;; faites Précédent puis Suivant pour vérifier à nouveau.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>a new batch legacy-profiles-…, named after the time of writing</source>
        <translation>un nouveau lot legacy-profiles-…, nommé d&apos;après l&apos;heure de l&apos;écriture</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (file %2, SHA-256 %3…)</source>
        <translation>%1 (fichier %2, SHA-256 %3…)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (%2 blank skipped)</source>
        <translation>%1 (%2 vides ignorées)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2 zero totals write nothing)</source>
        <translation>%1 (%2 totaux nuls n&apos;écrivent rien)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, of whom %2 new (created from the file)</source>
        <translation>%1, dont %2 nouveaux (créés à partir du fichier)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Legacy grand total:</source>
        <translation>Ancien total général&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Their total before:</source>
        <translation>Leur total avant&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ledger total after:</source>
        <translation>Total du registre après&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Their total after:</source>
        <translation>Leur total après&#xa0;:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (equal to the legacy grand total)</source>
        <translation>%1 (égal à l&apos;ancien total général)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (differs by %2)</source>
        <translation>%1 (écart de %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Each user&apos;s total (the first %1 of %2 users):</source>
        <translation>Le total de chaque utilisateur (les %1 premiers sur %2)&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each user&apos;s total:</source>
        <translation>Le total de chaque utilisateur&#xa0;:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Already imported: this file was applied before (%1). Importing it again would change nothing, so it cannot be applied.</source>
        <translation>Déjà importé&#xa0;: ce fichier a déjà été appliqué (%1). L&apos;importer à nouveau ne changerait rien, il ne peut donc pas être appliqué.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 found. Nothing will be changed until the file is fixed: fix every line listed, then go Back and check again.</source>
        <translation>%1 à corriger. Rien ne sera modifié tant que le fichier n&apos;est pas corrigé&#xa0;: corrigez chaque ligne listée, puis revenez en arrière pour vérifier à nouveau.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln problem(s)</source>
        <translation>
            <numerusform>%Ln problème</numerusform>
            <numerusform>%Ln problèmes</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No problems. Every adjustment is above the approval threshold or your limits: importing files them as pending requests for another admin, and changes no total. Press Next to confirm.</source>
        <translation>Aucun problème. Chaque ajustement dépasse le seuil d&apos;approbation ou vos plafonds&#xa0;: l&apos;import les enregistre comme demandes en attente pour un autre administrateur et ne change aucun total. Appuyez sur Suivant pour confirmer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No problems. Every adjustment is above the approval threshold: importing files them as pending requests for another admin, and changes no total. Press Next to confirm.</source>
        <translation>Aucun problème. Chaque ajustement dépasse le seuil d&apos;approbation&#xa0;: l&apos;import les enregistre comme demandes en attente pour un autre administrateur et ne change aucun total. Appuyez sur Suivant pour confirmer.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing to import: every total in UserProfile already has transactions behind it.</source>
        <translation>Rien à importer&#xa0;: chaque total de UserProfile a déjà des transactions derrière lui.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing to import: every total is zero.</source>
        <translation>Rien à importer&#xa0;: chaque total est nul.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No problems. Press Next to confirm; nothing is written before that.</source>
        <translation>Aucun problème. Appuyez sur Suivant pour confirmer&#x202f;; rien n&apos;est écrit avant.</translation>
    </message>
</context>
<context>
    <name>ImportText</name>
    <message>
        <location filename="../models/ImportText.cpp" line="+12"/>
        <source>Legacy totals from a file</source>
        <translation>Anciens totaux depuis un fichier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Legacy totals from UserProfile (no file)</source>
        <translation>Anciens totaux depuis UserProfile (sans fichier)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bulk adjustments from a file</source>
        <translation>Ajustements en masse depuis un fichier</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Each user&apos;s total from the old system becomes one transaction (Manual adjustment, category Manual). Only for users with no transactions yet; zero totals write nothing.</source>
        <translation>Le total de chaque utilisateur dans l&apos;ancien système devient une transaction (ajustement manuel, catégorie Manuel). Uniquement pour les utilisateurs sans transaction&#x202f;; les totaux nuls n&apos;écrivent rien.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every UserProfile.totalXP that has no transactions behind it becomes one transaction, so the ledger explains each total. No file is needed.</source>
        <translation>Chaque UserProfile.totalXP sans transaction derrière lui devient une transaction, pour que le registre explique chaque total. Aucun fichier n&apos;est nécessaire.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each row is one audited adjustment of a user&apos;s XP, with its reason.</source>
        <translation>Chaque ligne est un ajustement audité des XP d&apos;un utilisateur, avec son motif.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No file: the rows come from the UserProfile table of the open database.</source>
        <translation>Aucun fichier&#xa0;: les lignes viennent de la table UserProfile de la base de données ouverte.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;Required columns:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Colonnes obligatoires&#xa0;:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;b&gt;Optional:&lt;/b&gt; %1 (to create users who are missing)</source>
        <translation>&lt;b&gt;Facultatives&#xa0;:&lt;/b&gt; %1 (pour créer les utilisateurs manquants)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Optional:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Facultatives&#xa0;:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A header line names the columns, in any order. UTF-8 (&quot;CSV UTF-8&quot; in Excel), comma separated.</source>
        <translation>Une ligne d&apos;en-tête nomme les colonnes, dans n&apos;importe quel ordre. UTF-8 («&#xa0;CSV UTF-8&#xa0;» dans Excel), séparées par des virgules.</translation>
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
        <translation>%1 lignes/s</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reading the file: %1 of %2</source>
        <translation>Lecture du fichier&#xa0;: %1 sur %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading the file: %1</source>
        <translation>Lecture du fichier&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checking rows against the database: %1 of %2</source>
        <translation>Vérification des lignes auprès de la base de données&#xa0;: %1 sur %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Writing: %1 of %2 rows (new users, then transactions)</source>
        <translation>Écriture&#xa0;: %1 lignes sur %2 (nouveaux utilisateurs, puis transactions)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelled. Nothing was changed.</source>
        <translation>Annulé. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1

The connection was lost while committing: the batch may or may not have been written. Open the import again with the same file: it says whether the file was already imported.</source>
        <translation>%1

La connexion a été perdue pendant la validation&#xa0;: le lot a pu être écrit ou non. Rouvrez l&apos;importation avec le même fichier&#xa0;: elle indiquera si le fichier a déjà été importé.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>nothing was changed</source>
        <translation>rien n&apos;a été modifié</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1

Nothing was changed.</source>
        <translation>%1

Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (above the approval threshold or your limits: each waits for another admin&apos;s approval in Pending Approvals instead of being applied)</source>
        <translation>%1 (au-delà du seuil d&apos;approbation ou de vos plafonds&#xa0;: chacun attend l&apos;approbation d&apos;un autre administrateur dans Approbations en attente au lieu d&apos;être appliqué)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none (approval is off)</source>
        <translation>aucun (l&apos;approbation est désactivée)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none (no amount is above the approval threshold of %1 XP)</source>
        <translation>aucun (aucun montant ne dépasse le seuil d&apos;approbation de %1 XP)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (above %2 XP: each waits for another admin&apos;s approval in Pending Approvals instead of being applied)</source>
        <translation>%1 (au-dessus de %2 XP&#xa0;: chacun attend l&apos;approbation d&apos;un autre administrateur dans Approbations en attente au lieu d&apos;être appliqué)</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../ui/import/ImportWizard.cpp" line="+24"/>
        <source>Import</source>
        <translation>Importation</translation>
    </message>
</context>
<context>
    <name>ImportWriter</name>
    <message>
        <location filename="../core/import/ImportWriter.cpp" line="+221"/>
        <source>Import cancelled; nothing was changed</source>
        <translation>Importation annulée&#x202f;; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>user added by import %1, line %2</source>
        <translation>utilisateur ajouté par l&apos;importation %1, ligne %2</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Refused: the users&apos; grand total after the import would be %1 (%2 in their transactions), not the %3 expected; nothing was changed</source>
        <translation>Refusé&#xa0;: après l&apos;importation, le total général des utilisateurs serait de %1 (%2 dans leurs transactions) et non des %3 attendus&#x202f;; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>Migrated from the legacy total (batch %1)</source>
        <translation>Repris de l&apos;ancien total (lot %1)</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>import</source>
        <translation>importation</translation>
    </message>
    <message>
        <location line="+42"/>
        <source> (import %1, line %2)</source>
        <translation> (importation %1, ligne %2)</translation>
    </message>
</context>
<context>
    <name>KeychainCredentialStore</name>
    <message>
        <location filename="../core/session/KeychainCredentialStore.cpp" line="+30"/>
        <source>The system keychain refused access (%1)</source>
        <translation>Le trousseau du système a refusé l&apos;accès (%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The system keychain is not available (%1)</source>
        <translation>Le trousseau du système n&apos;est pas disponible (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no keychain service is running</source>
        <translation>aucun service de trousseau n&apos;est en cours d&apos;exécution</translation>
    </message>
</context>
<context>
    <name>Ledger</name>
    <message>
        <location filename="../core/ledger/Ledger.cpp" line="+40"/>
        <source>user</source>
        <translation>utilisateur</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>reason</source>
        <translation>motif</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>transaction id</source>
        <translation>id de transaction</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Name at least one transaction id</source>
        <translation>Indiquez au moins un id de transaction</translation>
    </message>
    <message>
        <location filename="../core/ledger/ApprovalGate.cpp" line="-45"/>
        <location filename="../core/ledger/AwardWriter.cpp" line="+49"/>
        <location filename="../core/ledger/Ledger.cpp" line="+43"/>
        <source>Unknown user %1: no such id in &quot;User&quot;</source>
        <translation>Utilisateur inconnu %1&#xa0;: aucun id de ce nom dans &quot;User&quot;</translation>
    </message>
    <message>
        <location filename="../core/ledger/TotalWriter.cpp" line="+28"/>
        <source>Refused: the total XP of user %1 would become %2, past the limit of the 32-bit totalXP column (%3 to %4). Nothing was changed.</source>
        <translation>Refusé&#xa0;: le total XP de l&apos;utilisateur %1 deviendrait %2, au-delà de la limite de la colonne totalXP sur 32 bits (%3 à %4). Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location filename="../core/ledger/Ledger.cpp" line="+58"/>
        <source>amount</source>
        <translation>montant</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+145"/>
        <source>source id</source>
        <translation>id de source</translation>
    </message>
    <message>
        <location line="-142"/>
        <source>description</source>
        <translation>description</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>roll back</source>
        <translation>révocation</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>delete the source</source>
        <translation>suppression de la source</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Transaction %1 does not exist: nothing to roll back</source>
        <translation>La transaction %1 n&apos;existe pas&#xa0;: rien à révoquer</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No transactions have source %1 %2: nothing to delete</source>
        <translation>Aucune transaction n&apos;a la source %1 %2&#xa0;: rien à supprimer</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Transaction %1 was never rolled back: there is nothing to restore</source>
        <translation>La transaction %1 n&apos;a jamais été révoquée&#xa0;: il n&apos;y a rien à restaurer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The audit snapshot of transaction %1 (event %2) cannot be read</source>
        <translation>L&apos;instantané d&apos;audit de la transaction %1 (événement %2) ne peut pas être lu</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>restore</source>
        <translation>restauration</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Transaction %1 is already in the ledger: it was restored before</source>
        <translation>La transaction %1 est déjà dans le registre&#xa0;: elle a déjà été restaurée</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+54"/>
        <source>recalculate</source>
        <translation>recalcul</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>total recalculated from the sum of the user&apos;s transactions</source>
        <translation>total recalculé à partir de la somme des transactions de l&apos;utilisateur</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Refused: the sum of user %1&apos;s transactions is %2, past the limit of the 32-bit totalXP column. Nothing was changed.</source>
        <translation>Refusé&#xa0;: la somme des transactions de l&apos;utilisateur %1 est de %2, au-delà de la limite de la colonne totalXP sur 32 bits. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>repair</source>
        <translation>réparation</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>cached total %1 differed from the sum %2 of the user&apos;s transactions</source>
        <translation>le total en cache %1 différait de la somme %2 des transactions de l&apos;utilisateur</translation>
    </message>
</context>
<context>
    <name>LedgerActions</name>
    <message>
        <location filename="../ui/actions/LedgerActions.cpp" line="+86"/>
        <source>Select a user to adjust first.</source>
        <translation>Sélectionnez d&apos;abord un utilisateur à ajuster.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The adjustment of %1 XP for %2 was not applied, because %3: it waits under Pending Approvals (request %4) until another admin approves or rejects it.</source>
        <translation>L&apos;ajustement de %1 XP pour %2 n&apos;a pas été appliqué, car %3&#xa0;: il attend dans Approbations en attente (demande %4) qu&apos;un autre administrateur l&apos;approuve ou le rejette.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The adjustment of %1 XP for %2 is above the approval threshold, so it was not applied: it waits under Pending Approvals (request %3) until another admin approves or rejects it.</source>
        <translation>L&apos;ajustement de %1 XP pour %2 dépasse le seuil d&apos;approbation, il n&apos;a donc pas été appliqué&#xa0;: il attend dans Approbations en attente (demande %3) qu&apos;un autre administrateur l&apos;approuve ou le rejette.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sent for Approval</source>
        <translation>Envoyé pour approbation</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Adjusted %1 by %2: total %3</source>
        <translation>%1 ajusté de %2&#xa0;: total %3</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Select the transactions to roll back first.</source>
        <translation>Sélectionnez d&apos;abord les transactions à révoquer.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Rolled back %1. New totals: %2</source>
        <translation>Révoqué&#xa0;: %1. Nouveaux totaux&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Deleted source %1: %2. New totals: %3</source>
        <translation>Source %1 supprimée&#xa0;: %2. Nouveaux totaux&#xa0;: %3</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Restored %1. New totals: %2</source>
        <translation>Restauré&#xa0;: %1. Nouveaux totaux&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Undone: %1. New totals: %2</source>
        <translation>Annulé&#xa0;: %1. Nouveaux totaux&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redone: %1. New totals: %2</source>
        <translation>Rétabli&#xa0;: %1. Nouveaux totaux&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>It is still in the undo history: you can try again.</source>
        <translation>L&apos;étape est toujours dans l&apos;historique d&apos;annulation&#xa0;: vous pouvez réessayer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It is still in the redo history: you can try again.</source>
        <translation>L&apos;étape est toujours dans l&apos;historique de rétablissement&#xa0;: vous pouvez réessayer.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>It has been removed from the undo history.</source>
        <translation>L&apos;étape a été retirée de l&apos;historique d&apos;annulation.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not undo &quot;%1&quot;</source>
        <translation>Impossible d&apos;annuler «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Could not redo &quot;%1&quot;</source>
        <translation>Impossible de rétablir «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Undo failed</source>
        <translation>Échec de l&apos;annulation</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Redo failed</source>
        <translation>Échec du rétablissement</translation>
    </message>
</context>
<context>
    <name>LedgerChangeFeed</name>
    <message>
        <location filename="../core/live/LedgerChangeFeed.cpp" line="+88"/>
        <source>Waiting for the database server to come back; changes are not shown until it does</source>
        <translation>En attente du retour du serveur de base de données&#xa0;; les modifications ne s&apos;affichent pas d&apos;ici là</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Live: changes made in XP Admin appear as they are made; the web app&apos;s within 10 s at most (capture is not installed)</source>
        <translation>En direct&#xa0;: les modifications faites dans XP Admin apparaissent immédiatement, celles de l&apos;application web en 10 s au plus (la capture n&apos;est pas installée)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Live: changes appear as they are made</source>
        <translation>En direct&#xa0;: les modifications apparaissent au moment où elles sont faites</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checking for changes every %1 s (through PgBouncer, which cannot pass notifications)</source>
        <translation>Recherche de modifications toutes les %1 s (via PgBouncer, qui ne peut pas transmettre les notifications)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Live: changes made by other programs on this file appear within a second</source>
        <translation>En direct&#xa0;: les modifications faites sur ce fichier par d&apos;autres programmes apparaissent en moins d&apos;une seconde</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not watching for changes</source>
        <translation>Pas de surveillance des modifications</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>The connection to %1 has no socket to wait on</source>
        <translation>La connexion à %1 n&apos;a pas de socket sur lequel attendre</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>the connection was opened again</source>
        <translation>la connexion a été rouverte</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>The connection to %1 was lost (%2); trying again every few seconds</source>
        <translation>La connexion à %1 a été perdue (%2)&#xa0;; nouvel essai toutes les quelques secondes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no reason given</source>
        <translation>aucune raison indiquée</translation>
    </message>
</context>
<context>
    <name>LedgerCommand</name>
    <message>
        <location filename="../ui/actions/LedgerCommand.cpp" line="+39"/>
        <source>Undo</source>
        <translation>Annulation</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Redo</source>
        <translation>Rétablissement</translation>
    </message>
</context>
<context>
    <name>LedgerCommands</name>
    <message>
        <location filename="../app/cli/LedgerCommands.cpp" line="+23"/>
        <source>--id is required</source>
        <translation>--id est obligatoire</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Why, as a reason code (required once the ledger has reason codes; xpadmin-cli reason-codes list).</source>
        <translation>Pourquoi, sous forme de code de motif (obligatoire dès que le registre a des codes de motif&#xa0;; xpadmin-cli reason-codes list).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The support ticket: an id (ZD-4411) or a link (required by some reason codes).</source>
        <translation>Le ticket d&apos;assistance&#xa0;: un id (ZD-4411) ou un lien (exigé par certains codes de motif).</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Awards XP to a user: adds one transaction and recalculates the user&apos;s total.</source>
        <translation>Attribue des XP à un utilisateur&#xa0;: ajoute une transaction et recalcule le total de l&apos;utilisateur.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+55"/>
        <source>The user&apos;s id.</source>
        <translation>L&apos;id de l&apos;utilisateur.</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>XP to add (a whole number, not 0).</source>
        <translation>XP à ajouter (un nombre entier, différent de 0).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What earned it: %1.</source>
        <translation>Ce qui les a fait gagner&#xa0;: %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The id of what earned it.</source>
        <translation>L&apos;id de ce qui les a fait gagner.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+106"/>
        <source>One of %1.</source>
        <translation>L&apos;un de %1.</translation>
    </message>
    <message>
        <location line="-105"/>
        <source>What the XP is for.</source>
        <translation>À quoi correspondent les XP.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>--reason-code and --ticket are for manual changes (--source-type MANUAL_ADJUSTMENT)</source>
        <translation>--reason-code et --ticket sont réservés aux modifications manuelles (--source-type MANUAL_ADJUSTMENT)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Awarded (operation %1):</source>
        <translation>Attribué (opération %1)&#xa0;:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Adjusts a user&apos;s XP by hand (MANUAL_ADJUSTMENT): adds or deducts XP, with a reason.</source>
        <translation>Ajuste à la main les XP d&apos;un utilisateur (MANUAL_ADJUSTMENT)&#xa0;: ajoute ou retire des XP, avec un motif.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>XP to add, or to deduct when negative (a whole number, not 0).</source>
        <translation>XP à ajouter, ou à retirer si le nombre est négatif (un nombre entier, différent de 0).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One of %1 (default MANUAL).</source>
        <translation>L&apos;un de %1 (par défaut MANUAL).</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Adjusted (operation %1):</source>
        <translation>Ajusté (opération %1)&#xa0;:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rolls transactions back: deletes them and recalculates their users&apos; totals. The audit log keeps each row, so `restore` can put it back.</source>
        <translation>Révoque des transactions&#xa0;: les supprime et recalcule les totaux de leurs utilisateurs. Le journal d&apos;audit conserve chaque ligne, pour que `restore` puisse la remettre.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A transaction id (repeat for several).</source>
        <translation>Un id de transaction (à répéter pour plusieurs).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Rolled back (operation %1):</source>
        <translation>Révoqué (opération %1)&#xa0;:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Deletes every transaction of one source (a deleted problem attempt, say), across users, and recalculates their totals.</source>
        <translation>Supprime toutes les transactions d&apos;une source (une tentative de problème supprimée, par exemple), pour tous les utilisateurs, et recalcule leurs totaux.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The source&apos;s id.</source>
        <translation>L&apos;id de la source.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Deleted (operation %1):</source>
        <translation>Supprimé (opération %1)&#xa0;:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Puts rolled-back transactions back, with their ids, from the audit log.</source>
        <translation>Remet les transactions révoquées, avec leurs id, à partir du journal d&apos;audit.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A rolled-back transaction id (repeat for several).</source>
        <translation>Un id de transaction révoquée (à répéter pour plusieurs).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Restored (operation %1):</source>
        <translation>Restauré (opération %1)&#xa0;:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sets cached totals (UserProfile.totalXP) from the sum of the transactions.</source>
        <translation>Recalcule les totaux en cache (UserProfile.totalXP) à partir de la somme des transactions.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recalculate this user.</source>
        <translation>Recalculer cet utilisateur.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recalculate every user.</source>
        <translation>Recalculer tous les utilisateurs.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>give either --user ID or --all</source>
        <translation>indiquez soit --user ID soit --all</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Total XP of user %1 is %2: it already matched the sum of the transactions</source>
        <translation>Le total XP de l&apos;utilisateur %1 est de %2&#xa0;: il correspondait déjà à la somme des transactions</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Total XP of user %1 is now %2 (it was %3)</source>
        <translation>Le total XP de l&apos;utilisateur %1 est maintenant de %2 (il était de %3)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Users recalculated: %1</source>
        <translation>Utilisateurs recalculés&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Totals that differed from the sum and were fixed: %1</source>
        <translation>Totaux qui différaient de la somme et ont été corrigés&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  user %1: %2 -&gt; %3</source>
        <translation>  utilisateur %1&#xa0;: %2 -&gt; %3</translation>
    </message>
</context>
<context>
    <name>LedgerDiffQuery</name>
    <message>
        <location filename="../core/statement/LedgerDiff.cpp" line="+28"/>
        <source>A difference needs two moments, --from and --to</source>
        <translation>Une comparaison demande deux moments, --from et --to</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The first moment %1 is not before the second %2</source>
        <translation>Le premier moment %1 n&apos;est pas avant le second %2</translation>
    </message>
    <message>
        <location line="+172"/>
        <source>audit event %1 is missing: event %2 follows nothing</source>
        <translation>l&apos;événement d&apos;audit %1 manque&#xa0;: l&apos;événement %2 ne suit rien</translation>
    </message>
</context>
<context>
    <name>LedgerDiffRowsModel</name>
    <message>
        <location filename="../models/LedgerDiffRowsModel.cpp" line="+37"/>
        <source>Added</source>
        <translation>Ajoutée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restored</source>
        <translation>Restaurée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Removed</source>
        <translation>Supprimée</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Transaction %1</source>
        <translation>Transaction %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Change</source>
        <translation>Changement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
</context>
<context>
    <name>LedgerDiffUsersModel</name>
    <message>
        <location filename="../models/LedgerDiffUsersModel.cpp" line="+37"/>
        <source>%1 (no longer a user)</source>
        <translation>%1 (n&apos;est plus un utilisateur)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>✓ Reconciled</source>
        <translation>✓ Rapproché</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>✗ Does not add up</source>
        <translation>✗ Ne tombe pas juste</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 before + %2 added − %3 removed = %4; the total after is %5</source>
        <translation>%1 avant + %2 ajoutés − %3 supprimés = %4&#xa0;; le total après est %5</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added</source>
        <translation>Ajouté</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Removed</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reconciled</source>
        <translation>Rapproché</translation>
    </message>
</context>
<context>
    <name>LedgerFile</name>
    <message>
        <location filename="../ui/main/LedgerFile.cpp" line="+22"/>
        <source>%1 does not exist. No file was created: check the name, or use File &gt; New Database to make a new ledger.</source>
        <translation>%1 n&apos;existe pas. Aucun fichier n&apos;a été créé&#xa0;: vérifiez le nom, ou créez un nouveau registre avec Fichier &gt; Nouvelle base de données.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is a folder, not a ledger file.</source>
        <translation>%1 est un dossier, pas un fichier de registre.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 cannot be read: %2</source>
        <translation>Impossible de lire %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is not a ledger: it is not an SQLite database file.</source>
        <translation>%1 n&apos;est pas un registre&#xa0;: ce n&apos;est pas un fichier de base de données SQLite.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot Open Ledger</source>
        <translation>Impossible d&apos;ouvrir le registre</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open the ledger %1?

The current ledger, %2, closes.</source>
        <translation>Ouvrir le registre %1&#xa0;?

Le registre actuel, %2, sera fermé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the ledger %1?</source>
        <translation>Ouvrir le registre %1&#xa0;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Ledger</source>
        <translation>Ouvrir le registre</translation>
    </message>
</context>
<context>
    <name>LedgerMoment</name>
    <message>
        <location filename="../models/LedgerMoment.cpp" line="+51"/>
        <source>d MMMM yyyy</source>
        <extracomment>A date as the &quot;As of&quot; line says it; a QDate format (d, MMMM, yyyy).</extracomment>
        <translation>d MMMM yyyy</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>As of %1 — rebuilt from the audit log</source>
        <translation>État au %1 — reconstruit à partir du journal d&apos;audit</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Checking since when the audit log can prove this moment…</source>
        <translation>Vérification de la date à partir de laquelle le journal d&apos;audit peut prouver ce moment…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The audit log is empty: rows are placed by their creation time, and rows removed are not known.</source>
        <translation>Le journal d&apos;audit est vide&#xa0;: les transactions sont placées selon leur date de création, et celles supprimées ne sont pas connues.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exact from %1; before it, rows are placed by their creation time.</source>
        <translation>Exact à partir du %1&#xa0;; avant, les transactions sont placées selon leur date de création.</translation>
    </message>
</context>
<context>
    <name>LimitCommands</name>
    <message>
        <location filename="../app/cli/LimitCommands.cpp" line="+28"/>
        <source>role %1</source>
        <translation>rôle %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>person %1</source>
        <translation>personne %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source> (the person&apos;s own)</source>
        <translation> (propre à la personne)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (role %1)</source>
        <translation> (rôle %1)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Limits of %1 (%2):</source>
        <translation>Plafonds (%1, %2)&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>  Per change: %1%2</source>
        <translation>  Par ajustement&#xa0;: %1%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  Per day:    %1%2</source>
        <translation>  Par jour&#xa0;:       %1%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  Moved today: %1 (the local day from %2 to %3 UTC)</source>
        <translation>  Ajusté aujourd&apos;hui&#xa0;: %1 (le jour local de %2 à %3 UTC)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No day limit.</source>
        <translation>Pas de plafond journalier.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No limits are set: every adjustment is applied at once unless it is above the approval threshold.</source>
        <translation>Aucun plafond n&apos;est défini&#xa0;: chaque ajustement est appliqué aussitôt, sauf s&apos;il dépasse le seuil d&apos;approbation.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Limits of</source>
        <translation>S&apos;applique à</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per change</source>
        <translation>Par ajustement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per day</source>
        <translation>Par jour</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set by</source>
        <translation>Défini par</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set at (UTC)</source>
        <translation>Défini le (UTC)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Usage: xpadmin-cli [global options] limits show [--person NAME] [--json]
       xpadmin-cli [global options] limits set (--role ROLE | --person NAME) [--per-change N|none] [--per-day N|none]

Limits per role (auditor, support, admin) and per person: the most XP one manual adjustment may move, up or down (per change), and the most one person may move in a local calendar day (per day: the sum of the amounts of their adjustments that day, held ones included unless rejected). A person&apos;s own limit replaces their role&apos;s; none removes it, so the role&apos;s applies again. An adjustment above a limit is not refused: it waits for another person&apos;s approval, as one above the approval threshold does, even when the threshold is off. A person is the database login on PostgreSQL and the operator (--actor) on SQLite. Only an admin sets limits; every change is audited.
</source>
        <translation>Usage&#xa0;: xpadmin-cli [options globales] limits show [--person NAME] [--json]
        xpadmin-cli [options globales] limits set (--role ROLE | --person NAME) [--per-change N|none] [--per-day N|none]

Plafonds par rôle (auditor, support, admin) et par personne&#xa0;: le nombre maximal d&apos;XP sur lequel peut porter un ajustement manuel, à la hausse ou à la baisse (--per-change), et le nombre maximal qu&apos;une personne peut ajuster en une journée civile locale (--per-day&#xa0;: la somme des montants de ses ajustements ce jour-là, y compris ceux en attente, sauf s&apos;ils sont rejetés). Le plafond propre à une personne remplace celui de son rôle&#xa0;; none le supprime, et celui du rôle s&apos;applique de nouveau. Un ajustement au-delà d&apos;un plafond n&apos;est pas refusé&#xa0;: il attend l&apos;approbation d&apos;une autre personne, comme un ajustement au-delà du seuil d&apos;approbation, même quand le seuil est désactivé. Une personne est la connexion à la base de données sous PostgreSQL et l&apos;opérateur (--actor) sous SQLite. Seul un administrateur définit les plafonds&#xa0;; chaque modification est journalisée.
</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Shows a person&apos;s limits and what they can still move today, and every limit set.</source>
        <translation>Affiche les plafonds d&apos;une personne et ce qu&apos;elle peut encore ajuster aujourd&apos;hui, ainsi que chaque plafond défini.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The person (default: you, the login on PostgreSQL, the --actor on SQLite).</source>
        <translation>La personne (par défaut&#xa0;: vous, la connexion sous PostgreSQL, le --actor sous SQLite).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print JSON: person (their limits and today) and rules.</source>
        <translation>Afficher en JSON&#xa0;: person (ses plafonds et sa journée en cours) et rules.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Sets the limits given for one role or one person; the other stays as it is.</source>
        <translation>Définit les plafonds indiqués pour un rôle ou une personne&#xa0;; l&apos;autre plafond reste inchangé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The role: auditor, support or admin.</source>
        <translation>Le rôle&#xa0;: auditor, support ou admin.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The person: a login on PostgreSQL, an operator on SQLite.</source>
        <translation>La personne&#xa0;: une connexion sous PostgreSQL, un opérateur sous SQLite.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The most XP one adjustment may move, up or down; none: no limit.</source>
        <translation>Le nombre maximal d&apos;XP sur lequel peut porter un ajustement, à la hausse ou à la baisse&#xa0;; none&#xa0;: illimité.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The most XP the person (each person of the role) may move in a day; none: no limit.</source>
        <translation>Le nombre maximal d&apos;XP que la personne (chaque personne du rôle) peut ajuster en une journée&#xa0;; none&#xa0;: illimité.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>give --role ROLE or --person NAME, one of them</source>
        <translation>indiquez --role ROLE ou --person NAME, l&apos;un des deux</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>give --per-change, --per-day or both (N or none)</source>
        <translation>indiquez --per-change, --per-day ou les deux (N ou none)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Limits of %1: per change %2, per day %3.</source>
        <translation>Plafonds (%1)&#xa0;: par ajustement %2, par jour %3.</translation>
    </message>
</context>
<context>
    <name>LimitPair</name>
    <message>
        <location filename="../core/limits/LimitPair.cpp" line="+37"/>
        <source>%1 %2 is not valid: give a whole number of XP from 0 to %3, or &quot;none&quot; for no limit. Nothing was changed.</source>
        <translation>%1 %2 n&apos;est pas valide&#xa0;: indiquez un nombre entier d&apos;XP de 0 à %3, ou «&#xa0;none&#xa0;» pour illimité. Rien n&apos;a été modifié.</translation>
    </message>
</context>
<context>
    <name>LimitRules</name>
    <message>
        <location filename="../core/limits/LimitRules.cpp" line="+46"/>
        <source>--role %1 is not a role limits are set for: use %2. Nothing was changed.</source>
        <translation>--role %1 n&apos;est pas un rôle auquel s&apos;appliquent des plafonds&#xa0;: utilisez %2. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+69"/>
        <source>%1. Nothing was changed.</source>
        <translation>%1. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>--person %1: there is no such login on this server (a person is a database login on PostgreSQL). Nothing was changed.</source>
        <translation>--person %1&#xa0;: cette connexion n&apos;existe pas sur ce serveur (une personne est une connexion à la base de données sous PostgreSQL). Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Give --per-change, --per-day or both (a number of XP, or &quot;none&quot;). Nothing was changed.</source>
        <translation>Indiquez --per-change, --per-day ou les deux (un nombre d&apos;XP, ou «&#xa0;none&#xa0;»). Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>role %1</source>
        <translation>rôle %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>person %1</source>
        <translation>personne %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>limits of %1: per change %2 → %3, per day %4 → %5</source>
        <translation>plafonds (%1)&#xa0;: par ajustement %2 → %3, par jour %4 → %5</translation>
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
        <translation>illimité</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>per change %1; %2</source>
        <translation>par ajustement %1&#xa0;; %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>today %1 moved, no day limit</source>
        <translation>aujourd&apos;hui, %1 ajustés, sans plafond journalier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>today %1 of %2 moved; you can still move %3 today</source>
        <translation>aujourd&apos;hui, %1 sur %2 ajustés&#xa0;; vous pouvez encore ajuster %3 aujourd&apos;hui</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>You can still move 0 XP today: every adjustment now waits for approval</source>
        <translation>Vous ne pouvez plus ajuster d&apos;XP aujourd&apos;hui&#xa0;: chaque ajustement attend désormais une approbation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You can still move %1 today</source>
        <translation>Vous pouvez encore ajuster %1 aujourd&apos;hui</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>it is above your limit of %1 per change</source>
        <translation>il dépasse votre plafond de %1 par ajustement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>with it you would have moved %1 today, above your limit of %2 a day</source>
        <translation>avec lui, vous auriez ajusté %1 aujourd&apos;hui, au-delà de votre plafond journalier de %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it is above the approval threshold of %1</source>
        <translation>il dépasse le seuil d&apos;approbation de %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it is above the approval threshold</source>
        <translation>il dépasse le seuil d&apos;approbation</translation>
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
        <translation>illimité</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Limits</source>
        <translation>Plafonds</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The most XP one adjustment may move, up or down, and the most one person may move in a day. Above either, an adjustment is not refused: it waits under Pending Approvals for another admin. A person&apos;s own limit replaces their role&apos;s. The limits are a setting of the database, shared by every desk; changing them is recorded in the audit log.</source>
        <translation>Le nombre maximal d&apos;XP sur lequel peut porter un ajustement, à la hausse ou à la baisse, et le nombre maximal qu&apos;une personne peut ajuster en une journée. Au-delà de l&apos;un ou de l&apos;autre, un ajustement n&apos;est pas refusé&#xa0;: il attend dans «&#xa0;Approbations en attente&#xa0;» la décision d&apos;un autre administrateur. Le plafond propre à une personne remplace celui de son rôle. Les plafonds sont un paramètre de la base de données, commun à tous les postes&#xa0;; leur modification est consignée dans le journal d&apos;audit.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Your limits: reading…</source>
        <translation>Vos plafonds&#xa0;: lecture…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Limits of</source>
        <translation>S&apos;applique à</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+185"/>
        <source>Per change</source>
        <translation>Par ajustement</translation>
    </message>
    <message>
        <location line="-185"/>
        <location line="+186"/>
        <source>Per day</source>
        <translation>Par jour</translation>
    </message>
    <message>
        <location line="-186"/>
        <source>Set by</source>
        <translation>Défini par</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+110"/>
        <source>Role: %1</source>
        <translation>Rôle&#xa0;: %1</translation>
    </message>
    <message>
        <location line="-109"/>
        <source>A person:</source>
        <translation>Une personne&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>login, or operator on a local file</source>
        <translation>connexion, ou opérateur sur un fichier local</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>XP, up or down, in one adjustment. Empty: no limit (for a person: their role&apos;s).</source>
        <translation>XP, à la hausse ou à la baisse, en un ajustement. Vide&#xa0;: illimité (pour une personne&#xa0;: le plafond de son rôle).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>XP a person moves in a local calendar day, held requests included unless rejected.</source>
        <translation>XP qu&apos;une personne ajuste en une journée civile locale, demandes en attente comprises sauf si elles sont rejetées.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;For:</source>
        <translation>&amp;Pour&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Per &amp;change:</source>
        <translation>Par &amp;ajustement&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Per &amp;day:</source>
        <translation>Par &amp;jour&#xa0;:</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Your limits could not be read: %1</source>
        <translation>Vos plafonds n&apos;ont pas pu être lus&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The limits could not be read: %1</source>
        <translation>Les plafonds n&apos;ont pas pu être lus&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Your limits (%1, %2): %3.</source>
        <translation>Vos plafonds (%1, %2)&#xa0;: %3.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Person: %1</source>
        <translation>Personne&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Only an admin changes limits</source>
        <translation>Seul un administrateur modifie les plafonds</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The role or person whose limits to change</source>
        <translation>Le rôle ou la personne dont les plafonds sont à modifier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The person: their database login (PostgreSQL) or operator name (local file)</source>
        <translation>La personne&#xa0;: sa connexion à la base de données (PostgreSQL) ou son nom d&apos;opérateur (fichier local)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The most XP one adjustment may move; empty: no limit</source>
        <translation>Le nombre maximal d&apos;XP sur lequel peut porter un ajustement&#xa0;; vide&#xa0;: illimité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The most XP the person may move in a day; empty: no limit</source>
        <translation>Le nombre maximal d&apos;XP que la personne peut ajuster en une journée&#xa0;; vide&#xa0;: illimité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store these limits in the database, for every desk</source>
        <translation>Enregistrer ces plafonds dans la base de données, pour tous les postes</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Name the person whose limits to set.</source>
        <translation>Indiquez la personne dont les plafonds sont à définir.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The limits were not changed: %1</source>
        <translation>Les plafonds n&apos;ont pas été modifiés&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>role %1</source>
        <translation>rôle %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>person %1</source>
        <translation>personne %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limits of %1 saved: per change %2, per day %3</source>
        <translation>Plafonds (%1) enregistrés&#xa0;: par ajustement %2, par jour %3</translation>
    </message>
</context>
<context>
    <name>LiveIndicator</name>
    <message>
        <location filename="../ui/main/LiveIndicator.cpp" line="+36"/>
        <source>Not live</source>
        <translation>Pas en direct</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not live: reconnecting…</source>
        <translation>Pas en direct&#xa0;: reconnexion…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changes made elsewhere are not shown until you refresh (F5): %1</source>
        <translation>Les modifications faites ailleurs ne s&apos;affichent qu&apos;après une actualisation (F5)&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Live</source>
        <translation>En direct</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Checking every %n s</source>
        <translation>
            <numerusform>Contrôle toutes les %n s</numerusform>
            <numerusform>Contrôle toutes les %n s</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Live (file)</source>
        <translation>En direct (fichier)</translation>
    </message>
</context>
<context>
    <name>LiveUpdates</name>
    <message>
        <location filename="../ui/main/LiveUpdates.cpp" line="+60"/>
        <source>the database role %1</source>
        <translation>le rôle de base de données %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the database role %1 (application %2)</source>
        <translation>le rôle de base de données %1 (application %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total changed directly in the database, not by a transaction: %1 → %2, by %3 at %4. Verify names the change; Verify &gt; Repair sets the total from the transactions again.</source>
        <translation>Total modifié directement dans la base de données, et non par une transaction&#xa0;: %1 → %2, par %3 le %4. La vérification signale cette modification&#xa0;; Vérifier &gt; Réparer les totaux recalcule le total à partir des transactions.</translation>
    </message>
</context>
<context>
    <name>LockWaits</name>
    <message>
        <location filename="../core/db/LockWaits.cpp" line="+190"/>
        <source>Waiting for another program writing to %1 since %2 s</source>
        <translation>Attente depuis %2 s d&apos;un autre programme qui écrit dans %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>another program writing to %1</source>
        <translation>un autre programme qui écrit dans %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a lock held by another connection</source>
        <translation>un verrou tenu par une autre connexion</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gave up after waiting %1 s for %2; nothing was changed.</source>
        <translation>Abandon après %1 s d&apos;attente de %2&#xa0;; rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The operation was cancelled; nothing was changed.</source>
        <translation>L&apos;opération a été annulée&#xa0;; rien n&apos;a été modifié.</translation>
    </message>
</context>
<context>
    <name>LockWatcher</name>
    <message>
        <location filename="../core/db/LockWatcher.cpp" line="+31"/>
        <source>a lock on %1</source>
        <translation>un verrou sur %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a lock on a row of %1</source>
        <translation>un verrou sur une ligne de %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a lock on a row</source>
        <translation>un verrou sur une ligne</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a lock on a user&apos;s XP</source>
        <translation>un verrou sur les XP d&apos;un utilisateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a lock</source>
        <translation>un verrou</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>Waiting for %1 since %2 s</source>
        <translation>Attente de %1 depuis %2 s</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>no program name</source>
        <translation>sans nom de programme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>process %1 (%2, user %3)</source>
        <translation>processus %1 (%2, utilisateur %3)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 held by %2</source>
        <translation>%1 tenu par %2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main/MainWindowActions.cpp" line="+42"/>
        <source>&amp;New Database…</source>
        <translation>&amp;Nouvelle base de données…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a new, empty ledger database file</source>
        <translation>Créer un nouveau fichier de base de données de registre, vide</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open Database…</source>
        <translation>&amp;Ouvrir une base de données…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open a ledger database file</source>
        <translation>Ouvrir un fichier de base de données de registre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Connect to PostgreSQL…</source>
        <translation>Se &amp;connecter à PostgreSQL…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the ledger on a PostgreSQL server</source>
        <translation>Ouvrir le registre sur un serveur PostgreSQL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import legacy totals or bulk adjustments from a CSV file, after a dry run</source>
        <translation>Importer d&apos;anciens totaux ou des ajustements en masse depuis un fichier CSV, après une simulation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;History as CSV…</source>
        <translation>Exporter l&apos;&amp;historique en CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write every transaction of the current filter to a CSV file</source>
        <translation>Écrire toutes les transactions du filtre actuel dans un fichier CSV</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export &amp;Audit Log as CSV…</source>
        <translation>Exporter le &amp;journal d&apos;audit en CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write every audit event of the current filter to a CSV file</source>
        <translation>Écrire tous les événements d&apos;audit du filtre actuel dans un fichier CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close XP Admin</source>
        <translation>Fermer XP Admin</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+185"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location line="-184"/>
        <source>Undo your last change, as a new audited operation</source>
        <translation>Annuler votre dernière modification, par une nouvelle opération auditée</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+185"/>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <location line="-184"/>
        <source>Redo the change you undid, as a new audited operation</source>
        <translation>Rétablir la modification annulée, par une nouvelle opération auditée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy the selected transactions</source>
        <translation>Copier les transactions sélectionnées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Adjust XP…</source>
        <translation>&amp;Ajuster les XP…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+165"/>
        <source>Add or deduct XP for the selected user, with a reason</source>
        <translation>Ajouter ou retirer des XP à l&apos;utilisateur sélectionné, avec un motif</translation>
    </message>
    <message>
        <location line="-163"/>
        <source>&amp;Roll Back Selected…</source>
        <translation>&amp;Révoquer la sélection…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected transactions; the audit log keeps them for restore</source>
        <translation>Supprimer les transactions sélectionnées&#x202f;; le journal d&apos;audit les conserve pour pouvoir les restaurer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete Source…</source>
        <translation>&amp;Supprimer une source…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete every transaction of one source, across users</source>
        <translation>Supprimer toutes les transactions d&apos;une source, pour tous les utilisateurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;store…</source>
        <translation>Res&amp;taurer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bring rolled-back transactions back from the audit log</source>
        <translation>Faire revenir des transactions révoquées depuis le journal d&apos;audit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Verify Ledger</source>
        <translation>&amp;Vérifier le registre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the audit chain and every cached total</source>
        <translation>Vérifier la chaîne d&apos;audit et chaque total en cache</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Refresh</source>
        <translation>A&amp;ctualiser</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Read everything shown again</source>
        <translation>Relire tout ce qui est affiché</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;History</source>
        <translation>&amp;Historique</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the transactions</source>
        <translation>Afficher les transactions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Audit Log</source>
        <translation>&amp;Journal d&apos;audit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the audit log</source>
        <translation>Afficher le journal d&apos;audit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Charts</source>
        <translation>&amp;Graphiques</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show charts of XP by category, over time, by source type and the top users</source>
        <translation>Afficher des graphiques des XP par catégorie, dans le temps, par type de source, et les meilleurs utilisateurs</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the chart &quot;%1&quot; of the charts view&apos;s range as PNG, SVG or PDF</source>
        <translation>Écrire le graphique «&#xa0;%1&#xa0;» de la période de la vue des graphiques en PNG, SVG ou PDF</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>XP Admin &amp;Manual</source>
        <translation>&amp;Manuel de XP Admin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the user manual at the page of what you are looking at</source>
        <translation>Ouvrir le manuel à la page de ce que vous regardez</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List every keyboard shortcut of the window, with a filter</source>
        <translation>Lister tous les raccourcis clavier de la fenêtre, avec un filtre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About XP Admin</source>
        <translation>À &amp;propos de XP Admin</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version, licence, database and links</source>
        <translation>Version, licence, base de données et liens</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location filename="../ui/main/MainMenus.cpp" line="+76"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open &amp;Recent</source>
        <translation>Fichiers &amp;récents</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Export Chart</source>
        <translation>&amp;Exporter un graphique</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Ledger</source>
        <translation>&amp;Registre</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>&amp;View</source>
        <translation>Affic&amp;hage</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Pending Approvals</source>
        <translation>&amp;Approbations en attente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the adjustments waiting for a second person&apos;s approval</source>
        <translation>Afficher les ajustements en attente de l&apos;approbation d&apos;une deuxième personne</translation>
    </message>
    <message>
        <location line="-102"/>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>System Default</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The language changes when XP Admin starts again.</source>
        <translation>La langue changera au prochain démarrage de XP Admin.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Co&amp;ntrols Report…</source>
        <translation>Rapport de co&amp;ntrôle…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What an auditor checks the desk against, for a period: the changes held for approval, the periods reopened and the changes without a ticket</source>
        <translation>Ce qu&apos;un auditeur examine pour contrôler le service, sur une période&#xa0;: les modifications en attente d&apos;approbation, les périodes rouvertes et les modifications sans ticket</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reason &amp;Codes…</source>
        <translation>&amp;Codes de motif…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The reason codes manual changes take, and the ticket link pattern</source>
        <translation>Les codes de motif des modifications manuelles, et le modèle de lien de ticket</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Li&amp;mits…</source>
        <translation>Pla&amp;fonds…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The most XP one adjustment and one person&apos;s day may move before approval</source>
        <translation>Le nombre maximal d&apos;XP sur lequel peut porter un ajustement, et qu&apos;une personne peut ajuster en une journée, sans approbation</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>As &amp;Of…</source>
        <translation>État à un &amp;moment…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the ledger as it stood at a past moment, in the History, Charts and Users</source>
        <translation>Afficher le registre tel qu&apos;il était à un moment passé, dans l&apos;historique, les graphiques et les utilisateurs</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>What Chan&amp;ged…</source>
        <translation>Ce &amp;qui a changé…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the transactions added, restored and removed between two moments, and each user&apos;s total before and after</source>
        <translation>Afficher les transactions ajoutées, restaurées et supprimées entre deux moments, et le total de chaque utilisateur avant et après</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ledger</source>
        <translation>Registre</translation>
    </message>
    <message>
        <location filename="../ui/main/MainWindow.cpp" line="+200"/>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit Log</source>
        <translation>Journal d&apos;audit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charts</source>
        <translation>Graphiques</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+3"/>
        <source>Pending Approvals</source>
        <translation>Approbations en attente</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pending Approvals (%1)</source>
        <translation>Approbations en attente (%1)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Changes made elsewhere will not show until you refresh (F5): %1</source>
        <translation>Les modifications faites ailleurs ne s&apos;afficheront qu&apos;après une actualisation (F5)&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Working…</source>
        <translation>Traitement…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 on %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1
%2 on %3</source>
        <translation>%1
%2 sur %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database server changed: now connected to %1</source>
        <translation>Le serveur de base de données a changé&#xa0;: désormais connecté à %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change lost in a failover</source>
        <translation>Modification perdue lors d&apos;un basculement</translation>
    </message>
    <message>
        <location line="+49"/>
        <location line="+28"/>
        <source>Transaction %1 could not be read: %2</source>
        <translation>La transaction %1 n&apos;a pas pu être lue&#xa0;: %2</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Transaction %1 is not in the ledger: it was rolled back or never existed.</source>
        <translation>La transaction %1 n&apos;est pas dans le registre&#xa0;: elle a été révoquée ou n&apos;a jamais existé.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>No audit event names transaction %1 (demo data and bulk loads write one event for all their rows); showing the events of its user.</source>
        <translation>Aucun événement d&apos;audit ne nomme la transaction %1 (les données de démo et les chargements en masse écrivent un seul événement pour toutes leurs lignes)&#xa0;; affichage des événements de son utilisateur.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Transaction %1 is neither in the ledger nor in the audit log.</source>
        <translation>La transaction %1 n&apos;est ni dans le registre ni dans le journal d&apos;audit.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1
%2
Read-only: %3</source>
        <translation>%1
%2
Lecture seule&#xa0;: %3</translation>
    </message>
    <message>
        <location filename="../ui/main/MainWindowActions.cpp" line="-37"/>
        <source>Select a user first</source>
        <translation>Sélectionnez d&apos;abord un utilisateur</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Undo %1</source>
        <translation>&amp;Annuler&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo %1</source>
        <translation>&amp;Rétablir&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../ui/main/MainWindow.cpp" line="-12"/>
        <source>XP Admin</source>
        <translation>XP Admin</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 (Read-only) — XP Admin</source>
        <translation>%1 (lecture seule) — XP Admin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read-only · %1</source>
        <translation>Lecture seule · %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 — XP Admin</source>
        <translation>%1 — XP Admin</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Actor: %1</source>
        <translation>Acteur&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Actor: %1 (operator %2)</source>
        <translation>Acteur&#xa0;: %1 (opérateur %2)</translation>
    </message>
    <message>
        <location filename="../ui/main/MainMenus.cpp" line="-154"/>
        <source>(none)</source>
        <translation>(aucune)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Clear List</source>
        <translation>&amp;Vider la liste</translation>
    </message>
    <message>
        <location filename="../ui/main/MainWindowActions.cpp" line="+77"/>
        <source>Imported %L1 transactions for %L2 users (batch %3)</source>
        <translation>%L1 transactions importées pour %L2 utilisateurs (lot %3)</translation>
    </message>
</context>
<context>
    <name>NewRowsBar</name>
    <message>
        <location filename="../ui/history/NewRowsBar.cpp" line="+35"/>
        <source>More than %1 new transactions</source>
        <translation>Plus de %1 nouvelles transactions</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln new transaction(s)</source>
        <translation>
            <numerusform>%Ln nouvelle transaction</numerusform>
            <numerusform>%Ln nouvelles transactions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln removed since (struck through)</source>
        <translation>
            <numerusform>%Ln supprimée depuis (barrée)</numerusform>
            <numerusform>%Ln supprimées depuis (barrées)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Show Them</source>
        <translation>&amp;Les afficher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the history again from the newest transaction, keeping the filters and the selected rows (Alt+S)</source>
        <translation>Relire l&apos;historique à partir de la transaction la plus récente, en conservant les filtres et les lignes sélectionnées (Alt+L)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Reload</source>
        <translation>Re&amp;charger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the history again without the removed rows, keeping the filters and the selected rows (Alt+R)</source>
        <translation>Relire l&apos;historique sans les lignes supprimées, en conservant les filtres et les lignes sélectionnées (Alt+C)</translation>
    </message>
</context>
<context>
    <name>PagedCsvExport</name>
    <message>
        <location filename="../core/csv/PagedCsvExport.cpp" line="+22"/>
        <location line="+6"/>
        <location line="+12"/>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Nothing was exported; no file was written. %1</source>
        <translation>Rien n&apos;a été exporté&#x202f;; aucun fichier n&apos;a été écrit. %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export cancelled after %1; no file was written.</source>
        <translation>Exportation annulée après %1&#xa0;; aucun fichier n&apos;a été écrit.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot save %1: %2; no file was written.</source>
        <translation>Impossible d&apos;enregistrer %1&#xa0;: %2&#x202f;; aucun fichier n&apos;a été écrit.</translation>
    </message>
</context>
<context>
    <name>PasswordCommand</name>
    <message>
        <location filename="../app/cli/PasswordCommand.cpp" line="+14"/>
        <source>Usage: xpadmin-cli --db postgresql://USER@HOST[:PORT]/DATABASE password save|forget

save asks for the password on the terminal (without showing it), checks it by connecting, and saves it in the system keychain, where later commands and the desktop application find it. forget removes it. XP Admin never writes a password anywhere else; without a keychain it asks each time, and libpq&apos;s PGPASSWORD and ~/.pgpass work as usual.
</source>
        <translation>Usage&#xa0;: xpadmin-cli --db postgresql://USER@HOST[:PORT]/DATABASE password save|forget

save demande le mot de passe dans le terminal (sans l&apos;afficher), le vérifie en se connectant et l&apos;enregistre dans le trousseau du système, où les commandes suivantes et l&apos;application de bureau le trouvent. forget le supprime. XP Admin n&apos;écrit jamais un mot de passe ailleurs&#x202f;; sans trousseau, il le demande à chaque fois, et PGPASSWORD et ~/.pgpass de libpq fonctionnent comme d&apos;habitude.
</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>password %1: unexpected argument %2 (see xpadmin-cli password --help)</source>
        <translation>password %1&#xa0;: argument inattendu %2 (voir xpadmin-cli password --help)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>password: give a subcommand, save or forget (see xpadmin-cli password --help)</source>
        <translation>password&#xa0;: indiquez une sous-commande, save ou forget (voir xpadmin-cli password --help)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>password save: --db must name a PostgreSQL database (postgresql://...)</source>
        <translation>password save&#xa0;: --db doit nommer une base de données PostgreSQL (postgresql://...)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>password save reads the password from a terminal, without showing it; run it in a terminal</source>
        <translation>password save lit le mot de passe dans un terminal, sans l&apos;afficher&#x202f;; lancez-le dans un terminal</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Password for %1: </source>
        <translation>Mot de passe pour %1&#xa0;: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No password was typed; nothing was saved</source>
        <translation>Aucun mot de passe n&apos;a été saisi&#x202f;; rien n&apos;a été enregistré</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1; nothing was saved</source>
        <translation>%1&#x202f;; rien n&apos;a été enregistré</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1; nothing was saved. XP Admin will ask for the password each time, or use PGPASSWORD or ~/.pgpass</source>
        <translation>%1&#x202f;; rien n&apos;a été enregistré. XP Admin demandera le mot de passe à chaque fois, ou utilisera PGPASSWORD ou ~/.pgpass</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved the password for %1 in the system keychain</source>
        <translation>Mot de passe pour %1 enregistré dans le trousseau du système</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>password forget: --db must name a PostgreSQL database (postgresql://...)</source>
        <translation>password forget&#xa0;: --db doit nommer une base de données PostgreSQL (postgresql://...)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No password for %1 is saved in the system keychain now</source>
        <translation>Aucun mot de passe pour %1 n&apos;est désormais enregistré dans le trousseau du système</translation>
    </message>
</context>
<context>
    <name>PendingApprovalsView</name>
    <message>
        <location filename="../ui/approval/PendingApprovalsView.cpp" line="+34"/>
        <source>Adjustments &amp;above</source>
        <translation>Ajustements &amp;au-delà de</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A&amp;pprove</source>
        <translation>A&amp;pprouver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;ject</source>
        <translation>Re&amp;jeter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location line="+147"/>
        <source>Off: every adjustment is applied at once, without a second person</source>
        <translation>Désactivé&#xa0;: chaque ajustement est appliqué immédiatement, sans deuxième personne</translation>
    </message>
    <message>
        <location line="-135"/>
        <source> XP</source>
        <translation> XP</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>An adjustment whose amount, up or down, is above this waits for another admin</source>
        <translation>Un ajustement dont le montant, à la hausse ou à la baisse, dépasse cette valeur attend un autre administrateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Store the threshold in the database, for every desk</source>
        <translation>Enregistrer le seuil dans la base de données, pour tous les postes</translation>
    </message>
    <message>
        <location line="-134"/>
        <source>need a second person&apos;s approval</source>
        <translation>nécessitent l&apos;approbation d&apos;une deuxième personne</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Reason for the decision (required to reject)</source>
        <translation>Motif de la décision (obligatoire pour rejeter)</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Reject the selected request: no XP changes; a reason is required</source>
        <translation>Rejeter la demande sélectionnée&#xa0;: les XP ne changent pas&#x202f;; un motif est obligatoire</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>Read the queue again</source>
        <translation>Relire la file d&apos;attente</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The queue could not be read: %1</source>
        <translation>La file d&apos;attente n&apos;a pas pu être lue&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The approval threshold could not be read: %1</source>
        <translation>Le seuil d&apos;approbation n&apos;a pas pu être lu&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>No adjustments are waiting for approval.</source>
        <translation>Aucun ajustement n&apos;est en attente d&apos;approbation.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n adjustment(s) waiting for a second person&apos;s approval. Select one to approve (it is applied at once) or reject it.</source>
        <translation>
            <numerusform>%n ajustement attend l&apos;approbation d&apos;une deuxième personne. Sélectionnez-le pour l&apos;approuver (il est alors appliqué immédiatement) ou le rejeter.</numerusform>
            <numerusform>%n ajustements attendent l&apos;approbation d&apos;une deuxième personne. Sélectionnez-en un pour l&apos;approuver (il est alors appliqué immédiatement) ou le rejeter.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>You asked for this adjustment yourself: another admin must approve it</source>
        <translation>Vous avez demandé cet ajustement vous-même&#xa0;: un autre administrateur doit l&apos;approuver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve the selected request: the adjustment is applied at once</source>
        <translation>Approuver la demande sélectionnée&#xa0;: l&apos;ajustement est appliqué immédiatement</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Pending Approvals</source>
        <translation>Approbations en attente</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>You asked for this adjustment yourself: another admin must approve it. You can reject it to withdraw it.</source>
        <translation>Vous avez demandé cet ajustement vous-même&#xa0;: un autre administrateur doit l&apos;approuver. Vous pouvez le rejeter pour le retirer.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Approve the adjustment of %1 XP for %2, asked for by %3?

Reason: %4

It is applied at once and the user&apos;s total changes.</source>
        <translation>Approuver l&apos;ajustement de %1 XP pour %2, demandé par %3&#x202f;?

Motif&#xa0;: %4

Il est appliqué immédiatement et le total de l&apos;utilisateur change.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approve Adjustment</source>
        <translation>Approuver l&apos;ajustement</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approving…</source>
        <translation>Approbation…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The adjustment was not approved</source>
        <translation>L&apos;ajustement n&apos;a pas été approuvé</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Approved and applied: %1 XP for %2. New total: %3</source>
        <translation>Approuvé et appliqué&#xa0;: %1 XP pour %2. Nouveau total&#xa0;: %3</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Type the reason for rejecting the request first: it is kept in the audit log.</source>
        <translation>Saisissez d&apos;abord le motif du rejet de la demande&#xa0;: il est conservé dans le journal d&apos;audit.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rejecting…</source>
        <translation>Rejet…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The request was not rejected</source>
        <translation>La demande n&apos;a pas été rejetée</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rejected: %1 XP for %2 was not applied.</source>
        <translation>Rejetée&#xa0;: les %1 XP pour %2 n&apos;ont pas été appliqués.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The approval threshold was not changed</source>
        <translation>Le seuil d&apos;approbation n&apos;a pas été modifié</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Adjustments above %1 XP now wait for a second person&apos;s approval.</source>
        <translation>Les ajustements au-delà de %1 XP attendent désormais l&apos;approbation d&apos;une deuxième personne.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approval is off: every adjustment is applied at once.</source>
        <translation>L&apos;approbation est désactivée&#xa0;: chaque ajustement est appliqué immédiatement.</translation>
    </message>
</context>
<context>
    <name>PendingModel</name>
    <message>
        <location filename="../models/PendingModel.cpp" line="+45"/>
        <source>Requested</source>
        <translation>Demandée le</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Held because</source>
        <translation>En attente car</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason code</source>
        <translation>Code de motif</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requested by</source>
        <translation>Demandée par</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>approval threshold</source>
        <translation>seuil d&apos;approbation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>limit per change</source>
        <translation>plafond par ajustement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>limit per day</source>
        <translation>plafond journalier</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>ticket %1</source>
        <translation>ticket %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, ticket %2</source>
        <translation>%1, ticket %2</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>%1 (login %2)</source>
        <translation>%1 (connexion %2)</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>id %1</source>
        <translation>id %1</translation>
    </message>
</context>
<context>
    <name>PeriodActions</name>
    <message>
        <location filename="../ui/periods/PeriodActions.cpp" line="+14"/>
        <source>Close &amp;Period…</source>
        <translation>Clôturer la &amp;période…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;open Period…</source>
        <translation>R&amp;ouvrir la période…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Close the ledger up to a day: nothing dated up to then may change, and every user&apos;s total is kept</source>
        <translation>Clôturer le registre jusqu&apos;à un jour&#xa0;: rien de daté jusque-là ne peut plus changer, et le total de chaque utilisateur est conservé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move the end of the closed period back to an earlier day, with a reason</source>
        <translation>Ramener la fin de la période clôturée à un jour antérieur, avec un motif</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Closed up to %1</source>
        <translation>Clôturé jusqu&apos;au %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing dated up to the end of %1 may change (%2: %3)</source>
        <translation>Rien de daté jusqu&apos;à la fin du %1 ne peut changer (%2&#xa0;: %3)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Close the ledger up to a day: nothing dated then may change</source>
        <translation>Clôturer le registre jusqu&apos;à un jour donné&#xa0;: rien de daté jusque-là ne pourra changer</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>See where the ledger is closed. %1.</source>
        <translation>Voir jusqu&apos;où le registre est clôturé. %1.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Move the end of the closed period back to an earlier day</source>
        <translation>Ramener la fin de la période clôturée à un jour antérieur</translation>
    </message>
</context>
<context>
    <name>PeriodCheck</name>
    <message>
        <location filename="../core/periods/PeriodCheck.cpp" line="+18"/>
        <source>the close #%1 (up to %2)</source>
        <translation>la clôture #%1 (jusqu&apos;au %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the reopen #%1 (after %2)</source>
        <translation>la réouverture #%1 (après le %2)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 no longer holds the totals it kept: %2 users, sum %3 XP now, against %4 users, sum %5 XP and its digest when it was made</source>
        <translation>%1 ne contient plus les totaux qu&apos;elle a conservés&#xa0;: %2 utilisateurs, somme %3 XP aujourd&apos;hui, contre %4 utilisateurs, somme %5 XP et son condensat lors de sa création</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 does not match its audit event %2: the totals kept differ from the number of users, sum and digest the hash chain anchors</source>
        <translation>%1 ne correspond pas à son événement d&apos;audit %2&#xa0;: les totaux conservés diffèrent du nombre d&apos;utilisateurs, de la somme et du condensat qu&apos;ancre la chaîne d&apos;empreintes</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the close or reopen #%1 that audit event %2 records is missing from XP Admin&apos;s period table</source>
        <translation>la clôture ou réouverture #%1 qu&apos;enregistre l&apos;événement d&apos;audit %2 est absente de la table des périodes de XP Admin</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>the rows up to %1 of %n user(s) no longer add up to the totals kept when the ledger was closed (the first: %2): a change was made in the closed period outside XP Admin</source>
        <translation>
            <numerusform>les transactions jusqu&apos;au %1 de %n utilisateur ne correspondent plus au total conservé à la clôture du registre (utilisateur %2)&#xa0;: une modification a été faite dans la période clôturée hors de XP Admin</numerusform>
            <numerusform>les transactions jusqu&apos;au %1 de %n utilisateurs ne correspondent plus aux totaux conservés à la clôture du registre (le premier&#xa0;: %2)&#xa0;: une modification a été faite dans la période clôturée hors de XP Admin</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PeriodCommands</name>
    <message>
        <location filename="../app/cli/PeriodCommands.cpp" line="+37"/>
        <source>closed up to</source>
        <translation>clôture jusqu&apos;au</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reopened after</source>
        <translation>réouverture après le</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>#%1  %2 %3 (to %4)  by %5 on %6  users %7, sum %8 XP  audit event %9
    reason: %10
    digest: %11</source>
        <translation>#%1  %2 %3 (jusqu&apos;à %4)  par %5 le %6  utilisateurs %7, somme %8 XP  événement d&apos;audit %9
    motif&#xa0;: %10
    condensat&#xa0;: %11</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Usage: xpadmin-cli [global options] period close --until DAY --reason TEXT
       xpadmin-cli [global options] period reopen --until DAY --reason TEXT
       xpadmin-cli [global options] period list [--json]

close closes the ledger up to the end of DAY (2026-11-30, a day in this computer&apos;s time zone that is over): no transaction created up to then may be rolled back, deleted by source or restored, no import or demo data may be dated then, and no recalculation may change a total as it stood then. The close keeps every user&apos;s total at that moment and is an audit event carrying their number, sum and digest. reopen moves the end back to DAY: what is after it is open again. Both are an admin&apos;s, need a reason and are audited. On PostgreSQL the database refuses XP Admin&apos;s roles a change in the closed period too; the owner installs that once with `xpadmin-cli roles install`.
list shows every close and reopen, oldest first.
</source>
        <translation>Usage&#xa0;: xpadmin-cli [options globales] period close --until DAY --reason TEXT
        xpadmin-cli [options globales] period reopen --until DAY --reason TEXT
        xpadmin-cli [options globales] period list [--json]

close clôture le registre jusqu&apos;à la fin de DAY (2026-11-30, un jour terminé dans le fuseau horaire de cet ordinateur)&#xa0;: aucune transaction créée jusque-là ne peut être révoquée, supprimée avec sa source ni restaurée, aucune importation ni donnée de démo ne peut être datée de cette période, et aucun recalcul ne peut modifier un total tel qu&apos;il était alors. La clôture conserve le total de chaque utilisateur à ce moment et constitue un événement d&apos;audit portant leur nombre, leur somme et leur condensat. reopen ramène la fin à DAY&#xa0;: ce qui suit est de nouveau ouvert. Les deux sont réservés à un administrateur, exigent un motif et sont journalisés. Sur PostgreSQL, la base de données refuse elle aussi aux rôles de XP Admin toute modification dans la période clôturée&#xa0;; le propriétaire installe ce contrôle une fois avec `xpadmin-cli roles install`.
list affiche chaque clôture et réouverture, les plus anciennes d&apos;abord.
</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Closes the ledger up to the end of DAY.</source>
        <translation>Clôture le registre jusqu&apos;à la fin de DAY.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reopens what is after DAY; the ledger stays closed up to DAY.</source>
        <translation>Rouvre ce qui suit DAY&#xa0;; le registre reste clôturé jusqu&apos;à DAY.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The last day closed, as 2026-11-30 (this computer&apos;s time zone); it must be over.</source>
        <translation>Le dernier jour clôturé, au format 2026-11-30 (fuseau horaire de cet ordinateur)&#xa0;; il doit être terminé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The last day that stays closed, earlier than the closed one.</source>
        <translation>Le dernier jour qui reste clôturé, antérieur au jour clôturé actuel.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print the close or reopen as JSON.</source>
        <translation>Afficher la clôture ou la réouverture en JSON.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Lists every close and reopen of the ledger, oldest first.</source>
        <translation>Liste chaque clôture et réouverture du registre, les plus anciennes d&apos;abord.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print a JSON array of them.</source>
        <translation>Les afficher sous forme de tableau JSON.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Nothing was ever closed: the whole ledger is open.</source>
        <translation>Rien n&apos;a jamais été clôturé&#xa0;: tout le registre est ouvert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Closed now up to %1.</source>
        <translation>Actuellement clôturé jusqu&apos;au %1.</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <location filename="../ui/periods/PeriodDialog.cpp" line="+40"/>
        <source>Close Period</source>
        <translation>Clôturer la période</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reopen Period</source>
        <translation>Rouvrir la période</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closing keeps every user&apos;s total as the ledger stands at the end of the day. Afterwards no transaction created up to then may be rolled back, deleted by source or restored, and no recalculation may change a total as it stood, until an admin reopens it. The close is recorded in the audit log with its figures.</source>
        <translation>La clôture conserve le total de chaque utilisateur tel que le registre se présente à la fin du jour. Ensuite, aucune transaction créée jusque-là ne peut être révoquée, supprimée avec sa source ni restaurée, et aucun recalcul ne peut modifier un total tel qu&apos;il était, jusqu&apos;à ce qu&apos;un administrateur rouvre la période. La clôture est enregistrée dans le journal d&apos;audit avec ses chiffres.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reopening moves the end of the closed period back: what is after the day you give is open again, what is up to it stays closed. The reopen is recorded in the audit log.</source>
        <translation>La réouverture ramène en arrière la fin de la période clôturée&#xa0;: ce qui suit le jour indiqué est de nouveau ouvert, ce qui va jusqu&apos;à ce jour reste clôturé. La réouverture est enregistrée dans le journal d&apos;audit.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>e.g. November books handed to the auditor</source>
        <translation>p. ex. comptes de novembre remis à l&apos;auditeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Ticket 812: contest scored twice</source>
        <translation>p. ex. Ticket 812&#xa0;: concours compté deux fois</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Closed now:</source>
        <translation>Clôturé actuellement&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last &amp;day closed:</source>
        <translation>Dernier &amp;jour clôturé&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last &amp;day that stays closed:</source>
        <translation>Dernier &amp;jour qui reste clôturé&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason:</source>
        <translation>Moti&amp;f&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The close will hold:</source>
        <translation>La clôture conservera&#xa0;:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Close Period</source>
        <translation>&amp;Clôturer la période</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Re&amp;open</source>
        <translation>R&amp;ouvrir</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The closed period could not be read: %1</source>
        <translation>La période clôturée n&apos;a pas pu être lue&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>up to %1, by %2 on %3 (%4)</source>
        <translation>jusqu&apos;au %1, par %2 le %3 (%4)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing: the whole ledger is open</source>
        <translation>rien&#xa0;: tout le registre est ouvert</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>the totals of %n user(s), %1 XP in all, as the ledger stands at the end of %2</source>
        <translation>
            <numerusform>le total de %n utilisateur, %1 XP en tout, tel que le registre se présente à la fin du %2</numerusform>
            <numerusform>les totaux de %n utilisateurs, %1 XP en tout, tels que le registre se présente à la fin du %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The last day the close holds; it must be over</source>
        <translation>Le dernier jour couvert par la clôture&#xa0;; il doit être terminé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What is after this day becomes open again</source>
        <translation>Ce qui suit ce jour redevient ouvert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why; kept in the audit log</source>
        <translation>Pourquoi&#xa0;; conservé dans le journal d&apos;audit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the ledger up to the end of the day</source>
        <translation>Clôturer le registre jusqu&apos;à la fin du jour</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reopen what is after the day</source>
        <translation>Rouvrir ce qui suit le jour</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing is closed: there is nothing to reopen</source>
        <translation>Rien n&apos;est clôturé&#xa0;: il n&apos;y a rien à rouvrir</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give a reason first</source>
        <translation>Indiquez d&apos;abord un motif</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The period was not closed: %1</source>
        <translation>La période n&apos;a pas été clôturée&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Nothing was reopened: %1</source>
        <translation>Rien n&apos;a été rouvert&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Closed up to %1: the totals of %n user(s) kept, %2 XP in all</source>
        <translation>
            <numerusform>Clôturé jusqu&apos;au %1&#xa0;: total de %n utilisateur conservé, %2 XP en tout</numerusform>
            <numerusform>Clôturé jusqu&apos;au %1&#xa0;: totaux de %n utilisateurs conservés, %2 XP en tout</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reopened after %1: the ledger is closed up to that day</source>
        <translation>Rouvert après le %1&#xa0;: le registre est clôturé jusqu&apos;à ce jour</translation>
    </message>
</context>
<context>
    <name>PeriodEnforcement</name>
    <message>
        <location filename="../core/periods/PeriodEnforcement.cpp" line="+88"/>
        <source>Refused: this database does not yet enforce closed periods for XP Admin&apos;s roles, and %1 may not create the trigger that does (only the owner of &quot;UserXP&quot; may). The owner runs `xpadmin-cli roles install` once; then an admin may close periods. Nothing was changed.</source>
        <translation>Refusé&#xa0;: cette base de données n&apos;impose pas encore les périodes clôturées aux rôles de XP Admin, et %1 n&apos;a pas le droit de créer le déclencheur qui les impose (seul le propriétaire de &quot;UserXP&quot; le peut). Le propriétaire lance `xpadmin-cli roles install` une fois&#xa0;; ensuite, un administrateur peut clôturer des périodes. Rien n&apos;a été modifié.</translation>
    </message>
</context>
<context>
    <name>PeriodGuard</name>
    <message>
        <location filename="../core/periods/PeriodGuard.cpp" line="+46"/>
        <source>transaction %1 (created %2)</source>
        <translation>la transaction %1 (créée le %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the first of %1 of these transactions, %2 (created %3),</source>
        <translation>la première des %1 transactions concernées, %2 (créée le %3),</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>a transaction dated %1 or later</source>
        <translation>une transaction datée du %1 ou plus tard</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>the total of user %1 as it stood at the close (its rows up to that day no longer add up to it)</source>
        <translation>le total de l&apos;utilisateur %1 tel qu&apos;il était à la clôture (ses transactions jusqu&apos;à ce jour n&apos;y correspondent plus)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the totals of %1 users as they stood at the close, the first %2 (their rows up to that day no longer add up to them)</source>
        <translation>les totaux de %1 utilisateurs tels qu&apos;ils étaient à la clôture, le premier étant %2 (leurs transactions jusqu&apos;à ce jour n&apos;y correspondent plus)</translation>
    </message>
</context>
<context>
    <name>Periods</name>
    <message>
        <location filename="../core/periods/Periods.cpp" line="+60"/>
        <source>%1 %2 is not a day: write it as 2026-11-30</source>
        <translation>%1 %2 n&apos;est pas un jour&#xa0;: écrivez-le sous la forme 2026-11-30</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Give the last day of the period, as 2026-11-30</source>
        <translation>Indiquez le dernier jour de la période, au format 2026-11-30</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is not over yet (today is %2 here): only a day that has ended can be closed</source>
        <translation>%1 n&apos;est pas encore terminé (nous sommes le %2 ici)&#xa0;: seul un jour terminé peut être clôturé</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot close up to %1: the ledger is closed up to %2 already (%3); close a later day</source>
        <translation>Impossible de clôturer jusqu&apos;au %1&#xa0;: le registre est déjà clôturé jusqu&apos;au %2 (%3)&#xa0;; clôturez un jour ultérieur</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing is closed: there is no period to reopen</source>
        <translation>Rien n&apos;est clôturé&#xa0;: il n&apos;y a aucune période à rouvrir</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot reopen after %1: the ledger is closed up to %2; to reopen, give an earlier day (what is after it becomes open again)</source>
        <translation>Impossible de rouvrir après le %1&#xa0;: le registre est clôturé jusqu&apos;au %2&#xa0;; pour rouvrir, indiquez un jour antérieur (ce qui le suit redevient ouvert)</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>reason</source>
        <translation>motif</translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <location filename="../core/roles/Permissions.cpp" line="+37"/>
        <source>read the ledger</source>
        <translation>lire le registre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>award XP</source>
        <translation>attribuer des XP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>adjust XP</source>
        <translation>ajuster les XP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>roll back transactions</source>
        <translation>révoquer des transactions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>delete sources</source>
        <translation>supprimer des sources</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>restore rolled-back transactions</source>
        <translation>restaurer des transactions révoquées</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>import files or add demo data</source>
        <translation>importer des fichiers ou ajouter des données d&apos;exemple</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>recalculate or repair totals</source>
        <translation>recalculer ou réparer les totaux</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>add users</source>
        <translation>ajouter des utilisateurs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>approve or reject adjustments</source>
        <translation>approuver ou rejeter des ajustements</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>change the reason codes</source>
        <translation>modifier les codes de motif</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>close or reopen periods</source>
        <translation>clôturer ou rouvrir des périodes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>change the approval threshold</source>
        <translation>modifier le seuil d&apos;approbation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>change the alert rules</source>
        <translation>modifier les règles d&apos;alerte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>set the adjustment limits</source>
        <translation>définir les plafonds d&apos;ajustement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>install or grant XP Admin&apos;s roles</source>
        <translation>installer ou attribuer les rôles de XP Admin</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>create or migrate the database schema</source>
        <translation>créer le schéma de la base de données ou le faire migrer</translation>
    </message>
</context>
<context>
    <name>PoolerCheck</name>
    <message>
        <location filename="../core/db/PoolerCheck.cpp" line="+9"/>
        <source>PgBouncer in transaction mode (pgbouncer=true): each transaction may run on another server connection, and XP Admin keeps nothing there between transactions. Cancelling a wait for a lock takes effect when the wait ends.</source>
        <translation>PgBouncer en mode transaction (pgbouncer=true)&#xa0;: chaque transaction peut s&apos;exécuter sur une autre connexion au serveur, et XP Admin n&apos;y conserve rien d&apos;une transaction à l&apos;autre. L&apos;annulation d&apos;une attente de verrou prend effet à la fin de l&apos;attente.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The server took the connection on port %1, not on port %2: if that port is PgBouncer in transaction mode, add pgbouncer=true to the URL.</source>
        <translation>Le serveur a reçu la connexion sur le port %1, et non sur le port %2&#xa0;: si le port %2 est celui d&apos;un PgBouncer en mode transaction, ajoutez pgbouncer=true à l&apos;URL.</translation>
    </message>
</context>
<context>
    <name>PostgresCopy</name>
    <message>
        <location filename="../core/db/PostgresCopy.cpp" line="+111"/>
        <source>A batch of database writes failed</source>
        <translation>Un lot d&apos;écritures dans la base de données a échoué</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>This build of XP Admin cannot write with COPY</source>
        <translation>Cette version de XP Admin ne peut pas écrire avec COPY</translation>
    </message>
</context>
<context>
    <name>PostgresUrl</name>
    <message>
        <location filename="../core/db/PostgresUrl.cpp" line="+72"/>
        <source>%1 holds an invalid percent-encoded character</source>
        <translation>%1 contient un caractère encodé en pourcentage non valide</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the user name</source>
        <translation>le nom d&apos;utilisateur</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the password</source>
        <translation>le mot de passe</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>an IPv6 address has no closing &quot;]&quot;</source>
        <translation>il manque le &quot;]&quot; fermant d&apos;une adresse IPv6</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unexpected text after the IPv6 address %1</source>
        <translation>texte inattendu après l&apos;adresse IPv6 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the host name</source>
        <translation>le nom d&apos;hôte</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the database name</source>
        <translation>le nom de la base de données</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a parameter name</source>
        <translation>un nom de paramètre</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the parameter %1 has no value (write %1=VALUE)</source>
        <translation>le paramètre %1 n&apos;a pas de valeur (écrivez %1=VALEUR)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the value of %1</source>
        <translation>la valeur de %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>&quot;=&quot; is missing after %1</source>
        <translation>il manque &quot;=&quot; après %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>the quoted value of %1 has no closing quote</source>
        <translation>la valeur de %1 ouverte par une apostrophe n&apos;est pas refermée</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>libpq cannot read it</source>
        <translation>illisible pour libpq</translation>
    </message>
</context>
<context>
    <name>QueryCommands</name>
    <message>
        <location filename="../app/cli/QueryCommands.cpp" line="+35"/>
        <source>Only this user.</source>
        <translation>Uniquement cet utilisateur.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From this date or date-time on (local time unless it ends in Z).</source>
        <translation>À partir de cette date ou date-heure (heure locale sauf si elle se termine par Z).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Up to this date (the whole day) or date-time.</source>
        <translation>Jusqu&apos;à cette date (toute la journée) ou date-heure.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only one category: %1.</source>
        <translation>Une seule catégorie&#xa0;: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only one source type: %1.</source>
        <translation>Un seul type de source&#xa0;: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The ledger as it stood at this moment (a date alone: the end of that day), rebuilt from the audit log: rows removed since are in it, rows added since are not.</source>
        <translation>Le registre tel qu&apos;il était à ce moment (une date seule&#xa0;: la fin de ce jour), reconstruit à partir du journal d&apos;audit&#xa0;: les transactions supprimées depuis y sont, celles ajoutées depuis n&apos;y sont pas.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Unknown user %1: no such id in &quot;User&quot;</source>
        <translation>Utilisateur inconnu %1&#xa0;: aucun id de ce nom dans &quot;User&quot;</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>As of %1 (local time), rebuilt from the audit log</source>
        <translation>État à %1 (heure locale), reconstruit à partir du journal d&apos;audit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The audit log begins at %1: before it, rows are placed by their creation time, and rows removed before then are not known.</source>
        <translation>Le journal d&apos;audit commence le %1&#xa0;: avant, les transactions sont placées selon leur date de création, et celles supprimées auparavant ne sont pas connues.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The audit log is empty: rows are placed by their creation time.</source>
        <translation>Le journal d&apos;audit est vide&#xa0;: les transactions sont placées selon leur date de création.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>CATEGORY</source>
        <translation>CATÉGORIE</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SOURCE TYPE</source>
        <translation>TYPE DE SOURCE</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>DAY</source>
        <translation>JOUR</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WEEK OF</source>
        <translation>SEMAINE DU</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>MONTH OF</source>
        <translation>MOIS DE</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>USER</source>
        <translation>UTILISATEUR</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>REASON CODE</source>
        <translation>CODE DE MOTIF</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Lists transactions, newest first, one per line: createdAt (UTC), amount, source type, source id, category, user id, transaction id, description. With --out, writes every transaction that matches to a CSV file instead.</source>
        <translation>Liste les transactions, les plus récentes d&apos;abord, une par ligne&#xa0;: createdAt (UTC), montant, type de source, id de source, catégorie, id d&apos;utilisateur, id de transaction, description. Avec --out, écrit à la place toutes les transactions correspondantes dans un fichier CSV.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only transactions whose description or source id contains T, or whose id is T.</source>
        <translation>Uniquement les transactions dont la description ou l&apos;id de source contient T, ou dont l&apos;id est T.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At most N transactions (default %1; 0 means all).</source>
        <translation>Au plus N transactions (par défaut %1&#x202f;; 0 signifie toutes).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write every matching transaction to this CSV file (no --limit); it appears only when complete.</source>
        <translation>Écrire toutes les transactions correspondantes dans ce fichier CSV (sans --limit)&#xa0;; il n&apos;apparaît qu&apos;une fois complet.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>--separator and --bom are for --out FILE.csv</source>
        <translation>--separator et --bom vont avec --out FICHIER.csv</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>No transactions match.</source>
        <translation>Aucune transaction ne correspond.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>More transactions match than --limit %1 shows; use --limit 0 for all.</source>
        <translation>Plus de transactions correspondent que --limit %1 n&apos;en affiche&#x202f;; utilisez --limit 0 pour toutes.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--limit does not apply to --out, which writes every match</source>
        <translation>--limit ne s&apos;applique pas à --out, qui écrit toutes les correspondances</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>Writing %1: %2 of %n transaction(s)</source>
        <translation>
            <numerusform>Écriture de %1&#xa0;: %2 sur %n transaction</numerusform>
            <numerusform>Écriture de %1&#xa0;: %2 sur %n transactions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>Wrote %n transaction(s) to %1</source>
        <translation>
            <numerusform>%n transaction écrite dans %1</numerusform>
            <numerusform>%n transactions écrites dans %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sums XP and counts transactions, in all or grouped. Days, weeks (from Monday) and months are calendar periods in the local time zone.</source>
        <translation>Totalise les XP et compte les transactions, en tout ou par groupe. Les jours, semaines (à partir du lundi) et mois sont des périodes du calendrier dans le fuseau horaire local.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Group by %1.</source>
        <translation>Grouper par %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --by user: only the N users with the most XP (default 0: all). With --chart top-users: that many users (default 10).</source>
        <translation>Avec --by user&#xa0;: seulement les N utilisateurs ayant le plus de XP (par défaut 0&#xa0;: tous). Avec --chart top-users&#xa0;: ce nombre d&apos;utilisateurs (par défaut 10).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The figures behind one chart of the desktop application, over whole local days: %1.</source>
        <translation>Les chiffres derrière un graphique de l&apos;application de bureau, sur des journées locales entières&#xa0;: %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--by %1 is not a grouping; valid names are %2</source>
        <translation>--by %1 n&apos;est pas un regroupement&#x202f;; les noms valides sont %2</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>XP</source>
        <translation>XP</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TRANSACTIONS</source>
        <translation>TRANSACTIONS</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>LABEL</source>
        <translation>LIBELLÉ</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(no reason code)</source>
        <translation>(aucun code de motif)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(all)</source>
        <translation>(toutes)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>--chart %1 is not a chart; valid names are %2</source>
        <translation>--chart %1 n&apos;est pas un graphique&#x202f;; les noms valides sont %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--chart shows every category and source type; it does not take --%1</source>
        <translation>--chart affiche chaque catégorie et chaque type de source&#x202f;; il n&apos;accepte pas --%1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1, %2 to %3, %4</source>
        <translation>%1, du %2 au %3, %4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>everyone</source>
        <translation>tout le monde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>user %1</source>
        <translation>utilisateur %1</translation>
    </message>
</context>
<context>
    <name>ReasonCatalog</name>
    <message>
        <location filename="../core/domain/ReasonCatalog.cpp" line="+75"/>
        <source>ticket %1</source>
        <translation>ticket %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ticket %1 &lt;%2&gt;</source>
        <translation>ticket %1 &lt;%2&gt;</translation>
    </message>
</context>
<context>
    <name>ReasonCheck</name>
    <message>
        <location filename="../core/reasons/ReasonCheck.cpp" line="+33"/>
        <source>%1 is empty: give a reason code such as BUG_COMP</source>
        <translation>%1 est vide&#xa0;: indiquez un code de motif tel que BUG_COMP</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 %2 is not a valid reason code: use %3 to %4 capital letters, digits and _, starting with a letter (for example BUG_COMP)</source>
        <translation>%1 %2 n&apos;est pas un code de motif valide&#xa0;: utilisez de %3 à %4 lettres majuscules, chiffres et _, en commençant par une lettre (par exemple BUG_COMP)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 %2 has a line break or control character: a label is one line</source>
        <translation>%1 %2 contient un saut de ligne ou un caractère de contrôle&#xa0;: un libellé tient sur une seule ligne</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 %2 is not a valid ticket link: give a complete http(s) address of at most %3 characters, without spaces</source>
        <translation>%1 %2 n&apos;est pas un lien de ticket valide&#xa0;: indiquez une adresse http(s) complète d&apos;au plus %3 caractères, sans espaces</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 %2 is neither a ticket id (up to %3 letters, digits and . _ - /, such as ZD-4411 or #1234) nor an http(s) address</source>
        <translation>%1 %2 n&apos;est ni un id de ticket (jusqu&apos;à %3 lettres, chiffres et . _ - /, comme ZD-4411 ou #1234) ni une adresse http(s)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 %2 is not a ticket link pattern: give an http(s) address with {id} where the ticket id goes, for example https://desk.example.com/ticket/{id}</source>
        <translation>%1 %2 n&apos;est pas un modèle de lien de ticket&#xa0;: indiquez une adresse http(s) avec {id} à la place de l&apos;id du ticket, par exemple https://desk.example.com/ticket/{id}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>none: every code is retired</source>
        <translation>aucun&#xa0;: tous les codes sont retirés</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 is required: every manual change takes a reason code; the codes are %2</source>
        <translation>%1 est obligatoire&#xa0;: chaque modification manuelle exige un code de motif&#xa0;; les codes sont %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 %2: this ledger has no reason codes yet (an admin adds them with xpadmin-cli reason-codes add)</source>
        <translation>%1 %2&#xa0;: ce registre n&apos;a pas encore de codes de motif (un administrateur les ajoute avec xpadmin-cli reason-codes add)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 %2 is not a reason code; the codes are %3</source>
        <translation>%1 %2 n&apos;est pas un code de motif&#xa0;; les codes sont %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 %2 (%3) is retired and takes no new changes; the codes are %4</source>
        <translation>%1 %2 (%3) est retiré et n&apos;accepte plus de nouvelles modifications&#xa0;; les codes sont %4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is required: reason code %2 (%3) needs a ticket id or link</source>
        <translation>%1 est obligatoire&#xa0;: le code de motif %2 (%3) exige un id ou un lien de ticket</translation>
    </message>
</context>
<context>
    <name>ReasonCodeChart</name>
    <message>
        <location filename="../ui/controls/ReasonCodeChart.cpp" line="+52"/>
        <source>No manual changes in this period</source>
        <translation>Aucune modification manuelle sur cette période</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>XP given</source>
        <translation>XP ajoutés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XP taken</source>
        <translation>XP retirés</translation>
    </message>
</context>
<context>
    <name>ReasonCodeFields</name>
    <message>
        <location filename="../ui/reasons/ReasonCodeFields.cpp" line="+31"/>
        <source>Why the XP is changed, from the reason codes an admin keeps (Ledger &gt; Reason Codes)</source>
        <translation>Pourquoi les XP sont modifiés, parmi les codes de motif tenus par un administrateur (Registre &gt; Codes de motif)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reason c&amp;ode:</source>
        <translation>C&amp;ode de motif&#xa0;:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>e.g. ZD-4411, or a link</source>
        <translation>p. ex. ZD-4411, ou un lien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The support ticket this change answers: its id, or its address</source>
        <translation>Le ticket d&apos;assistance auquel répond cette modification&#xa0;: son id, ou son adresse</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>T&amp;icket:</source>
        <translation>T&amp;icket&#xa0;:</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Choose a reason…</source>
        <translation>Choisissez un motif…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 · a ticket is required</source>
        <translation>%1 · ticket obligatoire</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Choose the reason code: every manual change takes one.</source>
        <translation>Choisissez le code de motif&#xa0;: chaque modification manuelle en exige un.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The ticket</source>
        <translation>Le ticket</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 needs a ticket: give its id or its link.</source>
        <translation>%1 exige un ticket&#xa0;: indiquez son id ou son lien.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Required for %1.</source>
        <translation>Obligatoire pour %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional: an id such as ZD-4411, or a link.</source>
        <translation>Facultatif&#xa0;: un id tel que ZD-4411, ou un lien.</translation>
    </message>
</context>
<context>
    <name>ReasonCodes</name>
    <message>
        <location filename="../core/reasons/ReasonCodes.cpp" line="+103"/>
        <source>Reason code %1 exists already (%2%3): relabel it with reason-codes change. Nothing was changed.</source>
        <translation>Le code de motif %1 existe déjà (%2%3)&#xa0;: changez son libellé avec reason-codes change. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, retired</source>
        <translation>, retiré</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+62"/>
        <source>The label %1 is already the label of reason code %2: two codes a person chooses by label need different labels. Nothing was changed.</source>
        <translation>Le libellé %1 est déjà celui du code de motif %2&#xa0;: deux codes que l&apos;on choisit par leur libellé doivent avoir des libellés différents. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>reason code %1 added: %2</source>
        <translation>code de motif %1 ajouté&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Say what to change of reason code %1: a new label, or whether it requires a ticket</source>
        <translation>Indiquez ce qu&apos;il faut modifier dans le code de motif %1&#xa0;: un nouveau libellé, ou s&apos;il exige un ticket</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>There is no reason code %1; the codes are %2. Nothing was changed.</source>
        <translation>Il n&apos;existe aucun code de motif %1&#xa0;; les codes sont %2. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reason code %1 (%2) is retired: it keeps its label for the changes that took it. Nothing was changed.</source>
        <translation>Le code de motif %1 (%2) est retiré&#xa0;: il garde son libellé pour les modifications qui l&apos;ont utilisé. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>reason code %1 changed: %2</source>
        <translation>code de motif %1 modifié&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>There is no reason code %1. Nothing was changed.</source>
        <translation>Il n&apos;existe aucun code de motif %1. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason code %1 (%2) is retired already. Nothing was changed.</source>
        <translation>Le code de motif %1 (%2) est déjà retiré. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>reason code %1 retired: %2</source>
        <translation>code de motif %1 retiré&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>ticket link pattern removed</source>
        <translation>modèle de lien de ticket supprimé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ticket link pattern set to %1</source>
        <translation>modèle de lien de ticket défini sur %1</translation>
    </message>
</context>
<context>
    <name>ReasonCodesDialog</name>
    <message>
        <location filename="../ui/reasons/ReasonCodesDialog.cpp" line="+28"/>
        <source>A change with this code must name a &amp;ticket</source>
        <translation>Une modification avec ce code doit indiquer un &amp;ticket</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Add Code</source>
        <translation>&amp;Ajouter le code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save Changes</source>
        <translation>&amp;Enregistrer les modifications</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;etire</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save &amp;Pattern</source>
        <translation>Enregistrer le &amp;modèle</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason Codes</source>
        <translation>Codes de motif</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every manual change takes one of these codes once there is any, besides its reason. A code is never deleted: retired, it keeps its label for the changes that took it. Every change here is recorded in the audit log.</source>
        <translation>Dès qu&apos;il en existe au moins un, chaque modification manuelle exige l&apos;un de ces codes, en plus de son motif. Un code n&apos;est jamais supprimé&#xa0;: retiré, il garde son libellé pour les modifications qui l&apos;ont utilisé. Chaque modification faite ici est enregistrée dans le journal d&apos;audit.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Uses</source>
        <translation>Utilisations</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Bug compensation</source>
        <translation>Compensation d&apos;un bug</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Capital letters, digits and _, starting with a letter. People choose the code by its label.</source>
        <translation>Lettres majuscules, chiffres et _, en commençant par une lettre. On choisit le code par son libellé.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A ticket id is shown as this link, with the id in place of {id}; a ticket given as a link is shown as itself. Empty: ids are shown as text.</source>
        <translation>Un id de ticket s&apos;affiche sous la forme de ce lien, avec l&apos;id à la place de {id}&#xa0;; un ticket donné sous forme de lien s&apos;affiche tel quel. Vide&#xa0;: les identifiants s&apos;affichent en texte.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>C&amp;ode:</source>
        <translation>&amp;Code&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Label:</source>
        <translation>&amp;Libellé&#xa0;:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Ticket &amp;links:</source>
        <translation>Lie&amp;ns de ticket&#xa0;:</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>required</source>
        <translation>obligatoire</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>optional</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retired</source>
        <translation>retiré</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>active</source>
        <translation>actif</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The new code: capital letters, digits and _</source>
        <translation>Le nouveau code&#xa0;: lettres majuscules, chiffres et _</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the code means, as people choose it</source>
        <translation>Ce que signifie le code, tel qu&apos;on le choisit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes with this code are refused without a ticket</source>
        <translation>Les modifications avec ce code sont refusées sans ticket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the code with this label</source>
        <translation>Ajouter le code avec ce libellé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A retired code keeps its label</source>
        <translation>Un code retiré garde son libellé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store the selected code&apos;s new label and ticket rule</source>
        <translation>Enregistrer le nouveau libellé et la règle de ticket du code sélectionné</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No new change may take the selected code; the changes that took it keep it</source>
        <translation>Aucune nouvelle modification ne pourra utiliser le code sélectionné&#xa0;; les modifications qui l&apos;ont utilisé le gardent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The link a ticket id is shown as</source>
        <translation>Le lien sous lequel un id de ticket s&apos;affiche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store the ticket link pattern for every desk</source>
        <translation>Enregistrer le modèle de lien de ticket pour tous les postes</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The code</source>
        <translation>Le code</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+15"/>
        <source>The label</source>
        <translation>Le libellé</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Reason code %1 added: %2</source>
        <translation>Code de motif %1 ajouté&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Reason code %1 changed: %2</source>
        <translation>Code de motif %1 modifié&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reason code %1 retired: %2</source>
        <translation>Code de motif %1 retiré&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The ticket link</source>
        <translation>Le lien de ticket</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ticket ids are shown as text.</source>
        <translation>Les identifiants de ticket s&apos;affichent en texte.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ticket links: %1</source>
        <translation>Liens de ticket&#xa0;: %1</translation>
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
        <translation>Usage&#xa0;: xpadmin-cli [options globales] reason-codes list [--json]
        xpadmin-cli [options globales] reason-codes add CODE --label TEXT [--ticket-required]
        xpadmin-cli [options globales] reason-codes change CODE [--label TEXT] [--ticket-required | --ticket-optional]
        xpadmin-cli [options globales] reason-codes retire CODE
        xpadmin-cli [options globales] reason-codes ticket-pattern [URL | --clear]

Les codes de motif indiquent pourquoi des XP ont été modifiés à la main (BUG_COMP, «&#xa0;Compensation d&apos;un bug&#xa0;»). Dès qu&apos;un code est actif, chaque ajustement manuel (adjust, adjust-bulk, la boîte de dialogue «&#xa0;Ajuster les XP&#xa0;» de la fenêtre) en exige un, avec --reason-code, en plus du texte de son motif&#xa0;; un code peut exiger un ticket (--ticket, un id ou un lien). Un code n&apos;est jamais supprimé&#xa0;: retirez-le, et les modifications qui l&apos;ont utilisé gardent son libellé. Le modèle de lien de ticket transforme un id de ticket en lien, avec {id} à la place de l&apos;id. Les codes sont tenus par un administrateur&#xa0;; chacune de leurs modifications est auditée sous reason-code. CODE compte de 2 à 32 lettres majuscules, chiffres et _, en commençant par une lettre.
</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Lists the reason codes, retired ones too, and the ticket link pattern.</source>
        <translation>Liste les codes de motif, y compris les codes retirés, et le modèle de lien de ticket.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print JSON: ticketPattern, and codes (code, label, ticketRequired, retired, uses).</source>
        <translation>Afficher en JSON&#xa0;: ticketPattern, et codes (code, label, ticketRequired, retired, uses).</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>No reason codes: manual changes need none until an admin adds one (reason-codes add).</source>
        <translation>Aucun code de motif&#xa0;: les modifications manuelles n&apos;en exigent pas tant qu&apos;un administrateur n&apos;en a pas ajouté (reason-codes add).</translation>
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
        <translation>LIBELLÉ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TICKET</source>
        <translation>TICKET</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>STATE</source>
        <translation>ÉTAT</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>USES</source>
        <translation>UTILISATIONS</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>required</source>
        <translation>obligatoire</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>optional</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retired</source>
        <translation>retiré</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>active</source>
        <translation>actif</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+119"/>
        <source>Ticket links: none (ticket ids are shown as text)</source>
        <translation>Liens de ticket&#xa0;: aucun (les identifiants de ticket s&apos;affichent en texte)</translation>
    </message>
    <message>
        <location line="-118"/>
        <location line="+131"/>
        <source>Ticket links: %1</source>
        <translation>Liens de ticket&#xa0;: %1</translation>
    </message>
    <message>
        <location line="-120"/>
        <source>give the CODE</source>
        <translation>indiquez le CODE</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Adds a reason code; audited.</source>
        <translation>Ajoute un code de motif&#xa0;; journalisé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the code means, as people see it (required).</source>
        <translation>Ce que signifie le code, tel qu&apos;on le voit (obligatoire).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A change with this code must name a ticket.</source>
        <translation>Une modification avec ce code doit indiquer un ticket.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Reason code %1 added: %2</source>
        <translation>Code de motif %1 ajouté&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Relabels a reason code, or changes whether it requires a ticket; audited. The changes that took the code show its new label.</source>
        <translation>Change le libellé d&apos;un code de motif, ou s&apos;il exige un ticket&#xa0;; journalisé. Les modifications qui ont utilisé le code affichent son nouveau libellé.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new label.</source>
        <translation>Le nouveau libellé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A change with this code must name a ticket from now on.</source>
        <translation>Désormais, une modification avec ce code doit indiquer un ticket.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A change with this code may name a ticket.</source>
        <translation>Une modification avec ce code peut indiquer un ticket.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>give --ticket-required or --ticket-optional, not both</source>
        <translation>indiquez --ticket-required ou --ticket-optional, pas les deux</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>give --label, --ticket-required or --ticket-optional</source>
        <translation>indiquez --label, --ticket-required ou --ticket-optional</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reason code %1 changed.</source>
        <translation>Code de motif %1 modifié.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Retires a reason code: no new change may take it, and the changes that took it keep it; audited. A code is never deleted.</source>
        <translation>Retire un code de motif&#xa0;: aucune nouvelle modification ne peut l&apos;utiliser, et les modifications qui l&apos;ont utilisé le gardent&#xa0;; journalisé. Un code n&apos;est jamais supprimé.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reason code %1 retired.</source>
        <translation>Code de motif %1 retiré.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Shows or sets the link a ticket id is shown as, with {id} where the id goes (for example https://desk.example.com/ticket/{id}); audited. A ticket given as a link is shown as itself.</source>
        <translation>Affiche ou définit le lien sous lequel un id de ticket s&apos;affiche, avec {id} à la place de l&apos;id (par exemple https://desk.example.com/ticket/{id})&#xa0;; journalisé. Un ticket donné sous forme de lien s&apos;affiche tel quel.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No link for ticket ids: show them as text.</source>
        <translation>Aucun lien pour les identifiants de ticket&#xa0;: les afficher en texte.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>give a URL or --clear, not both</source>
        <translation>indiquez une URL ou --clear, pas les deux</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Ticket links removed: ticket ids are shown as text.</source>
        <translation>Liens de ticket supprimés&#xa0;: les identifiants de ticket s&apos;affichent en texte.</translation>
    </message>
</context>
<context>
    <name>ReasonField</name>
    <message>
        <location filename="../ui/actions/ReasonField.cpp" line="+19"/>
        <source>Why is this change made? For example the ticket number and what the user reported.</source>
        <translation>Pourquoi cette modification&#x202f;? Par exemple le numéro de ticket et ce que l&apos;utilisateur a signalé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Required. Stored with the change in the audit log.</source>
        <translation>Obligatoire. Enregistré avec la modification dans le journal d&apos;audit.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Required. Kept in the audit log with the change.</source>
        <translation>Obligatoire. Conservé avec la modification dans le journal d&apos;audit.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The reason</source>
        <translation>Le motif</translation>
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
        <translation>Code de motif&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ticket: %1</source>
        <translation>Ticket&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ticket: %1 (%2)</source>
        <translation>Ticket&#xa0;: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>RemovedModel</name>
    <message>
        <location filename="../models/RemovedModel.cpp" line="+103"/>
        <source>Deleted with its source at %1</source>
        <translation>Supprimée avec sa source le %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rolled back at %1</source>
        <translation>Révoquée le %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1
Awarded at %2</source>
        <translation>%1
Attribuée le %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>User id %1</source>
        <translation>Id utilisateur %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transaction %1</source>
        <translation>Transaction %1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Removed</source>
        <translation>Retirée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why it was removed</source>
        <translation>Motif du retrait</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Removed by</source>
        <translation>Retirée par</translation>
    </message>
</context>
<context>
    <name>RemovedQuery</name>
    <message>
        <location filename="../core/preview/RemovedQuery.cpp" line="+54"/>
        <source>(the audit snapshot cannot be read)</source>
        <translation>(l&apos;instantané d&apos;audit ne peut pas être lu)</translation>
    </message>
</context>
<context>
    <name>ReportCommands</name>
    <message>
        <location filename="../app/cli/ReportCommands.cpp" line="+30"/>
        <source>  %1  %2 asked %3 XP for %4, %5: %6</source>
        <translation>  %1  %2 a demandé %3 XP pour %4, %5&#xa0;: %6</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 by %2 at %3</source>
        <translation>%1 par %2 le %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+6"/>
        <location line="+7"/>
        <location line="+15"/>
        <location line="+10"/>
        <source>  none</source>
        <translation>  aucune</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>  %1  %2 %3 up to %4: %5</source>
        <translation>  %1  %2&#xa0;: %3 jusqu&apos;au %4&#xa0;: %5</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>  %1  %2 gave %3 XP to %4 (%5) without a ticket</source>
        <translation>  %1  %2 a donné %3 XP à %4 (%5) sans ticket</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>  %1: %2 change(s), +%3 / -%4 XP; %5 held (%6 approved, %7 rejected, %8 waiting)</source>
        <translation>  %1&#xa0;: %2 modification(s), +%3 / -%4 XP&#xa0;; %5 retenue(s) (%6 approuvée(s), %7 rejetée(s), %8 en attente)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>  %1: %2 change(s), +%3 / -%4 XP; %5 without a ticket</source>
        <translation>  %1&#xa0;: %2 modification(s), +%3 / -%4 XP&#xa0;; %5 sans ticket</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Usage: xpadmin-cli [global options] report controls [--since DATE] [--until DATE] [--pdf FILE] [--csv FILE [--separator SEP] [--bom]]
</source>
        <translation>Usage&#xa0;: xpadmin-cli [options globales] report controls [--since DATE] [--until DATE] [--pdf FILE] [--csv FILE [--separator SEP] [--bom]]
</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>What an auditor checks the desk&apos;s controls against, for a period: every change held for approval (above a limit of its maker or the approval threshold) and who decided it, every period closed and reopened and why, every manual change without the ticket its reason code requires, and the manual changes per person and per reason code. Text, or --json, --pdf, --csv.</source>
        <translation>Ce qu&apos;un auditeur vérifie des contrôles du support, pour une période&#xa0;: chaque modification retenue pour approbation (au-delà d&apos;un plafond de son auteur ou du seuil d&apos;approbation) et qui l&apos;a tranchée, chaque période clôturée et rouverte et pourquoi, chaque modification manuelle sans le ticket qu&apos;exige son code de motif, et les modifications manuelles par personne et par code de motif. Texte, ou --json, --pdf, --csv.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>From this date or date-time on (local time unless it ends in Z); default: the beginning.</source>
        <translation>À partir de cette date ou date-heure (heure locale sauf si elle se termine par Z)&#xa0;; par défaut&#xa0;: depuis l&apos;origine.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Up to this date (the whole day) or date-time; default: now.</source>
        <translation>Jusqu&apos;à cette date (toute la journée) ou date-heure&#xa0;; par défaut&#xa0;: maintenant.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the report as a PDF to file.</source>
        <translation>Écrire le rapport en PDF dans ce fichier.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the report as CSV: a row per finding, its kind in the column section.</source>
        <translation>Écrire le rapport en CSV&#xa0;: une ligne par constat, son type dans la colonne section.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--separator and --bom are for --csv FILE</source>
        <translation>--separator et --bom vont avec --csv FICHIER</translation>
    </message>
</context>
<context>
    <name>RestoreCommand</name>
    <message>
        <location filename="../ui/actions/RestoreCommand.cpp" line="+6"/>
        <source>Restore %1</source>
        <translation>Restaurer %1</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../ui/actions/RestoreDialog.cpp" line="+34"/>
        <source>Restore transactions</source>
        <translation>Restaurer des transactions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transactions that were rolled back or deleted with their source, and are not in the ledger now; the newest removal first. Select the ones to bring back: each returns with its original id, time and amount.</source>
        <translation>Les transactions révoquées ou supprimées avec leur source, qui ne sont plus dans le registre&#x202f;; la plus récemment retirée d&apos;abord. Sélectionnez celles à faire revenir&#xa0;: chacune revient avec son id, son heure et son montant d&apos;origine.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+237"/>
        <source>Restore</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <location line="-233"/>
        <source>Everyone</source>
        <translation>Tout le monde</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the removed transactions of this user id only; empty shows everyone&apos;s</source>
        <translation>Afficher uniquement les transactions retirées de cet id utilisateur&#x202f;; vide affiche celles de tout le monde</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;User id:</source>
        <translation>Id &amp;utilisateur&#xa0;:</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>&amp;Reason:</source>
        <translation>Moti&amp;f&#xa0;:</translation>
    </message>
    <message>
        <location line="+141"/>
        <source>%1. Until then it cannot be restored: leave it out.</source>
        <translation>%1. D&apos;ici là, elle ne peut pas être restaurée&#xa0;: retirez-la de la sélection.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n of the selected transactions were restored by someone else meanwhile. The list has been read again: select again.</source>
        <translation>
            <numerusform>%n des transactions sélectionnées a été restaurée entre-temps par quelqu&apos;un d&apos;autre. La liste a été relue&#xa0;: sélectionnez à nouveau.</numerusform>
            <numerusform>%n des transactions sélectionnées ont été restaurées entre-temps par quelqu&apos;un d&apos;autre. La liste a été relue&#xa0;: sélectionnez à nouveau.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>The audit log&apos;s record of %n of the selected transactions cannot be read, so they cannot be restored. Leave them out.</source>
        <translation>
            <numerusform>L&apos;enregistrement du journal d&apos;audit de %n des transactions sélectionnées est illisible&#xa0;: elle ne peut pas être restaurée. Retirez-la de la sélection.</numerusform>
            <numerusform>Les enregistrements du journal d&apos;audit de %n des transactions sélectionnées sont illisibles&#xa0;: elles ne peuvent pas être restaurées. Retirez-les de la sélection.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n user(s) of the selection are no longer in the ledger (%1), so their transactions cannot be restored. Leave them out.</source>
        <translation>
            <numerusform>%n utilisateur de la sélection n&apos;est plus dans le registre (%1)&#xa0;: ses transactions ne peuvent pas être restaurées. Retirez-les de la sélection.</numerusform>
            <numerusform>%n utilisateurs de la sélection ne sont plus dans le registre (%1)&#xa0;: leurs transactions ne peuvent pas être restaurées. Retirez-les de la sélection.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The list could not be read: %1</source>
        <translation>La liste n&apos;a pas pu être lue&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading the audit log…</source>
        <translation>Lecture du journal d&apos;audit…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing to restore: every rolled-back transaction is back in the ledger.</source>
        <translation>Rien à restaurer&#xa0;: chaque transaction révoquée est de retour dans le registre.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing to restore for user %1.</source>
        <translation>Rien à restaurer pour l&apos;utilisateur %1.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>After this, %n user(s) have a negative total (in red below). That is allowed, but check that it is what you mean.</source>
        <translation>
            <numerusform>Ensuite, %n utilisateur aura un total négatif (en rouge ci-dessous). C&apos;est permis, mais vérifiez que c&apos;est bien ce que vous voulez.</numerusform>
            <numerusform>Ensuite, %n utilisateurs auront un total négatif (en rouge ci-dessous). C&apos;est permis, mais vérifiez que c&apos;est bien ce que vous voulez.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-23"/>
        <source>This would take a total past the limit of what the ledger can hold; it cannot be restored as selected.</source>
        <translation>Un total dépasserait alors ce que le registre peut contenir&#x202f;; la sélection ne peut pas être restaurée telle quelle.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Select the transactions to restore (Ctrl or Shift to select several).</source>
        <translation>Sélectionnez les transactions à restaurer (Ctrl ou Maj pour en sélectionner plusieurs).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 selected, %2 XP in all, for the users below:</source>
        <translation>%1 sélectionnée(s), %2 XP en tout, pour les utilisateurs ci-dessous&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 selected.</source>
        <translation>%1 sélectionnée(s).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restore anyway</source>
        <translation>Restaurer quand même</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore %1</source>
        <translation>Restaurer %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The transactions were not restored</source>
        <translation>Les transactions n&apos;ont pas été restaurées</translation>
    </message>
</context>
<context>
    <name>RoleCommands</name>
    <message>
        <location filename="../app/cli/RoleCommands.cpp" line="+28"/>
        <source>nothing</source>
        <translation>rien</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Permission denied. %1. Nothing was changed.</source>
        <translation>Permission refusée. %1. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Usage: xpadmin-cli [global options] roles install [--print-sql]
       xpadmin-cli [global options] roles grant --role auditor|support|admin --login NAME
       xpadmin-cli [global options] roles show

XP Admin&apos;s roles on PostgreSQL: install creates the group roles xpadmin_auditor (read everything), xpadmin_support (also award and adjust) and xpadmin_admin (also rollback, delete source, restore, import, repair) with the least grants for that, and makes the audit log append-only; run it once as the database owner, and again after upgrading XP Admin. grant gives an existing login exactly one of them. show says who you are connected as and what you may do.
On SQLite the role is chosen in the window, View &gt; Role on SQLite Files, and is advisory.
</source>
        <translation>Usage&#xa0;: xpadmin-cli [options globales] roles install [--print-sql]
        xpadmin-cli [options globales] roles grant --role auditor|support|admin --login NAME
        xpadmin-cli [options globales] roles show

Les rôles de XP Admin sur PostgreSQL&#xa0;: install crée les rôles de groupe xpadmin_auditor (tout lire), xpadmin_support (aussi attribuer et ajuster) et xpadmin_admin (aussi révoquer, supprimer une source, restaurer, importer, réparer) avec le minimum de droits nécessaires, et rend le journal d&apos;audit accessible en ajout seul&#xa0;; lancez-le une fois en tant que propriétaire de la base de données, puis à nouveau après chaque mise à jour de XP Admin. grant attribue à une connexion existante exactement l&apos;un de ces rôles. show indique sous quelle identité vous êtes connecté et ce que vous pouvez faire.
Sous SQLite, le rôle est choisi dans la fenêtre, Affichage &gt; Rôle sur les fichiers SQLite, et est indicatif.
</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>roles: give a subcommand, install, grant or show (see xpadmin-cli roles --help)</source>
        <translation>roles&#xa0;: indiquez une sous-commande, install, grant ou show (voir xpadmin-cli roles --help)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>roles: unknown subcommand %1; use install, grant or show (see xpadmin-cli roles --help)</source>
        <translation>roles&#xa0;: sous-commande inconnue %1&#x202f;; utilisez install, grant ou show (voir xpadmin-cli roles --help)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Creates or updates XP Admin&apos;s roles, their grants and the audit log&apos;s append-only triggers, in one transaction (PostgreSQL; run as the database owner).</source>
        <translation>Crée ou met à jour les rôles de XP Admin, leurs droits et les déclencheurs qui rendent le journal d&apos;audit accessible en ajout seul, en une seule transaction (PostgreSQL&#x202f;; à lancer en tant que propriétaire de la base de données).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print the statements instead of running them, for a database administrator.</source>
        <translation>Afficher les instructions au lieu de les exécuter, pour un administrateur de base de données.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Installed the roles xpadmin_auditor, xpadmin_support and xpadmin_admin with their grants on %1; the audit log is append-only.</source>
        <translation>Rôles xpadmin_auditor, xpadmin_support et xpadmin_admin installés avec leurs droits sur %1&#x202f;; le journal d&apos;audit est accessible en ajout seul.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give a login one of them with: xpadmin-cli roles grant --role auditor|support|admin --login NAME</source>
        <translation>Attribuez l&apos;un d&apos;eux à une connexion avec&#xa0;: xpadmin-cli roles grant --role auditor|support|admin --login NAME</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Gives an existing PostgreSQL login exactly one of XP Admin&apos;s roles (the others it had are revoked).</source>
        <translation>Attribue à une connexion PostgreSQL existante exactement l&apos;un des rôles de XP Admin (les autres qu&apos;elle avait lui sont retirés).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>auditor, support or admin.</source>
        <translation>auditor, support ou admin.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The login (CREATE ROLE ... LOGIN).</source>
        <translation>La connexion (CREATE ROLE ... LOGIN).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--role %1 is not one of XP Admin&apos;s roles: use %2</source>
        <translation>--role %1 n&apos;est pas l&apos;un des rôles de XP Admin&#xa0;: utilisez %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>roles grant needs a PostgreSQL database; on SQLite the role is chosen in the settings and is advisory</source>
        <translation>roles grant nécessite une base de données PostgreSQL&#x202f;; sous SQLite, le rôle est choisi dans les paramètres et est indicatif</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 now has the role %2: may %3.</source>
        <translation>%1 a maintenant le rôle %2&#xa0;: peut %3.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Shows who you are connected as, your role and what it allows.</source>
        <translation>Indique sous quelle identité vous êtes connecté, votre rôle et ce qu&apos;il permet.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Login:    %1</source>
        <translation>Connexion&#xa0;:  %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role:     %1</source>
        <translation>Rôle&#xa0;:       %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>          Advisory: on SQLite the role is chosen in the settings and not enforced.</source>
        <translation>             Indicatif&#xa0;: sous SQLite, le rôle est choisi dans les paramètres et n&apos;est pas imposé.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>          XP Admin&apos;s roles are not installed here (xpadmin-cli roles install).</source>
        <translation>             Les rôles de XP Admin ne sont pas installés ici (xpadmin-cli roles install).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>          Enforced by PostgreSQL.</source>
        <translation>             Imposé par PostgreSQL.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>May:      %1</source>
        <translation>Autorisé&#xa0;:   %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>May not:  %1</source>
        <translation>Interdit&#xa0;:   %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Because:  your operating-system user lacks %1.</source>
        <translation>Car&#xa0;:     il manque à votre utilisateur système %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Because:  the login lacks %1.</source>
        <translation>Car&#xa0;:     il manque à la connexion %1.</translation>
    </message>
</context>
<context>
    <name>RoleDetector</name>
    <message>
        <location filename="../core/roles/RoleDetector.cpp" line="+35"/>
        <source>The database does not know the connected role %1</source>
        <translation>La base de données ne connaît pas le rôle connecté %1</translation>
    </message>
</context>
<context>
    <name>RoleIndicator</name>
    <message>
        <location filename="../ui/main/RoleIndicator.cpp" line="+30"/>
        <source>Role on &amp;SQLite Files</source>
        <translation>Rôle sur les fichiers &amp;SQLite</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Advisory: an SQLite file has no logins, so anyone who can open it can choose any role. PostgreSQL databases enforce the role of your login.</source>
        <translation>Indicatif&#xa0;: un fichier SQLite n&apos;a pas de connexions, donc toute personne qui peut l&apos;ouvrir peut choisir n&apos;importe quel rôle. Les bases de données PostgreSQL imposent le rôle de votre connexion.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Your role could not be read: %1</source>
        <translation>Votre rôle n&apos;a pas pu être lu&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The ledger is read-only here: %1</source>
        <translation>Le registre est ici en lecture seule&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading what your role may do…</source>
        <translation>Lecture de ce que votre rôle permet…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Role: …</source>
        <translation>Rôle&#xa0;: …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Role: %1</source>
        <translation>Rôle&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>May %1.</source>
        <translation>Peut %1.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>May do nothing here.</source>
        <translation>Ne peut rien faire ici.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lacks %1.</source>
        <translation>Il manque %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Advisory: chosen in View &gt; Role on SQLite Files and not enforced; anyone who can open the file can change it.
%1</source>
        <translation>Indicatif&#xa0;: choisi dans Affichage &gt; Rôle sur les fichiers SQLite et non imposé&#x202f;; toute personne qui peut ouvrir le fichier peut le changer.
%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>XP Admin&apos;s roles are not installed on this database (xpadmin-cli roles install): the database&apos;s own grants decide.
%1</source>
        <translation>Les rôles de XP Admin ne sont pas installés sur cette base de données (xpadmin-cli roles install)&#xa0;: ce sont les droits propres de la base qui décident.
%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enforced by PostgreSQL.
%1</source>
        <translation>Imposé par PostgreSQL.
%1</translation>
    </message>
</context>
<context>
    <name>RoleInstaller</name>
    <message>
        <location filename="../core/roles/RoleInstaller.cpp" line="+115"/>
        <location line="+58"/>
        <source>Roles are enforced by PostgreSQL only; on SQLite the role is chosen in the settings and is advisory</source>
        <translation>Les rôles ne sont imposés que par PostgreSQL&#x202f;; sous SQLite, le rôle est choisi dans les paramètres et est indicatif</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>The database does not know the connected role %1</source>
        <translation>La base de données ne connaît pas le rôle connecté %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Permission denied: roles install must be run by a superuser or by the owner of the ledger&apos;s tables; %1 does not own %2. Nothing was changed.</source>
        <translation>Permission refusée&#xa0;: roles install doit être lancé par un superutilisateur ou par le propriétaire des tables du registre&#x202f;; %1 n&apos;est pas propriétaire de %2. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Permission denied: roles install creates the roles %1, which needs a superuser or a role with CREATEROLE; %2 has neither. Nothing was changed.</source>
        <translation>Permission refusée&#xa0;: roles install crée les rôles %1, ce qui nécessite un superutilisateur ou un rôle disposant de CREATEROLE&#x202f;; %2 n&apos;a ni l&apos;un ni l&apos;autre. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 is not a role that can be granted: use %2</source>
        <translation>%1 n&apos;est pas un rôle qui peut être attribué&#xa0;: utilisez %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>XP Admin&apos;s roles are not installed on this server: run xpadmin-cli roles install first, as the database owner</source>
        <translation>Les rôles de XP Admin ne sont pas installés sur ce serveur&#xa0;: lancez d&apos;abord xpadmin-cli roles install, en tant que propriétaire de la base de données</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--login %1: there is no such login on this server; create it first, e.g. CREATE ROLE %1 LOGIN PASSWORD &apos;…&apos;</source>
        <translation>--login %1&#xa0;: cette connexion n&apos;existe pas sur ce serveur&#x202f;; créez-la d&apos;abord, p. ex. CREATE ROLE %1 LOGIN PASSWORD &apos;…&apos;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--login %1 is a role that cannot log in; name a login</source>
        <translation>--login %1 est un rôle qui ne peut pas se connecter&#x202f;; indiquez une connexion</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../core/roles/Role.cpp" line="+59"/>
        <source>Owner (unrestricted)</source>
        <translation>Propriétaire (sans restriction)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Admin</source>
        <translation>Administrateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Support</source>
        <translation>Assistance</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Auditor</source>
        <translation>Auditeur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No XP Admin role</source>
        <translation>Aucun rôle XP Admin</translation>
    </message>
</context>
<context>
    <name>RollbackCommand</name>
    <message>
        <location filename="../ui/actions/RollbackCommand.cpp" line="+6"/>
        <source>Roll back %1</source>
        <translation>Révoquer %1</translation>
    </message>
</context>
<context>
    <name>RollbackDialog</name>
    <message>
        <location filename="../ui/actions/RollbackDialog.cpp" line="+44"/>
        <location line="+95"/>
        <source>Roll back %1</source>
        <translation>Révoquer %1</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>These transactions are deleted from the ledger, and the users&apos; totals change as shown. The audit log keeps every one of them in full: they can be restored later.</source>
        <translation>Ces transactions sont supprimées du registre, et les totaux des utilisateurs changent comme indiqué. Le journal d&apos;audit les conserve toutes en entier&#xa0;: elles pourront être restaurées plus tard.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Transactions</source>
        <translation>Transactions</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Effect on each user&apos;s total</source>
        <translation>Effet sur le total de chaque utilisateur</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Reason:</source>
        <translation>Moti&amp;f&#xa0;:</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>The current totals could not be read: %1</source>
        <translation>Les totaux actuels n&apos;ont pas pu être lus&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading the users&apos; current totals…</source>
        <translation>Lecture des totaux actuels des utilisateurs…</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n of these transactions are no longer in the ledger: someone rolled them back already. Close this dialog, refresh the history and select again.</source>
        <translation>
            <numerusform>%n de ces transactions n&apos;est plus dans le registre&#xa0;: quelqu&apos;un l&apos;a déjà révoquée. Fermez cette fenêtre, actualisez l&apos;historique et sélectionnez à nouveau.</numerusform>
            <numerusform>%n de ces transactions ne sont plus dans le registre&#xa0;: quelqu&apos;un les a déjà révoquées. Fermez cette fenêtre, actualisez l&apos;historique et sélectionnez à nouveau.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This would take a total past the limit of what the ledger can hold; it cannot be rolled back as selected.</source>
        <translation>Un total dépasserait alors ce que le registre peut contenir&#x202f;; la sélection ne peut pas être révoquée telle quelle.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>After this, %Ln user(s) have a negative total (in red above). That is allowed, but check that it is what you mean.</source>
        <translation>
            <numerusform>Après cela, %Ln utilisateur a un total négatif (en rouge ci-dessus). C&apos;est permis, mais vérifiez que c&apos;est bien ce que vous voulez.</numerusform>
            <numerusform>Après cela, %Ln utilisateurs ont un total négatif (en rouge ci-dessus). C&apos;est permis, mais vérifiez que c&apos;est bien ce que vous voulez.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Roll back anyway</source>
        <translation>Révoquer quand même</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The rollback was not saved</source>
        <translation>La révocation n&apos;a pas été enregistrée</translation>
    </message>
</context>
<context>
    <name>RowFindingText</name>
    <message>
        <location filename="../core/ledger/RowFindingText.cpp" line="+18"/>
        <source>added in the database</source>
        <translation>ajouté dans la base de données</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>changed in the database</source>
        <translation>modifié dans la base de données</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>deleted in the database</source>
        <translation>supprimé dans la base de données</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>user</source>
        <translation>utilisateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>amount</source>
        <translation>montant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>source type</source>
        <translation>type de source</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>source id</source>
        <translation>identifiant de source</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>description</source>
        <translation>description</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>category</source>
        <translation>catégorie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>creation time</source>
        <translation>date de création</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>user %1, amount %2</source>
        <translation>utilisateur %1, montant %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, amount %2</source>
        <translation>%1, montant %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (user %2), amount %3</source>
        <translation>%1 (utilisateur %2), montant %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>transaction %1: %2 is %3 in the table, but %4 in the audit log (event %5, %6)</source>
        <translation>transaction %1&#xa0;: %2 vaut %3 dans la table, mais %4 dans le journal d&apos;audit (événement %5, %6)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>transaction %1 is missing from the table, but the audit log says it exists (event %2, %3: %4)</source>
        <translation>la transaction %1 manque dans la table, alors que le journal d&apos;audit dit qu&apos;elle existe (événement %2, %3&#xa0;: %4)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>transaction %1 is in the table (%2), but the audit log removed it (event %3, %4)</source>
        <translation>la transaction %1 est dans la table (%2), mais le journal d&apos;audit l&apos;a retirée (événement %3, %4)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A changed transaction was edited outside XP Admin. Find out who changed it; the transaction as XP Admin wrote it is in the event named. Once the cause is known, correct the user&apos;s XP with an audited adjustment.</source>
        <translation>Une transaction modifiée a été changée hors de XP Admin. Cherchez qui l&apos;a modifiée&#xa0;; la transaction telle que XP Admin l&apos;a écrite se trouve dans l&apos;événement indiqué. Une fois la cause connue, corrigez les XP de l&apos;utilisateur par un ajustement journalisé.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A missing transaction was deleted outside XP Admin. The whole transaction is in the event named; find out who deleted it, and if it was wrong, give the XP back with an audited adjustment.</source>
        <translation>Une transaction manquante a été supprimée hors de XP Admin. La transaction complète se trouve dans l&apos;événement indiqué&#xa0;; cherchez qui l&apos;a supprimée et, si c&apos;était une erreur, rendez les XP par un ajustement journalisé.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A transaction that is back after its removal was put back outside XP Admin. If it should not be there, roll it back again (audited).</source>
        <translation>Une transaction revenue après son retrait a été remise hors de XP Admin. Si elle ne doit pas y être, révoquez-la de nouveau (journalisé).</translation>
    </message>
</context>
<context>
    <name>RowFindingsList</name>
    <message>
        <location filename="../ui/audit/RowFindingsList.cpp" line="+33"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In the table</source>
        <translation>Dans la table</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In the audit log</source>
        <translation>Dans le journal d&apos;audit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Transaction</source>
        <translation>Transaction</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Transactions that differ from what the audit log last recorded about them. Double-click one to show its event.</source>
        <translation>Les transactions qui diffèrent de ce que le journal d&apos;audit a enregistré en dernier à leur sujet. Double-cliquez sur l&apos;une d&apos;elles pour afficher son événement.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Transactions were not checked against the audit log: the log itself is broken.</source>
        <translation>Les transactions n&apos;ont pas été comparées au journal d&apos;audit&#xa0;: le journal lui-même est rompu.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln transaction(s) match the audit log.</source>
        <translation>
            <numerusform>%Ln transaction correspond au journal d&apos;audit.</numerusform>
            <numerusform>%Ln transactions correspondent au journal d&apos;audit.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Differences from the audit log (the first %1 of %2):</source>
        <translation>Écarts par rapport au journal d&apos;audit (les %1 premiers sur %2)&#xa0;:</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln difference(s) from the audit log:</source>
        <translation>
            <numerusform>%Ln écart par rapport au journal d&apos;audit&#xa0;:</numerusform>
            <numerusform>%Ln écarts par rapport au journal d&apos;audit&#xa0;:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Verify never changes a transaction: the audit log is the evidence.</source>
        <translation>La vérification ne modifie jamais une transaction&#xa0;: le journal d&apos;audit fait foi.</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Not provable: %Ln transaction(s) the audit log never saw, created %1 to %2 (the web app&apos;s own, demo data, or from before XP Admin).</source>
        <translation>
            <numerusform>Non prouvable&#xa0;: %Ln transaction que le journal d&apos;audit n&apos;a jamais vue, créée du %1 au %2 (celles de l&apos;application web, les données de démonstration, ou d&apos;avant XP Admin).</numerusform>
            <numerusform>Non prouvables&#xa0;: %Ln transactions que le journal d&apos;audit n&apos;a jamais vues, créées du %1 au %2 (celles de l&apos;application web, les données de démonstration, ou d&apos;avant XP Admin).</numerusform>
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
        <translation>ligne entière</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>missing</source>
        <translation>manquante</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>removed</source>
        <translation>retirée</translation>
    </message>
</context>
<context>
    <name>RowReconciler</name>
    <message>
        <location filename="../core/ledger/RowReconciler.cpp" line="+140"/>
        <source>The rows that differ from the audit log could not be read: %1</source>
        <translation>Les lignes qui diffèrent du journal d&apos;audit n&apos;ont pas pu être lues&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Schema</name>
    <message>
        <location filename="../core/db/Schema.cpp" line="+130"/>
        <source>The database has some of the ledger&apos;s tables (%1) but not all of %2: it is not a database XP Admin can work on</source>
        <translation>La base de données a certaines des tables du registre (%1) mais pas toutes celles de %2&#xa0;: XP Admin ne peut pas travailler sur cette base</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>%1 (the database has the web app&apos;s tables, but not XP Admin&apos;s audit log; init adds it and leaves those tables as they are)</source>
        <translation>%1 (la base a les tables de l&apos;application web, mais pas le journal d&apos;audit de XP Admin&#xa0;; init l&apos;ajoute et laisse ces tables telles quelles)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>no ledger at %1; create one with `xpadmin-cli init`</source>
        <translation>aucun registre dans %1&#xa0;; créez-en un avec `xpadmin-cli init`</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+35"/>
        <source>The database was set up by a newer XP Admin (schema version %1; this one knows %2): update XP Admin</source>
        <translation>La base de données a été préparée par une version plus récente de XP Admin (version de schéma %1&#x202f;; celle-ci connaît %2)&#xa0;: mettez XP Admin à jour</translation>
    </message>
</context>
<context>
    <name>SetupCommands</name>
    <message>
        <location filename="../app/cli/SetupCommands.cpp" line="+43"/>
        <source>Creates the XP ledger in the database, or migrates XP Admin&apos;s own tables forward, and says what it found. The tables of a database XP Admin did not create (Prisma&apos;s) are never changed.</source>
        <translation>Crée le registre XP dans la base de données, ou fait migrer les tables propres à XP Admin, et indique ce qu&apos;il a trouvé. Les tables d&apos;une base que XP Admin n&apos;a pas créée (celles de Prisma) ne sont jamais modifiées.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Also add the ledger to a database that holds another application&apos;s tables (init names them and refuses without this).</source>
        <translation>Ajouter aussi le registre à une base qui contient les tables d&apos;une autre application (init les nomme et refuse sans cette option).</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+45"/>
        <source>Database:</source>
        <translation>Base de données&#xa0;:</translation>
    </message>
    <message>
        <location line="-44"/>
        <location line="+78"/>
        <source>Server:</source>
        <translation>Serveur&#xa0;:</translation>
    </message>
    <message>
        <location line="-77"/>
        <location line="+99"/>
        <location line="+6"/>
        <source>Ledger tables:</source>
        <translation>Tables du registre&#xa0;:</translation>
    </message>
    <message>
        <location line="-104"/>
        <source>created now</source>
        <translation>créées à l&apos;instant</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+104"/>
        <source>present, created by XP Admin</source>
        <translation>présentes, créées par XP Admin</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>present, created by another application (Prisma): XP Admin leaves them as they are</source>
        <translation>présentes, créées par une autre application (Prisma)&#xa0;: XP Admin les laisse telles quelles</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+104"/>
        <location line="+3"/>
        <location line="+6"/>
        <location line="+4"/>
        <source>Schema version:</source>
        <translation>Version du schéma&#xa0;:</translation>
    </message>
    <message>
        <location line="-116"/>
        <source>%1 (up to date)</source>
        <translation>%1 (à jour)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (XP Admin&apos;s own tables created now)</source>
        <translation>%1 (tables de XP Admin créées à l&apos;instant)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (migrated from %2)</source>
        <translation>%1 (migrée depuis %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+115"/>
        <location line="+2"/>
        <source>Work indexes:</source>
        <translation>Index de travail&#xa0;:</translation>
    </message>
    <message>
        <location line="-116"/>
        <location line="+114"/>
        <source>all present</source>
        <translation>tous présents</translation>
    </message>
    <message>
        <location line="-113"/>
        <source>missing %1 (xpadmin-cli doctor tells how to add them)</source>
        <translation>%1 manquants (xpadmin-cli doctor indique comment les ajouter)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Checks the installation and the database without changing anything: drivers, connection, server version, schema version, who created the ledger, and the indexes the work needs. Exit status 1 when something needs attention, 2 when there is no ledger.</source>
        <translation>Vérifie l&apos;installation et la base sans rien modifier&#xa0;: pilotes, connexion, version du serveur, version du schéma, qui a créé le registre, et les index nécessaires. Code de sortie 1 quand quelque chose demande votre attention, 2 quand il n&apos;y a pas de registre.</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Other tables:</source>
        <translation>Autres tables&#xa0;:</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>XP Admin:</source>
        <translation>XP Admin&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Qt SQL drivers:</source>
        <translation>Pilotes SQL Qt&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none found</source>
        <translation>aucun trouvé</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Result:</source>
        <translation>Résultat&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>needs attention</source>
        <translation>demande votre attention</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+5"/>
        <source>Connection:</source>
        <translation>Connexion&#xa0;:</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>OK, as %1</source>
        <translation>OK, en tant que %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pooler:</source>
        <translation>Pooler&#xa0;:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Changes:</source>
        <translation>Modifications&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not possible here: %1</source>
        <translation>impossible ici&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>missing</source>
        <translation>absentes</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>present, created by another application (Prisma)</source>
        <translation>présentes, créées par une autre application (Prisma)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none: XP Admin&apos;s own tables are missing</source>
        <translation>aucune&#xa0;: les tables de XP Admin sont absentes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XP Admin&apos;s own tables (audit log) are missing: run xpadmin-cli init</source>
        <translation>Les tables de XP Admin (journal d&apos;audit) sont absentes&#xa0;: lancez xpadmin-cli init</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, older than %2</source>
        <translation>%1, plus ancienne que %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XP Admin&apos;s own tables are at version %1: run xpadmin-cli init to migrate them to %2</source>
        <translation>Les tables de XP Admin sont en version %1&#xa0;: lancez xpadmin-cli init pour les faire migrer en %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, newer than this XP Admin (%2)</source>
        <translation>%1, plus récente que ce XP Admin (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database was set up by a newer XP Admin: update XP Admin</source>
        <translation>La base de données a été préparée par une version plus récente de XP Admin&#xa0;: mettez XP Admin à jour</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (current)</source>
        <translation>%1 (actuelle)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>missing %1</source>
        <translation>%1 manquants</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Indexes the ledger&apos;s queries need are missing: %1</source>
        <translation>Des index nécessaires aux requêtes du registre manquent&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Indexes the ledger&apos;s queries need are missing. Add these lines to model UserXP in schema.prisma, then run prisma migrate:</source>
        <translation>Des index nécessaires aux requêtes du registre manquent. Ajoutez ces lignes au model UserXP dans schema.prisma, puis lancez prisma migrate&#xa0;:</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../ui/help/ShortcutsDialog.cpp" line="+68"/>
        <source>Keyboard Shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where</source>
        <translation>Où</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Filter by action, key or place</source>
        <translation>Filtrer par action, touche ou lieu</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>In the Adjust, Roll Back, Delete Source and Restore dialogs, Ctrl+Return confirms and Esc closes without changing anything.</source>
        <translation>Dans les dialogues Ajuster, Révoquer, Supprimer une source et Restaurer, Ctrl+Entrée confirme et Échap ferme sans rien modifier.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Main window</source>
        <translation>Fenêtre principale</translation>
    </message>
</context>
<context>
    <name>SqliteFile</name>
    <message>
        <location filename="../core/db/SqliteFile.cpp" line="+33"/>
        <source>The database file %1 does not exist</source>
        <translation>Le fichier de base de données %1 n&apos;existe pas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot create the folder %1 for the database</source>
        <translation>Impossible de créer le dossier %1 pour la base de données</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is a folder, not a database file</source>
        <translation>%1 est un dossier, pas un fichier de base de données</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Cannot open the database %1: %2</source>
        <translation>Impossible d&apos;ouvrir la base de données %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cannot read the database %1: %2</source>
        <translation>Impossible de lire la base de données %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>it is on a read-only file system</source>
        <translation>il se trouve sur un système de fichiers en lecture seule</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>you may not write to its folder %1, where SQLite keeps its journal</source>
        <translation>vous ne pouvez pas écrire dans son dossier %1, où SQLite tient son journal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>you may not write to the file</source>
        <translation>vous ne pouvez pas écrire dans le fichier</translation>
    </message>
</context>
<context>
    <name>SqliteStatement</name>
    <message>
        <location filename="../core/db/SqliteStatement.cpp" line="+13"/>
        <source>Cannot prepare a bulk insert</source>
        <translation>Impossible de préparer une insertion en masse</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>A bulk insert failed</source>
        <translation>Une insertion en masse a échoué</translation>
    </message>
</context>
<context>
    <name>Standby</name>
    <message>
        <location filename="../core/db/Standby.cpp" line="+11"/>
        <source>A reading standby is for PostgreSQL: both the database and the standby must be PostgreSQL servers</source>
        <translation>La lecture sur un serveur de secours est réservée à PostgreSQL&#xa0;: la base de données et le serveur de secours doivent tous deux être des serveurs PostgreSQL</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>%1 is not a standby: it is a primary server that accepts writes. Reading from a standby needs a hot standby that replays the ledger&apos;s database</source>
        <translation>%1 n&apos;est pas un serveur de secours&#xa0;: c&apos;est un serveur principal qui accepte les écritures. La lecture sur un serveur de secours nécessite un serveur de secours (hot standby) qui rejoue la base de données du registre</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 is a standby of another server: it does not replay the ledger&apos;s database</source>
        <translation>%1 est le serveur de secours d&apos;un autre serveur&#xa0;: il ne rejoue pas la base de données du registre</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is database %2, not the ledger&apos;s database %3</source>
        <translation>%1 est la base de données %2, et non %3, celle du registre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 holds another ledger than the database it should mirror</source>
        <translation>%1 contient un autre registre que la base de données dont il devrait être la réplique</translation>
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
        <translation>L&apos;historique, les totaux, les graphiques, les exportations, les rapports, la recherche d&apos;utilisateurs et la vérification lisent sur le serveur de secours %1&#xa0;; chaque modification est écrite sur %2, et vos propres modifications y sont lues tant que le serveur de secours ne les a pas.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Standby: connecting…</source>
        <translation>Serveur de secours&#xa0;: connexion…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Standby unreachable: reading from the primary</source>
        <translation>Serveur de secours injoignable&#xa0;: lecture sur le serveur principal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1

Reading from the primary until the standby %2 is back.</source>
        <translation>%1

Lecture sur le serveur principal jusqu&apos;au retour du serveur de secours %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Standby: up to date</source>
        <translation>Serveur de secours&#xa0;: à jour</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Standby: %1 behind</source>
        <translation>Serveur de secours&#xa0;: %1 de retard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1

The figures read there are those of %2: changes made on the primary since then are not in them yet.</source>
        <translation>%1

Les chiffres qui y sont lus correspondent à l&apos;état à %2&#xa0;: les modifications faites depuis sur le serveur principal n&apos;y figurent pas encore.</translation>
    </message>
</context>
<context>
    <name>StatementCommands</name>
    <message>
        <location filename="../app/cli/StatementCommands.cpp" line="+26"/>
        <source>added</source>
        <translation>ajoutée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>restored</source>
        <translation>restaurée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>removed</source>
        <translation>supprimée</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>A user&apos;s statement, like a bank statement: the balance before the period, every change in it with the balance after it, who made it and why, transactions removed and restored, subtotals by category and source type, and the balance at the end, which equals the cached total when the period ends now.</source>
        <translation>Le relevé d&apos;un utilisateur, comme un relevé bancaire&#xa0;: le solde avant la période, chaque changement avec le solde qui suit, qui l&apos;a fait et pourquoi, les transactions supprimées et restaurées, les sous-totaux par catégorie et par type de source, et le solde final, égal au total enregistré quand la période se termine maintenant.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The user (required).</source>
        <translation>L&apos;utilisateur (obligatoire).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From this date or date-time on (local time unless it ends in Z); default: from the user&apos;s first transaction.</source>
        <translation>À partir de cette date ou date-heure (heure locale sauf si elle finit par Z)&#xa0;; par défaut&#xa0;: depuis la première transaction de l&apos;utilisateur.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Up to this date (the whole day) or date-time; default: now.</source>
        <translation>Jusqu&apos;à cette date (toute la journée) ou date-heure&#xa0;; par défaut&#xa0;: maintenant.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The period ends at this moment (a date alone: the end of that day), as the ledger stood then; the same as --until for a date-time.</source>
        <translation>La période se termine à ce moment (une date seule&#xa0;: la fin de ce jour), tel qu&apos;était alors le registre&#xa0;; pour une date-heure, comme --until.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write the statement as a PDF to send to the user: their name, the period and the figures.</source>
        <translation>Écrire le relevé en PDF à envoyer à l&apos;utilisateur&#xa0;: son nom, la période et les chiffres.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the statement&apos;s lines as CSV.</source>
        <translation>Écrire les lignes du relevé en CSV.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show transaction and user ids in the PDF.</source>
        <translation>Afficher les identifiants des transactions et de l&apos;utilisateur dans le PDF.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>give the user: --user ID</source>
        <translation>indiquez l&apos;utilisateur&#xa0;: --user ID</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>give the period&apos;s end once: --until or --as-of</source>
        <translation>indiquez la fin de la période une seule fois&#xa0;: --until ou --as-of</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--separator and --bom are for --csv FILE</source>
        <translation>--separator et --bom vont avec --csv FICHIER</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The statement does not reconcile with the ledger: run xpadmin-cli verify, which names what differs.</source>
        <translation>Le relevé ne concorde pas avec le registre&#xa0;: lancez xpadmin-cli verify, qui indique ce qui diffère.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>What changed in the ledger between two moments: the transactions added, removed and restored, and each user&apos;s total before and after, reconciled (before + added - removed = after). The audit events in between are checked against the hash chain.</source>
        <translation>Ce qui a changé dans le registre entre deux moments&#xa0;: les transactions ajoutées, supprimées et restaurées, et le total de chaque utilisateur avant et après, rapproché (avant + ajouté - supprimé = après). Les événements d&apos;audit entre les deux sont vérifiés par rapport à la chaîne de hachage.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The earlier moment (a date alone: the end of that day).</source>
        <translation>Le moment le plus tôt (une date seule&#xa0;: la fin de ce jour).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The later moment.</source>
        <translation>Le moment le plus tard.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only this user.</source>
        <translation>Seulement cet utilisateur.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>give both moments: --from DATE --to DATE</source>
        <translation>indiquez les deux moments&#xa0;: --from DATE --to DATE</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Changes from %1 to %2 (local time)</source>
        <translation>Changements du %1 au %2 (heure locale)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CHANGE</source>
        <translation>CHANGEMENT</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>AMOUNT</source>
        <translation>MONTANT</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+13"/>
        <source>USER</source>
        <translation>UTILISATEUR</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>CREATED</source>
        <translation>CRÉÉE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SOURCE</source>
        <translation>SOURCE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No transaction was added or removed.</source>
        <translation>Aucune transaction n&apos;a été ajoutée ni supprimée.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>BEFORE</source>
        <translation>AVANT</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ADDED</source>
        <translation>AJOUTÉ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>REMOVED</source>
        <translation>SUPPRIMÉ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>AFTER</source>
        <translation>APRÈS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>RECONCILED</source>
        <translation>RAPPROCHÉ</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NO</source>
        <translation>NON</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Audit chain: BROKEN: %1</source>
        <translation>Chaîne d&apos;audit&#xa0;: ROMPUE&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Audit chain: the %n event(s) in between are intact.</source>
        <translation>
            <numerusform>Chaîne d&apos;audit&#xa0;: %n événement entre les deux, intact.</numerusform>
            <numerusform>Chaîne d&apos;audit&#xa0;: les %n événements entre les deux sont intacts.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The audit log begins at %1: before it, rows are placed by their creation time and removals are not known.</source>
        <translation>Le journal d&apos;audit commence le %1&#xa0;: avant, les transactions sont placées selon leur date de création et les suppressions ne sont pas connues.</translation>
    </message>
</context>
<context>
    <name>StatementCsv</name>
    <message>
        <location filename="../core/statement/StatementCsv.cpp" line="+28"/>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>StatementDocument</name>
    <message>
        <location filename="../core/statement/StatementDocument.cpp" line="+60"/>
        <source>Awarded</source>
        <translation>Attribué</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Migrated</source>
        <translation>Migré</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adjusted</source>
        <translation>Ajusté</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Earned in the app</source>
        <translation>Gagné dans l&apos;application</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rolled back</source>
        <translation>Révoqué</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Removed with its source</source>
        <translation>Supprimé avec sa source</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restored</source>
        <translation>Restauré</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Added in the database</source>
        <translation>Ajouté dans la base de données</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deleted in the database</source>
        <translation>Supprimé dans la base de données</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed in the database (was)</source>
        <translation>Modifié dans la base de données (avant)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed in the database (now)</source>
        <translation>Modifié dans la base de données (après)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the app</source>
        <translation>l&apos;application</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>database role %1</source>
        <translation>rôle de base de données %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>database role %1 (%2)</source>
        <translation>rôle de base de données %1 (%2)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>ticket %1</source>
        <translation>ticket %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the first transaction</source>
        <translation>la première transaction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 to %2</source>
        <translation>%1 au %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Added</source>
        <translation>Ajouté</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Removed</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Net</source>
        <translation>Net</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>User id: %1</source>
        <translation>Identifiant&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Period:</source>
        <translation>Période&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opening balance:</source>
        <translation>Solde initial&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Closing balance:</source>
        <translation>Solde final&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Made on:</source>
        <translation>Établi le&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes</source>
        <translation>Changements</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No changes in this period.</source>
        <translation>Aucun changement sur cette période.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Transaction</source>
        <translation>Transaction</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change</source>
        <translation>Changement</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Balance</source>
        <translation>Solde</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By, why</source>
        <translation>Par qui, pourquoi</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>removed later</source>
        <translation>supprimé plus tard</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>By category</source>
        <translation>Par catégorie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By source type</source>
        <translation>Par type de source</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Corrections of the total</source>
        <translation>Corrections du total</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>On %1 the stored total was %2 XP while the transactions added up to %3 XP; it was corrected by %4.</source>
        <translation>Le %1, le total enregistré était de %2 XP alors que les transactions totalisaient %3 XP&#xa0;; il a été corrigé par %4.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Changes before %1, when XP Admin&apos;s audit log began, are shown by the date of their transaction.</source>
        <translation>Les changements antérieurs au %1, début du journal d&apos;audit de XP Admin, figurent à la date de leur transaction.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n change(s) were made by the app itself and are shown by the date of their transaction.</source>
        <translation>
            <numerusform>%n changement vient de l&apos;application elle-même et figure à la date de sa transaction.</numerusform>
            <numerusform>%n changements viennent de l&apos;application elle-même et figurent à la date de leur transaction.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-66"/>
        <location line="+89"/>
        <source>XP statement</source>
        <translation>Relevé d&apos;XP</translation>
    </message>
</context>
<context>
    <name>StatementHeader</name>
    <message>
        <location filename="../ui/statement/StatementHeader.cpp" line="+56"/>
        <source>Opening balance:</source>
        <translation>Solde initial&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closing balance:</source>
        <translation>Solde final&#xa0;:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the first transaction</source>
        <translation>la première transaction</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>now (%1)</source>
        <translation>maintenant (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period: %1 to %2</source>
        <translation>Période&#xa0;: du %1 au %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The audit log is empty: every change is placed by its transaction&apos;s creation time.</source>
        <translation>Le journal d&apos;audit est vide&#xa0;: chaque changement est placé à la date de création de sa transaction.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exact: the audit log, begun %1, records every change made in XP Admin in this period.</source>
        <translation>Exact&#xa0;: le journal d&apos;audit, commencé le %1, enregistre chaque changement fait dans XP Admin sur cette période.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exact from %1, when the audit log began: before then, changes are placed by their transaction&apos;s creation time, and removals are not known.</source>
        <translation>Exact à partir du %1, début du journal d&apos;audit&#xa0;: avant, les changements sont placés à la date de création de leur transaction, et les suppressions ne sont pas connues.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n change(s) were written by the web app outside XP Admin, placed by their creation time.</source>
        <translation>
            <numerusform>%n changement a été écrit par l&apos;application web hors de XP Admin, placé à sa date de création.</numerusform>
            <numerusform>%n changements ont été écrits par l&apos;application web hors de XP Admin, placés à leur date de création.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>On %1 the cached total was %2 XP while the transactions summed to %3 XP; %4 corrected it by %5 XP.</source>
        <translation>Le %1, le total enregistré était de %2 XP alors que les transactions totalisaient %3 XP&#xa0;; %4 l&apos;a corrigé de %5 XP.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>XP Admin</source>
        <translation>XP Admin</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Statement of %1</source>
        <translation>Relevé de %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>User id: %1</source>
        <translation>Identifiant&#xa0;: %1</translation>
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
        <translation>Le registre à la fin de la période totalise %1 XP, et non %2 XP&#xa0;: lancez Vérifier, qui indique ce qui diffère.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The cached total is %1 XP, not %2 XP: run Verify, which sets it right.</source>
        <translation>Le total enregistré est de %1 XP, et non %2 XP&#xa0;: lancez Vérifier, qui le corrige.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The closing balance equals the cached total.</source>
        <translation>Le solde final est égal au total enregistré.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The closing balance is the ledger&apos;s as it stood at the end of the period.</source>
        <translation>Le solde final est celui du registre à la fin de la période.</translation>
    </message>
</context>
<context>
    <name>StatementLauncher</name>
    <message>
        <location filename="../ui/statement/StatementLauncher.cpp" line="+13"/>
        <source>S&amp;tatement…</source>
        <translation>Re&amp;levé…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show the selected user&apos;s statement: every change over a period, with the balance after it, to save as PDF or CSV or to print</source>
        <translation>Afficher le relevé de l&apos;utilisateur sélectionné&#xa0;: chaque changement sur une période, avec le solde qui suit, à enregistrer en PDF ou CSV ou à imprimer</translation>
    </message>
</context>
<context>
    <name>StatementModel</name>
    <message>
        <location filename="../models/StatementModel.cpp" line="+21"/>
        <source>Added in the database</source>
        <translation>Ajouté dans la base de données</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deleted in the database</source>
        <translation>Supprimé dans la base de données</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed in the database (was)</source>
        <translation>Modifié dans la base de données (avant)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed in the database (now)</source>
        <translation>Modifié dans la base de données (après)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Awarded</source>
        <translation>Attribué</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Migrated</source>
        <translation>Migré</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adjusted</source>
        <translation>Ajusté</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Earned in the app</source>
        <translation>Gagné dans l&apos;application</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rolled back</source>
        <translation>Révoqué</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Removed with its source</source>
        <translation>Supprimé avec sa source</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restored</source>
        <translation>Restauré</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The web app</source>
        <translation>L&apos;application web</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database role %1</source>
        <translation>Rôle de base de données %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database role %1 (%2)</source>
        <translation>Rôle de base de données %1 (%2)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 (removed later)</source>
        <translation>%1 (supprimé plus tard)</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Why: %1</source>
        <translation>Pourquoi&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1
Source: %2
Transaction id: %3</source>
        <translation>%1
Source&#xa0;: %2
Identifiant de transaction&#xa0;: %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Removed again later in this period: see the row that removes it.</source>
        <translation>Supprimée plus tard dans cette période&#xa0;: voir la ligne qui la supprime.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Written by the web app, not through XP Admin: placed by its creation time.</source>
        <translation>Écrite par l&apos;application web, pas par XP Admin&#xa0;: placée à sa date de création.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transaction</source>
        <translation>Transaction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Category · source</source>
        <translation>Catégorie · source</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change</source>
        <translation>Changement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Balance</source>
        <translation>Solde</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
</context>
<context>
    <name>StatementQuery</name>
    <message>
        <location filename="../core/statement/StatementQuery.cpp" line="+89"/>
        <source>user</source>
        <translation>utilisateur</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The period is empty: its start %1 is not before its end %2</source>
        <translation>La période est vide&#xa0;: son début %1 n&apos;est pas avant sa fin %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>There is no user %1</source>
        <translation>Il n&apos;y a pas d&apos;utilisateur %1</translation>
    </message>
</context>
<context>
    <name>StatementSubtotalModel</name>
    <message>
        <location filename="../models/StatementSubtotalModel.cpp" line="+83"/>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source type</source>
        <translation>Type de source</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added</source>
        <translation>Ajouté</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Removed</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Net</source>
        <translation>Net</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changes</source>
        <translation>Changements</translation>
    </message>
</context>
<context>
    <name>StatementText</name>
    <message>
        <location filename="../app/cli/StatementText.cpp" line="+22"/>
        <source>Added in the database</source>
        <translation>Ajouté dans la base de données</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>REMOVED in the database</source>
        <translation>SUPPRIMÉ dans la base de données</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed in the database (was)</source>
        <translation>Modifié dans la base de données (avant)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed in the database (now)</source>
        <translation>Modifié dans la base de données (après)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Awarded</source>
        <translation>Attribué</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Migrated</source>
        <translation>Migré</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adjusted</source>
        <translation>Ajusté</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Web app</source>
        <translation>Application web</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>REMOVED (rolled back)</source>
        <translation>SUPPRIMÉ (révoqué)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>REMOVED (source deleted)</source>
        <translation>SUPPRIMÉ (source supprimée)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restored</source>
        <translation>Restauré</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>written by the web app</source>
        <translation>écrit par l&apos;application web</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>database role %1</source>
        <translation>rôle de base de données %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>database role %1 (%2)</source>
        <translation>rôle de base de données %1 (%2)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>ADDED</source>
        <translation>AJOUTÉ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>REMOVED</source>
        <translation>SUPPRIMÉ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NET</source>
        <translation>NET</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CHANGES</source>
        <translation>CHANGEMENTS</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Statement of %1 (user %2)</source>
        <translation>Relevé de %1 (utilisateur %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Period: %1 to %2 (local time)</source>
        <translation>Période&#xa0;: du %1 au %2 (heure locale)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the first transaction</source>
        <translation>la première transaction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>now (%1)</source>
        <translation>maintenant (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opening balance: %1 XP</source>
        <translation>Solde initial&#xa0;: %1 XP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No changes in this period.</source>
        <translation>Aucun changement sur cette période.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>DATE</source>
        <translation>DATE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CHANGE</source>
        <translation>CHANGEMENT</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>BALANCE</source>
        <translation>SOLDE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>WHAT</source>
        <translation>QUOI</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TRANSACTION</source>
        <translation>TRANSACTION</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>BY, WHY</source>
        <translation>PAR QUI, POURQUOI</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(removed later)</source>
        <translation>(supprimée plus tard)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Closing balance: %1 XP</source>
        <translation>Solde final&#xa0;: %1 XP</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (equals the cached total)</source>
        <translation> (égal au total enregistré)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (the cached total is %1: run xpadmin-cli verify)</source>
        <translation> (le total enregistré est %1&#xa0;: lancez xpadmin-cli verify)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CATEGORY</source>
        <translation>CATÉGORIE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SOURCE TYPE</source>
        <translation>TYPE DE SOURCE</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>On %1 the cached total was %2 while the transactions summed to %3 (%4); %5 set it right (%6).</source>
        <translation>Le %1, le total enregistré était %2 alors que les transactions totalisaient %3 (%4)&#xa0;; %5 l&apos;a corrigé (%6).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The audit log is empty: every change is placed by its transaction&apos;s creation time.</source>
        <translation>Le journal d&apos;audit est vide&#xa0;: chaque changement est placé à la date de création de sa transaction.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exact: the audit log, begun %1, records every change of XP Admin in this period.</source>
        <translation>Exact&#xa0;: le journal d&apos;audit, commencé le %1, enregistre chaque changement de XP Admin sur cette période.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exact from %1, when the audit log began: before then, changes are placed by their transaction&apos;s creation time, and removals are not known.</source>
        <translation>Exact à partir du %1, début du journal d&apos;audit&#xa0;: avant, les changements sont placés à la date de création de leur transaction, et les suppressions ne sont pas connues.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n change(s) were written by the web app outside XP Admin, placed by their creation time.</source>
        <translation>
            <numerusform>%n changement a été écrit par l&apos;application web hors de XP Admin, placé à sa date de création.</numerusform>
            <numerusform>%n changements ont été écrits par l&apos;application web hors de XP Admin, placés à leur date de création.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatementWindow</name>
    <message>
        <location filename="../ui/statement/StatementWindow.cpp" line="+60"/>
        <source>&amp;Refresh</source>
        <translation>A&amp;ctualiser</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show &amp;ids in the PDF and the print</source>
        <translation>Afficher les &amp;identifiants dans le PDF et l&apos;impression</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as P&amp;DF…</source>
        <translation>Enregistrer en P&amp;DF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as &amp;CSV…</source>
        <translation>Enregistrer en &amp;CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Print…</source>
        <translation>Im&amp;primer…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Statement</source>
        <translation>Relevé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The days the statement covers, up to today (local time); Custom picks the days</source>
        <translation>Les jours couverts par le relevé, jusqu&apos;à aujourd&apos;hui (heure locale)&#xa0;; Personnalisé choisit les jours</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First day of the statement (from its start, local time)</source>
        <translation>Premier jour du relevé (depuis son début, heure locale)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day of the statement (to its end, local time)</source>
        <translation>Dernier jour du relevé (jusqu&apos;à sa fin, heure locale)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reading the statement…</source>
        <translation>Lecture du relevé…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read the statement again (F5)</source>
        <translation>Relire le relevé (F5)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Transaction and user ids, for a colleague; leave it off for the user</source>
        <translation>Identifiants des transactions et de l&apos;utilisateur, pour un collègue&#xa0;; à laisser désactivé pour l&apos;utilisateur</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A PDF to send to the user: their name, the period and the figures</source>
        <translation>Un PDF à envoyer à l&apos;utilisateur&#xa0;: son nom, la période et les chiffres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every change with the balance after it, for a spreadsheet</source>
        <translation>Chaque changement avec le solde qui suit, pour un tableur</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>The statement could not be read: %1</source>
        <translation>Le relevé n&apos;a pas pu être lu&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Statement of %1</source>
        <translation>Relevé de %1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>statement-%1-%2.%3</source>
        <translation>releve-%1-%2.%3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save Statement as PDF</source>
        <translation>Enregistrer le relevé en PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <source>Saved the statement to %1.</source>
        <translation>Relevé enregistré dans %1.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Save Statement as CSV</source>
        <translation>Enregistrer le relevé en CSV</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Print Statement</source>
        <translation>Imprimer le relevé</translation>
    </message>
</context>
<context>
    <name>Subcommands</name>
    <message>
        <location filename="../app/cli/Subcommands.cpp" line="+22"/>
        <source>%1 or %2</source>
        <translation>%1 ou %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: give a subcommand, %2 (see xpadmin-cli %1 --help)</source>
        <translation>%1&#xa0;: indiquez une sous-commande, %2 (voir xpadmin-cli %1 --help)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: unknown subcommand %2; use %3 (see xpadmin-cli %1 --help)</source>
        <translation>%1&#xa0;: sous-commande inconnue %2&#xa0;; utilisez %3 (voir xpadmin-cli %1 --help)</translation>
    </message>
</context>
<context>
    <name>TableNames</name>
    <message>
        <location filename="../core/db/TableNames.cpp" line="+67"/>
        <source>schema=%1: only a PostgreSQL database has schemas</source>
        <translation>schema=%1&#xa0;: seule une base de données PostgreSQL a des schémas</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>schema=%1 is not a schema name: use letters, digits, _ and - (at most 63), starting with a letter or _</source>
        <translation>schema=%1 n&apos;est pas un nom de schéma&#xa0;: utilisez des lettres, des chiffres, _ et - (63 au plus), en commençant par une lettre ou _</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>schema=%1 is reserved (XP Admin&apos;s own tables or PostgreSQL&apos;s catalogs); name the schema of the web app&apos;s tables</source>
        <translation>schema=%1 est réservé (tables propres à XP Admin ou catalogues de PostgreSQL)&#xa0;; indiquez le schéma des tables de l&apos;application web</translation>
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
        <translation>Les totaux par code de motif portent sur le registre dans son état actuel&#xa0;: retirez le moment passé (--as-of)</translation>
    </message>
</context>
<context>
    <name>TotalsScan</name>
    <message>
        <location filename="../core/ledger/TotalsScan.cpp" line="+37"/>
        <source>The drifted totals could not be read: %1</source>
        <translation>Les totaux divergents n&apos;ont pas pu être lus&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>TransactionListModel</name>
    <message>
        <location filename="../models/TransactionListModel.cpp" line="+52"/>
        <source>User id %1</source>
        <translation>Id utilisateur %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Transaction %1</source>
        <translation>Transaction %1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
</context>
<context>
    <name>Translations</name>
    <message>
        <location filename="Translations.cpp" line="+120"/>
        <source>--lang %1 is not a language XP Admin speaks: give %2</source>
        <translation>--lang %1 n&apos;est pas une langue que parle XP Admin&#xa0;: indiquez %2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The %1 translation is missing from this build</source>
        <translation>La traduction %1 manque dans cette version</translation>
    </message>
</context>
<context>
    <name>UserCommands</name>
    <message>
        <location filename="../app/cli/UserCommands.cpp" line="+65"/>
        <source>Adds a user to the &quot;User&quot; table.</source>
        <translation>Ajoute un utilisateur à la table &quot;User&quot;.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The new user&apos;s id.</source>
        <translation>L&apos;id du nouvel utilisateur.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The user&apos;s email address (unique).</source>
        <translation>L&apos;adresse e-mail de l&apos;utilisateur (unique).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The user&apos;s name (optional).</source>
        <translation>Le nom de l&apos;utilisateur (facultatif).</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Added user %1 (%2)</source>
        <translation>Utilisateur %1 (%2) ajouté</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>Usage: xpadmin-cli [global options] user find TEXT [--limit N]
       xpadmin-cli [global options] user show ID
       xpadmin-cli [global options] user add --id ID --email EMAIL [--name NAME]

Finds users by id, email or name; shows one with their cached total, the sum of their transactions and whether the two agree; or adds one. Run xpadmin-cli user SUBCOMMAND --help for its options.
</source>
        <translation>Utilisation&#xa0;: xpadmin-cli [options globales] user find TEXTE [--limit N]
       xpadmin-cli [options globales] user show ID
       xpadmin-cli [options globales] user add --id ID --email EMAIL [--name NOM]

Trouve des utilisateurs par id, e-mail ou nom&#xa0;; en affiche un avec son total en cache, la somme de ses transactions et si les deux concordent&#xa0;; ou en ajoute un. xpadmin-cli user SOUS-COMMANDE --help affiche ses options.
</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>user: give a subcommand, find, show or add (see xpadmin-cli user --help)</source>
        <translation>user&#xa0;: indiquez une sous-commande, find, show ou add (voir xpadmin-cli user --help)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>user: unknown subcommand %1; use find, show or add (see xpadmin-cli user --help)</source>
        <translation>user&#xa0;: sous-commande inconnue %1&#xa0;; utilisez find, show ou add (voir xpadmin-cli user --help)</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Shows a user: email, name, cached total XP, the sum of the transactions, their count, and whether the cached total differs from the sum. xpadmin-cli user find TEXT tells a user&apos;s id.</source>
        <translation>Affiche un utilisateur&#xa0;: e-mail, nom, total XP en cache, la somme des transactions, leur nombre, et si le total en cache diffère de la somme. xpadmin-cli user find TEXTE donne l&apos;id d&apos;un utilisateur.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The user&apos;s id (or give it without --id).</source>
        <translation>L&apos;id de l&apos;utilisateur (ou donnez-le sans --id).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also the user&apos;s XP and transactions as they stood at this moment (a date alone: the end of that day), rebuilt from the audit log.</source>
        <translation>Aussi l&apos;XP et les transactions de l&apos;utilisateur tels qu&apos;ils étaient à ce moment (une date seule&#xa0;: la fin de ce jour), reconstruits à partir du journal d&apos;audit.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>give the id once: either ID or --id ID</source>
        <translation>donnez l&apos;id une seule fois&#xa0;: soit ID, soit --id ID</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>give the user&apos;s id (xpadmin-cli user find TEXT tells it)</source>
        <translation>donnez l&apos;id de l&apos;utilisateur (xpadmin-cli user find TEXTE le donne)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the id</source>
        <translation>l&apos;id</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Unknown user %1: no user has this id. Find the id with xpadmin-cli user find %2</source>
        <translation>Utilisateur inconnu %1&#xa0;: aucun utilisateur n&apos;a cet id. Trouvez l&apos;id avec xpadmin-cli user find %2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>User:</source>
        <translation>Utilisateur&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email:</source>
        <translation>E-mail&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name:</source>
        <translation>Nom&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total XP:</source>
        <translation>Total XP&#xa0;:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 (cached in UserProfile.totalXP)</source>
        <translation>%1 (en cache dans UserProfile.totalXP)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sum of XP:</source>
        <translation>Somme des XP&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transactions:</source>
        <translation>Transactions&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consistent:</source>
        <translation>Cohérent&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NO: the cached total differs from the sum by %1; run xpadmin-cli recalc --user %2</source>
        <translation>NON&#xa0;: le total en cache diffère de la somme de %1&#x202f;; lancez xpadmin-cli recalc --user %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>XP as of %1:</source>
        <translation>XP, état au %1&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transactions as of %1:</source>
        <translation>Transactions, état au %1&#xa0;:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Lists the users whose id, email or name contains TEXT, ignoring case: an exact id or email first, then the others by name. Shows each user&apos;s id, name, email and total XP; the id is what other commands take (--user ID).</source>
        <translation>Liste les utilisateurs dont l&apos;id, l&apos;e-mail ou le nom contient TEXTE, sans tenir compte de la casse&#xa0;: un id ou un e-mail exact d&apos;abord, puis les autres par nom. Affiche l&apos;id, le nom, l&apos;e-mail et le total XP de chacun&#xa0;; l&apos;id est ce qu&apos;attendent les autres commandes (--user ID).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show at most N users (default %1).</source>
        <translation>Afficher au plus N utilisateurs (par défaut %1).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>give the TEXT to look for: part of an id, an email or a name</source>
        <translation>donnez le TEXTE à chercher&#xa0;: une partie d&apos;un id, d&apos;un e-mail ou d&apos;un nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TEXT</source>
        <translation>TEXTE</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>No user&apos;s id, email or name contains %1.</source>
        <translation>Aucun id, e-mail ou nom d&apos;utilisateur ne contient %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NAME</source>
        <translation>NOM</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>EMAIL</source>
        <translation>E-MAIL</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TOTAL XP</source>
        <translation>TOTAL XP</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Only the first %n users are shown; narrow the search or raise --limit.</source>
        <translation>
            <numerusform>Seul le premier utilisateur (%n) est affiché&#xa0;; affinez la recherche ou augmentez --limit.</numerusform>
            <numerusform>Seuls les %n premiers utilisateurs sont affichés&#xa0;; affinez la recherche ou augmentez --limit.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UserEffectModel</name>
    <message>
        <location filename="../models/UserEffectModel.cpp" line="+51"/>
        <source>%1 (id %2)</source>
        <translation>%1 (id %2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Past the largest total the ledger can hold: the change will be refused</source>
        <translation>Au-delà du plus grand total que le registre peut contenir&#xa0;: la modification sera refusée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The total goes below zero</source>
        <translation>Le total passe sous zéro</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transactions</source>
        <translation>Transactions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Current total</source>
        <translation>Total actuel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change</source>
        <translation>Variation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resulting total</source>
        <translation>Total résultant</translation>
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
        <translation>Nom, e-mail ou identifiant de l&apos;utilisateur</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>User id %1</source>
        <translation>Identifiant d&apos;utilisateur %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+7"/>
        <source>Only events of %1
User id: %2</source>
        <translation>Uniquement les événements de %1
Identifiant de l&apos;utilisateur&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only events of one user: type a name, an email or an id</source>
        <translation>Uniquement les événements d&apos;un utilisateur&#xa0;: saisissez un nom, un e-mail ou un identifiant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only events of the user with id %1</source>
        <translation>Uniquement les événements de l&apos;utilisateur d&apos;identifiant %1</translation>
    </message>
</context>
<context>
    <name>Users</name>
    <message>
        <location filename="../core/users/Users.cpp" line="+14"/>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>email</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>name</source>
        <translation>nom</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A user with id %1 already exists</source>
        <translation>Un utilisateur avec l&apos;id %1 existe déjà</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The email %1 already belongs to user %2</source>
        <translation>L&apos;e-mail %1 appartient déjà à l&apos;utilisateur %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>user added</source>
        <translation>utilisateur ajouté</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <location filename="../models/UsersModel.cpp" line="+127"/>
        <location line="+5"/>
        <source>The cached total %1 differs from the sum %2 of the transactions: run Verify &gt; Repair</source>
        <translation>Le total en cache %1 diffère de la somme %2 des transactions&#xa0;: lancez Vérifier &gt; Réparer les totaux</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>ID</source>
        <translation>Id</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total XP</source>
        <translation>Total XP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transactions</source>
        <translation>Transactions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last activity</source>
        <translation>Dernière activité</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The sum of the user&apos;s transactions at the moment shown. Click to sort: descending gives the leaderboard of then.</source>
        <translation>La somme des transactions de l&apos;utilisateur au moment affiché. Cliquez pour trier&#xa0;: l&apos;ordre décroissant donne le classement d&apos;alors.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The cached total of the user&apos;s profile. Click to sort: descending gives the leaderboard.</source>
        <translation>Le total en cache du profil de l&apos;utilisateur. Cliquez pour trier&#xa0;: l&apos;ordre décroissant donne le classement.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The number of the user&apos;s transactions. Not sortable: sort by ID, email, name or total XP.</source>
        <translation>Le nombre de transactions de l&apos;utilisateur. Non triable&#xa0;: triez par id, e-mail, nom ou total XP.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The time of the user&apos;s latest transaction. Not sortable: sort by ID, email, name or total XP.</source>
        <translation>L&apos;heure de la dernière transaction de l&apos;utilisateur. Non triable&#xa0;: triez par id, e-mail, nom ou total XP.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Click to sort by %1</source>
        <translation>Cliquez pour trier par %1</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>The users could not be read: %1</source>
        <translation>Les utilisateurs n&apos;ont pas pu être lus&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The users could not be counted: %1</source>
        <translation>Les utilisateurs n&apos;ont pas pu être comptés&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The changed users could not be read again: %1</source>
        <translation>Les utilisateurs modifiés n&apos;ont pas pu être relus&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>UsersPane</name>
    <message>
        <location filename="../ui/users/UsersPane.cpp" line="+48"/>
        <source>Search id, email or name</source>
        <translation>Rechercher un id, un e-mail ou un nom</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finds users whose id, email or name contains the text, ignoring case (Ctrl+F). Down moves to the list.</source>
        <translation>Trouve les utilisateurs dont l&apos;id, l&apos;e-mail ou le nom contient le texte, sans tenir compte de la casse (Ctrl+F). La flèche vers le bas passe à la liste.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Find User</source>
        <translation>Rechercher un utilisateur</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search users by id, email or name (Ctrl+F)</source>
        <translation>Rechercher des utilisateurs par id, e-mail ou nom (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;All users</source>
        <translation>&amp;Tous les utilisateurs</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show everyone&apos;s transactions (Alt+A). Clearing the selection (Esc in the list) does the same.</source>
        <translation>Afficher les transactions de tout le monde (Alt+T). Effacer la sélection (Échap dans la liste) fait de même.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The number of users the search finds</source>
        <translation>Le nombre d&apos;utilisateurs trouvés par la recherche</translation>
    </message>
    <message>
        <location line="+200"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%Ln user(s)</source>
        <translation>
            <numerusform>%Ln utilisateur</numerusform>
            <numerusform>%Ln utilisateurs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln user(s) found</source>
        <translation>
            <numerusform>%Ln utilisateur trouvé</numerusform>
            <numerusform>%Ln utilisateurs trouvés</numerusform>
        </translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Not loaded</source>
        <translation>Non chargé</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Users</source>
        <translation>Utilisateurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was changed. Press F5 to try again.</source>
        <translation>Rien n&apos;a été modifié. Appuyez sur F5 pour réessayer.</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <location filename="../core/domain/Validation.cpp" line="+32"/>
        <source>%1 must not be 0</source>
        <translation>%1 ne doit pas valoir 0</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+17"/>
        <source>%1 %2 is out of range: it must be between %3 and %4</source>
        <translation>%1 %2 est hors limites&#xa0;: la valeur doit être comprise entre %3 et %4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 %2 is not a whole number</source>
        <translation>%1 %2 n&apos;est pas un nombre entier</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 is too long: %2 characters, at most %3 are allowed</source>
        <translation>%1 est trop long&#xa0;: %2 caractères, %3 au plus sont autorisés</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 %2 contains a NUL character, which cannot be stored</source>
        <translation>%1 %2 contient un caractère NUL, qui ne peut pas être enregistré</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 %2 is not valid Unicode text</source>
        <translation>%1 %2 n&apos;est pas du texte Unicode valide</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 %2 starts with an invisible byte order mark (U+FEFF), which cannot be stored; remove it</source>
        <translation>%1 %2 commence par une marque d&apos;ordre d&apos;octets invisible (U+FEFF), qui ne peut pas être enregistrée&#x202f;; supprimez-la</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 %2 contains the noncharacter U+FFFE or U+FFFF, which cannot be stored</source>
        <translation>%1 %2 contient le non-caractère U+FFFE ou U+FFFF, qui ne peut pas être enregistré</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is required and must not be empty</source>
        <translation>%1 est obligatoire et ne doit pas être vide</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 %2 is not an email address</source>
        <translation>%1 %2 n&apos;est pas une adresse e-mail</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 %2 is not a source type; valid names are %3</source>
        <translation>%1 %2 n&apos;est pas un type de source&#x202f;; les noms valides sont %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 %2 is not a category; valid names are %3</source>
        <translation>%1 %2 n&apos;est pas une catégorie&#x202f;; les noms valides sont %3</translation>
    </message>
</context>
<context>
    <name>Verifier</name>
    <message>
        <location filename="../core/ledger/Verifier.cpp" line="+143"/>
        <source>audit event %1 was edited: its content no longer matches its hash</source>
        <translation>l&apos;événement d&apos;audit %1 a été modifié&#xa0;: son contenu ne correspond plus à son empreinte</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>audit events %1 to %2 are missing: event %3 follows event %4</source>
        <translation>les événements d&apos;audit %1 à %2 manquent&#xa0;: l&apos;événement %3 suit l&apos;événement %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>audit event %1 is out of order</source>
        <translation>l&apos;événement d&apos;audit %1 n&apos;est pas à sa place</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>audit event %1 does not follow the hash of event %2: an event was inserted, replaced or rewritten there</source>
        <translation>l&apos;événement d&apos;audit %1 ne suit pas l&apos;empreinte de l&apos;événement %2&#xa0;: un événement y a été inséré, remplacé ou réécrit</translation>
    </message>
    <message>
        <location line="-118"/>
        <source>Verification cancelled after %1 events</source>
        <translation>Vérification annulée après %1 événements</translation>
    </message>
</context>
<context>
    <name>VerifyCommand</name>
    <message>
        <location filename="../app/cli/VerifyCommand.cpp" line="+101"/>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>set directly in the database by %1, %2, at %3: %4 -&gt; %5 (audit event %6)</source>
        <translation>fixé directement dans la base de données par %1, %2, le %3&#xa0;: %4 -&gt; %5 (événement d&apos;audit %6)</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+3"/>
        <source>Captured changes:</source>
        <translation>Modifications capturées&#xa0;:</translation>
    </message>
    <message numerus="yes">
        <location line="-2"/>
        <source>%n event(s) sealed into the audit log first</source>
        <translation>
            <numerusform>%n événement scellé d&apos;abord dans le journal d&apos;audit</numerusform>
            <numerusform>%n événements scellés d&apos;abord dans le journal d&apos;audit</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>capture is installed, but this role may not seal its records here: changes made outside XP Admin since the last seal are not in this check</source>
        <translation>la capture est installée, mais ce rôle n&apos;a pas le droit d&apos;en sceller les enregistrements ici&#xa0;: les modifications faites hors de XP Admin depuis le dernier scellement ne sont pas incluses dans cette vérification</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+5"/>
        <source>Transactions:</source>
        <translation>Transactions&#xa0;:</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>not checked against the audit log: the log itself is broken</source>
        <translation>non comparées au journal d&apos;audit&#xa0;: le journal lui-même est rompu</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n transaction(s) match the audit log</source>
        <translation>
            <numerusform>%n transaction correspond au journal d&apos;audit</numerusform>
            <numerusform>%n transactions correspondent au journal d&apos;audit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n difference(s) from the audit log</source>
        <translation>
            <numerusform>%n écart par rapport au journal d&apos;audit</numerusform>
            <numerusform>%n écarts par rapport au journal d&apos;audit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n transaction(s) match it</source>
        <translation>
            <numerusform>%n transaction y correspond</numerusform>
            <numerusform>%n transactions y correspondent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>and %n more (--json lists them all)</source>
        <translation>
            <numerusform>et %n de plus (--json les liste toutes)</numerusform>
            <numerusform>et %n de plus (--json les liste toutes)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Verify never changes a transaction: the audit log is the evidence.</source>
        <translation>La vérification ne modifie jamais une transaction&#xa0;: le journal d&apos;audit fait foi.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not provable:</source>
        <translation>Non prouvable&#xa0;:</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n transaction(s) the audit log never saw, created %1 to %2 (the web app&apos;s own, demo data, or from before XP Admin)</source>
        <translation>
            <numerusform>%n transaction que le journal d&apos;audit n&apos;a jamais vue, créée du %1 au %2 (celles de l&apos;application web, les données de démonstration, ou d&apos;avant XP Admin)</numerusform>
            <numerusform>%n transactions que le journal d&apos;audit n&apos;a jamais vues, créées du %1 au %2 (celles de l&apos;application web, les données de démonstration, ou d&apos;avant XP Admin)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--strict: a transaction the audit log never saw is a problem.</source>
        <translation>--strict&#xa0;: une transaction que le journal d&apos;audit n&apos;a jamais vue est un problème.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Checks that the audit log&apos;s hash chain is intact, that every user&apos;s cached total equals the sum of their transactions, and that every transaction XP Admin wrote or removed is as the audit log last recorded it. Transactions the log never saw are counted as not provable. Exit status 1 when it finds a problem.</source>
        <translation>Vérifie que la chaîne de hachage du journal d&apos;audit est intacte, que le total en cache de chaque utilisateur est égal à la somme de ses transactions, et que chaque transaction écrite ou retirée par XP Admin est telle que le journal d&apos;audit l&apos;a enregistrée en dernier. Les transactions que le journal n&apos;a jamais vues sont comptées comme non prouvables. Code de sortie 1 quand un problème est trouvé.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>First set every drifted total from the sum (audited), then verify again. Transactions that differ from the audit log are never changed.</source>
        <translation>Recalcule d&apos;abord chaque total qui a dérivé à partir de la somme (journalisé), puis vérifie de nouveau. Les transactions qui diffèrent du journal d&apos;audit ne sont jamais modifiées.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Also count transactions the audit log never saw as a problem (exit status 1): for a ledger that only XP Admin writes.</source>
        <translation>Compter aussi comme un problème les transactions que le journal d&apos;audit n&apos;a jamais vues (code de sortie 1)&#xa0;: pour un registre que seul XP Admin écrit.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Also check that the event recorded in FILE (xpadmin-cli audit anchor) is still there with the same hash, so that removing the newest events is found too.</source>
        <translation>Vérifier aussi que l&apos;événement enregistré dans FILE (xpadmin-cli audit anchor) est toujours là avec la même empreinte, afin de détecter aussi la suppression des événements les plus récents.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Totals repaired:</source>
        <translation>Totaux réparés&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>user %1: %2 -&gt; %3</source>
        <translation>utilisateur %1&#xa0;: %2 -&gt; %3</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Verifying: %n audit event(s) checked</source>
        <translation>
            <numerusform>Vérification&#xa0;: %n événement d&apos;audit vérifié</numerusform>
            <numerusform>Vérification&#xa0;: %n événements d&apos;audit vérifiés</numerusform>
        </translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Audit events checked:</source>
        <translation>Événements d&apos;audit vérifiés&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hash chain:</source>
        <translation>Chaîne d&apos;empreintes&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>BROKEN at event %1: %2</source>
        <translation>ROMPUE à l&apos;événement %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>intact</source>
        <translation>intacte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anchor:</source>
        <translation>Ancre&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>holds: %1</source>
        <translation>valide&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BROKEN: %1</source>
        <translation>ROMPUE&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Totals:</source>
        <translation>Totaux&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>every cached total equals the sum of its transactions</source>
        <translation>chaque total en cache est égal à la somme de ses transactions</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>drifted from the sum for %n user(s) (verify --repair fixes them)</source>
        <translation>
            <numerusform>s&apos;écarte de la somme pour %n utilisateur (verify --repair le corrige)</numerusform>
            <numerusform>s&apos;écarte de la somme pour %n utilisateurs (verify --repair les corrige)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>user %1: cached %2, sum %3</source>
        <translation>utilisateur %1&#xa0;: en cache %2, somme %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Closed periods:</source>
        <translation>Périodes clôturées&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>every close holds the totals its audit event anchors</source>
        <translation>chaque clôture contient les totaux qu&apos;ancre son événement d&apos;audit</translation>
    </message>
</context>
<context>
    <name>VerifyResultPanel</name>
    <message>
        <location filename="../ui/audit/VerifyResultPanel.cpp" line="+31"/>
        <location line="+199"/>
        <source>&amp;Repair totals…</source>
        <translation>&amp;Réparer les totaux…</translation>
    </message>
    <message>
        <location line="-178"/>
        <source>Select this event in the table and show its details (Alt+S)</source>
        <translation>Sélectionner cet événement dans la table et afficher ses détails (Alt+A)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cached total</source>
        <translation>Total en cache</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sum of transactions</source>
        <translation>Somme des transactions</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Difference</source>
        <translation>Différence</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Changed directly</source>
        <translation>Modifié directement</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Users whose cached &quot;UserProfile&quot;.&quot;totalXP&quot; differs from the sum of their XP</source>
        <translation>Utilisateurs dont le &quot;UserProfile&quot;.&quot;totalXP&quot; en cache diffère de la somme de leurs XP</translation>
    </message>
    <message numerus="yes">
        <location line="+44"/>
        <source>Chain intact and anchor holds: %Ln event(s) checked; all totals match</source>
        <translation>
            <numerusform>Chaîne intacte et ancre valide&#xa0;: %Ln événement vérifié&#xa0;; tous les totaux concordent</numerusform>
            <numerusform>Chaîne intacte et ancre valide&#xa0;: %Ln événements vérifiés&#xa0;; tous les totaux concordent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Chain intact: %Ln event(s) checked; all totals match</source>
        <translation>
            <numerusform>Chaîne intacte&#xa0;: %Ln événement vérifié&#xa0;; tous les totaux concordent</numerusform>
            <numerusform>Chaîne intacte&#xa0;: %Ln événements vérifiés&#xa0;; tous les totaux concordent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Chain intact: %Ln event(s) checked</source>
        <translation>
            <numerusform>Chaîne intacte&#xa0;: %Ln événement vérifié</numerusform>
            <numerusform>Chaîne intacte&#xa0;: %Ln événements vérifiés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln user(s)&apos; total(s) differ from the sum(s) of their transactions</source>
        <translation>
            <numerusform>Le total de %Ln utilisateur diffère de la somme de ses transactions</numerusform>
            <numerusform>Les totaux de %Ln utilisateurs diffèrent de la somme de leurs transactions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%Ln difference(s) between transactions and the audit log</source>
        <translation>
            <numerusform>%Ln écart entre les transactions et le journal d&apos;audit</numerusform>
            <numerusform>%Ln écarts entre les transactions et le journal d&apos;audit</numerusform>
        </translation>
    </message>
    <message>
        <location line="+61"/>
        <source>by %1, %2</source>
        <translation>par %1, %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Set directly in the database by %1, %2, at %3: %4 → %5 (audit event %6)</source>
        <translation>Fixé directement dans la base de données par %1, %2, le %3&#xa0;: %4 → %5 (événement d&apos;audit %6)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Set each listed user&apos;s cached total to the sum of their transactions (audited as &quot;repair&quot;; Alt+R)</source>
        <translation>Remplacer le total en cache de chaque utilisateur listé par la somme de ses transactions (audité comme «&#xa0;repair&#xa0;»&#x202f;; Alt+R)</translation>
    </message>
    <message>
        <location line="-153"/>
        <source>Hide the verification result</source>
        <translation>Masquer le résultat de la vérification</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Anchor broken at event %1</source>
        <translation>Ancre rompue à l&apos;événement %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Anchor broken</source>
        <translation>Ancre rompue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chain broken at event %1</source>
        <translation>Chaîne rompue à l&apos;événement %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>all totals match</source>
        <translation>tous les totaux concordent</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Anchor: %1.</source>
        <translation>Ancre&#xa0;: %1.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Anchor broken: %1.</source>
        <translation>Ancre rompue&#xa0;: %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1. Events after it were not checked.</source>
        <translation>%1. Les événements suivants n&apos;ont pas été vérifiés.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Show event %1</source>
        <translation>&amp;Afficher l&apos;événement %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cached totals that differ from the sum (the first %1 of %2):</source>
        <translation>Totaux en cache qui diffèrent de la somme (les %1 premiers sur %2)&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cached totals that differ from the sum of the user&apos;s transactions:</source>
        <translation>Totaux en cache qui diffèrent de la somme des transactions de l&apos;utilisateur&#xa0;:</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Repairing…</source>
        <translation>Réparation…</translation>
    </message>
</context>
<context>
    <name>WaitSetting</name>
    <message>
        <location filename="../ui/main/WaitSetting.cpp" line="+30"/>
        <source>&amp;Wait for Locks</source>
        <translation>Attente des &amp;verrous</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n seconde</numerusform>
            <numerusform>%n secondes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How long a change or a report waits for another program that holds the database, before it gives up with nothing changed</source>
        <translation>Combien de temps une modification ou un rapport attend un autre programme qui occupe la base, avant d&apos;abandonner sans rien modifier</translation>
    </message>
</context>
<context>
    <name>WatchCommand</name>
    <message>
        <location filename="../app/cli/WatchCommand.cpp" line="+42"/>
        <source>Prints every change of the ledger as it is made, one line each (with --json one JSON object each), until Ctrl+C. Changes are read from the audit log: XP Admin&apos;s own from every desk, and, with capture installed, those the web app or a database console made. The first line, on stderr, says how changes are noticed.</source>
        <translation>Affiche chaque modification du registre au moment où elle a lieu, une ligne chacune (avec --json, un objet JSON chacune), jusqu&apos;à Ctrl+C. Les modifications sont lues dans le journal d&apos;audit&#xa0;: celles de XP Admin depuis tous les postes et, si la capture est installée, celles faites par l&apos;application web ou une console de base de données. La première ligne, sur stderr, indique comment les modifications sont détectées.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only this user&apos;s events.</source>
        <translation>Uniquement les événements de cet utilisateur.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One JSON object per line: seq, at, action, text, actor, operator, origin, role, application, client, operation_id, user_id, user_name, user_email, xp_id, amount, reason, hash.</source>
        <translation>Un objet JSON par ligne&#xa0;: seq, at, action, text, actor, operator, origin, role, application, client, operation_id, user_id, user_name, user_email, xp_id, amount, reason, hash.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start with the events after event N (0: the whole log) instead of the ones after now.</source>
        <translation>Commencer par les événements qui suivent l&apos;événement N (0&#xa0;: tout le journal) au lieu de ceux qui suivent l&apos;instant présent.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print the alerts the changes raise instead of the changes (the rules of `alerts show`), one line each; with --json the keys of `alerts check --json`. For a monitoring system.</source>
        <translation>Afficher les alertes déclenchées par les modifications au lieu des modifications elles-mêmes (selon les règles de `alerts show`), une ligne chacune&#xa0;; avec --json, les clés de `alerts check --json`. Pour un système de supervision.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--user needs a user id</source>
        <translation>--user nécessite un id d&apos;utilisateur</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Unknown user %1: no such id in &quot;User&quot;</source>
        <translation>Utilisateur inconnu %1&#xa0;: aucun id de ce nom dans &quot;User&quot;</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Connected again. %1</source>
        <translation>Reconnecté. %1</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Cannot read the audit log: %1. The events are shown when it can be read again.</source>
        <translation>Impossible de lire le journal d&apos;audit&#xa0;: %1. Les événements s&apos;afficheront dès qu&apos;il pourra de nouveau être lu.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The audit log can be read again; watching.</source>
        <translation>Le journal d&apos;audit peut de nouveau être lu&#xa0;; surveillance en cours.</translation>
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
        <translation>utilisateur %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>database role %1</source>
        <translation>rôle de base de données %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>database role %1 via %2</source>
        <translation>rôle de base de données %1 via %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (as %2)</source>
        <translation>%1 (en tant que %2)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>awarded %1 to %2</source>
        <translation>a attribué %1 à %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>adjusted %2 by %1</source>
        <translation>a ajusté %2 de %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rolled back %1 of %2</source>
        <translation>a révoqué %1 de %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>deleted %1 of %2 with its source</source>
        <translation>a supprimé %1 de %2 avec sa source</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>restored %1 of %2</source>
        <translation>a restauré %1 de %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>recalculated the total of %1</source>
        <translation>a recalculé le total de %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>every user</source>
        <translation>tous les utilisateurs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>repaired the total of %1</source>
        <translation>a réparé le total de %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>added the user %1</source>
        <translation>a ajouté l&apos;utilisateur %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>imported %1 of legacy XP for %2</source>
        <translation>a importé %1 d&apos;un ancien total pour %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>asked to adjust %2 by %1 (waits for approval)</source>
        <translation>a demandé un ajustement de %1 pour %2 (en attente d&apos;approbation)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>approved an adjustment of %2 by %1</source>
        <translation>a approuvé un ajustement de %1 pour %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rejected an adjustment of %2 by %1</source>
        <translation>a rejeté un ajustement de %1 pour %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>changed the approval threshold</source>
        <translation>a modifié le seuil d&apos;approbation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>changed the reason codes</source>
        <translation>a modifié les codes de motif</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>changed the adjustment limits</source>
        <translation>a modifié les plafonds d&apos;ajustement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>added demo data</source>
        <translation>a ajouté des données de démo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>closed the ledger up to %1</source>
        <translation>a clôturé le registre jusqu&apos;au %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reopened the ledger after %1</source>
        <translation>a rouvert le registre après le %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>inserted %1 for %2 directly in the database</source>
        <translation>a inséré %1 pour %2 directement dans la base de données</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>deleted %1 of %2 directly in the database</source>
        <translation>a supprimé %1 de %2 directement dans la base de données</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>updated a transaction of %2 directly in the database; it was %1</source>
        <translation>a mis à jour une transaction de %2 directement dans la base de données&#xa0;; elle était de %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>updated a transaction of %2 directly in the database; it is now %1</source>
        <translation>a mis à jour une transaction de %2 directement dans la base de données&#xa0;; elle est désormais de %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>deleted the total of %1 directly in the database</source>
        <translation>a supprimé le total de %1 directement dans la base de données</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>set the total of %1 to %2 XP directly in the database, without a transaction</source>
        <translation>a fixé le total de %1 à %2 XP directement dans la base de données, sans transaction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>changed the total of %1 to %2 XP in the database</source>
        <translation>a porté le total de %1 à %2 XP dans la base de données</translation>
    </message>
</context>
<context>
    <name>WhatChangedDialog</name>
    <message>
        <location filename="../ui/diff/WhatChangedDialog.cpp" line="+50"/>
        <source>&amp;Compare</source>
        <translation>&amp;Comparer</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+136"/>
        <location line="+2"/>
        <source>What Changed</source>
        <translation>Ce qui a changé</translation>
    </message>
    <message>
        <location line="-136"/>
        <source>Last hour</source>
        <translation>Dernière heure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 24 hours</source>
        <translation>Dernières 24 heures</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom</source>
        <translation>Personnalisé</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Everyone (or type a name, email or id)</source>
        <translation>Tout le monde (ou tapez un nom, un e-mail ou un identifiant)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;From</source>
        <translation>&amp;Du</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;To</source>
        <translation>&amp;Au</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Period:</source>
        <translation>&amp;Période&#xa0;:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;User:</source>
        <translation>&amp;Utilisateur&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Transactions added, restored or removed</source>
        <translation>Transactions ajoutées, restaurées ou supprimées</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Users: total before and after</source>
        <translation>Utilisateurs&#xa0;: total avant et après</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Comparing…</source>
        <translation>Comparaison…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rebuilding both moments from the audit log…</source>
        <translation>Reconstruction des deux moments à partir du journal d&apos;audit…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not compared: %1</source>
        <translation>Non comparé&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>From %1 to %2: %n transaction(s) changed (%3 added, %4 restored, %5 removed).</source>
        <translation>
            <numerusform>Du %1 au %2&#xa0;: %n transaction a changé (%3 ajoutée, %4 restaurée, %5 supprimée).</numerusform>
            <numerusform>Du %1 au %2&#xa0;: %n transactions ont changé (%3 ajoutées, %4 restaurées, %5 supprimées).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n user(s) changed; every total reconciles (before + added − removed = after).</source>
        <translation>
            <numerusform>%n utilisateur a changé&#xa0;; chaque total est rapproché (avant + ajouté − supprimé = après).</numerusform>
            <numerusform>%n utilisateurs ont changé&#xa0;; chaque total est rapproché (avant + ajouté − supprimé = après).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n user(s) changed; some totals do not reconcile: see the marked rows.</source>
        <translation>
            <numerusform>%n utilisateur a changé&#xa0;; certains totaux ne sont pas rapprochés&#xa0;: voir les lignes marquées.</numerusform>
            <numerusform>%n utilisateurs ont changé&#xa0;; certains totaux ne sont pas rapprochés&#xa0;: voir les lignes marquées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The hash chain is broken at event %1 of the %n event(s) in between: %2</source>
        <translation>
            <numerusform>La chaîne de hachage est rompue à l&apos;événement %1 sur %n événement entre les deux&#xa0;: %2</numerusform>
            <numerusform>La chaîne de hachage est rompue à l&apos;événement %1 sur les %n événements entre les deux&#xa0;: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>The hash chain of the %n audit event(s) in between is intact.</source>
        <translation>
            <numerusform>La chaîne de hachage de %n événement d&apos;audit entre les deux est intacte.</numerusform>
            <numerusform>La chaîne de hachage des %n événements d&apos;audit entre les deux est intacte.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exact from %1; before it, rows are placed by their creation time.</source>
        <translation>Exact à partir du %1&#xa0;; avant, les transactions sont placées selon leur date de création.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The audit log is empty: rows are placed by their creation time, and rows removed are not known.</source>
        <translation>Le journal d&apos;audit est vide&#xa0;: les transactions sont placées selon leur date de création, et celles supprimées ne sont pas connues.</translation>
    </message>
</context>
<context>
    <name>XpEnums</name>
    <message>
        <location filename="../core/domain/XpEnums.cpp" line="+38"/>
        <source>Problem attempt</source>
        <translation>Tentative de problème</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manual adjustment</source>
        <translation>Ajustement manuel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Special achievement</source>
        <translation>Succès spécial</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Daily streak</source>
        <translation>Série quotidienne</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Correct answer</source>
        <translation>Bonne réponse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Streak bonus</source>
        <translation>Bonus de série</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Achievement</source>
        <translation>Succès</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manual</source>
        <translation>Manuel</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/GuiStart.cpp" line="+48"/>
        <source>Administration of the XP ledger.</source>
        <translation>Administration du registre XP.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show the version and exit.</source>
        <translation>Afficher la version et quitter.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database: a file path or postgresql://URL.</source>
        <translation>La base de données&#xa0;: un chemin de fichier ou une URL postgresql://.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A hot standby of the PostgreSQL database given with --db: history, totals, charts, exports, reports and verify read there, every change goes to --db.</source>
        <translation>Un serveur de secours de la base PostgreSQL donnée par --db&#xa0;: l&apos;historique, les totaux, les graphiques, les exportations, les rapports et la vérification y lisent, chaque modification va à --db.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the demo database (created on first use).</source>
        <translation>Ouvrir la base de démonstration (créée à la première utilisation).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your name, as recorded in the audit log.</source>
        <translation>Votre nom, tel qu&apos;il sera consigné dans le journal d&apos;audit.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write one chart to --out without opening a window: category-share, over-time, source-type or top-users.</source>
        <translation>Écrire un graphique dans --out sans ouvrir de fenêtre&#xa0;: category-share, over-time, source-type ou top-users.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --export-chart: chart this user only.</source>
        <translation>Avec --export-chart&#xa0;: représenter uniquement cet utilisateur.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With --export-chart: the first day charted.</source>
        <translation>Avec --export-chart&#xa0;: le premier jour représenté.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With --export-chart: the last day charted.</source>
        <translation>Avec --export-chart&#xa0;: le dernier jour représenté.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With --export-chart: the .png, .svg or .pdf file.</source>
        <translation>Avec --export-chart&#xa0;: le fichier .png, .svg ou .pdf.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The ledger file to open (an SQLite database made by XP Admin).</source>
        <translation>Le fichier de registre à ouvrir (une base de données SQLite créée par XP Admin).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Give one ledger file at a time.</source>
        <translation>Donnez un seul fichier de registre à la fois.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give the ledger either as FILE or with --db, not both.</source>
        <translation>Donnez le registre soit comme FICHIER, soit avec --db, pas les deux.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--read-db needs the URL of a PostgreSQL standby, postgresql://user@host/database.</source>
        <translation>--read-db demande l&apos;URL d&apos;un serveur de secours PostgreSQL, postgresql://user@host/database.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--read-db: %1</source>
        <translation>--read-db&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>--read-db reads from a standby of a PostgreSQL database: give that database with --db URL.</source>
        <translation>--read-db lit sur un serveur de secours d&apos;une base PostgreSQL&#xa0;: donnez cette base avec --db URL.</translation>
    </message>
    <message>
        <location line="-132"/>
        <source>The language of the window: en, de or fr (default: the system&apos;s).</source>
        <translation>La langue de la fenêtre&#xa0;: en, de ou fr (par défaut&#xa0;: celle du système).</translation>
    </message>
</context>
</TS>
