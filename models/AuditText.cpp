#include "models/AuditText.h"

#include "models/XpFormat.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QJsonObject snapshotObject(const AuditEvent &event)
{
    return QJsonDocument::fromJson(event.snapshot.toUtf8()).object();
}

// Snapshot numbers are written as JSON numbers or, where they may pass 2^53, as strings.
std::optional<qint64> number(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (value.isDouble())
        return qint64(value.toDouble());
    bool ok = false;
    const qint64 parsed = value.toString().toLongLong(&ok);
    return ok ? std::optional<qint64>(parsed) : std::nullopt;
}

QString totalText(const std::optional<qint64> &value)
{
    return value ? XpFormat::total(*value) : QStringLiteral("?");
}

// "Limits of role support: per change none → 2,000 XP, per day none → 5,000 XP".
QString limitsEffect(const QJsonObject &snapshot)
{
    const QJsonObject before = snapshot.value(QStringLiteral("before")).toObject();
    const QJsonObject after = snapshot.value(QStringLiteral("after")).toObject();
    const auto limit = [](const QJsonObject &limits, const QString &key) {
        const auto value = number(limits, key);
        return value ? QCoreApplication::translate("AuditText", "%1 XP").arg(XpFormat::total(*value))
                     : QCoreApplication::translate("AuditText", "no limit");
    };
    const QString subject = snapshot.value(QStringLiteral("subject")).toString();
    const QString whose = snapshot.value(QStringLiteral("scope")).toString() == QLatin1String("role")
        ? QCoreApplication::translate("AuditText", "role %1").arg(subject)
        : QCoreApplication::translate("AuditText", "person %1").arg(subject);
    const QString change = QStringLiteral("perChange");
    const QString day = QStringLiteral("perDay");
    return QCoreApplication::translate("AuditText", "Limits of %1: per change %2 → %3, per day %4 → %5")
        .arg(whose, limit(before, change), limit(after, change), limit(before, day), limit(after, day));
}

// "Correct answer, attempt_642": what the row was for, then its source.
QString rowSubject(const QJsonObject &row)
{
    QString what = row.value(QStringLiteral("description")).toString().trimmed();
    if (what.isEmpty()) {
        if (const auto category = XpEnums::categoryFromName(row.value(QStringLiteral("category")).toString()))
            what = XpEnums::label(*category);
    }
    // A manual adjustment's source is a generated id that says nothing to a person.
    const bool manual = XpEnums::sourceTypeFromName(row.value(QStringLiteral("sourceType")).toString())
        == SourceType::ManualAdjustment;
    const QString source = manual && !what.isEmpty() ? QString() : row.value(QStringLiteral("sourceId")).toString();
    if (what.isEmpty())
        return source;
    return source.isEmpty() ? what : what + QStringLiteral(", ") + source;
}

} // namespace

QString AuditText::actionLabel(const QString &action)
{
    if (action == QLatin1String("award"))
        return tr("Award");
    if (action == QLatin1String("adjust"))
        return tr("Adjustment");
    if (action == QLatin1String("rollback"))
        return tr("Rollback");
    if (action == QLatin1String("delete-source"))
        return tr("Source deleted");
    if (action == QLatin1String("restore"))
        return tr("Restore");
    if (action == QLatin1String("recalc"))
        return tr("Total recalculated");
    if (action == QLatin1String("repair"))
        return tr("Total repaired");
    if (action == QLatin1String("user-add"))
        return tr("User added");
    if (action == QLatin1String("demo"))
        return tr("Demo data");
    if (action == QLatin1String("import-legacy"))
        return tr("Legacy import");
    if (action == QLatin1String("adjust-request"))
        return tr("Approval requested");
    if (action == QLatin1String("adjust-approve"))
        return tr("Approved");
    if (action == QLatin1String("adjust-reject"))
        return tr("Rejected");
    if (action == QLatin1String("approval-threshold"))
        return tr("Approval threshold");
    if (action == QLatin1String("db-insert"))
        return tr("Added in the database");
    if (action == QLatin1String("db-delete"))
        return tr("Deleted in the database");
    if (action == QLatin1String("db-update-before"))
        return tr("Changed in the database (was)");
    if (action == QLatin1String("db-update"))
        return tr("Changed in the database");
    if (action == QLatin1String("db-total"))
        return tr("Total changed in the database");
    if (action == QLatin1String("capture-install"))
        return tr("Capture installed");
    if (action == QLatin1String("capture-remove"))
        return tr("Capture removed");
    if (action == QLatin1String("alert-rules"))
        return tr("Alert rules");
    if (action == QLatin1String("reason-code"))
        return tr("Reason codes");
    if (action == QLatin1String("period-close"))
        return tr("Period closed");
    if (action == QLatin1String("period-reopen"))
        return tr("Period reopened");
    if (action == QLatin1String("limits-set"))
        return tr("Limits");
    return action;
}

