#include "core/alerts/AlertText.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <optional>

namespace AlertText {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("AlertText", text);
}

QJsonObject snapshotOf(const AuditEvent &event)
{
    return QJsonDocument::fromJson(event.snapshot.toUtf8()).object();
}

// Snapshot numbers are JSON numbers, or strings where they may pass 2^53.
std::optional<qint64> numberIn(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (value.isDouble())
        return qint64(value.toDouble());
    bool ok = false;
    const qint64 parsed = value.toString().toLongLong(&ok);
    return ok ? std::optional<qint64>(parsed) : std::nullopt;
}

QLocale groupedLocale()
{
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return locale;
}

// "Dana awarded +5,000 XP to Bob Smith": what the change was, for a large change.
QString change(const Alert &alert, const QString &actor, const QString &user, const QString &amount)
{
    const QString &action = alert.event.action;
    if (action == QLatin1String("award"))
        return QCoreApplication::translate("AlertText", "%1 awarded %2 XP to %3").arg(actor, amount, user);
    if (action == QLatin1String("adjust"))
        return QCoreApplication::translate("AlertText", "%1 adjusted the XP of %2 by %3").arg(actor, user, amount);
    if (action == QLatin1String("restore"))
        return QCoreApplication::translate("AlertText", "%1 restored a transaction of %2 XP for %3")
            .arg(actor, amount, user);
    if (action == QLatin1String("import-legacy"))
        return QCoreApplication::translate("AlertText", "%1 imported a transaction of %2 XP for %3")
            .arg(actor, amount, user);
    if (action == QLatin1String("rollback") || action == QLatin1String("delete-source"))
        return QCoreApplication::translate("AlertText", "%1 removed a transaction of %2 XP of %3")
            .arg(actor, amount, user);
    if (action == QLatin1String("db-insert"))
        return QCoreApplication::translate("AlertText",
                                           "%1 inserted a transaction of %2 XP for %3 directly in the database")
            .arg(actor, amount, user);
    if (action == QLatin1String("db-delete"))
        return QCoreApplication::translate("AlertText",
                                           "%1 deleted a transaction of %2 XP of %3 directly in the database")
            .arg(actor, amount, user);
    if (action == QLatin1String("db-update"))
        return QCoreApplication::translate("AlertText",
                                           "%1 changed a transaction of %2 directly in the database, to %3 XP")
            .arg(actor, user, amount);
    return QCoreApplication::translate("AlertText", "%1 made a change of %2 XP for %3").arg(actor, amount, user);
}

} // namespace

QString number(qint64 value)
{
    return groupedLocale().toString(value);
}

QString signedAmount(qint64 value)
{
    const QLocale locale = groupedLocale();
    const QString digits = locale.toString(value);
    return value > 0 ? locale.positiveSign() + digits : digits;
}

QString actor(const AuditEvent &event)
{
    const QJsonObject snapshot = snapshotOf(event);
    if (snapshot.value(QStringLiteral("origin")).toString() == QLatin1String("database")) {
        const QString application = snapshot.value(QStringLiteral("application")).toString().trimmed();
        return application.isEmpty() ? tr("database role %1").arg(event.actor)
                                     : tr("database role %1 (%2)").arg(event.actor, application);
    }
    const QString name = event.operatorName.trimmed();
    if (name.isEmpty() || name == event.actor)
        return event.actor;
    return tr("%1 (login %2)").arg(name, event.actor);
}

QString sentence(const Alert &alert)
{
    const AuditEvent &event = alert.event;
    const QString user = alert.user.isEmpty() ? tr("no user") : alert.user;
    switch (alert.rule) {
    case Alert::Rule::LargeChange:
        return tr("%1, above the alert limit of %2 XP for a single change.")
            .arg(change(alert, alert.actor, user, signedAmount(event.amount.value_or(0))), number(alert.limit));
    case Alert::Rule::BusyActor: {
        const QString head = tr("%1 made %2 changes within an hour, more than the alert limit of %3 an hour")
                                 .arg(alert.actor, number(alert.count), number(alert.limit));
        if (!event.amount)
            return tr("%1.").arg(head);
        return tr("%1 (the latest: %2 XP for %3).").arg(head, signedAmount(*event.amount), user);
    }
    case Alert::Rule::DirectTotal: {
        const QJsonObject snapshot = snapshotOf(event);
        const auto before = numberIn(snapshot, QStringLiteral("totalXP_before"));
        const auto after = numberIn(snapshot, QStringLiteral("totalXP_after"));
        if (before && after)
            return tr("%1 changed the total XP of %2 directly in the database, from %3 to %4, with no transaction "
                      "behind it.")
                .arg(alert.actor, user, number(*before), number(*after));
        if (after)
            return tr("%1 set the total XP of %2 directly in the database to %3, with no transaction behind it.")
                .arg(alert.actor, user, number(*after));
        return tr("%1 deleted the total XP of %2 directly in the database.").arg(alert.actor, user);
    }
    }
    return {};
}

} // namespace AlertText
