#include "app/cli/WatchEventText.h"

#include "core/domain/Timestamp.h"

#include <QJsonDocument>

namespace {

QJsonObject snapshotOf(const AuditEvent &event)
{
    return QJsonDocument::fromJson(event.snapshot.toUtf8()).object();
}

bool isCaptured(const AuditEvent &event)
{
    return event.action.startsWith(QLatin1String("db-"))
        || snapshotOf(event).value(QStringLiteral("origin")).toString() == QLatin1String("database");
}

QString signedXp(qint64 amount)
{
    return WatchEventText::tr("%1 XP").arg((amount > 0 ? QStringLiteral("+") : QString()) + QString::number(amount));
}

// The user by name and email, else by whichever there is, else by id.
QString userText(const AuditEvent &event)
{
    if (event.userId.isEmpty())
        return {};
    if (!event.userName.isEmpty() && !event.userEmail.isEmpty())
        return QStringLiteral("%1 <%2>").arg(event.userName, event.userEmail);
    if (!event.userName.isEmpty())
        return event.userName;
    if (!event.userEmail.isEmpty())
        return event.userEmail;
    return WatchEventText::tr("user %1").arg(event.userId);
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

// A key of a captured change's snapshot, null when it is not there (a key stays in every object).
QJsonValue fromSnapshot(const QJsonObject &snapshot, bool captured, const QString &key)
{
    const QJsonValue value = snapshot.value(key);
    return captured && !value.isUndefined() ? value : QJsonValue();
}

} // namespace

QString WatchEventText::who(const AuditEvent &event)
{
    if (isCaptured(event)) {
        const QJsonObject snapshot = snapshotOf(event);
        const QString role = snapshot.value(QStringLiteral("role")).toString(event.actor);
        const QString application = snapshot.value(QStringLiteral("application")).toString(event.operatorName);
        return application.isEmpty() ? tr("database role %1").arg(role)
                                     : tr("database role %1 via %2").arg(role, application);
    }
    if (event.operatorName.isEmpty() || event.operatorName == event.actor)
        return event.actor;
    return tr("%1 (as %2)").arg(event.actor, event.operatorName);
}

QString WatchEventText::what(const AuditEvent &event)
{
    const QString user = userText(event);
    const QString amount = event.amount ? signedXp(*event.amount) : QString();
    const QString &a = event.action;
    if (a == QLatin1String("award"))
        return tr("awarded %1 to %2").arg(amount, user);
    if (a == QLatin1String("adjust"))
        return tr("adjusted %2 by %1").arg(amount, user);
    if (a == QLatin1String("rollback"))
        return tr("rolled back %1 of %2").arg(amount, user);
    if (a == QLatin1String("delete-source"))
        return tr("deleted %1 of %2 with its source").arg(amount, user);
    if (a == QLatin1String("restore"))
        return tr("restored %1 of %2").arg(amount, user);
    if (a == QLatin1String("recalc"))
        return tr("recalculated the total of %1").arg(user.isEmpty() ? tr("every user") : user);
    if (a == QLatin1String("repair"))
        return tr("repaired the total of %1").arg(user);
    if (a == QLatin1String("user-add"))
        return tr("added the user %1").arg(user);
    if (a == QLatin1String("import-legacy"))
        return tr("imported %1 of legacy XP for %2").arg(amount, user);
    if (a == QLatin1String("adjust-request"))
        return tr("asked to adjust %2 by %1 (waits for approval)").arg(amount, user);
    if (a == QLatin1String("adjust-approve"))
        return tr("approved an adjustment of %2 by %1").arg(amount, user);
    if (a == QLatin1String("adjust-reject"))
        return tr("rejected an adjustment of %2 by %1").arg(amount, user);
    if (a == QLatin1String("approval-threshold"))
        return tr("changed the approval threshold");
    if (a == QLatin1String("reason-code"))
        return tr("changed the reason codes");
    if (a == QLatin1String("limits-set"))
        return tr("changed the adjustment limits");
    if (a == QLatin1String("demo"))
        return tr("added demo data");
    if (a == QLatin1String("period-close") || a == QLatin1String("period-reopen")) {
        const QString day = snapshotOf(event).value(QStringLiteral("until")).toString();
        return a == QLatin1String("period-close") ? tr("closed the ledger up to %1").arg(day)
                                                  : tr("reopened the ledger after %1").arg(day);
    }
    if (a == QLatin1String("db-insert"))
        return tr("inserted %1 for %2 directly in the database").arg(amount, user);
    if (a == QLatin1String("db-delete"))
        return tr("deleted %1 of %2 directly in the database").arg(amount, user);
    if (a == QLatin1String("db-update-before"))
        return tr("updated a transaction of %2 directly in the database; it was %1").arg(amount, user);
    if (a == QLatin1String("db-update"))
        return tr("updated a transaction of %2 directly in the database; it is now %1").arg(amount, user);
    if (a == QLatin1String("db-total")) {
        if (!event.amount)
            return tr("deleted the total of %1 directly in the database").arg(user);
        const bool direct = snapshotOf(event).value(QStringLiteral("direct")).toBool();
        return direct
            ? tr("set the total of %1 to %2 XP directly in the database, without a transaction")
                  .arg(user, QString::number(*event.amount))
            : tr("changed the total of %1 to %2 XP in the database").arg(user, QString::number(*event.amount));
    }
    // An action this version does not know: its name, the user and the amount as they are.
    QStringList parts{a};
    if (!user.isEmpty())
        parts << user;
    if (!amount.isEmpty())
        parts << amount;
    return parts.join(QLatin1Char(' '));
}

QString WatchEventText::line(const AuditEvent &event)
{
    QString text = QStringLiteral("%1  #%2  %3: %4")
                       .arg(event.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                            QString::number(event.seq), who(event), what(event).trimmed());
    if (!event.reason.isEmpty())
        text += QStringLiteral(": ") + event.reason;
    return text;
}

QJsonObject WatchEventText::json(const AuditEvent &event)
{
    const bool captured = isCaptured(event);
    const QJsonObject snapshot = snapshotOf(event);
    return QJsonObject{
        {QStringLiteral("seq"), event.seq},
        {QStringLiteral("at"), Timestamp::toIso(event.at)},
        {QStringLiteral("action"), event.action},
        {QStringLiteral("text"), what(event).trimmed()},
        {QStringLiteral("actor"), event.actor},
        {QStringLiteral("operator"), event.operatorName},
        {QStringLiteral("origin"), captured ? QStringLiteral("database") : QStringLiteral("xpadmin")},
        {QStringLiteral("role"), fromSnapshot(snapshot, captured, QStringLiteral("role"))},
        {QStringLiteral("application"), fromSnapshot(snapshot, captured, QStringLiteral("application"))},
        {QStringLiteral("client"), fromSnapshot(snapshot, captured, QStringLiteral("client"))},
        {QStringLiteral("operation_id"), event.operationId},
        {QStringLiteral("user_id"), textOrNull(event.userId)},
        {QStringLiteral("user_name"), textOrNull(event.userName)},
        {QStringLiteral("user_email"), textOrNull(event.userEmail)},
        {QStringLiteral("xp_id"), textOrNull(event.xpId)},
        {QStringLiteral("amount"), event.amount ? QJsonValue(*event.amount) : QJsonValue()},
        {QStringLiteral("reason"), event.reason},
        {QStringLiteral("hash"), event.hash},
    };
}