QString AuditText::actionDescription(const QString &action)
{
    if (action == QLatin1String("award"))
        return tr("XP awarded for a problem attempt, achievement or streak");
    if (action == QLatin1String("adjust"))
        return tr("A manual adjustment, or a row of an import");
    if (action == QLatin1String("rollback"))
        return tr("A transaction removed; it can be restored");
    if (action == QLatin1String("delete-source"))
        return tr("Every transaction of one source removed; they can be restored");
    if (action == QLatin1String("restore"))
        return tr("A removed transaction put back");
    if (action == QLatin1String("recalc"))
        return tr("A user's cached total set to the sum of their transactions");
    if (action == QLatin1String("repair"))
        return tr("A drifted cached total set to the sum of the user's transactions after a check");
    if (action == QLatin1String("user-add"))
        return tr("A user created");
    if (action == QLatin1String("demo"))
        return tr("Demo users and transactions generated");
    if (action == QLatin1String("import-legacy"))
        return tr("A transaction from a legacy export, with its user where it was created");
    if (action == QLatin1String("adjust-request"))
        return tr("An adjustment above the approval threshold or a limit, held until an admin decides");
    if (action == QLatin1String("adjust-approve"))
        return tr("A held adjustment approved and applied");
    if (action == QLatin1String("adjust-reject"))
        return tr("A held adjustment rejected; nothing was applied");
    if (action == QLatin1String("approval-threshold"))
        return tr("The amount above which adjustments need approval was changed");
    if (action == QLatin1String("db-insert"))
        return tr("A transaction added outside XP Admin (the web app or a database console), captured");
    if (action == QLatin1String("db-delete"))
        return tr("A transaction deleted outside XP Admin, captured");
    if (action == QLatin1String("db-update-before"))
        return tr("A transaction changed outside XP Admin: how it was before");
    if (action == QLatin1String("db-update"))
        return tr("A transaction changed outside XP Admin: how it is after");
    if (action == QLatin1String("db-total"))
        return tr("A user's cached total written outside XP Admin, captured");
    if (action == QLatin1String("capture-install"))
        return tr("Capture of changes made outside XP Admin switched on");
    if (action == QLatin1String("capture-remove"))
        return tr("Capture of changes made outside XP Admin switched off");
    if (action == QLatin1String("reason-code"))
        return tr("A reason code for manual changes was added, changed or retired, or the ticket link pattern was "
                  "set");
    if (action == QLatin1String("alert-rules"))
        return tr("The rules that raise alerts (large change, many changes an hour, direct change of a total) "
                  "were changed");
    if (action == QLatin1String("period-close"))
        return tr("The ledger closed up to a day: nothing dated up to then may change; every user's total kept");
    if (action == QLatin1String("period-reopen"))
        return tr("The end of the closed period moved back to an earlier day: what is after it is open again");
    if (action == QLatin1String("limits-set"))
        return tr("The most XP a role or a person may move per adjustment or per day without approval was changed");
    return {};
}

QString AuditText::actor(const AuditEvent &event)
{
    // A change captured in the database: its role, and the application it came through.
    if (event.action.startsWith(QLatin1String("db-")))
        return event.operatorName.trimmed().isEmpty() ? event.actor
                                                      : tr("%1 (%2)").arg(event.actor, event.operatorName);
    return event.operatorName.trimmed().isEmpty() ? event.actor : event.operatorName;
}

QString AuditText::user(const AuditEvent &event)
{
    if (event.userId.isEmpty())
        return {};
    return XpFormat::user(event.userId, event.userName, event.userEmail);
}

QString AuditText::rowEffect(const AuditEvent &event)
{
    const QJsonObject row = snapshotObject(event);
    const std::optional<qint64> amount = event.amount ? event.amount : number(row, QStringLiteral("amount"));
    const QString signedAmount = amount ? XpFormat::signedAmount(*amount) : QStringLiteral("?");
    const QString subject = rowSubject(row);
    QString line;
    if (event.action == QLatin1String("rollback") || event.action == QLatin1String("delete-source"))
        line = tr("Transaction %1 removed: %2").arg(signedAmount, subject);
    else if (event.action == QLatin1String("restore"))
        line = tr("Transaction %1 restored: %2").arg(signedAmount, subject);
    else if (event.action == QLatin1String("import-legacy"))
        line = tr("Transaction %1 imported: %2").arg(signedAmount, subject);
    else
        line = tr("Transaction %1 added: %2").arg(signedAmount, subject);
    const QJsonObject created = row.value(QStringLiteral("createdUser")).toObject();
    if (!created.isEmpty()) {
        const QString who = XpFormat::user(created.value(QStringLiteral("id")).toString(),
                                           created.value(QStringLiteral("name")).toString(),
                                           created.value(QStringLiteral("email")).toString());
        line += QLatin1Char('\n') + tr("User %1 created").arg(who);
    }
    // Events recorded before totals were kept in row snapshots have none: nothing to show then.
    const std::optional<qint64> before = number(row, QStringLiteral("totalXP_before"));
    const std::optional<qint64> after = number(row, QStringLiteral("totalXP_after"));
    if (before && after)
        line += QLatin1Char('\n') + tr("Total XP %1 → %2").arg(XpFormat::total(*before), XpFormat::total(*after));
    return line;
}

QString AuditText::requestEffect(const AuditEvent &event)
{
    const QJsonObject request = snapshotObject(event);
    const std::optional<qint64> amount = event.amount ? event.amount : number(request, QStringLiteral("amount"));
    const QString signedAmount = amount ? XpFormat::signedAmount(*amount) : QStringLiteral("?");
    const QString subject = rowSubject(request);
    if (event.action == QLatin1String("adjust-request"))
        return tr("Adjustment %1 held for approval, not applied: %2").arg(signedAmount, subject);
    if (event.action == QLatin1String("adjust-approve"))
        return tr("Held adjustment %1 approved and applied: %2").arg(signedAmount, subject);
    return tr("Held adjustment %1 rejected, not applied: %2").arg(signedAmount, subject);
}

QString AuditText::alertRulesEffect(const QJsonObject &snapshot)
{
    const QJsonObject before = snapshot.value(QStringLiteral("before")).toObject();
    const QJsonObject after = snapshot.value(QStringLiteral("after")).toObject();
    const auto limit = [](const QJsonObject &rules, const QString &key, const QString &unit) {
        const qint64 value = number(rules, key).value_or(0);
        return value > 0 ? unit.arg(XpFormat::total(value)) : tr("off");
    };
    const auto onOff = [](const QJsonObject &rules) {
        return rules.value(QStringLiteral("directTotal")).toBool() ? tr("on") : tr("off");
    };
    QStringList lines;
    const QString change = QStringLiteral("maxChange");
    const QString hour = QStringLiteral("maxPerHour");
    if (number(before, change) != number(after, change))
        lines << tr("Alert on a single change above: %1 → %2")
                     .arg(limit(before, change, tr("%1 XP")), limit(after, change, tr("%1 XP")));
    if (number(before, hour) != number(after, hour))
        lines << tr("Alert on more changes by one actor in an hour than: %1 → %2")
                     .arg(limit(before, hour, QStringLiteral("%1")), limit(after, hour, QStringLiteral("%1")));
    if (onOff(before) != onOff(after))
        lines << tr("Alert on a direct change of a total: %1 → %2").arg(onOff(before), onOff(after));
    return lines.isEmpty() ? tr("Alert rules set, unchanged") : lines.join(QLatin1Char('\n'));
}

QString AuditText::databaseOrigin(const AuditEvent &event)
{
    const QJsonObject snapshot = snapshotObject(event);
    if (snapshot.value(QStringLiteral("origin")).toString() != QLatin1String("database"))
        return {};
    const QString role = snapshot.value(QStringLiteral("role")).toString();
    const QString application = snapshot.value(QStringLiteral("application")).toString();
    const QString client = snapshot.value(QStringLiteral("client")).toString();
    const QString from = client == QLatin1String("local") ? tr("on the database server") : tr("from %1").arg(client);
    if (application.isEmpty())
        return tr("Changed in the database by %1, %2").arg(role, from);
    return tr("Changed in the database by %1 (%2), %3").arg(role, application, from);
}

QString AuditText::databaseEffect(const AuditEvent &event)
{
    const QJsonObject snapshot = snapshotObject(event);
    QString line;
    if (event.action == QLatin1String("db-total")) {
        const QJsonValue before = snapshot.value(QStringLiteral("totalXP_before"));
        const QJsonValue after = snapshot.value(QStringLiteral("totalXP_after"));
        if (before.isNull())
            line = tr("Total XP set to %1 (a new profile)")
                       .arg(totalText(number(snapshot, QStringLiteral("totalXP_after"))));
        else if (after.isNull())
            line = tr("Profile deleted (total XP was %1)")
                       .arg(totalText(number(snapshot, QStringLiteral("totalXP_before"))));
        else
            line = tr("Total XP %1 → %2")
                       .arg(totalText(number(snapshot, QStringLiteral("totalXP_before"))),
                            totalText(number(snapshot, QStringLiteral("totalXP_after"))));
        if (snapshot.value(QStringLiteral("direct")).toBool())
            line += QLatin1Char('\n') + tr("Set directly: no transaction of the user changed with it");
    } else {
        const std::optional<qint64> amount = event.amount ? event.amount : number(snapshot, QStringLiteral("amount"));
        const QString signedAmount = amount ? XpFormat::signedAmount(*amount) : QStringLiteral("?");
        const QString subject = rowSubject(snapshot);
        if (event.action == QLatin1String("db-insert"))
            line = tr("Transaction %1 added: %2").arg(signedAmount, subject);
        else if (event.action == QLatin1String("db-delete"))
            line = tr("Transaction %1 deleted: %2").arg(signedAmount, subject);
        else if (event.action == QLatin1String("db-update-before"))
            line = tr("Transaction was %1: %2").arg(signedAmount, subject);
        else
            line = tr("Transaction is now %1: %2").arg(signedAmount, subject);
    }
    return databaseOrigin(event) + QLatin1Char('\n') + line;
}

QString AuditText::reasonCodeEffect(const QJsonObject &snapshot)
{
    const QString change = snapshot.value(QStringLiteral("change")).toString();
    const QString code = snapshot.value(QStringLiteral("code")).toString();
    const QString label = snapshot.value(QStringLiteral("label")).toString();
    const QString ticket
        = snapshot.value(QStringLiteral("ticketRequired")).toBool() ? tr(", a ticket required") : QString();
    if (change == QLatin1String("added"))
        return tr("Reason code %1 added: %2%3").arg(code, label, ticket);
    if (change == QLatin1String("retired"))
        return tr("Reason code %1 retired: %2").arg(code, label);
    if (change == QLatin1String("changed"))
        return tr("Reason code %1 changed: %2 → %3%4")
            .arg(code, snapshot.value(QStringLiteral("before")).toObject().value(QStringLiteral("label")).toString(),
                 label, ticket);
    const QString after = snapshot.value(QStringLiteral("after")).toString();
    return after.isEmpty() ? tr("Ticket ids are shown as text") : tr("Ticket links: %1").arg(after);
}

QString AuditText::effect(const AuditEvent &event)
{
    const QString &action = event.action;
    const QJsonObject snapshot = snapshotObject(event);
    if (action.startsWith(QLatin1String("db-")) && !databaseOrigin(event).isEmpty())
        return databaseEffect(event);
    if (action == QLatin1String("capture-install"))
        return tr("Changes made outside XP Admin to %1 are captured from now on")
            .arg(snapshot.value(QStringLiteral("tables")).toString());
    if (action == QLatin1String("capture-remove"))
        return tr("Changes made outside XP Admin are no longer captured");
    if (action == QLatin1String("recalc") || action == QLatin1String("repair")) {
        return tr("Total XP %1 → %2 (set to the sum of the user's transactions)")
            .arg(totalText(number(snapshot, QStringLiteral("totalXP_before"))),
                 totalText(number(snapshot, QStringLiteral("totalXP_after"))));
    }
    if (action == QLatin1String("user-add")) {
        const QString email = snapshot.value(QStringLiteral("email")).toString();
        const QString name = snapshot.value(QStringLiteral("name")).toString();
        if (!name.isEmpty() && !email.isEmpty())
            return tr("User added: %1 <%2>").arg(name, email);
        return tr("User added: %1").arg(XpFormat::user(event.userId, name, email));
    }
    if (action == QLatin1String("demo")) {
        const qint64 users = number(snapshot, QStringLiteral("users")).value_or(0);
        const qint64 transactions = number(snapshot, QStringLiteral("transactions")).value_or(0);
        // Demo data is generated in bulk: never a single user or transaction.
        return tr("Demo data generated: %1 users, %2 transactions, %3 XP in all")
            .arg(XpFormat::total(users), XpFormat::total(transactions),
                 totalText(number(snapshot, QStringLiteral("totalXP"))));
    }
    if (action == QLatin1String("approval-threshold")) {
        auto threshold = [&snapshot](const QString &key) {
            const auto value = number(snapshot, key);
            return value ? tr("%1 XP").arg(XpFormat::total(*value)) : tr("off");
        };
        return tr("Approval threshold %1 → %2")
            .arg(threshold(QStringLiteral("before")), threshold(QStringLiteral("after")));
    }
    if (action == QLatin1String("alert-rules"))
        return alertRulesEffect(snapshot);
    if (action == QLatin1String("reason-code"))
        return reasonCodeEffect(snapshot);
    if (action == QLatin1String("period-close") || action == QLatin1String("period-reopen"))
        return (action == QLatin1String("period-close") ? tr("Closed up to %1: %2 users' totals kept, %3 XP in all")
                                                        : tr("Reopened after %1: %2 users' totals kept, %3 XP in all"))
            .arg(snapshot.value(QStringLiteral("until")).toString(),
                 XpFormat::total(number(snapshot, QStringLiteral("users")).value_or(0)),
                 totalText(number(snapshot, QStringLiteral("sum"))));
    if (action == QLatin1String("limits-set"))
        return limitsEffect(snapshot);
    if (action == QLatin1String("adjust-request") || action == QLatin1String("adjust-approve")
        || action == QLatin1String("adjust-reject"))
        return requestEffect(event);
    if (snapshot.contains(QStringLiteral("sourceId")))
        return rowEffect(event);
    // An action this version does not know: what was recorded, plainly.
    if (event.amount)
        return tr("%1: %2").arg(actionLabel(action), XpFormat::signedAmount(*event.amount));
    return event.reason.isEmpty() ? actionLabel(action) : event.reason;
}
